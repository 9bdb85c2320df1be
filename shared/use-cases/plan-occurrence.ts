import {
  DRILL_CASE_ID_PREFIX,
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
  // A drill's copy is no copy to approve: legal's review queue holds real copy only.
  if (event.type !== 'ad-copy' || event.drill !== undefined) return audit === undefined ? {} : { audit };
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
 * event opens a case. `owner` (the catalogue's default, `defaultOwner`) goes to a new case and to a case
 * that has none; the input's subject (completed from the catalogue) refreshes a joined case's brand and market.
 *
 * @example planOccurrence(stored, undefined, {}, policy, 'c-1').kind // 'event-only'
 */
export const planOccurrence = (
  stored: Omit<StoredEvent, 'caseId'>,
  input: OccurrenceInput | undefined,
  state: SubjectState,
  policy: LevelPolicy,
  newCaseId: string,
  owner?: string,
): EventWrite => {
  if (input === undefined) return { kind: 'event-only', stored: { ...stored, caseId: null } };
  const actor = `client:${stored.clientId}`;
  const current = state.current;
  // The owner rides in the input so the case's page (its escalation marker) is addressed to them.
  const owned = owner === undefined ? input : { ...input, owner };
  if (current === undefined) {
    // A drill's case has its own id space, so no reader mistakes it for a real one.
    const caseId = input.event.drill === undefined ? newCaseId : `${DRILL_CASE_ID_PREFIX}${newCaseId}`;
    const opened = openCase(caseId, owned, policy);
    const next = owner === undefined ? opened : { ...opened, owner };
    return {
      kind: 'open-case',
      stored: { ...stored, caseId: next.caseId },
      next,
      occurrence: occurrenceOf(next.caseId, input, input.now),
      ...sideEffects(state, next, input, actor),
    };
  }
  const joined = joinCase(current, owned, policy);
  // The subject as the catalogue now completes it (a brand or market a manager set since), and the default
  // owner if the case has none; a case's owner, once set, changes only by reassignment.
  const subject = { ...current.subject, ...input.subject };
  const next = {
    ...joined,
    subject,
    ...(current.owner === undefined && owner !== undefined ? { owner } : {}),
  };
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
