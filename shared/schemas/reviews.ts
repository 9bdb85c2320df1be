import * as z from 'zod';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import type { DecidedReview, Decision, Review } from '#shared/domain/review.ts';
import type { decide } from '#shared/use-cases/decide-review.ts';
import { FindingSchema } from './assessment.ts';
import { AdCopySchema } from './events.ts';
import type { Tied } from './tie.ts';
import { LevelSchema, ReviewDecisionSchema, ReviewStatusSchema } from './vocabulary.ts';

/** Legal's reviews and claim exceptions as the API answers them, each tied to its domain type. */

const DecisionSchema = z.object({
  decision: ReviewDecisionSchema,
  note: z.string(),
  by: z.string(),
  at: z.string(),
  exceptionId: z.string().optional(),
});
true satisfies Tied<typeof DecisionSchema, Decision>;

export const ReviewSchema = z
  .object({
    reviewId: z.string(),
    caseId: z.string(),
    status: ReviewStatusSchema,
    round: z.number().int().meta({ description: 'A copy resubmitted after a decision starts a new round.' }),
    copy: AdCopySchema,
    eventId: z.string(),
    level: LevelSchema,
    findings: z.array(FindingSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    decision: DecisionSchema.optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Review' });
true satisfies Tied<typeof ReviewSchema, Review>;

export const ClaimExceptionSchema = z
  .object({
    exceptionId: z.string(),
    brand: z.string(),
    ruleId: z.string(),
    phrase: z.string().optional(),
    evidence: z.string(),
    expiresAt: z.string(),
    grantedBy: z.string(),
    grantedAt: z.string(),
    reviewId: z.string(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
  })
  .meta({ id: 'ClaimException' });
true satisfies Tied<typeof ClaimExceptionSchema, ClaimException>;

export const DecidedReviewSchema = z
  .object({ review: ReviewSchema, exception: ClaimExceptionSchema.optional() })
  .meta({ id: 'DecidedReview' });
true satisfies Tied<typeof DecidedReviewSchema, DecidedReview>;
true satisfies Tied<typeof DecidedReviewSchema, Awaited<ReturnType<typeof decide>>>;
