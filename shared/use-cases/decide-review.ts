import { randomUUID } from 'node:crypto';
import { actorOf, type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { covers } from '#shared/auth/scope.ts';
import {
  type ClaimException,
  type ExceptionExpiry,
  expiryAt,
  expiryOn,
} from '#shared/domain/claim-exception.ts';
import { decideReview, type Review } from '#shared/domain/review.ts';
import { isTimeZone, marketTimeZone } from '#shared/domain/time-zones.ts';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors.ts';
import type { Clock, ReviewStore } from '#shared/ports.ts';
import type { DecisionRequest, ExceptionRequest } from '#shared/schemas/requests.ts';

export interface ReviewDependencies {
  readonly reviews: ReviewStore;
  readonly clock: Clock;
  readonly newExceptionId?: () => string;
}

/**
 * When the requested exception ends: the end of `expiresOn` in the reviewer's zone, else the copy's market's
 * (the deprecated `expiresAt` as given). A day already over is refused.
 */
const expiryOf = (review: Review, request: ExceptionRequest, now: Date): ExceptionExpiry => {
  const zone = request.timeZone ?? marketTimeZone(review.copy.market);
  if (request.expiresOn !== undefined && !isTimeZone(zone)) {
    throw new ValidationError(`Not a time zone: ${zone}`, [
      { path: 'exception.timeZone', message: 'must be an IANA time zone name, e.g. Asia/Ho_Chi_Minh' },
    ]);
  }
  const expiry =
    request.expiresOn !== undefined
      ? expiryOn(request.expiresOn, zone)
      : request.expiresAt !== undefined
        ? expiryAt(request.expiresAt)
        : undefined;
  if (expiry === undefined) {
    throw new ValidationError('An exception needs the last day it is in force', [
      { path: 'exception.expiresOn', message: 'required: YYYY-MM-DD' },
    ]);
  }
  if (Date.parse(expiry.expiresAt) <= now.getTime()) {
    const field = request.expiresOn === undefined ? 'expiresAt' : 'expiresOn';
    throw new ValidationError('An exception must expire in the future', [
      {
        path: `exception.${field}`,
        message: `must be a future date: ${expiry.expiresOn} has ended in ${expiry.timeZone}`,
      },
    ]);
  }
  return expiry;
};

const exceptionFor = (
  review: Review,
  request: ExceptionRequest,
  principal: Principal,
  now: Date,
  newId: () => string,
): ClaimException => {
  const expiry = expiryOf(review, request, now);
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
    market: review.copy.market,
    ruleId: request.ruleId,
    ...(request.phrase === undefined ? {} : { phrase: request.phrase }),
    evidence: request.evidence,
    ...expiry,
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
  // Out of the reviewer's scope reads as missing: a 403 would confirm the review exists.
  if (review === undefined || !covers(scopeOfPrincipal(principal), review.copy)) {
    throw new NotFoundError(`No review ${reviewId}`);
  }
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
