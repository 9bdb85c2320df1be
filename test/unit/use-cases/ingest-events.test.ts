import { describe, expect, it, vi } from 'vitest';
import type { Baseline } from '#shared/domain/baselines.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import type { EvaluationContext } from '#shared/domain/engine.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { ConcurrencyError } from '#shared/errors.ts';
import type { EventStore } from '#shared/ports.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import { evaluateEvents } from '#shared/use-cases/evaluate-events.ts';
import type { EventResult, ParsedItem } from '#shared/use-cases/event-results.ts';
import { type IngestDependencies, ingestEvents, RISK_TYPES_RAISED } from '#shared/use-cases/ingest-events.ts';
import { adCopyEvent, finding, sentimentEvent, spendEvent } from '../../fixtures/events.ts';
import { testPolicy } from '../../fixtures/level-policy.ts';
import { MemoryEventStore } from '../../fixtures/memory-event-store.ts';
import { scriptedEngine } from '../../fixtures/scripted-engine.ts';

const START = new Date('2026-11-22T10:00:00Z');

/** A clock that only moves when the use case sleeps, so deadlines are tested without waiting. */
const fakeTime = () => {
  let now = START.getTime();
  const slept: number[] = [];
  return {
    clock: { now: () => new Date(now) },
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    at: () => now,
  };
};

const items = (events: readonly RiskEvent[]): ParsedItem[] =>
  events.map((event, index) => ({ index, ok: true, event }));

const setup = (overrides: Partial<IngestDependencies> = {}) => {
  const store = new MemoryEventStore();
  const time = fakeTime();
  let ids = 0;
  const deps: IngestDependencies = {
    store,
    exceptions: { forBrand: async () => [] },
    engine: scriptedEngine,
    policy: testPolicy,
    clock: time.clock,
    sleep: time.sleep,
    newCaseId: () => {
      ids += 1;
      return `case-${ids}`;
    },
    ...overrides,
  };
  return { store, time, deps };
};

const statuses = (results: readonly EventResult[]) => results.map((result) => result.status);

