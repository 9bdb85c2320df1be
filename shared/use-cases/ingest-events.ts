import { backoffDelay } from '#shared/backoff.ts';
import { worstOf } from '#shared/domain/assess.ts';
import { baselineKeyOf } from '#shared/domain/baselines.ts';
import { type LevelPolicy, type OccurrenceInput, subjectOf } from '#shared/domain/case.ts';
import { completedSubject, ownerFor, sightingsOf } from '#shared/domain/catalogue.ts';
import type { RiskType } from '#shared/domain/finding.ts';
import { ConcurrencyError } from '#shared/errors.ts';
import {
  type BaselineLearning,
  type CatalogueEntries,
  type CatalogueStore,
  type Clock,
  type EventStore,
  type IdGenerator,
  type StoredEvent,
  type SubjectRef,
  type SubjectState,
  subjectRefKey,
} from '#shared/ports.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import { brandsToComplete, NO_ENTRIES, recordSightings } from './catalogue-sightings.ts';
import { type EventResult, type ParsedItem, rejectedResult } from './event-results.ts';
import { type JudgeDependencies, type Judgement, judgeWithPlans, loadKnowledge } from './judge-events.ts';
import { planOccurrence, stateAfter } from './plan-occurrence.ts';

export interface IngestDependencies extends JudgeDependencies {
  readonly store: EventStore;
  readonly policy: LevelPolicy;
  readonly clock: Clock;
  readonly newCaseId: IdGenerator;
  /**
   * The campaign and brand catalogue: campaigns and brands first seen are recorded, and cases take their
   * brand, market and default owner from it. Without it cases carry what their events say.
   */
  readonly catalogue?: Pick<CatalogueStore, 'getMany' | 'saveCampaign' | 'saveBrand'>;
  /**
   * When the answer must be on its way (the function's timeout less a reserve): no retry starts after it.
   * Defaults to DEFAULT_BUDGET_MS from the start of the batch.
   */
  readonly deadline?: Date;
  /** Waits between optimistic-concurrency retries; injectable so tests need not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told what each stored event did, for metrics; no effect on the outcome. */
  readonly observe?: (observation: IngestObservation) => void;
}

/** What a stored event did: the edge turns these into product metrics. */
export type IngestObservation =
  | { readonly kind: 'event-stored'; readonly type: RiskEvent['type']; readonly level: string }
  | { readonly kind: 'case-opened'; readonly riskType: string; readonly level: string };

/** The budget when the caller states no deadline: inside the functions' 10 s timeout. */
export const DEFAULT_BUDGET_MS = 8_000;
/** A cap on attempts per event whatever the deadline; each attempt re-reads the subject. */
const MAX_ATTEMPTS = 40;
/**
 * The risk types the shipped rules raise on each type of event (shared/domain/spend-rules.ts,
 * sentiment-rules.ts, claims/evaluate-copy.ts): the subject pointers read with the event ids, before judging,
 * so that a request whose subjects have no case reads nothing more and one that joins a case reads only that
 * case. A hint, not a rule: a case on a risk type not listed here has its pointer read after judging.
 */
export const RISK_TYPES_RAISED: Readonly<Record<RiskEvent['type'], readonly RiskType[]>> = {
  spend: ['budget', 'channel'],
  sentiment: ['reputation'],
  'ad-copy': ['compliance'],
};
/** Optimistic-concurrency retries: full jitter up to 10 ms × 2^n, at most 200 ms. */
const RACE_BACKOFF = { baseMs: 10, maxMs: 200 } as const;
/** What a 503 tells the client to wait: by then the writers it lost to are done. */
const RETRY_AFTER_SECONDS = 1;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An event to store, as decided before any write. */
interface Decided {
  readonly index: number;
  readonly event: RiskEvent;
  readonly judgement: Judgement;
  /** Set when the event opens or joins a case. */
  readonly input?: OccurrenceInput;
  readonly subject?: SubjectRef;
  /** The owner a case it opens takes (and an ownerless case it joins), from the catalogue. */
  readonly owner?: string;
}

const duplicateResult = (index: number, original: StoredEvent): EventResult => ({
  index,
  eventId: original.event.eventId,
  status: 'duplicate',
  caseId: original.caseId,
  assessment: original.assessment,
});

