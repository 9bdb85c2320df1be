import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/domain/catalogue.ts';
import type { CampaignSpend, HeatWeek, SpendSnapshot } from '../../shared/schemas/overviews.ts';
import { usernames, weekCounts } from './components/BrandPage.tsx';
import {
  type CampaignFields,
  checkCampaign,
  fieldOfPath,
  fieldsOf,
  missingOf,
  requestOf,
  serverMessages,
} from './components/CampaignForm.tsx';
import { niceTicks, plannedBy, spendSeries } from './components/SpendChart.tsx';
import { translatorFor } from './i18n/messages.ts';

const en = translatorFor('en');
const zh = translatorFor('zh-CN');

const campaign = (fields: Partial<Campaign> = {}): Campaign => ({
  campaignId: 'cmp-1',
  source: 'event',
  createdAt: '2027-03-01T00:00:00Z',
  updatedAt: '2027-03-01T00:00:00Z',
  updatedBy: 'client:ads',
  version: 1,
  ...fields,
});

const snapshot = (at: string, actualSpend: number, currency = 'USD'): SpendSnapshot => ({
  at,
  eventId: `e-${at}`,
  caseId: 'case-1',
  actualSpend,
  plannedBudget: 10_000,
  currency,
  periodStart: '2027-03-01',
  periodEnd: '2027-03-30',
  level: 'yellow',
});

const filled: CampaignFields = {
  name: 'Tết launch',
  brand: 'Lumière',
  market: 'VN',
  channel: 'facebook',
  owner: 'bao',
  budget: '20000',
  currency: 'USD',
  periodStart: '2027-03-01',
  periodEnd: '2027-03-30',
};

describe('Campaign completeness', () => {
  it('names what a campaign lacks before its cases can be routed and paced', () => {
    // Prepare + Act
    const firstSight = missingOf(campaign({ channel: 'tiktok' }));
    const complete = missingOf(
      campaign({
        brand: 'Acme',
        owner: 'ana',
        plan: { budget: 1, currency: 'USD', periodStart: '2027-01-01', periodEnd: '2027-01-31' },
      }),
    );

    // Assess
    expect(firstSight).toEqual(['brand', 'owner', 'plan']);
    expect(complete).toEqual([]);
  });
});

describe('Campaign form', () => {
  it('accepts a complete form and sends each field, clearing the empty ones', () => {
    // Prepare + Act
    const problems = checkCampaign(filled, en);
    const request = requestOf({ ...filled, name: ' ', channel: '' }, 3);

    // Assess
    expect(problems).toEqual({});
    expect(request).toEqual({
      name: null,
      brand: 'Lumière',
      market: 'VN',
      channel: null,
      owner: 'bao',
      plan: { budget: 20_000, currency: 'USD', periodStart: '2027-03-01', periodEnd: '2027-03-30' },
      version: 3,
    });
    expect(requestOf(fieldsOf(undefined), undefined)).not.toHaveProperty('version');
  });

  it('says in the reader’s language what each field takes', () => {
    // Prepare
    const wrong: CampaignFields = {
      ...filled,
      market: 'Vietnam',
      owner: 'bao nguyen',
      budget: '-5',
      currency: 'usd',
      periodEnd: '2027-02-01',
    };

    // Act
    const english = checkCampaign(wrong, en);
    const chinese = checkCampaign(wrong, zh);

    // Assess
    expect(Object.keys(english).sort()).toEqual(['budget', 'currency', 'market', 'owner', 'periodEnd']);
    expect(english.market).toEqual([en('pages.issue.market')]);
    expect(english.periodEnd).toEqual([en('pages.issue.periodOrder')]);
    expect(chinese.budget).toEqual(['请填写正数金额。']);
  });

  it('wants all four parts of a plan or none', () => {
    // Prepare + Act
    const partial = checkCampaign({ ...filled, currency: '', periodStart: '' }, en);
    const none = checkCampaign({ ...filled, budget: '', currency: '', periodStart: '', periodEnd: '' }, en);

    // Assess
    expect(partial.currency).toEqual([en('pages.issue.planPartial')]);
    expect(partial.periodStart).toEqual([en('pages.issue.planPartial')]);
    expect(partial.budget).toBeUndefined();
    expect(none).toEqual({});
  });

  it('puts the API’s English problems on their fields in the reader’s words', () => {
    // Prepare
    const issues = [
      { path: 'market', message: 'market must be an ISO 3166-1 alpha-2 code' },
      { path: 'plan.periodEnd', message: 'periodEnd must not be before periodStart' },
      { path: 'plan.budget', message: 'budget must be at least 0.01' },
      { path: 'name', message: 'name must be at most 200 characters' },
      { path: 'brand', message: 'something new' },
      { path: 'version', message: 'version must be a whole number' },
    ];

    // Act
    const messages = serverMessages(issues, zh);

    // Assess
    expect(messages).toEqual({
      market: [zh('pages.issue.market')],
      periodEnd: [zh('pages.issue.periodOrder')],
      budget: [zh('pages.issue.budget')],
      name: [zh('pages.issue.tooLong')],
      brand: [zh('pages.issue.rejected')],
    });
    expect(fieldOfPath('/body/plan/currency')).toBe('currency');
    expect(fieldOfPath('plan')).toBe('budget');
  });
});

