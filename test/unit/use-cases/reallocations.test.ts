import { describe, expect, it } from 'vitest';
import type { Principal } from '#shared/auth/principal.ts';
import type { Campaign } from '#shared/domain/catalogue.ts';
import type { DecisionWrite, Reallocation } from '#shared/domain/reallocation.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '#shared/errors.ts';
import type { ReallocationStore, SaveResult } from '#shared/ports.ts';
import { evaluateEvents } from '#shared/use-cases/evaluate-events.ts';
import { type IngestDependencies, ingestEvents } from '#shared/use-cases/ingest-events.ts';
import {
  decideReallocationAs,
  type ReallocationDependencies,
  reallocationsOf,
  requestReallocationAs,
} from '#shared/use-cases/reallocations.ts';
import { spendEvent } from '../../fixtures/events.ts';
import { testPolicy } from '../../fixtures/level-policy.ts';
import { MemoryCatalogueStore } from '../../fixtures/memory-catalogue-store.ts';
import { MemoryEventStore } from '../../fixtures/memory-event-store.ts';

const NOW = new Date('2026-12-10T10:00:00.000Z');

const manager = (
  username: string,
  scope: Extract<Principal, { kind: 'person' }>['scope'] = {},
): Principal => ({
  kind: 'person',
  id: `sub-${username}`,
  username,
  name: username,
  roles: ['manager'],
  scope,
});
const ana = manager('ana');
const li = manager('li');
const vnOnly = manager('vy', { markets: ['VN'] });

/** The adapter's conditions in memory: the request's version, and each campaign's, or nothing is written. */
class MemoryReallocationStore implements ReallocationStore {
  readonly items = new Map<string, Reallocation>();
  private readonly catalogue: MemoryCatalogueStore;
  constructor(catalogue: MemoryCatalogueStore) {
    this.catalogue = catalogue;
  }
  async get(id: string) {
    return this.items.get(id);
  }
  async ofCampaign(campaignId: string, limit: number) {
    return [...this.items.values()]
      .filter((r) => r.from.campaignId === campaignId || r.to.campaignId === campaignId)
      .reverse()
      .slice(0, limit);
  }
  async create(value: Reallocation): Promise<SaveResult> {
    if (this.items.has(value.reallocationId)) return 'stale';
    this.items.set(value.reallocationId, value);
    return 'saved';
  }
  async decide(write: DecisionWrite, expectedVersion: number): Promise<SaveResult> {
    if (this.items.get(write.next.reallocationId)?.version !== expectedVersion) return 'stale';
    const campaigns = write.kind === 'approved' ? write.campaigns : [];
    if (campaigns.some((c) => this.catalogue.campaigns.get(c.next.campaignId)?.version !== c.expectedVersion))
      return 'stale';
    for (const c of campaigns) await this.catalogue.saveCampaign(c.next, c.expectedVersion, c.change);
    this.items.set(write.next.reallocationId, write.next);
    return 'saved';
  }
}

