import {
  joinCase,
  type LevelPolicy,
  type OccurrenceInput,
  occurrenceAudit,
  occurrenceOf,
  openCase,
  type RiskCase,
} from '#shared/domain/case.ts';
import { reviewFor } from '#shared/domain/review.ts';
import type { CaseSideEffects, EventWrite, StoredEvent, SubjectState } from '#shared/ports.ts';

/** The audit line and, for ad copy, legal's review that go with a case write. */
const sideEffects = (
  state: SubjectState,
  next: RiskCase,
  input: OccurrenceInput,
  actor: string,
): CaseSideEffects => {
  const audit = occurrenceAudit(state.current, next, actor);
  const event = input.event;
  if (event.type !== 'ad-copy') return audit === undefined ? {} : { audit };
  const existing = state.current === undefined ? undefined : state.review;
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

/**
 * What to write for one event, given its subject's state as loaded (or as this batch last wrote it): the
 * event alone (green), a new case, or the subject's case joined. Pure: `newCaseId` is only used when the
 * event opens a case.
 *
 * @example planOccurrence(stored, undefined, {}, policy, 'c-1').kind // 'event-only'
 */
export const planOccurrence = (
  stored: Omit<StoredEvent, 'caseId'>,
  input: OccurrenceInput | undefined,
  state: SubjectState,
  policy: LevelPolicy,
  newCaseId: string,
): EventWrite => {
  if (input === undefined) return { kind: 'event-only', stored: { ...stored, caseId: null } };
  const actor = `client:${stored.clientId}`;
  const current = state.current;
  if (current === undefined) {
    const next = openCase(newCaseId, input, policy);
    return {
      kind: 'open-case',
      stored: { ...stored, caseId: next.caseId },
      next,
      occurrence: occurrenceOf(next.caseId, input, input.now),
      ...sideEffects(state, next, input, actor),
    };
  }
  const next = joinCase(current, input, policy);
  return {
    kind: 'join-case',
    stored: { ...stored, caseId: next.caseId },
    next,
    expectedVersion: current.version,
    occurrence: occurrenceOf(next.caseId, input, input.now),
    ...sideEffects(state, next, input, actor),
  };
};

/** The subject's state after `write` was stored: the next event of the batch plans against it. */
export const stateAfter = (state: SubjectState, write: EventWrite): SubjectState =>
  write.kind === 'event-only'
    ? state
    : { current: write.next, ...(write.review === undefined ? {} : { review: write.review.next }) };
