import * as z from 'zod';
import { DRILL_FILTERS } from '#shared/domain/drill.ts';
import { isTimeZone } from '#shared/domain/time-zones.ts';
import {
  CaseStatusSchema,
  LevelSchema,
  ReviewDecisionSchema,
  ReviewStatusSchema,
  RiskTypeSchema,
} from './vocabulary.ts';

/**
 * What the API accepts: every request body, query string and path parameter, validated by the handlers.
 * Response schemas (cases.ts, reviews.ts, rules.ts) are for the OpenAPI document only and stay out of the
 * handlers' bundles.
 */

/** Well-formed Unicode: a lone UTF-16 surrogate (`"\\ud800"` in JSON) would be stored as U+FFFD. */
const WELL_FORMED = {
  error: 'must be well-formed Unicode text (it holds a lone UTF-16 surrogate)',
  abort: true,
} as const;

const Text = (what: string, max: number) =>
  z
    .string()
    .refine((value) => value.isWellFormed(), WELL_FORMED)
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`);

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
    expiresOn: z.iso
      .date({ message: 'must be a calendar date, YYYY-MM-DD' })
      .optional()
      .meta({
        description:
          'The last day the exception is in force, inclusive: it ends when this day ends in `timeZone`.',
        examples: ['2027-03-01'],
      }),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'must be an IANA time zone name, e.g. Asia/Ho_Chi_Minh')
      .optional()
      .meta({
        description:
          "The IANA time zone `expiresOn` is read in (the reviewer's); default: the copy's market's (CN Asia/Shanghai, VN Asia/Ho_Chi_Minh, UK Europe/London, …; UTC for a market without one).",
        examples: ['Asia/Ho_Chi_Minh'],
      }),
    expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }).optional().meta({
      deprecated: true,
      description:
        'Deprecated: send `expiresOn` (and `timeZone`). The instant the exception ends; its day is read in UTC.',
    }),
  })
  .superRefine((request, context) => {
    if (request.expiresOn === undefined && request.expiresAt === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: 'required: the last day the exception is in force, YYYY-MM-DD',
      });
    } else if (request.expiresOn !== undefined && request.expiresAt !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        message: 'give expiresOn or the deprecated expiresAt, not both',
      });
    } else if (request.expiresAt !== undefined && request.timeZone !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: 'a time zone goes with expiresOn; expiresAt is an instant already',
      });
    }
  })
  .meta({ id: 'ExceptionRequest' });

export const DecisionRequestSchema = z
  .strictObject({
    decision: ReviewDecisionSchema,
    note: Text('note', 4000),
    exception: ExceptionRequestSchema.optional(),
  })
  .meta({ id: 'DecisionRequest' });

export const ListReviewsQuerySchema = z.strictObject({
  status: ReviewStatusSchema.default('pending'),
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ListExceptionsQuerySchema = z.strictObject({
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const DEFAULT_PAGE_SIZE = 25;

/** Query string of `GET /v1/cases`; unknown parameters are rejected like unknown body fields. */
const IsoInstant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time' })
  .transform((value) => new Date(value).toISOString());

export const ListCasesQuerySchema = z
  .strictObject({
    brand: z
      .string()
      .refine((value) => value.isWellFormed(), WELL_FORMED)
      .min(1)
      .max(200)
      .optional(),
    campaignId: z
      .string()
      .refine((value) => value.isWellFormed(), WELL_FORMED)
      .min(1)
      .max(128)
      .optional(),
    market: z
      .string()
      .regex(/^[A-Z]{2}$/, 'market must be a country code such as CN')
      .optional(),
    owner: z
      .string()
      .refine((value) => value.isWellFormed(), WELL_FORMED)
      .min(1)
      .max(128)
      .optional()
      .meta({ description: 'Cases this person owns (a username); `me` means the caller.' }),
    from: IsoInstant.optional().meta({ description: 'Cases last seen at or after this instant.' }),
    to: IsoInstant.optional().meta({ description: 'Cases last seen before this instant.' }),
    level: LevelSchema.pipe(
      z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'level must be a level id such as red, yellow or green'),
    ).optional(),
    status: CaseStatusSchema.optional(),
    riskType: RiskTypeSchema.optional(),
    q: z
      .string()
      .refine((value) => value.isWellFormed(), WELL_FORMED)
      .min(1)
      .max(200)
      .optional()
      .meta({
        description:
          'Words to search for in findings (every language), subject, notes, root cause, measures, plan and review decisions; all must match, case and accents ignored (README "Search").',
      }),
    drill: z.enum(DRILL_FILTERS, { error: 'drill must be one of exclude, only, include' }).optional().meta({
      description:
        'Crisis drills\' cases (README "Crisis drills"): left out by default (`exclude`), alone (`only`) or with the real ones (`include`).',
    }),
    cursor: z.string().min(1).max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    error: 'to must not be before from',
    path: ['to'],
  })
  .refine((query) => query.q === undefined || query.drill === undefined || query.drill === 'exclude', {
    error: "search finds real cases only: a drill's cases are listed without q",
    path: ['drill'],
  });
export type ListCasesQuery = z.infer<typeof ListCasesQuerySchema>;

export const CaseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'case id must be 1–64 letters, digits, - or _');

export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _');

/** The request bodies, as the handlers receive them after validation (and as the web app sends them). */
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequestSchema>;
export type ResolveRequest = z.infer<typeof ResolveRequestSchema>;
export type ExceptionRequest = z.infer<typeof ExceptionRequestSchema>;
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;
