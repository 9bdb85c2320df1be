import * as z from 'zod';
import { DRILL_KINDS, DRILL_MISSES, type DrillReport, type DrillStep } from '#shared/domain/drill.ts';
import type { Tied } from './tie.ts';
import { CaseStatusSchema, LevelSchema, RiskTypeSchema } from './vocabulary.ts';

/** Crisis drills (README "Crisis drills"): the request that starts one and the report of one. */

export const DrillKindSchema = z
  .enum(DRILL_KINDS, { error: 'kind must be one of sentiment, budget, claim' })
  .meta({ description: 'The scenario: a sentiment crisis, a budget blow-out, a banned claim live.' });

/** `POST /v1/drills`; unknown fields are refused like every body's. */
export const DrillRequestSchema = z
  .strictObject({
    kind: DrillKindSchema,
    brand: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((value) => value.isWellFormed(), 'must be well-formed Unicode text')
      .optional()
      .meta({
        description:
          "The brand the drill plays on (its owner and managers are paged); in the caller's scope. Default: the scope's first brand.",
      }),
    market: z
      .string()
      .regex(/^[A-Z]{2}$/, 'market must be a country code such as CN')
      .optional()
      .meta({
        description:
          "The market of the drill's campaign or copy; in the caller's scope. Default: the scope's first market (a claim drill: CN).",
      }),
  })
  .meta({ id: 'DrillRequest' });
export type DrillRequest = z.infer<typeof DrillRequestSchema>;

export const DrillIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'drill id must be 1–64 letters, digits, ., - or _');

export const DrillStartedSchema = z
  .object({
    drillId: z.string(),
    kind: DrillKindSchema,
    brand: z.string(),
    caseIds: z.array(z.string()).meta({ description: 'The drill cases its events opened.' }),
  })
  .meta({ id: 'DrillStarted' });

const DrillStepSchema = z
  .object({
    caseId: z.string(),
    riskType: RiskTypeSchema,
    level: LevelSchema,
    subject: z.string(),
    status: CaseStatusSchema,
    openedAt: z.string(),
    acknowledgedAt: z.string().optional(),
    acknowledgedBy: z.string().optional(),
    secondsToAcknowledge: z.number().int().optional(),
    resolvedAt: z.string().optional(),
    resolvedBy: z.string().optional(),
    secondsToResolve: z.number().int().optional(),
    rootCause: z.string().optional(),
    escalations: z.number().int(),
    missed: z.array(z.enum(DRILL_MISSES)),
  })
  .meta({ id: 'DrillStep' });
true satisfies Tied<typeof DrillStepSchema, DrillStep>;

export const DrillReportSchema = z
  .object({
    drillId: z.string(),
    startedAt: z.string().optional(),
    slaHours: z.number(),
    steps: z.array(DrillStepSchema),
    passed: z.boolean(),
  })
  .meta({
    id: 'DrillReport',
    description:
      'Per step (a drill case): time to acknowledge and to resolve, who acted, what was missed (not acknowledged within the SLA, not resolved, no root cause).',
  });
true satisfies Tied<typeof DrillReportSchema, DrillReport>;
