import * as z from 'zod';
import type { Reallocation } from '#shared/domain/reallocation.ts';
import { REALLOCATION_DECISIONS, REALLOCATION_STATES } from '#shared/domain/reallocation.ts';
import { CampaignIdSchema, MAX_BUDGET, Text } from './catalogue-requests.ts';
import type { Tied } from './tie.ts';

/**
 * What the re-allocation routes accept and answer (issue #17, row 31): `POST /v1/reallocations`,
 * `POST /v1/reallocations/{id}/decision`, `GET /v1/campaigns/{id}/reallocations`.
 */

const SideRequestSchema = z
  .strictObject({
    campaignId: CampaignIdSchema,
    channel: Text('channel', 100).optional().meta({
      description: 'The channel its spend comes from; when given, it must be the campaign’s.',
    }),
  })
  .meta({ id: 'ReallocationSideRequest' });

export const ReallocationRequestSchema = z
  .strictObject({
    from: SideRequestSchema,
    to: SideRequestSchema,
    amount: z
      .number({ error: 'amount must be a number' })
      .positive('amount must be more than 0')
      .max(MAX_BUDGET, `amount must be at most ${MAX_BUDGET.toExponential()}`),
    currency: z
      .string({ error: 'currency must be text' })
      .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code in capitals, e.g. USD'),
    reason: Text('reason', 1000).meta({ description: 'Why the budget moves: required, recorded.' }),
  })
  .refine((request) => request.from.campaignId !== request.to.campaignId, {
    error: 'to must name another campaign than from',
    path: ['to', 'campaignId'],
  })
  .meta({
    id: 'ReallocationRequest',
    description:
      'Move `amount` of `from`’s plan to `to`’s. Both campaigns must be in the catalogue with plans in `currency`, and `amount` no more than `from`’s budget.',
  });

export const ReallocationDecisionRequestSchema = z
  .strictObject({
    decision: z.enum(REALLOCATION_DECISIONS, { error: 'decision must be "approved" or "rejected"' }),
    note: Text('note', 1000).meta({ description: 'Why: recorded with the decision.' }),
  })
  .meta({ id: 'ReallocationDecisionRequest' });

/** The `{id}` of a re-allocation. */
export const ReallocationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 're-allocation id must be 1–64 letters, digits or dashes');

const SideSchema = z.object({ campaignId: z.string(), channel: z.string().optional() });

export const ReallocationSchema = z
  .object({
    reallocationId: z.string(),
    from: SideSchema,
    to: SideSchema,
    amount: z.number(),
    currency: z.string(),
    reason: z.string(),
    state: z.enum(REALLOCATION_STATES),
    requestedBy: z.string().meta({ description: '`user:<username>` or `client:<id>` (a pusher).' }),
    requestedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    note: z.string().optional().meta({ description: 'Why it was approved or rejected.' }),
    applied: z
      .object({
        fromBefore: z.number(),
        fromAfter: z.number(),
        toBefore: z.number(),
        toAfter: z.number(),
      })
      .optional()
      .meta({ description: 'On approval: both plans’ budgets before and after.' }),
    version: z.number().int(),
  })
  .meta({ id: 'Reallocation' });
true satisfies Tied<typeof ReallocationSchema, Reallocation>;

export const ReallocationListSchema = z
  .object({
    items: z.array(ReallocationSchema),
    you: z.string().meta({
      description:
        'The caller as `requestedBy` and `decidedBy` name people (`user:<username>`): a re-allocation they requested is not theirs to decide.',
    }),
  })
  .meta({ id: 'ReallocationList', description: 'A campaign’s re-allocations, in and out, newest first.' });
