import { describe, expect, it } from 'vitest';
import type { SpendBaseline } from '#shared/domain/baselines.ts';
import type { AuditEntry, Occurrence, RiskCase } from '#shared/domain/case.ts';
import type { Campaign } from '#shared/domain/catalogue.ts';
import type { Review } from '#shared/domain/review.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { nextSpendBaseline } from '#shared/domain/spend-model.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { CaseQuery, StoredEvent } from '#shared/ports.ts';
import type { SpendSnapshot } from '#shared/schemas/overviews.ts';
import {
  type Bounded,
  brandOverview,
  campaignOverview,
  campaignPacing,
  channelPacing,
  copyOverview,
  eventRefKey,
  heatMap,
  heatRange,
  isoWeekName,
  mergeTimeline,
  type OverviewDeps,
  type OverviewReader,
  overlapsCampaign,
  spendSeries,
} from '#shared/use-cases/overviews.ts';
import { assessment, finding, spendEvent } from '../../fixtures/events.ts';

const riskCase = (caseId: string, overrides: Partial<RiskCase> = {}): RiskCase => ({
  caseId,
  riskType: 'budget',
  subject: {
    key: `spend|cmp-1|facebook`,
    label: 'campaign cmp-1 on facebook',
    campaignId: 'cmp-1',
    channel: 'facebook',
  },
  level: 'yellow',
  probability: 'medium',
  impact: 'moderate',
  status: 'open',
  occurrences: 1,
  firstSeenAt: '2026-11-10T00:00:00.000Z',
  lastSeenAt: '2026-11-20T00:00:00.000Z',
  createdAt: '2026-11-10T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  findings: [],
  escalationCount: 0,
  version: 1,
  ...overrides,
});

const audit = (caseId: string, at: string, action: AuditEntry['action'], extra: Partial<AuditEntry> = {}) =>
  ({ caseId, at, actor: 'client:cms', action, ...extra }) satisfies AuditEntry;

const occurrence = (caseId: string, eventId: string, occurredAt: string, level = 'yellow'): Occurrence => ({
  caseId,
  eventId,
  clientId: 'ads',
  type: 'spend',
  source: 'meta-ads',
  occurredAt,
  receivedAt: occurredAt,
  level,
  ruleIds: [],
});

const all = <T>(items: readonly T[]): Bounded<T> => ({ items, more: false });

describe('Function: mergeTimeline', () => {
  it('merges every trail oldest first, with the level each line moved the case to, else the level now', () => {
    // Prepare
    const spend = riskCase('case-s', { level: 'red' });
    const copy = riskCase('case-c', { riskType: 'compliance', level: 'yellow' });
    const audits = new Map([
      [
        'case-s',
        all([
          audit('case-s', '2026-11-10T00:00:00.000Z', 'opened', { to: 'yellow' }),
          audit('case-s', '2026-11-15T00:00:00.000Z', 'level-rose', { from: 'yellow', to: 'red' }),
          audit('case-s', '2026-11-16T00:00:00.000Z', 'acknowledged', { actor: 'user:mai', note: 'On it' }),
        ]),
      ],
      [
        'case-c',
        all([audit('case-c', '2026-11-12T00:00:00.000Z', 'review-decided', { actor: 'user:lena' })]),
      ],
    ]);

    // Act
    const timeline = mergeTimeline([spend, copy], audits, 100);

    // Assess
    expect(timeline.more).toBe(false);
    expect(timeline.items.map((entry) => [entry.caseId, entry.action, entry.riskType, entry.level])).toEqual([
      ['case-s', 'opened', 'budget', 'yellow'],
      ['case-c', 'review-decided', 'compliance', 'yellow'],
      ['case-s', 'level-rose', 'budget', 'red'],
      ['case-s', 'acknowledged', 'budget', 'red'],
    ]);
    expect(timeline.items[3]).toMatchObject({ actor: 'user:mai', note: 'On it' });
  });

  it('keeps the latest lines past the cap and says it cut the list', () => {
    // Prepare
    const value = riskCase('case-s');
    const lines = Array.from({ length: 5 }, (_, day) =>
      audit('case-s', `2026-11-1${day}T00:00:00.000Z`, 'escalated'),
    );

    // Act
    const timeline = mergeTimeline([value], new Map([['case-s', all(lines)]]), 3);

    // Assess
    expect(timeline.more).toBe(true);
    expect(timeline.items.map((entry) => entry.at.slice(0, 10))).toEqual([
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
    ]);
  });
});

