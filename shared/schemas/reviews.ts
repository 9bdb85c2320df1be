import * as z from 'zod';
import { FindingSchema } from './assessment.ts';
import { AdCopySchema } from './events.ts';
import { ReviewStatusSchema } from './vocabulary.ts';

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
