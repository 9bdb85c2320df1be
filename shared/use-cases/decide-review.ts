import { randomUUID } from 'node:crypto';
import { actorOf, type Principal } from '#shared/auth/principal.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import { decideReview, type Review } from '#shared/domain/review.ts';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors.ts';
import type { Clock, ReviewStore } from '#shared/ports.ts';
import type { DecisionRequest, ExceptionRequest } from '#shared/schemas/requests.ts';

export interface ReviewDependencies {
  readonly reviews: ReviewStore;
  readonly clock: Clock;
  readonly newExceptionId?: () => string;
}

const exceptionFor = (
  review: Review,
  request: ExceptionRequest,
  principal: Principal,
  now: Date,
  newId: () => string,
): ClaimException => {
  if (Date.parse(request.expiresAt) <= now.getTime()) {
    throw new ValidationError('An exception must expire in the future', [
      { path: 'exception.expiresAt', message: 'must be a future date' },
    ]);
  }
  if (!review.findings.some((finding) => finding.ruleId === request.ruleId)) {
    throw new ValidationError(`Rule ${request.ruleId} has no finding on this copy`, [
      {
        path: 'exception.ruleId',
        message: `one of ${[...new Set(review.findings.map((f) => f.ruleId))].join(', ')}`,
      },
    ]);
  }
  return {
    exceptionId: newId(),
    brand: review.copy.brand,
    ruleId: request.ruleId,
    ...(request.phrase === undefined ? {} : { phrase: request.phrase }),
    evidence: request.evidence,
    expiresAt: new Date(request.expiresAt).toISOString(),
    grantedBy: actorOf(principal),
    grantedAt: now.toISOString(),
    reviewId: review.reviewId,
  };
};

/**
 * Legal decides a pending review; an approval may grant an exception for a substantiated claim. A
 * decided review is a 409 with its current state.
 */
export const decide = async (
  reviewId: string,
  principal: Principal,
  request: DecisionRequest,
  deps: ReviewDependencies,
): Promise<{ review: Review; exception?: ClaimException }> => {
  if (request.exception !== undefined && request.decision !== 'approved') {
    throw new ValidationError('Only an approval can grant an exception', [
      { path: 'exception', message: 'remove it, or approve' },
    ]);
  }
  const review = await deps.reviews.getReview(reviewId);
  if (review === undefined) throw new NotFoundError(`No review ${reviewId}`);
  const now = deps.clock.now();
  const exception =
    request.exception === undefined
      ? undefined
      : exceptionFor(review, request.exception, principal, now, deps.newExceptionId ?? randomUUID);
  const result = decideReview(
    review,
    {
      decision: request.decision,
      note: request.note,
      ...(exception === undefined ? {} : { exceptionId: exception.exceptionId }),
    },
    actorOf(principal),
    now,
  );
  if (!result.ok) throw new ConflictError(result.reason, result.current);
  if ((await deps.reviews.saveDecision(result.next, review.version, result.audit, exception)) === 'stale') {
    throw new ConflictError(`Review ${reviewId} changed while you decided; reload it`, {
      version: review.version,
    });
  }
  return { review: result.next, ...(exception === undefined ? {} : { exception }) };
};