const storedSpend = (
  eventId: string,
  occurredAt: string,
  actualSpend: number,
  channel = 'facebook',
): StoredEvent => ({
  clientId: 'ads',
  event: { ...spendEvent({ actualSpend, channel }, eventId), occurredAt },
  assessment: assessment([finding()]),
  caseId: 'case-s',
  receivedAt: occurredAt,
});

describe('Function: spendSeries', () => {
  it("lists each channel's reports oldest first from the occurrences' stored events, skipping unreadable ones", () => {
    // Prepare
    const facebook = riskCase('case-s');
    const google = riskCase('case-g', {
      subject: { key: 'spend|cmp-1|google', label: '', channel: 'google' },
    });
    const events = new Map(
      [
        storedSpend('e-2', '2026-11-12T00:00:00.000Z', 6000),
        storedSpend('e-1', '2026-11-11T00:00:00.000Z', 5000),
        storedSpend('e-3', '2026-11-12T00:00:00.000Z', 900, 'google'),
      ].map((stored) => [eventRefKey({ clientId: stored.clientId, eventId: stored.event.eventId }), stored]),
    );
    const occurrences = new Map([
      [
        'case-s',
        all([
          occurrence('case-s', 'e-2', '2026-11-12T00:00:00.000Z', 'red'),
          occurrence('case-s', 'e-1', '2026-11-11T00:00:00.000Z'),
          occurrence('case-s', 'e-gone', '2026-11-13T00:00:00.000Z'),
        ]),
      ],
      ['case-g', { items: [occurrence('case-g', 'e-3', '2026-11-12T00:00:00.000Z')], more: true }],
    ]);

    // Act
    const series = spendSeries([facebook, google], occurrences, events);

    // Assess
    expect(series.more).toBe(true);
    expect(
      series.channels
        .get('facebook')
        ?.snapshots.map((s) => [s.eventId, s.actualSpend, s.plannedBudget, s.level]),
    ).toEqual([
      ['e-1', 5000, 10000, 'yellow'],
      ['e-2', 6000, 10000, 'red'],
    ]);
    expect(series.channels.get('facebook')?.snapshots[0]).toMatchObject({ conversions: 80, currency: 'USD' });
    expect(series.channels.get('google')?.snapshots.map((s) => s.actualSpend)).toEqual([900]);
  });
});

/** The baseline the spend model learns from a report a day of `daily` from 1 November. */
const learnt = (days: number, daily: number): SpendBaseline | undefined => {
  let baseline: SpendBaseline | undefined;
  for (let day = 1; day <= days; day += 1) {
    const at = `2026-11-${String(day + 1).padStart(2, '0')}T00:00:00.000Z`;
    baseline = nextSpendBaseline(
      baseline,
      spendEvent({ actualSpend: daily * day }).spend,
      at,
      DEFAULT_SPEND_THRESHOLDS,
    );
  }
  return baseline;
};

const snapshot = (overrides: Partial<SpendSnapshot> = {}): SpendSnapshot => ({
  at: '2026-11-11T00:00:00.000Z',
  eventId: 'e-10',
  caseId: 'case-s',
  actualSpend: 3000,
  plannedBudget: 10000,
  currency: 'USD',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  level: 'yellow',
  ...overrides,
});