/** The case input of a judged event: its worst finding's risk type on its subject, if its level opens one. */
const decide = (
  clientId: string,
  index: number,
  event: RiskEvent,
  judgement: Judgement,
  now: Date,
  policy: LevelPolicy,
): Decided => {
  const { assessment } = judgement;
  const worst = worstOf(policy.compare, assessment.findings);
  if (worst === undefined || !policy.opensCase(assessment.level)) return { index, event, judgement };
  const input: OccurrenceInput = {
    event,
    clientId,
    assessment,
    riskType: worst.riskType,
    subject: subjectOf(event),
    now,
  };
  return {
    index,
    event,
    judgement,
    input,
    subject: { riskType: worst.riskType, subjectKey: input.subject.key },
  };
};

/** The subjects an event may open or join a case on: its subject under each risk type its type raises. */
const candidateSubjects = (events: readonly RiskEvent[]): SubjectRef[] => {
  const subjects = new Map<string, SubjectRef>();
  for (const event of events) {
    const subjectKey = subjectOf(event).key;
    for (const riskType of RISK_TYPES_RAISED[event.type]) {
      const subject = { riskType, subjectKey };
      subjects.set(subjectRefKey(subject), subject);
    }
  }
  return [...subjects.values()];
};

/**
 * Events that must be written one after another: those of one subject (they share a case and a baseline,
 * and the baseline key is a function of the subject). Lanes keep batch order.
 */
const lanesOf = (decided: readonly Decided[]): Decided[][] => {
  const lanes = new Map<string, Decided[]>();
  for (const item of decided) {
    const key = baselineKeyOf(item.event)?.key ?? subjectOf(item.event).key;
    const lane = lanes.get(key);
    if (lane === undefined) lanes.set(key, [item]);
    else lane.push(item);
  }
  return [...lanes.values()];
};

/** The catalogue after the request's first sightings, with the brands its cases' campaigns name. */
const completeCatalogue = async (
  loaded: CatalogueEntries,
  fresh: readonly RiskEvent[],
  judged: readonly Decided[],
  clientId: string,
  now: Date,
  deps: IngestDependencies,
): Promise<CatalogueEntries> => {
  if (deps.catalogue === undefined) return loaded;
  const casework = judged.flatMap((item) => (item.input === undefined ? [] : [item.input.subject]));
  const [recorded, more] = await Promise.all([
    // A drill's campaigns and brands are made up or borrowed: the catalogue records real sightings only.
    recordSightings(
      loaded,
      sightingsOf(fresh.filter((event) => event.drill === undefined)),
      `client:${clientId}`,
      now,
      deps.catalogue,
    ),
    brandsToComplete(loaded, casework, deps.catalogue),
  ]);
  return { campaigns: recorded.campaigns, brands: new Map([...more, ...recorded.brands]) };
};

/** A decided event whose case takes its brand, market and default owner from the catalogue. */
const withCatalogue = (item: Decided, catalogue: CatalogueEntries): Decided => {
  if (item.input === undefined) return item;
  const campaignId = item.input.subject.campaignId;
  const campaign = campaignId === undefined ? undefined : catalogue.campaigns.get(campaignId);
  const said = item.event.type === 'spend' ? item.event.spend : {};
  const subject = completedSubject(item.input.subject, campaign, said);
  const owner = ownerFor(subject, catalogue);
  return { ...item, input: { ...item.input, subject }, ...(owner === undefined ? {} : { owner }) };
};

interface Run {
  readonly clientId: string;
  readonly receivedAt: Date;
  readonly deadline: number;
  readonly states: Map<string, SubjectState>;
  readonly results: Map<number, EventResult>;
  readonly lost: number[];
  readonly deps: IngestDependencies;
  /** The longest a write attempt (re-read included) has taken so far: the next one may take as long. */
  slowestAttemptMs: number;
}

/** What a decided event teaches its subject's baseline, if the baselines are kept. */
const learningOf = (item: Decided, deps: IngestDependencies): BaselineLearning | undefined => {
  const learning = item.judgement.learning;
  if (learning === undefined || deps.baselines === undefined) return undefined;
  return { key: learning.from.key, next: learning.next, expected: learning.from.expected };
};

/** True when an attempt that starts after `delayMs` would likely end before the deadline. */
const hasTimeFor = (run: Run, delayMs: number): boolean =>
  run.deps.clock.now().getTime() + delayMs + run.slowestAttemptMs < run.deadline;

/** A lane being written: its next event, that event's attempt, and what its last attempt found. */
interface LaneCursor {
  readonly lane: readonly Decided[];
  position: number;
  attempt: number;
  /** It lost a race: its subject is read again before the next attempt. */
  stale: boolean;
  /** Its baseline moved under it: it is stored without the learning. */
  withoutLearning: boolean;
}

