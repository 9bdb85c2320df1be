import * as z from 'zod';

/**
 * What the catalogue routes accept (`PUT /v1/campaigns/{id}`, `PUT /v1/brands/{brand}`, the list queries)
 * and `POST /v1/cases/{id}/owner`, validated by their handlers. Kept apart from the response schemas
 * (catalogue.ts), which stay out of the handlers' bundles.
 */

const WELL_FORMED = {
  error: 'must be well-formed Unicode text (it holds a lone UTF-16 surrogate)',
  abort: true,
};

/** Printable, well-formed, trimmed text of 1–`max` characters, its errors naming `what`. */
export const Text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .refine((value) => value.isWellFormed(), WELL_FORMED)
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, `${what} must be printable text`);

/** A person's sign-in name, as owners, managers and audit trails hold it. */
export const UsernameSchema = (what: string) =>
  z
    .string({ error: `${what} must be a username` })
    .refine((value) => value.isWellFormed(), WELL_FORMED)
    .regex(/^[^\p{Cc}\s]{1,128}$/u, `${what} must be a username: 1–128 characters, no spaces`);

const MarketSchema = z
  .string({ error: 'market must be text' })
  .regex(/^[A-Z]{2}$/, 'market must be an ISO 3166-1 alpha-2 country code in capitals, e.g. CN, VN, GB');

export const MAX_BUDGET = 1e13;

export const CampaignPlanRequestSchema = z
  .strictObject({
    budget: z
      .number({ error: 'budget must be a number' })
      .positive('budget must be more than 0')
      .max(MAX_BUDGET, `budget must be at most ${MAX_BUDGET.toExponential()}`),
    currency: z
      .string({ error: 'currency must be text' })
      .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code in capitals, e.g. USD'),
    periodStart: z.iso.date({ error: 'periodStart must be an ISO-8601 date, e.g. 2026-11-01' }),
    periodEnd: z.iso.date({ error: 'periodEnd must be an ISO-8601 date, e.g. 2026-11-30' }),
  })
  .refine((plan) => plan.periodStart <= plan.periodEnd, {
    error: 'periodEnd must not be before periodStart',
    path: ['periodEnd'],
  })
  .meta({ id: 'CampaignPlanRequest', description: 'The budget over the period (both dates inclusive).' });

const Version = z
  .number({ error: 'version must be a number' })
  .int('version must be a whole number')
  .min(1, 'version must be at least 1')
  .meta({ description: 'The version you read: the change is refused with 409 if someone changed it since.' });

export const CampaignChangeRequestSchema = z
  .strictObject({
    name: Text('name', 200).nullable().optional(),
    brand: Text('brand', 200).nullable().optional(),
    market: MarketSchema.nullable().optional(),
    channel: Text('channel', 64).nullable().optional(),
    owner: UsernameSchema('owner').nullable().optional(),
    plan: CampaignPlanRequestSchema.nullable().optional(),
    version: Version.optional(),
    source: z.enum(['manager', 'cli']).optional().meta({
      description:
        'Who completed it: `manager` (default, the web app) or `cli` (`risk-radar campaigns push`).',
    }),
  })
  .meta({
    id: 'CampaignChangeRequest',
    description:
      'A field given is set, `null` clears it, a field left out stays. Without `version` the change applies to the campaign as it is (created when absent).',
  });
export type CampaignChangeRequest = z.infer<typeof CampaignChangeRequestSchema>;

export const BrandChangeRequestSchema = z
  .strictObject({
    owner: UsernameSchema('owner').nullable().optional(),
    managers: z
      .array(UsernameSchema('each manager'), { error: 'managers must be a list of usernames' })
      .max(50, 'at most 50 managers')
      .optional(),
    version: Version.optional(),
  })
  .meta({
    id: 'BrandChangeRequest',
    description: '`owner: null` clears the owner; `managers` replaces the list; a field left out stays.',
  });
export type BrandChangeRequest = z.infer<typeof BrandChangeRequestSchema>;

export const ReassignRequestSchema = z
  .strictObject({
    owner: UsernameSchema('owner').meta({ description: 'The new owner’s username.' }),
    note: Text('note', 2000).optional(),
  })
  .meta({ id: 'ReassignRequest' });
export type ReassignRequest = z.infer<typeof ReassignRequestSchema>;

const Cursor = z.string().min(1).max(2048).optional();
const Limit = z.coerce.number().int().min(1).max(100).default(50);

export const ListCampaignsQuerySchema = z.strictObject({
  brand: Text('brand', 200).optional(),
  market: MarketSchema.optional(),
  owner: UsernameSchema('owner')
    .optional()
    .meta({ description: 'Campaigns this person owns; `me` means the caller.' }),
  cursor: Cursor,
  limit: Limit,
});
export type ListCampaignsQuery = z.infer<typeof ListCampaignsQuerySchema>;

export const ListBrandsQuerySchema = z.strictObject({ cursor: Cursor, limit: Limit });

/** The `{id}` of the campaign routes: a campaign id as events carry it. */
export const CampaignIdSchema = z
  .string()
  .refine((value) => value.isWellFormed(), WELL_FORMED)
  .regex(
    /^[^\p{Cc}\s][^\p{Cc}]{0,127}$/u,
    'campaign id must be 1–128 printable characters, no leading space',
  );

/** The `{brand}` of the brand routes, compared without regard to case. */
export const BrandNameSchema = Text('brand', 200);

/** The detail routes take no query parameters: an unknown one is a 400, as everywhere. */
export const NoQuerySchema = z.strictObject({});
