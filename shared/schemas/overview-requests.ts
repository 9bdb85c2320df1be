import * as z from 'zod';

/**
 * What the overview routes accept (path parameters and query), validated by their handler. Kept apart from
 * the response schemas (overviews.ts), which stay out of the handler's bundle.
 */

/** The heat map covers at most this many ISO weeks (half a year), ending with the current one. */
export const MAX_HEAT_WEEKS = 26;
export const DEFAULT_HEAT_WEEKS = 12;

const wellFormed = (value: string) => value.isWellFormed();

/** A campaign id as events carry it: printable text, at most 128 characters. */
export const CampaignIdParamSchema = z
  .string()
  .refine(wellFormed, 'must be well-formed Unicode text')
  .regex(/^[^\p{Cc}\s][^\p{Cc}]*$/u, 'campaign id must be printable text without leading spaces')
  .max(128, 'campaign id must be at most 128 characters');

/** A brand as events name it: at most 200 characters, compared without regard to case. */
export const BrandParamSchema = z
  .string()
  .refine(wellFormed, 'must be well-formed Unicode text')
  .trim()
  .min(1, 'brand must not be empty')
  .max(200, 'brand must be at most 200 characters')
  .regex(/^[^\p{Cc}]*$/u, 'brand must be printable text');

export const CampaignOverviewQuerySchema = z.strictObject({}).meta({ id: 'CampaignOverviewQuery' });

export const BrandOverviewQuerySchema = z
  .strictObject({
    weeks: z.coerce
      .number()
      .int('weeks must be a whole number')
      .min(1, 'weeks must be at least 1')
      .max(MAX_HEAT_WEEKS, `weeks must be at most ${MAX_HEAT_WEEKS}`)
      .default(DEFAULT_HEAT_WEEKS)
      .meta({
        description: `ISO weeks (UTC) the heat map covers, ending with the current week; at most ${MAX_HEAT_WEEKS}.`,
      }),
  })
  .meta({ id: 'BrandOverviewQuery' });

export type BrandOverviewQuery = z.infer<typeof BrandOverviewQuerySchema>;