describe('Use case: ingestEvents', () => {
  describe('load → decide → write', () => {
    it('reads a single event’s id and its subject’s case pointers in one bulk read, then writes', async () => {
      // Prepare: the subject has a case under one risk type.
      const { store, deps } = setup();
      await ingestEvents('client-a', items([spendEvent({ actualSpend: 13_000 }, 'e-0')]), deps);
      store.calls.findEvents = 0;
      store.calls.subjectStates = 0;
      const findEventsAndPointers = vi.spyOn(store, 'findEventsAndPointers');

      // Act
      const [joined] = await ingestEvents(
        'client-a',
        items([spendEvent({ actualSpend: 14_000 }, 'e-1')]),
        deps,
      );
      const [green] = await ingestEvents(
        'client-a',
        items([spendEvent({ campaignId: 'quiet', actualSpend: 5_000 }, 'e-2')]),
        deps,
      );

      // Assess: the pointers of the risk types spend raises were asked for with the id; the case was read
      // (and joined) only where a pointer named one.
      const [, , subjects] = findEventsAndPointers.mock.calls[0] ?? [];
      expect(subjects?.map((subject) => subject.riskType).sort()).toEqual(['budget', 'channel']);
      expect(joined).toMatchObject({ status: 'created', caseId: 'case-1' });
      expect(green).toMatchObject({ status: 'created', caseId: null });
      expect(store.calls).toEqual({ findEvents: 2, subjectStates: 1, write: 3 });
    });

    it('prefetches the pointers of the risk types the shipped rules raise on each type of event', () => {
      // Prepare: events the shipped engine finds risky, one or more per type.
      const engine = createRiskEngine();
      const events: RiskEvent[] = [
        spendEvent({ actualSpend: 13_000 }),
        spendEvent({ actualSpend: 9_000, conversions: 2 }),
        sentimentEvent({ mentions: 900, negative: 600 }),
        adCopyEvent(),
        adCopyEvent({ text: 'Cures eczema in 3 days, guaranteed', lang: 'en', market: 'US' }),
      ];

      // Act
      const raised = events.map((event) => ({
        type: event.type,
        riskTypes: engine.evaluate(event, { now: START }).findings.map((finding) => finding.riskType),
      }));

      // Assess: each finding's risk type is one its event's pointers were read for.
      expect(raised.every(({ riskTypes }) => riskTypes.length > 0)).toBe(true);
      for (const { type, riskTypes } of raised)
        for (const riskType of riskTypes) expect(RISK_TYPES_RAISED[type]).toContain(riskType);
    });

    it('reads the exceptions only of brands whose ad copy the engine finds something in', async () => {
      // Prepare: a copy with an absolute claim and a clean one, of two brands.
      const forBrand = vi.fn(async (_brand: string): Promise<ClaimException[]> => []);
      const { deps } = setup({ engine: createRiskEngine(), exceptions: { forBrand } });
      const events = [
        adCopyEvent({ brand: 'Acme' }, 'risky'),
        adCopyEvent(
          { brand: 'Quiet', text: 'Gentle daily moisturiser for dry skin', lang: 'en', market: 'US' },
          'clean',
        ),
      ];

      // Act
      const results = await ingestEvents('client-a', items(events), deps);

      // Assess
      expect(statuses(results)).toEqual(['created', 'created']);
      expect(
        results.map((result) => (result.status === 'rejected' ? 'none' : result.assessment.level)),
      ).toEqual(['red', 'green']);
      expect(forBrand.mock.calls.map(([brand]) => brand)).toEqual(['Acme']);
    });

    it("reads a 100-event batch's subject pointers with its ids and then only the cases they name", async () => {
      // Prepare: one of the batch's 50 campaigns has a case.
      const { store, deps } = setup();
      await ingestEvents(
        'client-a',
        items([spendEvent({ campaignId: 'cmp-7', actualSpend: 13_000 }, 'e-0')]),
        deps,
      );
      store.calls.findEvents = 0;
      const subjectStates = vi.spyOn(store as EventStore, 'subjectStates');
      const events = Array.from({ length: 100 }, (_, i) =>
        spendEvent({ campaignId: `cmp-${i % 50}`, actualSpend: 13_000 }, `e-${i + 1}`),
      );

      // Act
      const results = await ingestEvents('client-a', items(events), deps);

      // Assess: the second read was of the subjects' cases, with every pointer already known.
      expect(statuses(results).every((status) => status === 'created')).toBe(true);
      expect(store.calls.findEvents).toBe(1);
      expect(subjectStates).toHaveBeenCalledTimes(1);
      const [, known] = subjectStates.mock.calls[0] ?? [];
      expect([...(known?.values() ?? [])].filter((caseId) => caseId !== null)).toEqual(['case-1']);
      expect(store.cases.get('case-1')?.occurrences).toBe(3);
    });

    it("writes what each event teaches its subject's baseline with the event, in batch order", async () => {
      // Prepare: a baseline that counts observations, none stored yet.
      const { store, deps } = setup({
        engine: {
          ...scriptedEngine,
          nextBaseline: (_event, previous) =>
            ({ kind: 'spend', observations: (previous?.observations ?? 0) + 1 }) as Baseline,
        },
        baselines: { getMany: async () => new Map() },
      });
      const events = [spendEvent({}, 'e-1'), spendEvent({}, 'e-2')];

      // Act
      await ingestEvents('client-a', items(events), deps);

      // Assess: one write per event, each carrying its lesson, the second building on the first.
      expect(store.calls.write).toBe(2);
      expect(store.learned.map(({ expected, next }) => [expected, next.observations])).toEqual([
        ['absent', 1],
        [1, 2],
      ]);
    });

    it('reads a 100-event batch whose subjects have no case in one bulk read and writes each event once, subjects in batch order', async () => {
      // Prepare: 10 campaigns, 10 red events each, interleaved.
      const { store, deps } = setup();
      const events = Array.from({ length: 100 }, (_, i) =>
        spendEvent({ campaignId: `cmp-${i % 10}`, actualSpend: 13_000 + i }, `e-${i}`),
      );

      // Act
      const results = await ingestEvents('client-a', items(events), deps);

      // Assess
      expect(statuses(results).every((status) => status === 'created')).toBe(true);
      expect(store.calls).toEqual({ findEvents: 1, subjectStates: 0, write: 100 });
      expect(store.cases.size).toBe(10);
      expect([...store.cases.values()].map((c) => c.occurrences)).toEqual(Array(10).fill(10));
      const order = store.written
        .filter(
          (write) => write.stored.event.type === 'spend' && write.stored.event.spend.campaignId === 'cmp-3',
        )
        .map((write) => write.stored.event.eventId);
      expect(order).toEqual(['e-3', 'e-13', 'e-23', 'e-33', 'e-43', 'e-53', 'e-63', 'e-73', 'e-83', 'e-93']);
    });

    it("writes a batch in rounds, the next event of every subject in one writeAll: as many as the busiest subject's events", async () => {
      // Prepare: 30 campaigns, the first with 3 events, the others with one.
      const { store, deps } = setup();
      const events = [
        ...Array.from({ length: 30 }, (_, i) =>
          spendEvent({ campaignId: `cmp-${i}`, actualSpend: 13_000 }, `e-${i}`),
        ),
        spendEvent({ campaignId: 'cmp-0', actualSpend: 13_000 }, 'e-30'),
        spendEvent({ campaignId: 'cmp-0', actualSpend: 13_000 }, 'e-31'),
      ];

      // Act
      const results = await ingestEvents('client-a', items(events), deps);

      // Assess
      expect(statuses(results).every((status) => status === 'created')).toBe(true);
      expect(store.writeRounds).toBe(3);
      expect(store.cases.size).toBe(30);
    });

    it('submits again at once a write that only stood beside a failed one, and without its learning one whose baseline moved', async () => {
      // Prepare: the first round's first write is a bystander, its second lost its baseline.
      const { store, deps, time } = setup({
        engine: {
          ...scriptedEngine,
          nextBaseline: (_event, previous) =>
            ({ kind: 'spend', observations: (previous?.observations ?? 0) + 1 }) as Baseline,
        },
        baselines: { getMany: async () => new Map() },
      });
      const writeAll = store.writeAll.bind(store);
      const submitted: { eventId: string; learns: boolean }[][] = [];
      store.writeAll = async (writes) => {
        submitted.push(
          writes.map((w) => ({ eventId: w.write.stored.event.eventId, learns: w.learning !== undefined })),
        );
        if (submitted.length > 1) return writeAll(writes);
        return [
          { outcome: 'not-written', baselineMoved: false },
          { outcome: 'not-written', baselineMoved: true },
        ];
      };
      const events = [spendEvent({ campaignId: 'a' }, 'a-1'), spendEvent({ campaignId: 'b' }, 'b-1')];

      // Act
      const results = await ingestEvents('client-a', items(events), deps);

      // Assess
      expect(statuses(results)).toEqual(['created', 'created']);
      expect(submitted).toEqual([
        [
          { eventId: 'a-1', learns: true },
          { eventId: 'b-1', learns: true },
        ],
        [
          { eventId: 'a-1', learns: true },
          { eventId: 'b-1', learns: false },
        ],
      ]);
      expect(time.slept).toEqual([]);
      expect(store.learned.map((learning) => learning.key)).toHaveLength(1);
    });

    it('answers an id already stored, and an id repeated in the batch, as duplicates of the first', async () => {
      const { store, deps } = setup();
      await ingestEvents('client-a', items([spendEvent({ campaignId: 'old' }, 'old')]), deps);

      const results = await ingestEvents(
        'client-a',
        items([
          spendEvent({ campaignId: 'old' }, 'old'),
          spendEvent({ campaignId: 'new' }, 'twice'),
          spendEvent({ campaignId: 'other', actualSpend: 1 }, 'twice'),
        ]),
        deps,
      );

      expect(statuses(results)).toEqual(['duplicate', 'created', 'duplicate']);
      expect(results.map((result) => result.index)).toEqual([0, 1, 2]);
      const [, first, repeat] = results;
      expect(repeat).toMatchObject({
        caseId: first?.status === 'created' ? first.caseId : 'none',
        assessment: { level: 'red' },
      });
      expect(store.events.size).toBe(2);
    });

    it('keeps rejected items with their errors and stores the rest', async () => {
      const { deps } = setup();
      const results = await ingestEvents(
        'client-a',
        [
          { index: 0, ok: false, eventId: 'bad', errors: [{ path: 'events.0.spend', message: 'missing' }] },
          { index: 1, ok: true, event: spendEvent({}, 'good') },
        ],
        deps,
      );
      expect(statuses(results)).toEqual(['rejected', 'created']);
    });
  });

  describe('races', () => {
    it('re-reads and retries only the event that lost a race', async () => {
      const { store, deps } = setup();
      let lost = false;
      store.beforeWrite = (write) => {
        if (write.stored.event.eventId !== 'b-2' || lost) return undefined;
        lost = true;
        return 'stale';
      };
      const events = [
        spendEvent({ campaignId: 'a' }, 'a-1'),
        spendEvent({ campaignId: 'b' }, 'b-1'),
        spendEvent({ campaignId: 'b' }, 'b-2'),
      ];

      const results = await ingestEvents('client-a', items(events), deps);

      expect(statuses(results)).toEqual(['created', 'created', 'created']);
      // The pointers came with the event ids (no case yet); only the lost race read its subject again.
      expect(store.calls).toEqual({ findEvents: 1, subjectStates: 1, write: 4 });
    });

    it('gives up before the deadline with a ConcurrencyError carrying Retry-After, never past it', async () => {
      // Prepare: every write loses; the deadline is 2 s away.
      const { store, time, deps } = setup();
      store.beforeWrite = () => 'stale';
      const deadline = new Date(START.getTime() + 2_000);
      const events = [spendEvent({ campaignId: 'x' }, 'x-1'), spendEvent({ campaignId: 'x' }, 'x-2')];

      // Act
      const outcome = ingestEvents('client-a', items(events), { ...deps, deadline });

      // Assess
      const error = await outcome.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ retryAfterSeconds: 1, message: expect.stringMatching(/^2 of 2 events/) });
      expect(time.slept.length).toBeGreaterThan(1);
      expect(time.at()).toBeLessThan(deadline.getTime());
      expect(store.events.size).toBe(0);
    });

    it('starts no attempt that would end after the deadline, counting how long attempts take', async () => {
      // Prepare: each write takes 600 ms of the 2 s left, and loses.
      const { store, time, deps } = setup();
      store.beforeWrite = () => {
        void time.sleep(600);
        return 'stale';
      };
      const deadline = new Date(START.getTime() + 2_000);

      // Act
      const outcome = ingestEvents('client-a', items([spendEvent({}, 'slow')]), { ...deps, deadline });

      // Assess
      await expect(outcome).rejects.toBeInstanceOf(ConcurrencyError);
      expect(store.calls.write).toBeGreaterThan(1);
      expect(time.at()).toBeLessThanOrEqual(deadline.getTime());
    });

    it('stores what it could and says so when one subject of a batch keeps losing', async () => {
      const { store, deps } = setup();
      store.beforeWrite = (write) => (write.stored.event.eventId === 'hot' ? 'stale' : undefined);
      const events = [spendEvent({ campaignId: 'calm' }, 'calm'), spendEvent({ campaignId: 'hot' }, 'hot')];

      await expect(
        ingestEvents('client-a', items(events), { ...deps, deadline: new Date(START.getTime() + 1_000) }),
      ).rejects.toThrow(/^1 of 2 events could not be stored/);
      expect([...store.events.values()].map((stored) => stored.event.eventId)).toEqual(['calm']);
    });
  });
});

