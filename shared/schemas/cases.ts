import * as z from 'zod';
import type {
  Acknowledgement,
  AuditEntry,
  CaseFinding,
  Escalation,
  FollowUp,
  Occurrence,
  Resolution,
  RiskCase,
} from '#shared/domain/case.ts';
import { FOLLOW_UP_KINDS } from '#shared/domain/case.ts';
import type { Subject } from '#shared/domain/subject.ts';
import type { CaseDetail, Page } from '#shared/ports.ts';
import type { Problem } from '#shared/problem.ts';
import type { AssessedResult, EventResult, RejectedResult } from '#shared/use-cases/event-results.ts';
import { AssessmentSchema, FindingSchema } from './assessment.ts';
import { ReviewSchema } from './reviews.ts';
import type { Tied } from './tie.ts';
import {
  AuditActionSchema,
  CaseStatusSchema,
  EscalationReasonSchema,
  EventTypeSchema,
  LevelSchema,
  RiskTypeSchema,
} from './vocabulary.ts';

/**
 * The responses about cases and events, each tied to the type the handler returns, for the OpenAPI
 * document. The handlers do not load these (building schemas costs cold-start time); a test validates the
 * handlers' real answers against the document.
 */

export const SubjectSchema = z
  .object({
    key: z.string().meta({ description: 'Stable grouping key, e.g. spend|cmp-1|facebook.' }),
    label: z.string().meta({ description: 'How a person names it, e.g. campaign cmp-1 on facebook.' }),
    brand: z.string().optional(),
    product: z.string().optional(),
    campaignId: z.string().optional(),
    channel: z.string().optional(),
    market: z.string().optional(),
    copyId: z.string().optional(),
  })
  .meta({ id: 'Subject' });
true satisfies Tied<typeof SubjectSchema, Subject>;

export const EscalationSchema = z
  .object({
    id: z.string().meta({ description: '<caseId>#<sequence>: one SNS message per id.' }),
    tier: z.number().int(),
    reason: EscalationReasonSchema,
    level: LevelSchema,
    at: z.string(),
    recipients: z.array(z.string()).optional().meta({
      description:
        "Who it pages (usernames): the owner at tier 1, the owner and the brand's managers at tier 2; absent: every subscribed manager.",
    }),
  })
  .meta({ id: 'Escalation' });
true satisfies Tied<typeof EscalationSchema, Escalation>;

export const FollowUpSchema = z
  .object({
    id: z.string().meta({ description: '<escalation id>#<kind>: one SNS message per id and audience.' }),
    kind: z.enum(FOLLOW_UP_KINDS),
    by: z.string(),
    byName: z.string().optional().meta({ description: 'How the person who acted is called.' }),
    at: z.string(),
    rootCause: z.string().optional().meta({ description: "A resolution's root cause: its last why." }),
    escalation: EscalationSchema,
  })
  .meta({
    id: 'FollowUp',
    description:
      'The follow-up sent to everyone the escalation paged when the case was acknowledged or resolved.',
  });
true satisfies Tied<typeof FollowUpSchema, FollowUp>;

export const CaseFindingSchema = FindingSchema.extend({
  seenAt: z.string().meta({ description: 'When the occurrence that last raised this rule happened (UTC).' }),
}).meta({ id: 'CaseFinding' });
true satisfies Tied<typeof CaseFindingSchema, CaseFinding>;

const AcknowledgementSchema = z.object({ by: z.string(), at: z.string(), note: z.string().optional() });
true satisfies Tied<typeof AcknowledgementSchema, Acknowledgement>;

const ResolutionSchema = z
  .object({
    whys: z.array(z.string()),
    measures: z.array(z.string()),
    improvementPlan: z.string(),
    by: z.string(),
    at: z.string(),
    note: z.string().optional(),
  })
  .meta({ description: 'Root cause (5 whys), measures and improvement plan: the risk library record.' });
