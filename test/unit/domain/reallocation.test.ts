import { describe, expect, it } from 'vitest';
import { type Campaign, changeCampaign, planOfRecord } from '#shared/domain/catalogue.ts';
import {
  decide,
  decisionRefusalOf,
  type ReallocationRequest,
  refusalOf,
  requestReallocation,
  roundMoney,
} from '#shared/domain/reallocation.ts';
import { explainPlan, withPlanOfRecord } from '#shared/domain/reallocation-plan.ts';
import { assessment, finding, spendEvent } from '../../fixtures/events.ts';

const NOW = new Date('2026-12-02T10:00:00.000Z');

const campaign = (campaignId: string, budget: number, overrides: Partial<Campaign> = {}): Campaign => ({
  campaignId,
  channel: 'facebook',
  plan: { budget, currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2026-12-31' },
  source: 'manager',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'user:ana',
  version: 4,
  ...overrides,
});

const request = (overrides: Partial<ReallocationRequest> = {}): ReallocationRequest => ({
  from: { campaignId: 'cmp-a' },
  to: { campaignId: 'cmp-b' },
  amount: 2_000,
  currency: 'EUR',
  reason: '  Launch moved to January  ',
  ...overrides,
});

describe('Function: refusalOf', () => {
  it('lets a move within the source budget between two planned campaigns in their currency through', () => {
    // Prepare
    const from = campaign('cmp-a', 10_000);
    const to = campaign('cmp-b', 5_000);

    // Act
    const refusal = refusalOf(request({ amount: 10_000 }), from, to);

    // Assess
    expect(refusal).toBeUndefined();
  });

  it.each([
    ['the same campaign twice', request({ to: { campaignId: 'cmp-a' } }), 'same-campaign', 'cmp-a'],
    ['a destination without a plan', request(), 'no-plan', 'cmp-b-unplanned'],
    ['another currency', request({ currency: 'USD' }), 'currency', 'cmp-b'],
    ['more than the source plan holds', request({ amount: 10_000.01 }), 'exceeds', 'cmp-b'],
    [
      'a channel that is not the campaign’s',
      request({ from: { campaignId: 'cmp-a', channel: 'google' } }),
      'channel',
      'cmp-b',
    ],
  ])('refuses %s', (_, asked, kind, toId) => {
    // Prepare
    const from = campaign('cmp-a', 10_000);
    const to =
      toId === 'cmp-a'
        ? from
        : toId === 'cmp-b-unplanned'
          ? campaign('cmp-b', 0, { plan: undefined })
          : campaign('cmp-b', 5_000);

    // Act
    const refusal = refusalOf(asked, from, to);

    // Assess
    expect(refusal?.kind).toBe(kind);
  });

  it('compares channels without regard to case', () => {
    // Prepare
    const asked = request({ from: { campaignId: 'cmp-a', channel: 'Facebook' } });

    // Act
    const refusal = refusalOf(asked, campaign('cmp-a', 10_000), campaign('cmp-b', 1));

    // Assess
    expect(refusal).toBeUndefined();
  });
});

describe('Function: decisionRefusalOf', () => {
  const requested = requestReallocation('ra-1', request(), 'user:ana', NOW);

  it('refuses the requester: a second manager decides', () => {
    // Act
    const refusal = decisionRefusalOf(requested, 'user:ana');

    // Assess
    expect(refusal).toEqual({ kind: 'own-request' });
  });

  it('lets another manager decide, including on a pusher’s request', () => {
    // Prepare
    const pushed = requestReallocation('ra-2', request(), 'client:erp', NOW);

    // Act
    const refusals = [decisionRefusalOf(requested, 'user:li'), decisionRefusalOf(pushed, 'user:ana')];

    // Assess
    expect(refusals).toEqual([undefined, undefined]);
  });

  it('refuses a second decision, naming who decided and when', () => {
    // Prepare
    const write = decide(
      requested,
      'rejected',
      'Not this quarter',
      'user:li',
      campaign('cmp-a', 1),
      campaign('cmp-b', 1),
      NOW,
    );
    if (write.kind === 'refused') throw new Error('a rejection is never refused');

    // Act
    const refusal = decisionRefusalOf(write.next, 'user:vy');

    // Assess
    expect(refusal).toEqual({ kind: 'decided', state: 'rejected', by: 'user:li', at: NOW.toISOString() });
  });
});

describe('Function: decide', () => {
  const requested = requestReallocation('ra-1', request(), 'user:ana', NOW);

  it('moves the amount out of the source plan and into the destination, each with its history line', () => {
    // Prepare
    const from = campaign('cmp-a', 10_000);
    const to = campaign('cmp-b', 5_000, { version: 9 });

    // Act
    const write = decide(requested, 'approved', 'Agreed in the Monday review', 'user:li', from, to, NOW);

    // Assess
    if (write.kind !== 'approved') throw new Error(`expected an approval, got ${write.kind}`);
    const [source, destination] = write.campaigns;
    expect(source?.next.plan?.budget).toBe(8_000);
    expect(destination?.next.plan?.budget).toBe(7_000);
    expect([source?.expectedVersion, destination?.expectedVersion]).toEqual([4, 9]);
    expect([source?.next.version, destination?.next.version]).toEqual([5, 10]);
    expect(source?.next.planSetAt).toBe(NOW.toISOString());
    expect(source?.next.planSetBy).toBe('user:li');
    expect(source?.change.changes[0]).toEqual({
      field: 'plan',
      from: '10000 EUR 2026-12-01..2026-12-31',
      to: '8000 EUR 2026-12-01..2026-12-31',
    });
    expect(destination?.change.changes[1]?.to).toContain('Launch moved to January');
    expect(write.next).toMatchObject({
      state: 'approved',
      decidedBy: 'user:li',
      decidedAt: NOW.toISOString(),
      note: 'Agreed in the Monday review',
      reason: 'Launch moved to January',
      applied: { fromBefore: 10_000, fromAfter: 8_000, toBefore: 5_000, toAfter: 7_000 },
      version: 2,
    });
  });

  it('refuses an approval the plans no longer allow (the source was cut meanwhile)', () => {
    // Act
    const write = decide(
      requested,
      'approved',
      'ok',
      'user:li',
      campaign('cmp-a', 1_500),
      campaign('cmp-b', 1),
      NOW,
    );

    // Assess
    expect(write).toEqual({
      kind: 'refused',
      refusal: { kind: 'exceeds', campaignId: 'cmp-a', budget: 1_500, amount: 2_000 },
    });
  });

  it('rejects without touching either plan', () => {
    // Act
    const write = decide(
      requested,
      'rejected',
      'No',
      'user:li',
      campaign('cmp-a', 1),
      campaign('cmp-b', 1),
      NOW,
    );

    // Assess
    expect(write.kind).toBe('rejected');
    expect('campaigns' in write).toBe(false);
  });

  it('keeps money free of binary noise', () => {
    // Act
    const budgets = [roundMoney(10_000 - 0.1 - 0.2), roundMoney(0.1 + 0.2)];

    // Assess
    expect(budgets).toEqual([9_999.7, 0.3]);
  });
});

describe('Function: planOfRecord', () => {
  const event = spendEvent({
    currency: 'EUR',
    plannedBudget: 10_000,
    periodStart: '2026-12-01',
    periodEnd: '2026-12-31',
  });
  const later = { ...event, occurredAt: '2026-12-02T12:00:00Z' };

  it('is the event’s own plan while only events described the campaign', () => {
    // Act
    const plan = planOfRecord(later, campaign('cmp-1', 8_000));

    // Assess
    expect(plan.from).toBe('event');
    expect(plan.plan.budget).toBe(10_000);
  });

  it('is the catalogue’s once a person or a re-allocation set it before the spend the event reports', () => {
    // Act
    const plan = planOfRecord(
      later,
      campaign('cmp-1', 8_000, { planSetAt: NOW.toISOString(), planSetBy: 'user:li' }),
    );

    // Assess
    expect(plan).toMatchObject({ from: 'catalogue', setBy: 'user:li', plan: { budget: 8_000 } });
  });

  it.each([
    ['a report of spend before the change', { occurredAt: '2026-12-02T09:59:59Z' }, {}],
    ['another currency', {}, { currency: 'USD' }],
    ['another flight', {}, { periodStart: '2027-01-01', periodEnd: '2027-01-31' }],
  ])('stays the event’s own for %s', (_, envelope, spend) => {
    // Prepare
    const reported = { ...later, ...envelope, spend: { ...later.spend, ...spend } };

    // Act
    const plan = planOfRecord(reported, campaign('cmp-1', 8_000, { planSetAt: NOW.toISOString() }));

    // Assess
    expect(plan.from).toBe('event');
  });

  it('is set by a manager’s plan change and given back to the events when the plan is cleared', () => {
    // Prepare
    const existing = campaign('cmp-1', 10_000, { source: 'event' });
    const plan = { budget: 6_000, currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2026-12-31' };

    // Act
    const set = changeCampaign(existing, 'cmp-1', { plan }, 'user:ana', 'manager', NOW);
    if (set.kind !== 'changed') throw new Error('the plan changed');
    const renamed = changeCampaign(set.next, 'cmp-1', { name: 'Xmas' }, 'user:li', 'manager', NOW);
    if (renamed.kind !== 'changed') throw new Error('the name changed');
    const cleared = changeCampaign(set.next, 'cmp-1', { plan: null }, 'user:ana', 'manager', NOW);
    if (cleared.kind !== 'changed') throw new Error('the plan was cleared');

    // Assess
    expect([set.next.planSetAt, set.next.planSetBy]).toEqual([NOW.toISOString(), 'user:ana']);
    expect(renamed.next.planSetBy).toBe('user:ana');
    expect(cleared.next.planSetAt).toBeUndefined();
    expect(planOfRecord(later, set.next).plan.budget).toBe(6_000);
  });
});

describe('Function: withPlanOfRecord and explainPlan', () => {
  it('judges a spend event against the catalogue plan and says so on its budget findings only', () => {
    // Prepare
    const event = {
      ...spendEvent({ currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2026-12-31' }),
      occurredAt: '2026-12-02T12:00:00Z',
    };
    const planned = campaign('cmp-1', 8_000, { planSetAt: NOW.toISOString() });
    const raw = assessment([
      finding({ ruleId: 'spend.overrun', riskType: 'budget', metrics: { plannedBudget: 8_000 } }),
      finding({ ruleId: 'claims.x', riskType: 'compliance' }),
    ]);

    // Act
    const { event: judged, plan } = withPlanOfRecord(event, planned);
    const explained = explainPlan(raw, plan, event.spend.plannedBudget);

    // Assess
    expect(judged.type === 'spend' && judged.spend.plannedBudget).toBe(8_000);
    expect(event.spend.plannedBudget).toBe(10_000);
    expect(explained.findings[0]?.metrics).toEqual({
      plannedBudget: 8_000,
      eventPlannedBudget: 10_000,
    });
    expect(explained.findings[1]?.metrics).toBeUndefined();
  });
});
