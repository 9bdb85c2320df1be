import * as z from 'zod';
import {
  ACTION_APPROVALS,
  ACTION_KINDS,
  ACTION_LEVELS,
  ACTION_STATES,
  type ActionOutcome,
  type ActionRequest,
} from '#shared/domain/actions.ts';
import type { Tied } from './tie.ts';
import { RiskTypeSchema } from './vocabulary.ts';

/** Guarded actions' requests and responses (README "Guarded actions"), for the handlers and the OpenAPI document. */

export const ActionIdSchema = z
  .string()
  .regex(
    new RegExp(`^[A-Za-z0-9_-]{1,64}\\.(${ACTION_KINDS.join('|')})\\.(${ACTION_LEVELS.join('|')})$`),
    'action id must be <case id>.<kind>.<level>, e.g. 7f3c….pause-campaign.red',
  )
  .meta({ description: 'One request per case × action: `<case id>.<kind>.<level>`.' });

const WELL_FORMED = { error: 'must be well-formed Unicode text', abort: true } as const;

export const ActionDecisionRequestSchema = z
  .strictObject({
    note: z
      .string()
      .refine((value) => value.isWellFormed(), WELL_FORMED)
      .trim()
      .min(1, 'note must not be empty')
      .max(2000, 'note must be at most 2000 characters')
      .optional(),
  })
  .meta({ id: 'ActionDecisionRequest' });
export type ActionDecisionRequest = z.infer<typeof ActionDecisionRequestSchema>;

const ActionOutcomeSchema = z
  .object({
    at: z.string(),
    status: z.number().int().optional().meta({ description: 'The last HTTP status the endpoint answered.' }),
    reason: z.string().optional(),
  })
  .meta({ id: 'ActionOutcome' });
true satisfies Tied<typeof ActionOutcomeSchema, ActionOutcome>;

export const ActionRequestSchema = z
  .object({
    actionId: z.string(),
    caseId: z.string(),
    kind: z.enum(ACTION_KINDS),
    atLevel: z.enum(ACTION_LEVELS),
    approval: z.enum(ACTION_APPROVALS),
    state: z.enum(ACTION_STATES),
    riskType: RiskTypeSchema,
    level: z.string(),
    brand: z.string().optional(),
    campaignId: z.string().optional(),
    channel: z.string().optional(),
    amount: z.number().optional(),
    ratioOfPlan: z.number().optional(),
    requestedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    note: z.string().optional(),
    attempts: z.number().int(),
    leaseUntil: z.string().optional(),
    outcome: ActionOutcomeSchema.optional(),
    version: z.number().int(),
  })
  .meta({ id: 'ActionRequest' });
true satisfies Tied<typeof ActionRequestSchema, ActionRequest>;

export const ActionListSchema = z.object({ items: z.array(ActionRequestSchema) }).meta({ id: 'ActionList' });
