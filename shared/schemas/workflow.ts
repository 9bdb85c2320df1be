import * as z from 'zod';
import { REVIEW_STATUSES } from '#shared/domain/review.ts';
import { FindingSchema } from './assessment.ts';
import { AdCopySchema } from './events.ts';

const Text = (what: string, max: number) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);

export const AcknowledgeRequestSchema = z
  .strictObject({ note: Text('note', 2000).optional() })
  .meta({ id: 'AcknowledgeRequest' });

export const ResolveRequestSchema = z
  .strictObject({
    whys: z
      .array(Text('each why', 1000))
      .min(1, 'give at least one "why": the chain from what happened to its root cause')
      .max(10, 'at most 10 whys'),
    measures: z.array(Text('each measure', 1000)).min(1, 'list at least one measure taken').max(20),
    improvementPlan: Text('improvementPlan', 4000),
    note: Text('note', 2000).optional(),
  })
  .meta({
    id: 'ResolveRequest',
    description: 'The risk-library record: root cause (5 whys), measures, improvement plan.',
  });

export const ExceptionRequestSchema = z
  .strictObject({
    ruleId: Text('ruleId', 128),
    phrase: Text('phrase', 200)
      .optional()
      .meta({ description: 'Only this phrase; omit to allow every match of the rule.' }),
    evidence: Text('evidence', 2000).meta({
      description: 'What substantiates the claim, e.g. a market-share report reference.',
    }),
    expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
  })
  .meta({ id: 'ExceptionRequest' });

export const DecisionRequestSchema = z
  .strictObject({
    decision: z.enum(['approved', 'rejected', 'changes_requested']),
    note: Text('note', 4000),
    exception: ExceptionRequestSchema.optional(),
  })
  .meta({ id: 'DecisionRequest' });

export const ReviewStatusSchema = z.enum(REVIEW_STATUSES).meta({ id: 'ReviewStatus' });

export const ListReviewsQuerySchema = z.strictObject({
  status: ReviewStatusSchema.default('pending'),
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ListExceptionsQuerySchema = z.strictObject({
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ReviewSchema = z
  .object({
    reviewId: z.string(),
    caseId: z.string(),
    status: ReviewStatusSchema,
    round: z.number().int(),
    copy: AdCopySchema,
    eventId: z.string(),
    level: z.string(),
    findings: z.array(FindingSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    decision: z
      .object({
        decision: z.enum(['approved', 'rejected', 'changes_requested']),
        note: z.string(),
        by: z.string(),
        at: z.string(),
        exceptionId: z.string().optional(),
      })
      .optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Review' });

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

/** The request bodies, as the handlers receive them after validation (and as the web app sends them). */
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequestSchema>;
export type ResolveRequest = z.infer<typeof ResolveRequestSchema>;
export type ExceptionRequest = z.infer<typeof ExceptionRequestSchema>;
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;

export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _');