const campaign = (campaignId: string, budget: number, overrides: Partial<Campaign> = {}): Campaign => ({
  campaignId,
  market: 'GB',
  channel: 'facebook',
  plan: { budget, currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2026-12-31' },
  source: 'event',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'client:meta',
  version: 1,
  ...overrides,
});

const setup = () => {
  const catalogue = new MemoryCatalogueStore();
  catalogue.campaigns.set('cmp-a', campaign('cmp-a', 10_000));
  catalogue.campaigns.set('cmp-b', campaign('cmp-b', 5_000));
  const reallocations = new MemoryReallocationStore(catalogue);
  let ids = 0;
  const deps: ReallocationDependencies = {
    reallocations,
    catalogue,
    clock: { now: () => NOW },
    newId: () => {
      ids += 1;
      return `ra-${ids}`;
    },
  };
  return { catalogue, reallocations, deps };
};

const move = {
  from: { campaignId: 'cmp-a' },
  to: { campaignId: 'cmp-b' },
  amount: 3_000,
  currency: 'EUR',
  reason: 'Black Friday over-delivered on B',
};

describe('Use case: re-allocations', () => {
  it('records a request with who, when and why, and moves nothing yet', async () => {
    // Prepare
    const { catalogue, deps } = setup();

    // Act
    const requested = await requestReallocationAs(ana, move, deps);

    // Assess
    expect(requested).toMatchObject({
      state: 'requested',
      requestedBy: 'user:ana',
      requestedAt: NOW.toISOString(),
    });
    expect(catalogue.campaigns.get('cmp-a')?.plan?.budget).toBe(10_000);
    expect((await reallocationsOf(li, 'cmp-b', deps)).items.map((r) => r.reallocationId)).toEqual(['ra-1']);
  });

  it('answers a campaign outside the scope as a missing one, and writes nothing', async () => {
    // Prepare
    const { reallocations, deps } = setup();

    // Act
    const outside = requestReallocationAs(vnOnly, move, deps);
    const missing = requestReallocationAs(ana, { ...move, to: { campaignId: 'cmp-nope' } }, deps);

    // Assess
    await expect(outside).rejects.toThrow(new NotFoundError('No campaign cmp-a'));
    await expect(missing).rejects.toThrow(new NotFoundError('No campaign cmp-nope'));
    await expect(reallocationsOf(vnOnly, 'cmp-a', deps)).rejects.toBeInstanceOf(NotFoundError);
    expect(reallocations.items.size).toBe(0);
  });

  it('refuses another currency and more than the source plan with a 422 that names the plan', async () => {
    // Prepare
    const { reallocations, deps } = setup();

    // Act
    const currency = requestReallocationAs(ana, { ...move, currency: 'USD' }, deps);
    const tooMuch = requestReallocationAs(ana, { ...move, amount: 10_001 }, deps);

    // Assess
    await expect(currency).rejects.toThrow(UnprocessableError);
    await expect(currency).rejects.toThrow(/cmp-a plans in EUR, not USD/);
    await expect(tooMuch).rejects.toThrow(/cmp-a plans 10000 in all: it cannot give 10001/);
    expect(reallocations.items.size).toBe(0);
  });

  it('refuses the requester’s own approval, lets another manager approve, and moves both plans', async () => {
    // Prepare
    const { catalogue, deps } = setup();
    const { reallocationId } = await requestReallocationAs(ana, move, deps);

    // Act
    const own = decideReallocationAs(ana, reallocationId, { decision: 'approved', note: 'mine' }, deps);
    await expect(own).rejects.toThrow(ForbiddenError);
    const approved = await decideReallocationAs(
      li,
      reallocationId,
      { decision: 'approved', note: 'Agreed' },
      deps,
    );

    // Assess
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'user:li', note: 'Agreed' });
    expect(catalogue.campaigns.get('cmp-a')?.plan?.budget).toBe(7_000);
    expect(catalogue.campaigns.get('cmp-b')?.plan?.budget).toBe(8_000);
    expect(catalogue.campaigns.get('cmp-b')?.planSetAt).toBe(NOW.toISOString());
    expect(catalogue.changes.map((change) => [change.id, change.actor])).toEqual([
      ['cmp-a', 'user:li'],
      ['cmp-b', 'user:li'],
    ]);
  });

  it('refuses a second decision with a 409 and leaves the plans as the first left them', async () => {
    // Prepare
    const { catalogue, deps } = setup();
    const { reallocationId } = await requestReallocationAs(ana, move, deps);
    await decideReallocationAs(li, reallocationId, { decision: 'rejected', note: 'Not now' }, deps);

    // Act
    const again = decideReallocationAs(
      manager('vy'),
      reallocationId,
      { decision: 'approved', note: 'ok' },
      deps,
    );

    // Assess
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toThrow(/already rejected by user:li/);
    expect(catalogue.campaigns.get('cmp-a')?.plan?.budget).toBe(10_000);
  });

  it('answers a request whose campaigns the decider cannot see as a missing one', async () => {
    // Prepare
    const { deps } = setup();
    const { reallocationId } = await requestReallocationAs(ana, move, deps);

    // Act
    const decided = decideReallocationAs(vnOnly, reallocationId, { decision: 'approved', note: 'ok' }, deps);

    // Assess
    await expect(decided).rejects.toThrow(new NotFoundError(`No re-allocation ${reallocationId}`));
  });
});

