import { worstOf } from '#shared/domain/assess.ts';
import {
  asSentimentBaseline,
  asSpendBaseline,
  type Baseline,
  baselineKeyOf,
} from '#shared/domain/baselines.ts';
import {
  joinCase,
  type LevelPolicy,
  type OccurrenceInput,
  occurrenceAudit,
  occurrenceOf,
  openCase,
  type RiskCase,
  subjectOf,
} from '#shared/domain/case.ts';
import { applyExceptions } from '#shared/domain/claim-exception.ts';
import type { RiskEngine } from '#shared/domain/engine.ts';
import { reviewFor } from '#shared/domain/review.ts';
import type { RiskMatrix } from '#shared/domain/risk-matrix.ts';
import { ConcurrencyError } from '#shared/errors.ts';
import type {
  BaselineStore,
  CaseSideEffects,
  Clock,
  EventStore,
  EventWrite,
  ExceptionStore,
  IdGenerator,
  StoredEvent,
} from '#shared/ports.ts';
import type { Assessment } from '#shared/schemas/assessment.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import { type EventResult, rejectedResult } from './event-results.ts';
import type { ParsedItem } from './parse-events.ts';

export interface IngestDependencies {
  readonly store: EventStore;
  readonly exceptions: Pick<ExceptionStore, 'forBrand'>;
  readonly engine: RiskEngine & {
    readonly matrix: RiskMatrix;
    readonly nextBaseline?: (event: RiskEvent, previous: Baseline | undefined) => Baseline | undefined;
  };
  /** Subjects' baselines for the CPA and sentiment spike detectors; without it those stay silent. */
  readonly baselines?: BaselineStore;
  readonly policy: LevelPolicy;
  readonly clock: Clock;
  readonly newCaseId: IdGenerator;
  /** Pause between optimistic-concurrency retries; injectable so tests need not wait. */
  readonly backoff?: (attempt: number) => Promise<void>;
  /** Told what each stored event did, for metrics; no effect on the outcome. */
  readonly observe?: (observation: IngestObservation) => void;
}

/** What a stored event did: the edge turns these into product metrics. */
export type IngestObservation =
  | { readonly kind: 'event-stored'; readonly type: RiskEvent['type']; readonly level: string }
  | { readonly kind: 'case-opened'; readonly riskType: string; readonly level: string };

/** Enough for dozens of concurrent writers on one subject; each attempt re-reads the case. */
const MAX_ATTEMPTS = 40;

const jitteredBackoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));

const duplicateResult = (index: number, original: StoredEvent): EventResult => ({
  index,
  eventId: original.event.eventId,
  status: 'duplicate',
  caseId: original.caseId,
  assessment: original.assessment,
});

/** The audit line and, for ad copy, legal's review that go with a case write. */
const sideEffects = async (
  previous: RiskCase | undefined,
  next: RiskCase,
  input: OccurrenceInput,
  actor: string,
  deps: IngestDependencies,
): Promise<CaseSideEffects> => {
  const audit = occurrenceAudit(previous, next, actor);
  const event = input.event;
  if (event.type !== 'ad-copy') return audit === undefined ? {} : { audit };
  const existing = previous === undefined ? undefined : await deps.store.review(next.caseId);
  const review = reviewFor(existing, {
    caseId: next.caseId,
    copy: event.copy,
    eventId: event.eventId,
    level: input.assessment.level,
    findings: input.assessment.findings,
    now: input.now,
  });
  return {
    ...(audit === undefined ? {} : { audit }),
    review: { next: review, ...(existing === undefined ? {} : { expectedVersion: existing.version }) },
  };
};

/** Decides what to write for an event, given the subject's current case (if any). */
const planWrite = async (
  stored: Omit<StoredEvent, 'caseId'>,
  input: OccurrenceInput | undefined,
  deps: IngestDependencies,
): Promise<EventWrite> => {
  if (input === undefined) return { kind: 'event-only', stored: { ...stored, caseId: null } };
  const actor = `client:${stored.clientId}`;
  const current = await deps.store.currentCase(input.riskType, input.subject.key);
  if (current === undefined) {
    const next = openCase(deps.newCaseId(), input, deps.policy);
    return {
      kind: 'open-case',
      stored: { ...stored, caseId: next.caseId },
      next,
      occurrence: occurrenceOf(next.caseId, input, input.now),
      ...(await sideEffects(undefined, next, input, actor, deps)),
    };
  }
  const next = joinCase(current, input, deps.policy);
  return {
    kind: 'join-case',
    stored: { ...stored, caseId: next.caseId },
    next,
    expectedVersion: current.version,
    occurrence: occurrenceOf(next.caseId, input, input.now),
    ...(await sideEffects(current, next, input, actor, deps)),
  };
};

