import * as z from 'zod';
import { CASE_STATUSES } from '#shared/domain/case.ts';
import { REVIEW_STATUSES } from '#shared/domain/review.ts';

/**
 * The named values that requests filter by and responses carry. They live apart from the response
 * schemas so that a handler validating a query loads only these, not every schema of the API (building
 * zod schemas is part of each cold start).
 */

export const LevelSchema = z.string().meta({
  id: 'Level',
  description:
    'A level id of the matrix in force; the default matrix uses red (urgent), yellow (attention), green (normal).',
  examples: ['red', 'yellow', 'green'],
});
export type Level = z.infer<typeof LevelSchema>;

export const RiskTypeSchema = z
  .enum(['budget', 'channel', 'reputation', 'compliance'])
  .meta({ id: 'RiskType' });
export type RiskType = z.infer<typeof RiskTypeSchema>;

export const CaseStatusSchema = z.enum(CASE_STATUSES).meta({ id: 'CaseStatus' });

export const ReviewStatusSchema = z.enum(REVIEW_STATUSES).meta({ id: 'ReviewStatus' });