/** Records an event stored (or found stored) and moves its lane on. */
const settle = (cursor: LaneCursor, run: Run, result: EventResult): void => {
  run.results.set(result.index, result);
  cursor.position += 1;
  cursor.attempt = 1;
  cursor.stale = false;
  cursor.withoutLearning = false;
};

/**
 * Writes the lanes in rounds: each round plans the next event of every lane against its subject's state
 * and stores them all with one `writeAll` (few round trips). An event that lost a race has its subject
 * read again (in bulk, for all such) and is tried again after a backoff, until it is stored, turns out a
 * duplicate or time runs out; then it and the rest of its lane wait for the client's retry.
 */
const writeLanes = async (lanes: readonly Decided[][], run: Run): Promise<void> => {
  const { deps } = run;
  let active: LaneCursor[] = lanes.map((lane) => ({
    lane,
    position: 0,
    attempt: 1,
    stale: false,
    withoutLearning: false,
  }));
  const lose = (cursor: LaneCursor) =>
    run.lost.push(...cursor.lane.slice(cursor.position).map((item) => item.index));
  while (active.length > 0) {
    if (!hasTimeFor(run, 0)) {
      for (const cursor of active) lose(cursor);
      return;
    }
    const started = deps.clock.now().getTime();
    const reread = active.flatMap((cursor) => {
      const subject = cursor.lane[cursor.position]?.subject;
      return cursor.stale && subject !== undefined ? [subject] : [];
    });
    if (reread.length > 0) {
      const fresh = await deps.store.subjectStates(reread);
      for (const subject of reread)
        run.states.set(subjectRefKey(subject), fresh.get(subjectRefKey(subject)) ?? {});
    }
    const attempts = active.map((cursor) => {
      const item = cursor.lane[cursor.position] as Decided;
      const stateKey = item.subject === undefined ? undefined : subjectRefKey(item.subject);
      const state = stateKey === undefined ? {} : (run.states.get(stateKey) ?? {});
      const stored = {
        clientId: run.clientId,
        event: item.event,
        assessment: item.judgement.assessment,
        receivedAt: run.receivedAt.toISOString(),
      };
      const write = planOccurrence(stored, item.input, state, deps.policy, deps.newCaseId(), item.owner);
      const learning = cursor.withoutLearning ? undefined : learningOf(item, deps);
      return { cursor, item, stateKey, state, write, learning };
    });
    const outcomes = await deps.store.writeAll(
      attempts.map(({ write, learning }) => (learning === undefined ? { write } : { write, learning })),
    );
    run.slowestAttemptMs = Math.max(run.slowestAttemptMs, deps.clock.now().getTime() - started);
    let backoff = 0;
    for (const [i, { cursor, item, stateKey, state, write }] of attempts.entries()) {
      const outcome = outcomes[i];
      if (outcome === undefined) throw new Error('Invariant: one outcome per write');
      if (outcome.outcome === 'written') {
        if (stateKey !== undefined) run.states.set(stateKey, stateAfter(state, write));
        settle(cursor, run, {
          index: item.index,
          eventId: item.event.eventId,
          status: 'created',
          caseId: write.stored.caseId,
          assessment: write.stored.assessment,
        });
        deps.observe?.({ kind: 'event-stored', type: item.event.type, level: write.stored.assessment.level });
        if (write.kind === 'open-case')
          deps.observe?.({ kind: 'case-opened', riskType: write.next.riskType, level: write.next.level });
      } else if (outcome.outcome === 'duplicate') {
        settle(cursor, run, duplicateResult(item.index, outcome.original));
      } else if (outcome.outcome === 'not-written') {
        if (outcome.baselineMoved) cursor.withoutLearning = true;
      } else {
        const delay = backoffDelay(RACE_BACKOFF, cursor.attempt);
        if (cursor.attempt >= MAX_ATTEMPTS || !hasTimeFor(run, delay)) {
          lose(cursor);
          cursor.position = cursor.lane.length;
          continue;
        }
        cursor.attempt += 1;
        cursor.stale = true;
        backoff = Math.max(backoff, delay);
      }
    }
    active = active.filter((cursor) => cursor.position < cursor.lane.length);
    if (backoff > 0 && active.length > 0) await (deps.sleep ?? defaultSleep)(backoff);
  }
};