describe('Function: channelPacing', () => {
  const now = new Date('2026-11-16T00:00:00Z');

  it('puts the spent share against the elapsed share and forecasts the period end from the learnt pace', () => {
    // Prepare: 300 a day for 10 days, 3,000 of 10,000 spent after a third of November.
    const baseline = learnt(10, 300);

    // Act
    const pacing = channelPacing(snapshot(), baseline, DEFAULT_SPEND_THRESHOLDS, now);

    // Assess
    expect(pacing.spentShare).toBeCloseTo(0.3, 6);
    expect(pacing.elapsedShare).toBeCloseTo(10 / 30, 6);
    expect(pacing.elapsedShareNow).toBeCloseTo(15 / 30, 6);
    // 20 days left at 300 a day: about 9,000 at the end of the period.
    expect(pacing.forecast?.projected).toBeGreaterThan(8500);
    expect(pacing.forecast?.projected).toBeLessThan(9500);
    expect(pacing.forecast?.low).toBeLessThanOrEqual(pacing.forecast?.projected ?? 0);
    expect(pacing.forecast?.interval).toBe(DEFAULT_SPEND_THRESHOLDS.pacing.interval);
    expect(pacing.forecast?.projectedOverrunRatio).toBeCloseTo(
      (pacing.forecast?.projected ?? 0) / 10000 - 1,
      9,
    );
  });

  it('has no forecast before the model rests on enough days, nor once the period is over', () => {
    // Prepare: two days into the period; and a report after it ended.
    const early = snapshot({ at: '2026-11-03T00:00:00.000Z', actualSpend: 600 });
    const over = snapshot({ at: '2026-12-02T00:00:00.000Z', actualSpend: 9900 });

    // Act
    const first = channelPacing(early, undefined, DEFAULT_SPEND_THRESHOLDS, now);
    const after = channelPacing(over, learnt(10, 300), DEFAULT_SPEND_THRESHOLDS, now);

    // Assess
    expect(first.forecast).toBeUndefined();
    expect(first.spentShare).toBeCloseTo(0.06, 9);
    expect(after.forecast).toBeUndefined();
    expect(after.elapsedShare).toBe(1);
  });

  it('takes the newer cumulative figures of a baseline that learnt green reports since', () => {
    // Prepare: the baseline learnt two more days than the latest flagged report.
    const newer = learnt(12, 300);

    // Act
    const updated = channelPacing(snapshot(), newer, DEFAULT_SPEND_THRESHOLDS, now);

    // Assess
    expect(updated.asOf).toBe('2026-11-13T00:00:00.000Z');
    expect(updated.actualSpend).toBe(3600);
    expect(updated.forecast?.projected).toBeCloseTo(3600 + 18 * 300, -2);
  });
});

describe('Function: campaignPacing', () => {
  it('adds the channels in the plan currency, and their forecasts only when every channel has one', () => {
    // Prepare
    const plan = { budget: 20000, currency: 'USD', periodStart: '2026-11-01', periodEnd: '2026-11-30' };
    const now = new Date('2026-11-16T00:00:00Z');
    const a = channelPacing(snapshot(), learnt(10, 300), DEFAULT_SPEND_THRESHOLDS, now);
    const b = channelPacing(snapshot({ actualSpend: 5000 }), undefined, DEFAULT_SPEND_THRESHOLDS, now);
    const euro = channelPacing(
      snapshot({ currency: 'EUR', actualSpend: 99 }),
      undefined,
      DEFAULT_SPEND_THRESHOLDS,
      now,
    );

    // Act
    const both = campaignPacing(plan, [a, b, euro], now);
    const one = campaignPacing(plan, [a], now);

    // Assess
    expect(both?.actualSpend).toBe(8000);
    expect(both?.spentShare).toBeCloseTo(0.4, 9);
    expect(both?.forecast).toBeUndefined();
    expect(one?.forecast?.projected).toBe(a.forecast?.projected);
  });
});

describe('Function: copyOverview', () => {
  it("shows the headline finding and legal's decision", () => {
    // Prepare
    const headline = {
      ...finding({ ruleId: 'cn.absolute', riskType: 'compliance' }),
      seenAt: '2026-11-12T00:00:00Z',
    };
    const value = riskCase('case-c', {
      riskType: 'compliance',
      subject: { key: 'ad-copy|CN|Acme|c-1', label: '', brand: 'Acme', market: 'CN', copyId: 'c-1' },
      findings: [headline],
    });
    const review = {
      reviewId: 'case-c',
      caseId: 'case-c',
      status: 'rejected',
      round: 1,
      copy: { copyId: 'c-1', text: '最佳', lang: 'zh', market: 'CN', category: 'cosmetics', brand: 'Acme' },
      eventId: 'e-c',
      level: 'yellow',
      findings: [],
      createdAt: '2026-11-12T00:00:00Z',
      updatedAt: '2026-11-13T00:00:00Z',
      decision: { decision: 'rejected', note: 'Absolute claim', by: 'user:lena', at: '2026-11-13T00:00:00Z' },
      version: 2,
    } satisfies Review;

    // Act
    const copy = copyOverview(value, review);

    // Assess
    expect(copy).toMatchObject({
      copyId: 'c-1',
      language: 'zh',
      market: 'CN',
      headline: { ruleId: 'cn.absolute' },
      review: {
        status: 'rejected',
        decision: 'rejected',
        reviewer: 'user:lena',
        decidedAt: '2026-11-13T00:00:00Z',
      },
    });
  });
});