true satisfies Tied<typeof ResolutionSchema, Resolution>;

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
    findings: z.array(CaseFindingSchema).meta({
      description:
        'The latest finding of each rule seen on the case, worst first: the first is its headline.',
    }),
    escalation: EscalationSchema.optional(),
    escalationCount: z.number().int(),
    followUp: FollowUpSchema.optional(),
    acknowledgement: AcknowledgementSchema.optional(),
    resolution: ResolutionSchema.optional(),
    owner: z.string().optional().meta({
      description:
        "Who answers for the case (a username): the campaign's owner, else the brand's, unless a manager reassigned it.",
    }),
    drill: z.object({ drillId: z.string() }).optional().meta({
      description:
        'Set on a crisis drill\'s case (README "Crisis drills"): no real case; paged as [DRILL], counted in no figure.',
    }),
    version: z.number().int().meta({ description: 'Optimistic-concurrency version.' }),
  })
  .meta({ id: 'Case' });
true satisfies Tied<typeof CaseSchema, RiskCase>;

export const OccurrenceSchema = z
  .object({
    caseId: z.string(),
    eventId: z.string(),
    clientId: z.string().optional().meta({
      description: 'The pusher that sent the event; absent on occurrences recorded before 2026-12.',
    }),
    type: EventTypeSchema,
    source: z.string(),
    occurredAt: z.string(),
    receivedAt: z.string(),
    level: LevelSchema,
    ruleIds: z.array(z.string()),
  })
  .meta({ id: 'Occurrence' });
true satisfies Tied<typeof OccurrenceSchema, Occurrence>;

export const AuditEntrySchema = z
  .object({
    caseId: z.string(),
    at: z.string(),
    actor: z
      .string()
      .meta({ description: '`user:<name>`, `client:<id>` or `system:<job>`, from credentials.' }),
    action: AuditActionSchema,
    note: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .meta({ id: 'AuditEntry' });
true satisfies Tied<typeof AuditEntrySchema, AuditEntry>;

export const CaseDetailSchema = z
  .object({
    case: CaseSchema,
    occurrences: z.array(OccurrenceSchema),
    audit: z.array(AuditEntrySchema),
    review: ReviewSchema.optional(),
  })
  .meta({ id: 'CaseDetail' });
true satisfies Tied<typeof CaseDetailSchema, CaseDetail>;

/** One page of a list, with the cursor for the next. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    cursor: z
      .string()
      .optional()
      .meta({ description: 'Pass back to get the next page; absent on the last.' }),
  });

export const CaseListSchema = pageOf(CaseSchema).meta({ id: 'CaseList' });
true satisfies Tied<typeof CaseListSchema, Page<RiskCase>>;

const FieldIssueSchema = z.object({ path: z.string(), message: z.string() }).meta({ id: 'FieldIssue' });

const AssessedResultSchema = z
  .object({
    index: z
      .number()
      .int()
      .meta({ description: 'Position of the event in the request (0 for a single event).' }),
    eventId: z.string(),
    status: z.enum(['created', 'duplicate', 'evaluated']),
    caseId: z.string().nullable().optional(),
    assessment: AssessmentSchema,
  })
  .meta({ id: 'AssessedResult' });
true satisfies Tied<typeof AssessedResultSchema, AssessedResult>;

const RejectedResultSchema = z
  .object({
    index: z.number().int(),
    eventId: z.string().optional(),
    status: z.literal('rejected'),
    errors: z.array(FieldIssueSchema),
  })
  .meta({ id: 'RejectedResult', description: 'An event the contract refused; nothing was written for it.' });
true satisfies Tied<typeof RejectedResultSchema, RejectedResult>;

export const EventResultSchema = z
  .discriminatedUnion('status', [AssessedResultSchema, RejectedResultSchema])
  .meta({ id: 'EventResult' });
true satisfies Tied<typeof EventResultSchema, EventResult>;

/** A single event's answer: its result without the index. */
export const SingleResultSchema = AssessedResultSchema.omit({ index: true }).meta({
  id: 'SingleEventResult',
});

export const BatchResponseSchema = z
  .object({
    results: z.array(EventResultSchema),
    summary: z.object({
      created: z.number().int(),
      duplicate: z.number().int(),
      evaluated: z.number().int(),
      rejected: z.number().int(),
    }),
  })
  .meta({ id: 'BatchResponse' });

export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(FieldIssueSchema).optional(),
  })
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem details; a 409 adds `current`, the record as it stands (status and version).',
  });
true satisfies Tied<typeof ProblemSchema, Problem>;
