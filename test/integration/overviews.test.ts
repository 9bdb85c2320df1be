import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalStack, startLocalStack } from '#infra/local/stack.ts';
import type { BrandOverview, CampaignOverview } from '#shared/schemas/overviews.ts';
import { pushEvents } from '../web/browser.ts';

/**
 * Issue #16 point 5 over HTTP on the local stack: one campaign's spend reports, its brand's sentiment and its
 * ad copy (decided by legal) appear on one campaign page — every risk type on one timeline, the spend series
 * and pacing, the copy with its review — and the brand's page counts them week by week on the heat map. A
 * person scoped to another brand gets 404 for both.
 */

const MANAGER = 'dev-manager-token';
const LEGAL = 'dev-legal-token';
const OUTSIDER = 'other-brand-manager-token';
const CHINA = 'china-legal-token';
const DAY = 86_400_000;

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'radar-overviews-'));
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    dataDir,
    env: {
      TABLE_NAME: `overviews-${randomUUID()}`,
      RADAR_USERS: JSON.stringify([
        { token: OUTSIDER, name: 'Olga', roles: ['manager'], brands: ['Other'] },
        { token: CHINA, name: 'Chen', roles: ['legal'], markets: ['CN'] },
      ]),
    },
    logger: { info: () => {}, error: console.error },
    scheduleIntervalMs: 3_600_000,
  });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = async (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

const read = async <T>(token: string, path: string): Promise<T> => {
  const response = await call(token, path);
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

type Results = {
  results: { eventId: string; caseId: string | null; assessment: { probability: string; impact: string } }[];
};

/** Monday 00:00 UTC of an instant's ISO week, as a date. */
const mondayOf = (instant: string): string => {
  const at = new Date(instant);
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return new Date(day - ((at.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
};

describe('Campaign and brand overviews (local stack)', () => {
  const tag = randomUUID().slice(0, 6);
  const brand = `Ovw ${tag}`;
  const campaignId = `cmp-ovw-${tag}`;
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const periodStart = new Date(today - 12 * DAY).toISOString().slice(0, 10);
  const periodEnd = new Date(today + 17 * DAY).toISOString().slice(0, 10);
  let copyCase = '';
  let sentimentCase = '';
  let copyCell = { probability: '', impact: '' };

  beforeAll(async () => {
    // Spend: 500 a day against 10,000 over 30 days, reported each morning for 12 days: the pace heads for
    // about 15,000, so the reports are flagged once the model rests on enough days.
    const spend = Array.from({ length: 12 }, (_, index) => ({
      eventId: `e-spend-${tag}-${index + 1}`,
      type: 'spend',
      occurredAt: new Date(today - (11 - index) * DAY + 6 * 3_600_000).toISOString(),
      source: 'meta-ads',
      spend: {
        campaignId,
        channel: 'facebook',
        brand,
        currency: 'USD',
        plannedBudget: 10_000,
        actualSpend: 500 * (index + 1),
        conversions: 40 * (index + 1),
        periodStart,
        periodEnd,
      },
    }));
    const sentiment = {
      eventId: `e-sent-${tag}`,
      type: 'sentiment',
      occurredAt: new Date(today - 2 * DAY + 10 * 3_600_000).toISOString(),
      source: 'listening-tool',
      sentiment: {
        brand,
        product: 'Serum X',
        channel: 'weibo',
        windowStart: new Date(today - 3 * DAY + 10 * 3_600_000).toISOString(),
        windowEnd: new Date(today - 2 * DAY + 10 * 3_600_000).toISOString(),
        mentions: 2_000,
        negative: 1_300,
        positive: 300,
        neutral: 400,
      },
    };
    const copy = {
      eventId: `e-copy-${tag}`,
      type: 'ad-copy',
      occurredAt: new Date().toISOString(),
      source: 'cms',
      copy: {
        copyId: `c-${tag}`,
        text: '全网最佳美白精华，三天见效',
        lang: 'zh',
        market: 'CN',
        category: 'cosmetics',
        brand,
        campaignId,
      },
    };
    const { results } = (await pushEvents(stack, [...spend, sentiment, copy])) as Results;
    const byId = new Map(results.map((result) => [result.eventId, result]));
    copyCase = byId.get(copy.eventId)?.caseId ?? '';
    sentimentCase = byId.get(sentiment.eventId)?.caseId ?? '';
    const copyAssessment = byId.get(copy.eventId)?.assessment;
    copyCell = { probability: copyAssessment?.probability ?? '', impact: copyAssessment?.impact ?? '' };
    if (copyCase === '' || sentimentCase === '')
      throw new Error(`Not flagged: ${JSON.stringify(results.slice(-2))}`);
    const spendCase = results.find(
      (result) => result.eventId.startsWith('e-spend') && result.caseId !== null,
    )?.caseId;
    if (spendCase === undefined || spendCase === null) throw new Error('No spend report was flagged');

    // Legal rejects the copy; a manager acknowledges the spend case.
    const decided = await call(LEGAL, `/reviews/${copyCase}/decision`, {
      method: 'POST',
      body: JSON.stringify({ decision: 'rejected', note: 'Absolute claim and a 3-day efficacy promise' }),
    });
    expect(decided.status).toBe(200);
    const acknowledged = await call(MANAGER, `/cases/${spendCase}/acknowledge`, {
      method: 'POST',
      body: JSON.stringify({ note: 'Capping the daily budget' }),
    });
    expect(acknowledged.status).toBe(200);
  });

  it('shows spend, sentiment and copy cases of the campaign on one timeline, with spend, pacing and copies', async () => {
    // Act
    const overview = await read<CampaignOverview>(MANAGER, `/campaigns/${campaignId}/overview?lang=zh-CN`);

    // Assess: the three kinds of case
    expect(overview.campaign).toMatchObject({ campaignId, brand, channels: ['facebook'] });
    const types = new Set(overview.cases.map((value) => value.riskType));
    expect(types.has('reputation')).toBe(true);
    expect(types.has('compliance')).toBe(true);
    expect(types.has('budget') || types.has('channel')).toBe(true);
    expect(overview.cases.map((value) => value.caseId)).toContain(sentimentCase);

    // …on one timeline, in time order, with the people who acted
    const timeline = overview.timeline;
    expect(new Set(timeline.map((entry) => entry.riskType))).toEqual(types);
    expect(timeline.map((entry) => entry.at)).toEqual([...timeline.map((entry) => entry.at)].sort());
    expect(timeline).toContainEqual(
      expect.objectContaining({
        caseId: copyCase,
        action: 'review-decided',
        actor: expect.stringMatching(/^user:/),
      }),
    );
    expect(timeline).toContainEqual(
      expect.objectContaining({ action: 'acknowledged', note: 'Capping the daily budget' }),
    );

    // The spend series: cumulative figures of the flagged reports, oldest first, and the pacing now.
    const [channel] = overview.spend.channels;
    expect(overview.spend.channels).toHaveLength(1);
    const snapshots = channel?.snapshots ?? [];
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    expect(snapshots.map((snapshot) => snapshot.actualSpend)).toEqual(
      [...snapshots.map((snapshot) => snapshot.actualSpend)].sort((a, b) => a - b),
    );
    expect(
      snapshots.every((snapshot) => snapshot.plannedBudget === 10_000 && snapshot.currency === 'USD'),
    ).toBe(true);
    expect(snapshots.at(-1)).toMatchObject({ actualSpend: 6_000, conversions: 480 });
    expect(overview.spend.plan).toEqual({ budget: 10_000, currency: 'USD', periodStart, periodEnd });
    const pacing = channel?.pacing;
    expect(pacing?.spentShare).toBeCloseTo(0.6, 6);
    // The last report came 12¼ days into a 30-day period.
    expect(pacing?.elapsedShare).toBeCloseTo(12.25 / 30, 3);
    // 500 a day over the 17¾ days left: about 14,900.
    expect(pacing?.forecast?.projected).toBeGreaterThan(14_000);
    expect(pacing?.forecast?.projected).toBeLessThan(17_000);
    expect(overview.spend.pacing?.spentShare).toBeCloseTo(0.6, 6);

    // The copy, its headline finding in Chinese, and legal's decision.
    expect(overview.copies).toHaveLength(1);
    expect(overview.copies[0]).toMatchObject({
      caseId: copyCase,
      copyId: `c-${tag}`,
      language: 'zh',
      market: 'CN',
      review: { status: 'rejected', decision: 'rejected', reviewer: expect.stringMatching(/^user:/) },
    });
    expect(overview.copies[0]?.headline?.message).toMatch(/\p{Script=Han}/u);
    expect(overview.truncated).toEqual({ cases: false, timeline: false, snapshots: false, copies: false });
  });

  it("counts the brand's cases per ISO week and matrix cell on its heat map", async () => {
    // Prepare: the weeks each case had an occurrence in, from the campaign page.
    const campaign = await read<CampaignOverview>(MANAGER, `/campaigns/${campaignId}/overview`);
    const snapshotWeeks = new Set(
      campaign.spend.channels.flatMap((c) => c.snapshots.map((s) => mondayOf(s.at))),
    );
    const sentimentWeek = mondayOf(
      campaign.cases.find((value) => value.caseId === sentimentCase)?.lastSeenAt ?? '',
    );
    const copyWeek = mondayOf(new Date().toISOString());

    // Act
    const overview = await read<BrandOverview>(
      MANAGER,
      `/brands/${encodeURIComponent(brand.toUpperCase())}/overview?weeks=4`,
    );

    // Assess
    expect(overview.brand.brand).toBe(brand);
    const weeks = overview.heatMap.weeks;
    expect(weeks).toHaveLength(4);
    expect(weeks.at(-1)?.start).toBe(copyWeek);
    const expectedTotal = (start: string) =>
      (snapshotWeeks.has(start) ? 1 : 0) + (sentimentWeek === start ? 1 : 0) + (copyWeek === start ? 1 : 0);
    expect(weeks.map((week) => [week.start, week.total])).toEqual(
      weeks.map((week) => [week.start, expectedTotal(week.start)]),
    );
    for (const week of weeks) expect(week.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(week.total);
    expect(weeks.at(-1)?.cells).toContainEqual(
      expect.objectContaining({ ...copyCell, count: expect.any(Number) }),
    );
    expect(overview.recentCases.map((value) => value.caseId)).toContain(copyCase);
    expect(overview.heatMap.truncated).toBe(false);
  });

  it('shows a market-scoped person only the cases of their market', async () => {
    // Prepare: what a manager sees, and which of it is Chinese (the campaign's cases take its market).
    const full = await read<CampaignOverview>(MANAGER, `/campaigns/${campaignId}/overview`);
    const fullBrand = await read<BrandOverview>(MANAGER, `/brands/${encodeURIComponent(brand)}/overview`);
    const inChina = (value: { subject: { market?: string; campaignId?: string } }, campaignMarket?: string) =>
      (value.subject.market ?? (value.subject.campaignId === campaignId ? campaignMarket : undefined)) ===
      'CN';

    // Act
    const campaign = await read<CampaignOverview>(CHINA, `/campaigns/${campaignId}/overview`);
    const brandPage = await read<BrandOverview>(CHINA, `/brands/${encodeURIComponent(brand)}/overview`);

    // Assess: the copy, not the brand's sentiment (it has no market), and nothing outside China.
    const ids = (cases: readonly { caseId: string }[]) => cases.map((value) => value.caseId).sort();
    expect(ids(campaign.cases)).toEqual(
      ids(full.cases.filter((value) => inChina(value, full.campaign.market))),
    );
    expect(ids(campaign.cases)).toContain(copyCase);
    expect(ids(campaign.cases)).not.toContain(sentimentCase);
    expect(campaign.timeline.every((entry) => ids(campaign.cases).includes(entry.caseId))).toBe(true);
    expect(ids(brandPage.recentCases)).toEqual(ids(fullBrand.recentCases.filter((value) => inChina(value))));
    expect(brandPage.heatMap.weeks.reduce((sum, week) => sum + week.total, 0)).toBeLessThan(
      fullBrand.heatMap.weeks.reduce((sum, week) => sum + week.total, 0),
    );
  });

  it('answers 404 to a person scoped to another brand, and 400 to a heat map beyond 26 weeks', async () => {
    // Act
    const campaign = await call(OUTSIDER, `/campaigns/${campaignId}/overview`);
    const brandPage = await call(OUTSIDER, `/brands/${encodeURIComponent(brand)}/overview`);
    const unknown = await call(MANAGER, `/campaigns/cmp-none-${tag}/overview`);
    const tooLong = await call(MANAGER, `/brands/${encodeURIComponent(brand)}/overview?weeks=27`);

    // Assess
    expect([campaign.status, brandPage.status, unknown.status, tooLong.status]).toEqual([404, 404, 404, 400]);
    const [outsideBody, unknownBody] = (await Promise.all([campaign.json(), unknown.json()])) as {
      title: string;
    }[];
    expect(outsideBody?.title).toBe(unknownBody?.title);
  });
});