describe('Function: isoWeekName', () => {
  it.each([
    ['2026-11-30', '2026-W49'],
    ['2020-12-28', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-01-05', '2026-W02'],
  ])('names the week of Monday %s %s', (monday, week) => {
    expect(isoWeekName(new Date(`${monday}T00:00:00Z`))).toBe(week);
  });
});

describe('Function: heatMap', () => {
  it('counts each case once a week, in the cell of its worst report that week, within the range only', () => {
    // Prepare: Wednesday 2 December 2026; three weeks from Monday 16 November.
    const range = heatRange(new Date('2026-12-02T12:00:00Z'), 3);
    const spend = riskCase('case-s');
    const copy = riskCase('case-c', { probability: 'low', impact: 'minor' });
    const occurrences = new Map([
      [
        'case-s',
        all([
          occurrence('case-s', 'before', '2026-11-15T23:59:59.000Z', 'red'),
          occurrence('case-s', 'w1-a', '2026-11-16T00:00:00.000Z', 'yellow'),
          occurrence('case-s', 'w1-b', '2026-11-18T00:00:00.000Z', 'red'),
          occurrence('case-s', 'w3', '2026-12-01T00:00:00.000Z', 'yellow'),
        ]),
      ],
      ['case-c', all([occurrence('case-c', 'c-1', '2026-11-17T00:00:00.000Z', 'yellow')])],
    ]);
    const cells: Record<string, { probability: string; impact: string }> = {
      'w1-a': { probability: 'medium', impact: 'moderate' },
      'w1-b': { probability: 'high', impact: 'severe' },
      w3: { probability: 'medium', impact: 'moderate' },
    };

    // Act
    const map = heatMap(
      range,
      DEFAULT_MATRIX,
      [spend, copy],
      occurrences,
      (counted, value) => cells[counted.eventId] ?? { probability: value.probability, impact: value.impact },
      false,
    );

    // Assess
    expect(map.from).toBe('2026-11-16T00:00:00.000Z');
    expect(map.to).toBe('2026-12-07T00:00:00.000Z');
    expect(map.weeks.map((week) => [week.week, week.start, week.total])).toEqual([
      ['2026-W47', '2026-11-16', 2],
      ['2026-W48', '2026-11-23', 0],
      ['2026-W49', '2026-11-30', 1],
    ]);
    expect(map.weeks[0]?.cells).toEqual([
      { probability: 'high', impact: 'severe', level: 'red', count: 1 },
      { probability: 'low', impact: 'minor', level: 'green', count: 1 },
    ]);
    expect(map.weeks[2]?.cells).toEqual([
      { probability: 'medium', impact: 'moderate', level: 'yellow', count: 1 },
    ]);
    expect(map.truncated).toBe(false);
  });
});

describe('Function: overlapsCampaign', () => {
  const window = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' };

  it.each([
    ['inside', '2026-11-05T00:00:00Z', '2026-11-06T00:00:00Z', undefined, true],
    ['starting before, running into it', '2026-10-20T00:00:00Z', '2026-11-02T00:00:00Z', undefined, true],
    ['over before it began', '2026-10-01T00:00:00Z', '2026-10-31T23:00:00Z', undefined, false],
    ['begun after it ended', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', undefined, false],
    ['in another market', '2026-11-05T00:00:00Z', '2026-11-06T00:00:00Z', 'CN', false],
    ['in the same market as UK', '2026-11-05T00:00:00Z', '2026-11-06T00:00:00Z', 'UK', true],
  ])('a sentiment case %s: %s', (_what, firstSeenAt, lastSeenAt, market, expected) => {
    const value = riskCase('case-r', {
      riskType: 'reputation',
      firstSeenAt,
      lastSeenAt,
      subject: {
        key: 'sentiment|Acme|*|weibo',
        label: '',
        brand: 'Acme',
        ...(market === undefined ? {} : { market }),
      },
    });
    expect(overlapsCampaign(value, window, 'GB')).toBe(expected);
  });
});

/** An in-memory store of cases with their audit trails, occurrences, reviews and events. */
const memoryDeps = (cases: readonly RiskCase[], catalogue: readonly Campaign[] = []): OverviewDeps => {
  const reader: OverviewReader = {
    listCases: (query: CaseQuery) =>
      Promise.resolve({
        items: cases.filter(
          (value) =>
            (query.campaignId === undefined || value.subject.campaignId === query.campaignId) &&
            (query.brand === undefined || value.subject.brand?.toLowerCase() === query.brand.toLowerCase()) &&
            (query.riskType === undefined || value.riskType === query.riskType) &&
            (query.from === undefined || value.lastSeenAt >= query.from),
        ),
      }),
    auditOf: (ids) =>
      Promise.resolve(
        new Map(
          ids.map((id) => [id, all([audit(id, '2026-11-10T00:00:00.000Z', 'opened', { to: 'yellow' })])]),
        ),
      ),
    occurrencesOf: () => Promise.resolve(new Map()),
    reviewsOf: () => Promise.resolve(new Map()),
    eventsOf: () => Promise.resolve(new Map()),
    baselines: () => Promise.resolve(new Map()),
  };
  return {
    reader,
    catalogue: {
      getCampaign: (id) => Promise.resolve(catalogue.find((campaign) => campaign.campaignId === id)),
      getBrand: () => Promise.resolve(undefined),
      listCampaigns: () => Promise.resolve({ items: catalogue }),
    },
    now: new Date('2026-11-20T00:00:00Z'),
    spendThresholds: () => Promise.resolve(DEFAULT_SPEND_THRESHOLDS),
    matrix: () => Promise.resolve(DEFAULT_MATRIX),
  };
};

const copyCase = (caseId: string, brand: string, market: string) =>
  riskCase(caseId, {
    riskType: 'compliance',
    subject: {
      key: `ad-copy|${market}|${brand}|${caseId}`,
      label: '',
      brand,
      market,
      copyId: caseId,
      campaignId: 'cmp-1',
    },
  });

describe('Use case: campaignOverview', () => {
  it("answers a campaign outside the reader's scope exactly like an unknown one", async () => {
    // Prepare
    const deps = memoryDeps([copyCase('case-c', 'Acme', 'VN')]);

    // Act
    const outside = campaignOverview('cmp-1', { brands: ['Other'] }, deps);
    const unknown = campaignOverview('cmp-9', {}, deps);

    // Assess
    await expect(outside).rejects.toThrow(new NotFoundError('No campaign cmp-1'));
    await expect(unknown).rejects.toThrow(new NotFoundError('No campaign cmp-9'));
  });

  it("takes the brand's sentiment cases overlapping the campaign's plan, and only in-scope cases", async () => {
    // Prepare
    const record: Campaign = {
      campaignId: 'cmp-1',
      brand: 'Acme',
      plan: { budget: 10000, currency: 'USD', periodStart: '2026-11-01', periodEnd: '2026-11-30' },
      source: 'manager',
      createdAt: '2026-10-01T00:00:00Z',
      updatedAt: '2026-10-01T00:00:00Z',
      updatedBy: 'user:mai',
      version: 1,
    };
    const sentiment = (caseId: string, firstSeenAt: string, lastSeenAt: string) =>
      riskCase(caseId, {
        riskType: 'reputation',
        firstSeenAt,
        lastSeenAt,
        subject: { key: `sentiment|Acme|${caseId}`, label: '', brand: 'Acme' },
      });
    const deps = memoryDeps(
      [
        copyCase('case-vn', 'Acme', 'VN'),
        copyCase('case-cn', 'Acme', 'CN'),
        sentiment('case-in', '2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z'),
        sentiment('case-late', '2026-12-03T00:00:00Z', '2026-12-04T00:00:00Z'),
        sentiment('case-early', '2026-09-03T00:00:00Z', '2026-09-04T00:00:00Z'),
      ],
      [record],
    );

    // Act
    const overview = await campaignOverview('cmp-1', {}, deps);
    const vietnam = await campaignOverview('cmp-1', { markets: ['VN'] }, deps);

    // Assess: the sentiment case inside the plan's period joins the campaign's own cases.
    expect(overview.cases.map((value) => value.caseId).sort()).toEqual(['case-cn', 'case-in', 'case-vn']);
    expect(overview.sentimentWindow).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-30T23:59:59.999Z',
    });
    expect(new Set(overview.timeline.map((entry) => entry.caseId))).toEqual(
      new Set(['case-cn', 'case-in', 'case-vn']),
    );
    expect(overview.spend).toEqual({ plan: record.plan, planSource: 'catalogue', channels: [] });
    // A reader scoped to Vietnam sees the VN copy only: the brand's sentiment has no market.
    expect(vietnam.cases.map((value) => value.caseId)).toEqual(['case-vn']);
    expect(vietnam.copies.map((copy) => copy.caseId)).toEqual(['case-vn']);
    expect(vietnam.timeline.map((entry) => entry.caseId)).toEqual(['case-vn']);
    expect(overview.campaign).toMatchObject({ campaignId: 'cmp-1', brand: 'Acme', record });
  });
});

describe('Use case: brandOverview', () => {
  it("answers a brand outside the reader's brands, or unknown, as not found; a market scope narrows its cases", async () => {
    // Prepare
    const deps = memoryDeps([copyCase('case-vn', 'Acme', 'VN'), copyCase('case-cn', 'Acme', 'CN')]);

    // Act
    const outside = brandOverview('Acme', 4, { brands: ['Other'] }, deps);
    const unknown = brandOverview('Nobody', 4, {}, deps);
    const vn = await brandOverview('acme', 4, { markets: ['VN'] }, deps);

    // Assess
    await expect(outside).rejects.toThrow(new NotFoundError('No brand Acme'));
    await expect(unknown).rejects.toThrow(new NotFoundError('No brand Nobody'));
    expect(vn.brand.brand).toBe('Acme');
    expect(vn.recentCases.map((value) => value.caseId)).toEqual(['case-vn']);
    expect(vn.heatMap.weeks).toHaveLength(4);
  });
});

describe('Use case: campaignOverview (plan)', () => {
  const record = (source: Campaign['source']): Campaign => ({
    campaignId: 'cmp-1',
    brand: 'Acme',
    plan: { budget: 5000, currency: 'USD', periodStart: '2026-11-01', periodEnd: '2026-11-30' },
    source,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    updatedBy: source === 'event' ? 'client:ads' : 'user:mai',
    version: 1,
  });
  /** Two channels of one campaign, each with one flagged report. */
  const twoChannels = (campaign: Campaign): OverviewDeps => {
    const base = memoryDeps(
      [
        riskCase('case-f', {
          subject: { key: 'spend|cmp-1|facebook', label: '', campaignId: 'cmp-1', channel: 'facebook' },
        }),
        riskCase('case-g', {
          subject: { key: 'spend|cmp-1|google', label: '', campaignId: 'cmp-1', channel: 'google' },
        }),
      ],
      [campaign],
    );
    const reports = [
      { ...storedSpend('e-f', '2026-11-10T00:00:00.000Z', 6000), caseId: 'case-f' },
      {
        ...storedSpend('e-g', '2026-11-10T00:00:00.000Z', 1000, 'google'),
        event: spendEvent({ channel: 'google', actualSpend: 1000, plannedBudget: 3000 }, 'e-g'),
      },
    ];
    return {
      ...base,
      reader: {
        ...base.reader,
        occurrencesOf: () =>
          Promise.resolve(
            new Map([
              ['case-f', all([occurrence('case-f', 'e-f', '2026-11-10T00:00:00.000Z')])],
              ['case-g', all([occurrence('case-g', 'e-g', '2026-11-10T00:00:00.000Z')])],
            ]),
          ),
        eventsOf: () =>
          Promise.resolve(
            new Map(
              reports.map((stored) => [
                eventRefKey({ clientId: 'ads', eventId: stored.event.eventId }),
                stored,
              ]),
            ),
          ),
      },
    };
  };

  it("adds the channels' latest plans when the catalogue only holds the first report's", async () => {
    // Act
    const overview = await campaignOverview('cmp-1', {}, twoChannels(record('event')));

    // Assess
    expect(overview.spend.planSource).toBe('events');
    expect(overview.spend.plan).toEqual({
      budget: 13000,
      currency: 'USD',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    expect(overview.spend.channels.map((channel) => [channel.channel, channel.pacing?.actualSpend])).toEqual([
      ['facebook', 6000],
      ['google', 1000],
    ]);
    expect(overview.spend.pacing?.actualSpend).toBe(7000);
    expect(overview.spend.pacing?.spentShare).toBeCloseTo(7000 / 13000, 9);
  });

  it('keeps the plan a person recorded', async () => {
    // Act
    const overview = await campaignOverview('cmp-1', {}, twoChannels(record('manager')));

    // Assess
    expect(overview.spend.planSource).toBe('catalogue');
    expect(overview.spend.plan?.budget).toBe(5000);
    expect(overview.spend.pacing?.spentShare).toBeCloseTo(7000 / 5000, 9);
  });
});
