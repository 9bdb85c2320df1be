import { covers, type Scope } from '#shared/auth/scope.ts';
import type { EngineVersion } from '#shared/domain/assess.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import type { Review } from '#shared/domain/review.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { CaseReader, EventStore, ExceptionStore, ReviewStore } from '#shared/ports.ts';

/**
 * Everything an evidence pack of a legal decision states: the review (the copy, its findings with their
 * exact evidence, the decision), its case, the exception the decision granted, and the versions of the rules
 * and matrix that assessed the copy (from the stored event the review was raised by).
 */
export interface EvidencePack {
  readonly review: Review;
  readonly case?: RiskCase;
  readonly exception?: ClaimException;
  /** Absent when the event is no longer readable (an older case without the pusher's id). */
  readonly engine?: EngineVersion;
  readonly generatedAt: string;
}

export interface EvidenceDependencies {
  readonly reviews: Pick<ReviewStore, 'getReview'>;
  readonly cases: Pick<CaseReader, 'getCase'>;
  readonly events: Pick<EventStore, 'findEvent'>;
  readonly exceptions: Pick<ExceptionStore, 'getException'>;
}

/**
 * Gathers the evidence pack of review `reviewId` for a caller with `scope`.
 *
 * @throws {NotFoundError} for a review that does not exist or that the scope does not cover (the same
 *   answer, so an out-of-scope id is not confirmed)
 */
export const evidencePack = async (
  reviewId: string,
  scope: Scope,
  deps: EvidenceDependencies,
  now: Date,
): Promise<EvidencePack> => {
  const review = await deps.reviews.getReview(reviewId);
  if (review === undefined || !covers(scope, review.copy)) {
    throw new NotFoundError(`No review ${reviewId}`);
  }
  const exceptionId = review.decision?.exceptionId;
  const [detail, exception] = await Promise.all([
    deps.cases.getCase(review.caseId),
    exceptionId === undefined ? undefined : deps.exceptions.getException(exceptionId),
  ]);
  const occurrence = detail?.occurrences.find((candidate) => candidate.eventId === review.eventId);
  const stored =
    occurrence?.clientId === undefined
      ? undefined
      : await deps.events.findEvent(occurrence.clientId, occurrence.eventId);
  return {
    review,
    ...(detail === undefined ? {} : { case: detail.case }),
    ...(exception === undefined ? {} : { exception }),
    ...(stored === undefined ? {} : { engine: stored.assessment.engine }),
    generatedAt: now.toISOString(),
  };
};