/** The subject's stored baseline, as the domain reads it. */
interface LoadedBaseline {
  readonly key: string;
  readonly previous: Baseline | undefined;
  readonly expected: number | 'absent' | 'unusable';
}

const loadBaseline = async (
  event: RiskEvent,
  deps: IngestDependencies,
): Promise<LoadedBaseline | undefined> => {
  const key = baselineKeyOf(event);
  if (key === undefined || deps.baselines === undefined) return undefined;
  const raw = await deps.baselines.get(key.key);
  const previous = key.kind === 'spend' ? asSpendBaseline(raw) : asSentimentBaseline(raw);
  const expected = previous !== undefined ? previous.observations : raw === undefined ? 'absent' : 'unusable';
  return { key: key.key, previous, expected };
};

/**
 * Folds a stored event into its subject's baseline. Best effort by design: a baseline is a smoothed
 * estimate, so an update lost to a concurrent writer (the conditional put says stale) is skipped, not retried.
 */
const learn = async (
  event: RiskEvent,
  loaded: LoadedBaseline | undefined,
  deps: IngestDependencies,
): Promise<void> => {
  if (loaded === undefined || deps.baselines === undefined) return;
  const next = deps.engine.nextBaseline?.(event, loaded.previous);
  if (next !== undefined && next !== loaded.previous)
    await deps.baselines.put(loaded.key, next, loaded.expected);
};

/** The engine's assessment, with legal's exceptions applied to a brand's ad copy. */
const assessEvent = async (
  event: RiskEvent,
  now: Date,
  baseline: LoadedBaseline | undefined,
  deps: IngestDependencies,
): Promise<Assessment> => {
  const previous = baseline?.previous;
  const baselines =
    previous === undefined
      ? undefined
      : previous.kind === 'spend'
        ? { spend: previous }
        : { sentiment: previous };
  const assessment = deps.engine.evaluate(event, { now, ...(baselines === undefined ? {} : { baselines }) });
  if (event.type !== 'ad-copy' || assessment.findings.length === 0) return assessment;
  const exceptions = await deps.exceptions.forBrand(event.copy.brand, now);
  return applyExceptions(deps.engine.matrix, assessment, event.copy.brand, exceptions, now);
};

/**
 * Evaluates one event and stores it with its case, exactly once per (client, eventId). A yellow or red
 * event opens a case or joins the subject's case; a green one is stored without a case.
 */
export const ingestEvent = async (
  clientId: string,
  index: number,
  event: RiskEvent,
  deps: IngestDependencies,
): Promise<EventResult> => {
  const known = await deps.store.findEvent(clientId, event.eventId);
  if (known !== undefined) return duplicateResult(index, known);

  const now = deps.clock.now();
  const baseline = await loadBaseline(event, deps);
  const assessment = await assessEvent(event, now, baseline, deps);
  const decisive = worstOf(deps.policy.compare, assessment.findings);
  const input: OccurrenceInput | undefined =
    decisive !== undefined && deps.policy.opensCase(assessment.level)
      ? { event, assessment, riskType: decisive.riskType, subject: subjectOf(event), now }
      : undefined;
  const stored = { clientId, event, assessment, receivedAt: now.toISOString() };
  const backoff = deps.backoff ?? jitteredBackoff;

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const write = await planWrite(stored, input, deps);
    const result = await deps.store.write(write);
    if (result.outcome === 'written') {
      deps.observe?.({ kind: 'event-stored', type: event.type, level: assessment.level });
      await learn(event, baseline, deps);
      if (write.kind === 'open-case')
        deps.observe?.({ kind: 'case-opened', riskType: write.next.riskType, level: write.next.level });
      return { index, eventId: event.eventId, status: 'created', caseId: write.stored.caseId, assessment };
    }
    if (result.outcome === 'duplicate') return duplicateResult(index, result.original);
    await backoff(attempt);
  }
  throw new ConcurrencyError(`Event ${event.eventId} could not be stored after ${MAX_ATTEMPTS} attempts`, 1);
};

/**
 * Ingests every event of a request in order (a batch may repeat a subject, and order keeps its cases
 * deterministic); rejected items keep their validation errors.
 */
export const ingestEvents = async (
  clientId: string,
  items: readonly ParsedItem[],
  deps: IngestDependencies,
): Promise<EventResult[]> => {
  const results: EventResult[] = [];
  for (const item of items) {
    results.push(item.ok ? await ingestEvent(clientId, item.index, item.event, deps) : rejectedResult(item));
  }
  return results;
};
