import { describe, expect, it, vi } from 'vitest';
import type { Brand, Campaign } from '#shared/domain/catalogue.ts';
import type { RiskEngine } from '#shared/domain/engine.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import type { ParsedItem } from '#shared/use-cases/event-results.ts';
import { type IngestDependencies, ingestEvents } from '#shared/use-cases/ingest-events.ts';
import { adCopyEvent, assessment, finding, sentimentEvent, spendEvent } from '../../fixtures/events.ts';
import { testPolicy } from '../../fixtures/level-policy.ts';
import { MemoryCatalogueStore } from '../../fixtures/memory-catalogue-store.ts';
import { MemoryEventStore } from '../../fixtures/memory-event-store.ts';
import { scriptedEngine } from '../../fixtures/scripted-engine.ts';

const NOW = new Date('2026-11-22T10:00:00Z');

const items = (events: readonly RiskEvent[]): ParsedItem[] =>
  events.map((event, index) => ({ index, ok: true, event }));

/** Spend as the scripted engine judges it (over plan = red); ad copy and sentiment red too, so they open cases. */
const engine = {
  ...scriptedEngine,
  evaluate: (event: RiskEvent, context: Parameters<RiskEngine['evaluate']>[1]) =>
    event.type === 'spend'
      ? scriptedEngine.evaluate(event, context)
      : assessment([finding({ ruleId: `${event.type}.test`, riskType: 'compliance' })]),
};

const setup = () => {
  const store = new MemoryEventStore();
  const catalogue = new MemoryCatalogueStore();
  let ids = 0;
  const deps: IngestDependencies = {
    store,
    catalogue,
    exceptions: { forBrand: async () => [] },
    engine,
    policy: testPolicy,
    clock: { now: () => NOW },
    sleep: async () => {},
    newCaseId: () => {
      ids += 1;
      return `case-${ids}`;
    },
  };
  return { store, catalogue, deps };
};

const managed = (overrides: Partial<Campaign> = {}): Campaign => ({
  campaignId: 'cmp-1',
  source: 'manager',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'user:ana',
  version: 3,
  ...overrides,
});

const brand = (overrides: Partial<Brand> = {}): Brand => ({
  brand: 'Acme',
  managers: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'user:ana',
  version: 1,
  ...overrides,
});

const onlyCase = (store: MemoryEventStore) => {
  const cases = [...store.cases.values()];
  expect(cases).toHaveLength(1);
  return cases[0];
};

