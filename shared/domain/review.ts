import type { AuditEntry } from './case.ts';
import type { ClaimException } from './claim-exception.ts';
import type { AdCopy } from './event.ts';
import type { Finding } from './finding.ts';
import type { Level } from './risk-matrix.ts';

/**
 * Legal's review of flagged ad copy. Every ad-copy case has one review (same id as the case); a copy
 * resubmitted after a decision starts a new round.
 */

/** What legal may decide; the decision becomes the review's status. */
export const REVIEW_DECISIONS = ['approved', 'rejected', 'changes_requested'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_STATUSES = ['pending', ...REVIEW_DECISIONS] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Decision {
  readonly decision: ReviewDecision;
  readonly note: string;
  readonly by: string;
  readonly at: string;
  readonly exceptionId?: string;
}

export interface Review {
  readonly reviewId: string;
  readonly caseId: string;
  readonly status: ReviewStatus;
  readonly round: number;
  readonly copy: AdCopy;
  readonly eventId: string;
  readonly level: Level;
  readonly findings: readonly Finding[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly decision?: Decision;
  readonly version: number;
}

/** What a decision answers: the decided review, and the exception an approval granted, if any. */
export interface DecidedReview {
  readonly review: Review;
  readonly exception?: ClaimException;
}

export interface ReviewInput {
  readonly caseId: string;
  readonly copy: AdCopy;
  readonly eventId: string;
  readonly level: Level;
  readonly findings: readonly Finding[];
  readonly now: Date;
}

/**
 * The review for the latest flagged version of a copy: a new one, the pending one brought up to date, or
 * a new round of a decided one.
 */
export const reviewFor = (previous: Review | undefined, input: ReviewInput): Review => {
  const at = input.now.toISOString();
  const content = {
    copy: input.copy,
    eventId: input.eventId,
    level: input.level,
    findings: input.findings,
    updatedAt: at,
  };
  if (previous === undefined) {
    return {
      reviewId: input.caseId,
      caseId: input.caseId,
      status: 'pending',
      round: 1,
      createdAt: at,
      version: 1,
      ...content,
    };
  }
  if (previous.status === 'pending') return { ...previous, ...content, version: previous.version + 1 };
  const { decision: _decided, ...rest } = previous;
  return {
    ...rest,
    ...content,
    status: 'pending',
    round: previous.round + 1,
    createdAt: at,
    version: previous.version + 1,
  };
};

export type DecisionResult =
  | { readonly ok: true; readonly next: Review; readonly audit: AuditEntry }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly current: { readonly status: ReviewStatus; readonly version: number };
    };

/** pending → approved | rejected | changes_requested; a decided review cannot be decided again. */
export const decideReview = (
  review: Review,
  input: { readonly decision: ReviewDecision; readonly note: string; readonly exceptionId?: string },
  actor: string,
  now: Date,
): DecisionResult => {
  if (review.status !== 'pending') {
    return {
      ok: false,
      reason: `Review ${review.reviewId} was already decided (${review.status}); a resubmitted copy opens a new round`,
      current: { status: review.status, version: review.version },
    };
  }
  const at = now.toISOString();
  const decision: Decision = { ...input, by: actor, at };
  return {
    ok: true,
    next: { ...review, status: input.decision, decision, updatedAt: at, version: review.version + 1 },
    audit: {
      caseId: review.caseId,
      at,
      actor,
      action: 'review-decided',
      from: 'pending',
      to: input.decision,
      note:
        input.exceptionId === undefined
          ? input.note
          : `${input.note} (exception ${input.exceptionId} granted)`,
    },
  };
};
