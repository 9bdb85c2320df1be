import * as z from 'zod';
import { AssessmentSchema, FindingSchema } from './assessment.ts';
import { ReviewSchema } from './reviews.ts';
import { CaseStatusSchema, LevelSchema, RiskTypeSchema } from './vocabulary.ts';

export const SubjectSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    brand: z.string().optional(),
    product: z.string().optional(),
    campaignId: z.string().optional(),
    channel: z.string().optional(),
    market: z.string().optional(),
    copyId: z.string().optional(),
  })
  .meta({ id: 'Subject' });

export const EscalationSchema = z
  .object({
    id: z.string(),
    tier: z.number().int(),
    reason: z.enum(['opened', 'level-rose', 'reopened', 'sla-lapsed']),
    level: LevelSchema,
    at: z.string(),
  })
  .meta({ id: 'Escalation' });

export const CaseSchema = z
  .object({
    caseId: z.string(),
    riskType: RiskTypeSchema,
    subject: SubjectSchema,
    level: LevelSchema,
    probability: z.string(),
    impact: z.string(),
    status: CaseStatusSchema,
    occurrences: z.number().int(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    findings: z.array(FindingSchema),
    escalation: EscalationSchema.optional(),
    escalationCount: z.number().int(),
    acknowledgement: z.object({ by: z.string(), at: z.string(), note: z.string().optional() }).optional(),
    resolution: z
      .object({
        whys: z.array(z.string()),
        measures: z.array(z.string()),
        improvementPlan: z.string(),
        by: z.string(),
        at: z.string(),
        note: z.string().optional(),
      })
      .optional()
      .meta({ description: 'Root cause (5 whys), measures and improvement plan: the risk library record.' }),
    version: z.number().int(),
  })
  .meta({ id: 'Case' });

export const OccurrenceSchema = z
  .object({
    caseId: z.string(),
    eventId: z.string(),
    type: z.enum(['ad-copy', 'spend', 'sentiment']),
    source: z.string(),
    occurredAt: z.string(),
    receivedAt: z.string(),
    level: LevelSchema,
    ruleIds: z.array(z.string()),
  })
  .meta({ id: 'Occurrence' });

export const AuditEntrySchema = z
  .object({
    caseId: z.string(),
    at: z.string(),
    actor: z
      .string()
      .meta({ description: '`user:<name>`, `client:<id>` or `system:<job>`, from credentials.' }),
    action: z.enum([
      'opened',
      'level-rose',
      'reopened',
      'acknowledged',
      'resolved',
      'escalated',
      'review-decided',
    ]),
    note: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .meta({ id: 'AuditEntry' });

export const CaseDetailSchema = z
  .object({
    case: CaseSchema,
    occurrences: z.array(OccurrenceSchema),
    audit: z.array(AuditEntrySchema),
    review: ReviewSchema.optional(),
  })
  .meta({ id: 'CaseDetail' });

export const CaseListSchema = z
  .object({
    items: z.array(CaseSchema),
    cursor: z.string().optional().meta({ description: 'Pass back to get the next page.' }),
  })
  .meta({ id: 'CaseList' });

const EventResultSchema = z
  .object({
    index: z
      .number()
      .int()
      .meta({ description: 'Position of the event in the request (0 for a single event).' }),
    eventId: z.string().optional(),
    status: z.enum(['created', 'duplicate', 'rejected', 'evaluated']),
    caseId: z.string().nullable().optional(),
    assessment: AssessmentSchema.optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'EventResult' });

export const IngestResponseSchema = z
  .object({
    results: z.array(EventResultSchema),
    summary: z.object({ created: z.number().int(), duplicate: z.number().int(), rejected: z.number().int() }),
  })
  .meta({ id: 'IngestResponse' });

export const EvaluateResponseSchema = z
  .object({ results: z.array(EventResultSchema) })
  .meta({ id: 'EvaluateResponse' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });
