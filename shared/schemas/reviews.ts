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
    market: z.string().optional().meta({
      description:
        'The market of the copy it was granted on (who sees it); it allows the claim in every market of the brand.',
    }),
    ruleId: z.string(),
    phrase: z.string().optional(),
    evidence: z.string(),
    expiresOn: z.string().meta({
      description:
        'The last day the exception is in force, inclusive, as legal wrote it: show this date, the same in every time zone.',
      examples: ['2027-03-01'],
    }),
    timeZone: z.string().meta({
      description: "The IANA time zone expiresOn is read in: the reviewer's, else the copy's market's.",
      examples: ['Asia/Ho_Chi_Minh'],
    }),
    expiresAt: z.string().meta({
      description: 'The instant expiresOn ends in timeZone (UTC): from then on the claim is flagged again.',
      examples: ['2027-03-01T17:00:00.000Z'],
    }),
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