describe('Use case: ingestEvents with the catalogue', () => {
  it('records a campaign and a brand first seen in a spend event, and the spend case carries their brand and market', async () => {
    // Prepare
    const { store, catalogue, deps } = setup();

    // Act
    await ingestEvents(
      'pusher',
      items([spendEvent({ brand: 'Acme', market: 'UK', actualSpend: 13_000 })]),
      deps,
    );

    // Assess: the campaign as the event describes it, the plan included; the case filed under its brand and
    // market (UK as GB).
    expect(catalogue.campaigns.get('cmp-1')).toEqual({
      campaignId: 'cmp-1',
      channel: 'facebook',
      brand: 'Acme',
      market: 'GB',
      plan: { budget: 10_000, currency: 'USD', periodStart: '2026-11-01', periodEnd: '2026-11-30' },
      source: 'event',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      updatedBy: 'client:pusher',
      version: 1,
    });
    expect(catalogue.brands.get('acme')).toMatchObject({ brand: 'Acme', managers: [], version: 1 });
    expect(onlyCase(store)?.subject).toMatchObject({ campaignId: 'cmp-1', brand: 'Acme', market: 'GB' });
  });

  it('never overwrites what a manager set: the case takes the catalogue’s brand, market and owner', async () => {
    // Prepare
    const { store, catalogue, deps } = setup();
    catalogue.campaigns.set('cmp-1', managed({ brand: 'Globex', market: 'VN', owner: 'ana' }));

    // Act
    await ingestEvents('pusher', items([spendEvent({ brand: 'Acme', market: 'CN' })]), deps);

    // Assess
    expect(catalogue.campaigns.get('cmp-1')).toEqual(
      managed({ brand: 'Globex', market: 'VN', owner: 'ana' }),
    );
    expect(catalogue.calls.saveCampaign).toBe(0);
    expect(onlyCase(store)).toMatchObject({ subject: { brand: 'Globex', market: 'VN' }, owner: 'ana' });
  });

  it('fills what a campaign only events described lacks, from a later event', async () => {
    // Prepare: first seen in an ad copy (brand and market, no plan).
    const { catalogue, deps } = setup();
    await ingestEvents(
      'pusher',
      items([adCopyEvent({ campaignId: 'cmp-1', brand: 'Acme', market: 'VN' })]),
      deps,
    );

    // Act
    await ingestEvents('pusher', items([spendEvent({ brand: 'Other' }, 'e-2')]), deps);

    // Assess: channel and plan filled, the brand from the first sight kept.
    expect(catalogue.campaigns.get('cmp-1')).toMatchObject({
      brand: 'Acme',
      market: 'VN',
      channel: 'facebook',
      plan: { budget: 10_000 },
      source: 'event',
      version: 2,
    });
  });

  it("gives a new spend case its brand's owner when the campaign names none", async () => {
    // Prepare: the campaign's brand is not named by the event, so it is read after the campaign.
    const { store, catalogue, deps } = setup();
    catalogue.campaigns.set('cmp-1', managed({ brand: 'Acme', market: 'VN' }));
    catalogue.brands.set('acme', brand({ owner: 'bo' }));

    // Act
    await ingestEvents('pusher', items([spendEvent()]), deps);

    // Assess
    expect(onlyCase(store)).toMatchObject({ subject: { brand: 'Acme', market: 'VN' }, owner: 'bo' });
  });

  it('completes an existing case on its next occurrence and never overwrites a reassigned owner', async () => {
    // Prepare: a case opened before the campaign had a brand or owner.
    const { store, catalogue, deps } = setup();
    await ingestEvents('pusher', items([spendEvent({}, 'e-1')]), deps);
    expect(onlyCase(store)?.owner).toBeUndefined();
    catalogue.campaigns.set('cmp-1', managed({ brand: 'Acme', market: 'VN', owner: 'ana' }));

    // Act: the next occurrence after the manager completed the campaign.
    await ingestEvents('pusher', items([spendEvent({}, 'e-2')]), deps);
    const completed = onlyCase(store);
    // … then a manager reassigns it, and another occurrence comes.
    const reassigned = { ...completed, owner: 'cy' } as NonNullable<typeof completed>;
    store.cases.set(reassigned.caseId, reassigned);
    await ingestEvents('pusher', items([spendEvent({}, 'e-3')]), deps);

    // Assess
    expect(completed).toMatchObject({
      subject: { brand: 'Acme', market: 'VN' },
      owner: 'ana',
      occurrences: 2,
    });
    expect(onlyCase(store)).toMatchObject({ owner: 'cy', occurrences: 3 });
  });

  it("reads a 100-event request's campaigns and brands in one bulk read", async () => {
    // Prepare: 10 campaigns, some known with an owner, ad copy and sentiment naming brands.
    const { catalogue, deps } = setup();
    for (let i = 0; i < 5; i += 1)
      catalogue.campaigns.set(`cmp-${i}`, managed({ campaignId: `cmp-${i}`, owner: 'ana' }));
    const events = Array.from({ length: 100 }, (_, i): RiskEvent => {
      if (i % 3 === 0) return spendEvent({ campaignId: `cmp-${i % 10}` }, `e-${i}`);
      if (i % 3 === 1) return sentimentEvent({ brand: `Brand ${i % 4}` }, `e-${i}`);
      return adCopyEvent({ copyId: `c-${i}`, campaignId: `cmp-${i % 10}` }, `e-${i}`);
    });
    const getMany = vi.spyOn(catalogue, 'getMany');

    // Act
    await ingestEvents('pusher', items(events), deps);

    // Assess
    expect(getMany).toHaveBeenCalledTimes(1);
    const [campaignIds, brands] = getMany.mock.calls[0] ?? [];
    expect(new Set(campaignIds)).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `cmp-${i}`)));
    expect(new Set(brands)).toEqual(new Set(['Acme', 'Brand 0', 'Brand 1', 'Brand 2', 'Brand 3']));
    expect(catalogue.campaigns.size).toBe(10);
  });

  it('takes a lost first-sight race as no error: the events are stored', async () => {
    // Prepare: another writer records the campaign between the read and the put.
    const { store, catalogue, deps } = setup();
    vi.spyOn(catalogue, 'saveCampaign').mockResolvedValue('stale');

    // Act
    const results = await ingestEvents('pusher', items([spendEvent()]), deps);

    // Assess
    expect(results.map((result) => result.status)).toEqual(['created']);
    expect(store.cases.size).toBe(1);
  });

  it('gives an ad-copy case its campaign’s owner, else its brand’s, and a sentiment case its brand’s', async () => {
    // Prepare
    const { store, catalogue, deps } = setup();
    catalogue.campaigns.set('cmp-1', managed({ brand: 'Acme', owner: 'ana' }));
    catalogue.brands.set('acme', brand({ owner: 'bo' }));

    // Act
    await ingestEvents(
      'pusher',
      items([
        adCopyEvent({ copyId: 'with-campaign', campaignId: 'cmp-1' }, 'e-1'),
        adCopyEvent({ copyId: 'without', campaignId: undefined }, 'e-2'),
        sentimentEvent({ brand: 'ACME' }, 'e-3'),
      ]),
      deps,
    );

    // Assess
    const owners = Object.fromEntries(
      [...store.cases.values()].map((value) => [
        value.subject.copyId ?? value.subject.key.split('|')[0],
        value.owner,
      ]),
    );
    expect(owners).toEqual({ 'with-campaign': 'ana', without: 'bo', sentiment: 'bo' });
  });

  it('keeps what spend events say about brand and market without a catalogue', async () => {
    // Prepare
    const { store, deps } = setup();
    const { catalogue: _, ...withoutCatalogue } = deps;

    // Act
    await ingestEvents('pusher', items([spendEvent({ brand: 'Acme', market: 'VN' })]), withoutCatalogue);

    // Assess
    expect(onlyCase(store)?.subject).toMatchObject({ brand: 'Acme', market: 'VN' });
  });
});