/**
 * Evaluates a request's events and stores each exactly once per (client, eventId), as load → decide →
 * write: what the batch needs is read in bulk (stored event ids, baselines, exceptions, then the cases of
 * the subjects it touches), every event is judged and planned by pure code, and the writes go in rounds
 * (`writeLanes`), each subject's events in batch order. Only an event that lost a race to a
 * concurrent request is read again and retried, until the deadline; rejected items keep their validation
 * errors.
 *
 * @throws {ConcurrencyError} when some event could not be stored before the deadline (a 503 with
 *   Retry-After: the events already stored answer `duplicate` on the retry).
 */
export const ingestEvents = async (
  clientId: string,
  items: readonly ParsedItem[],
  deps: IngestDependencies,
): Promise<EventResult[]> => {
  const now = deps.clock.now();
  const valid = items.flatMap((item) => (item.ok ? [item] : []));

  // Load, at once: which ids are already stored, the case pointers of the events' subjects and what judging
  // needs (read for every valid event: a duplicate's share is a few wasted keys, a round trip saved for every
  // request).
  const events = valid.map((item) => item.event);
  const sightings = sightingsOf(events);
  const [{ events: known, pointers }, knowledge, catalogue] = await Promise.all([
    deps.store.findEventsAndPointers(
      clientId,
      [...new Set(valid.map((item) => item.event.eventId))],
      candidateSubjects(events),
    ),
    loadKnowledge(events, now, deps),
    deps.catalogue === undefined || (sightings.campaigns.size === 0 && sightings.brands.size === 0)
      ? NO_ENTRIES
      : deps.catalogue.getMany([...sightings.campaigns.keys()], [...sightings.brands.values()]),
  ]);
  const firstOf = new Map<string, number>();
  const fresh = valid.filter((item) => {
    if (known.has(item.event.eventId) || firstOf.has(item.event.eventId)) return false;
    firstOf.set(item.event.eventId, item.index);
    return true;
  });

  // Decide: assessments (a spend event against its campaign's plan of record, from the catalogue read
  // above), then which case each event opens or joins.
  const judged = judgeWithPlans(fresh, now, knowledge, deps.engine, catalogue.campaigns).map(
    ({ index, event, judgement }) => decide(clientId, index, event, judgement, now, deps.policy),
  );
  const subjects = judged.flatMap((item) => (item.subject === undefined ? [] : [item.subject]));
  // A subject whose pointer was read and found empty has no case to read.
  const unknown = subjects.some((subject) => pointers.get(subjectRefKey(subject)) !== null);
  // Beside the cases: the catalogue records what the fresh events saw first (before any event is stored,
  // so a fault loses nothing: the client's retry sees it again) and reads the brands of campaigns whose
  // cases need their brand's owner.
  const [states, completed] = await Promise.all([
    unknown ? deps.store.subjectStates(subjects, pointers) : new Map<string, SubjectState>(),
    completeCatalogue(
      catalogue,
      fresh.map((item) => item.event),
      judged,
      clientId,
      now,
      deps,
    ),
  ]);
  const decided = judged.map((item) => withCatalogue(item, completed));

  // Write.
  const run: Run = {
    clientId,
    receivedAt: now,
    deadline: deps.deadline?.getTime() ?? now.getTime() + DEFAULT_BUDGET_MS,
    states: new Map(states),
    results: new Map(),
    lost: [],
    deps,
    slowestAttemptMs: 0,
  };
  await writeLanes(lanesOf(decided), run);
  if (run.lost.length > 0) {
    throw new ConcurrencyError(
      `${run.lost.length} of ${valid.length} events could not be stored before the time ran out: other requests kept changing the same cases. Retry after ${RETRY_AFTER_SECONDS} s; the events already stored will answer "duplicate"`,
      RETRY_AFTER_SECONDS,
    );
  }

  return items.map((item) => {
    if (!item.ok) return rejectedResult(item);
    const original = known.get(item.event.eventId);
    if (original !== undefined) return duplicateResult(item.index, original);
    const first = firstOf.get(item.event.eventId);
    const result = first === undefined ? undefined : run.results.get(first);
    if (result === undefined || result.status === 'rejected')
      throw new Error(`Invariant: event ${item.index} was neither stored nor found`);
    return first === item.index ? result : { ...result, index: item.index, status: 'duplicate' };
  });
};

/** One event: `ingestEvents` for a batch of one. */
export const ingestEvent = async (
  clientId: string,
  index: number,
  event: RiskEvent,
  deps: IngestDependencies,
): Promise<EventResult> => {
  const [result] = await ingestEvents(clientId, [{ index, ok: true, event }], deps);
  if (result === undefined) throw new Error('Invariant: one event gives one result');
  return result;
};
