import * as z from 'zod';
import type {
  Brand,
  Campaign,
  CampaignPlan,
  CatalogueChange,
  FieldChange,
} from '#shared/domain/catalogue.ts';
import type { Page } from '#shared/ports.ts';
import { pageOf } from './cases.ts';
import type { Tied } from './tie.ts';

/**
 * What the catalogue routes answer, tied to the domain's types (shared/domain/catalogue.ts), for the
 * OpenAPI document; the requests are in catalogue-requests.ts.
 */

export const CampaignPlanSchema = z
  .object({
    budget: z.number(),
    currency: z.string().meta({ description: 'ISO 4217, in capitals.' }),
    periodStart: z.string().meta({ description: 'ISO-8601 date, inclusive.' }),
    periodEnd: z.string().meta({ description: 'ISO-8601 date, inclusive.' }),
  })
  .meta({ id: 'CampaignPlan' });
true satisfies Tied<typeof CampaignPlanSchema, CampaignPlan>;

/** The fields of a record's stamp (shared/domain/catalogue.ts `RecordStamp`), for the campaign and the brand. */
const recordStamp = {
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  version: z.number().int(),
};

export const CampaignSchema = z
  .object({
    campaignId: z.string(),
    name: z.string().optional(),
    brand: z.string().optional(),
    market: z.string().optional().meta({ description: 'ISO 3166-1 alpha-2, in capitals (GB for the UK).' }),
    channel: z.string().optional(),
    owner: z.string().optional().meta({ description: 'Username: the default owner of its cases.' }),
    plan: CampaignPlanSchema.optional(),
    planSetAt: z.string().optional().meta({
      description:
        'When a manager or an approved re-allocation last set the plan; absent while the plan is what the events said. From then on the spend detectors judge this campaign against this plan (README "Plans of record").',
    }),
    planSetBy: z.string().optional().meta({ description: 'Who set it then: `user:<username>`.' }),
    source: z.enum(['event', 'manager', 'cli']).meta({
      description:
        '`event` while only its events described it; `manager` or `cli` once a person completed it.',
    }),
    ...recordStamp,
  })
  .meta({ id: 'Campaign' });
true satisfies Tied<typeof CampaignSchema, Campaign>;

export const BrandSchema = z
  .object({
    brand: z.string(),
    owner: z.string().optional().meta({ description: 'Owns the cases of campaigns that name no owner.' }),
    managers: z
      .array(z.string())
      .meta({ description: 'Paged at tier 2 when an owner does not acknowledge in time.' }),
    ...recordStamp,
  })
  .meta({ id: 'Brand' });
true satisfies Tied<typeof BrandSchema, Brand>;

const FieldChangeSchema = z
  .object({ field: z.string(), from: z.string().optional(), to: z.string().optional() })
  .meta({ id: 'FieldChange' });
true satisfies Tied<typeof FieldChangeSchema, FieldChange>;

export const CatalogueChangeSchema = z
  .object({
    entity: z.enum(['campaign', 'brand']),
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    version: z.number().int(),
    changes: z.array(FieldChangeSchema),
  })
  .meta({ id: 'CatalogueChange', description: 'Who changed what, when, to which version.' });
true satisfies Tied<typeof CatalogueChangeSchema, CatalogueChange>;

export const CampaignListSchema = pageOf(CampaignSchema).meta({ id: 'CampaignList' });
true satisfies Tied<typeof CampaignListSchema, Page<Campaign>>;

export const BrandListSchema = pageOf(BrandSchema).meta({ id: 'BrandList' });
true satisfies Tied<typeof BrandListSchema, Page<Brand>>;

/** A campaign with its latest changes, newest first. */
export interface CampaignDetail {
  readonly campaign: Campaign;
  readonly changes: readonly CatalogueChange[];
}

export interface BrandDetail {
  readonly brand: Brand;
  readonly changes: readonly CatalogueChange[];
}

export const CampaignDetailSchema = z
  .object({ campaign: CampaignSchema, changes: z.array(CatalogueChangeSchema) })
  .meta({ id: 'CampaignDetail' });
true satisfies Tied<typeof CampaignDetailSchema, CampaignDetail>;

export const BrandDetailSchema = z
  .object({ brand: BrandSchema, changes: z.array(CatalogueChangeSchema) })
  .meta({ id: 'BrandDetail' });
true satisfies Tied<typeof BrandDetailSchema, BrandDetail>;