describe('Use case: evaluateEvents', () => {
  /** An engine that flags every ad copy under one rule and records the baselines it was given. */
  const seen: EvaluationContext[] = [];
  const claimEngine: IngestDependencies['engine'] = {
    ...scriptedEngine,
    evaluate(event, context) {
      seen.push(context);
      if (event.type !== 'ad-copy') return scriptedEngine.evaluate(event, context);
      const flagged = finding({
        ruleId: 'cn.absolute-terms',
        riskType: 'compliance',
        level: 'yellow',
        probability: 'medium',
        impact: 'moderate',
        evidence: [{ text: '第一', start: 0, end: 2 }],
      });
      return {
        level: 'yellow',
        probability: 'medium',
        impact: 'moderate',
        findings: [flagged],
        engine: this.version,
      };
    },
    nextBaseline: (_event, previous) => previous,
  };
  const exception: ClaimException = {
    exceptionId: 'exc-1',
    brand: 'Acme',
    ruleId: 'cn.absolute-terms',
    evidence: 'Market-share report 2026',
    expiresOn: '2026-12-31',
    timeZone: 'UTC',
    expiresAt: '2027-01-01T00:00:00Z',
    grantedBy: 'user:legal',
    grantedAt: '2026-11-01T00:00:00Z',
    reviewId: 'case-0',
  };
  /** A stored baseline as the real engine learns it from a few quiet hours (its shape is the domain's). */
  const baseline = [1, 2, 3, 4, 5, 6].reduce<Baseline | undefined>(
    (previous, hour) =>
      createRiskEngine().nextBaseline(
        {
          ...sentimentEvent({
            windowStart: `2026-11-21T0${hour}:00:00Z`,
            windowEnd: `2026-11-21T0${hour}:59:59Z`,
          }),
          occurredAt: `2026-11-21T0${hour}:59:59Z`,
        },
        previous,
      ) ?? previous,
    undefined,
  );

  it('judges exactly as ingest does: legal exceptions applied, stored baselines used, nothing written', async () => {
    // Prepare: the same dependencies for both; the exception covers the claim.
    const { store, deps } = setup({
      engine: claimEngine,
      exceptions: { forBrand: async (brand) => (brand === 'Acme' ? [exception] : []) },
      baselines: { getMany: async (keys) => new Map(keys.map((key) => [key, baseline])) },
    });
    const events = [adCopyEvent({ text: '第一品牌' }, 'copy-1'), sentimentEvent({}, 'sent-1')];

    expect(baseline).toBeDefined();

    // Act
    seen.length = 0;
    const evaluated = await evaluateEvents(items(events), deps);
    const evaluatedContexts = seen.splice(0);
    const writesBefore = store.calls.write;
    const ingested = await ingestEvents('client-a', items(events), deps);

    // Assess
    expect(writesBefore).toBe(0);
    expect(evaluated.map((result) => result.status)).toEqual(['evaluated', 'evaluated']);
    const assessments = (results: readonly EventResult[]) =>
      results.map((result) => (result.status === 'rejected' ? undefined : result.assessment));
    expect(assessments(evaluated)).toEqual(assessments(ingested));
    expect(assessments(evaluated)[0]).toMatchObject({
      level: 'green',
      findings: [
        { exception: { id: 'exc-1' }, message: expect.stringMatching(/^Allowed by exception exc-1/) },
      ],
    });
    expect(evaluatedContexts.map((context) => context.baselines)).toEqual([
      undefined,
      { sentiment: baseline },
    ]);
    expect(seen.map((context) => context.baselines)).toEqual(evaluatedContexts.map((c) => c.baselines));
  });
});