describe('Spend chart', () => {
  it('adds every channel’s latest cumulative report at each report, in the plan’s currency only', () => {
    // Prepare
    const spend: CampaignSpend = {
      plan: { budget: 10_000, currency: 'USD', periodStart: '2027-03-01', periodEnd: '2027-03-30' },
      planSource: 'catalogue',
      channels: [
        {
          channel: 'tiktok',
          caseIds: ['a'],
          snapshots: [snapshot('2027-03-05T09:00:00Z', 1_000), snapshot('2027-03-10T09:00:00Z', 3_000)],
        },
        { channel: 'google', caseIds: ['b'], snapshots: [snapshot('2027-03-07T09:00:00Z', 500)] },
        { channel: 'zalo', caseIds: ['c'], snapshots: [snapshot('2027-03-08T09:00:00Z', 9_000_000, 'VND')] },
      ],
    };

    // Act
    const series = spendSeries(spend);

    // Assess
    expect(series.currency).toBe('USD');
    expect(series.points.map((point) => [point.channel, point.total])).toEqual([
      ['tiktok', 1_000],
      ['google', 1_500],
      ['tiktok', 3_500],
    ]);
    expect(series.otherCurrencies).toEqual(['VND']);
  });

  it('paces the plan evenly over its days, both ends included', () => {
    // Prepare
    const plan = { budget: 3_000, start: '2027-03-01', end: '2027-03-30' };

    // Act + Assess: 30 days, 100 a day.
    expect(plannedBy(plan, Date.parse('2027-02-20T00:00:00Z'))).toBe(0);
    expect(plannedBy(plan, Date.parse('2027-03-11T00:00:00Z'))).toBeCloseTo(1_000);
    expect(plannedBy(plan, Date.parse('2027-03-31T00:00:00Z'))).toBe(3_000);
    expect(plannedBy(plan, Date.parse('2027-04-15T00:00:00Z'))).toBe(3_000);
  });

  it('puts round numbers on the money axis, the highest at or above the largest value', () => {
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(21_000)).toEqual([0, 10_000, 20_000, 30_000]);
    expect(niceTicks(0)).toEqual([0]);
  });
});

describe('Brand page', () => {
  it('reads a list of usernames once each and a week’s counts per cell', () => {
    // Prepare
    const week: HeatWeek = {
      week: '2027-W10',
      start: '2027-03-08',
      total: 3,
      cells: [
        { probability: 'high', impact: 'severe', level: 'red', count: 2 },
        { probability: 'low', impact: 'minor', level: 'green', count: 1 },
      ],
    };

    // Act + Assess
    expect(usernames(' an, bao ,an\n\nchi ')).toEqual(['an', 'bao', 'chi']);
    expect(weekCounts(week)).toEqual(
      new Map([
        ['high|severe', 2],
        ['low|minor', 1],
      ]),
    );
  });
});