describe('Use case: ingest judges spend against the plan of record', () => {
  const ingestSetup = (campaigns: readonly Campaign[]) => {
    const catalogue = new MemoryCatalogueStore();
    for (const c of campaigns) catalogue.campaigns.set(c.campaignId, c);
    let ids = 0;
    const deps: IngestDependencies = {
      store: new MemoryEventStore(),
      catalogue,
      exceptions: { forBrand: async () => [] },
      engine: createRiskEngine(),
      policy: testPolicy,
      clock: { now: () => NOW },
      sleep: async () => {},
      newCaseId: () => {
        ids += 1;
        return `case-${ids}`;
      },
    };
    return { catalogue, deps };
  };
  // 9,000 spent of the event's 10,000 with a third of the month left: within plan by the event's figures.
  const event = {
    ...spendEvent(
      {
        campaignId: 'cmp-a',
        currency: 'EUR',
        plannedBudget: 10_000,
        actualSpend: 9_000,
        periodStart: '2026-12-01',
        periodEnd: '2026-12-31',
      },
      'e-after',
    ),
    occurredAt: '2026-12-10T09:30:00Z',
  };
  const overrunOf = async (planned: Campaign) => {
    const { catalogue, deps } = ingestSetup([planned]);
    const [result] = await ingestEvents('meta', [{ index: 0, ok: true, event }], deps);
    return {
      overrun:
        result === undefined || result.status === 'rejected'
          ? undefined
          : result.assessment.findings.find((finding) => finding.ruleId === 'spend.overrun'),
      reads: catalogue.calls.getMany,
    };
  };

  it('judges the overrun against the catalogue plan a re-allocation cut before the report, and says so', async () => {
    // Prepare
    const cut = campaign('cmp-a', 7_000, {
      planSetAt: '2026-12-10T09:00:00.000Z',
      planSetBy: 'user:li',
      version: 2,
    });

    // Act
    const { overrun, reads } = await overrunOf(cut);

    // Assess
    expect(overrun?.metrics).toMatchObject({
      plannedBudget: 7_000,
      eventPlannedBudget: 10_000,
    });
    expect(reads).toBe(1);
  });

  it('keeps the event’s own plan when the catalogue plan came from events or changed after the report', async () => {
    // Prepare
    const fromEvents = campaign('cmp-a', 7_000);
    const changedLater = campaign('cmp-a', 7_000, { planSetAt: '2026-12-10T09:45:00.000Z' });

    // Act
    const judged = [await overrunOf(fromEvents), await overrunOf(changedLater)];

    // Assess
    expect(judged.map((j) => j.overrun)).toEqual([undefined, undefined]);
  });

  it('judges the dry run (POST /v1/evaluate) against the same plan of record as ingest', async () => {
    // Prepare
    const cut = campaign('cmp-a', 7_000, { planSetAt: '2026-12-10T09:00:00.000Z', version: 2 });
    const { catalogue, deps } = ingestSetup([cut]);

    // Act
    const [result] = await evaluateEvents([{ index: 0, ok: true, event }], { ...deps, catalogue });

    // Assess
    const overrun =
      result === undefined || result.status === 'rejected'
        ? undefined
        : result.assessment.findings.find((finding) => finding.ruleId === 'spend.overrun');
    expect(overrun?.metrics).toMatchObject({ plannedBudget: 7_000, eventPlannedBudget: 10_000 });
  });
});
