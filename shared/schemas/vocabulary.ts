import * as z from 'zod';
import { AUDIT_ACTIONS, CASE_STATUSES, ESCALATION_REASONS } from '#shared/domain/case.ts';
import { EVENT_TYPES } from '#shared/domain/event.ts';
import { FINDING_OUTCOMES, RISK_TYPES } from '#shared/domain/finding.ts';
import { REVIEW_DECISIONS, REVIEW_STATUSES } from '#shared/domain/review.ts';
import type { Level } from '#shared/domain/risk-matrix.ts';
import type { Tied } from './tie.ts';

/**
 * The named values that requests filter by and responses carry, each derived from the domain's tuple. They
 * live apart from the response schemas so that a handler validating a query loads only these, not every
 * schema of the API (building zod schemas is part of each cold start).
 */

export const LevelSchema = z.string().meta({
  id: 'Level',
  description:
    'A level id of the matrix in force; the default matrix uses red (urgent), yellow (attention), green (normal).',
  examples: ['red', 'yellow', 'green'],
});
true satisfies Tied<typeof LevelSchema, Level>;

export const RiskTypeSchema = z.enum(RISK_TYPES).meta({ id: 'RiskType' });

export const FindingOutcomeSchema = z.enum(FINDING_OUTCOMES).meta({ id: 'FindingOutcome' });

export const EventTypeSchema = z.enum(EVENT_TYPES).meta({ id: 'EventType' });

export const CaseStatusSchema = z.enum(CASE_STATUSES).meta({ id: 'CaseStatus' });

export const EscalationReasonSchema = z.enum(ESCALATION_REASONS).meta({ id: 'EscalationReason' });

export const AuditActionSchema = z.enum(AUDIT_ACTIONS).meta({ id: 'AuditAction' });

export const ReviewStatusSchema = z.enum(REVIEW_STATUSES).meta({ id: 'ReviewStatus' });

export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS).meta({ id: 'ReviewDecision' });

export type { RiskType } from '#shared/domain/finding.ts';
/** The domain's types of these values, for the files that parse with the schemas above. */
export type { Level } from '#shared/domain/risk-matrix.ts';
