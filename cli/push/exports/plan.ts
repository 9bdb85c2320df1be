import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { InputFileError } from '#shared/errors.ts';

/**
 * The plan an export does not carry: each campaign's planned budget and period (and, when the export
 * lacks them, its currency, id or channel). A JSON object keyed by campaign name or id, or a CSV file
 * with a `campaign` column (docs/cli.md, "Importing platform exports").
 *
 * ```json
 * { "Black Friday – Search": { "plannedBudget": 20000, "periodStart": "2026-11-01", "periodEnd": "2026-11-30" } }
 * ```
 */

const IsoDate = z.iso.date({ error: 'must be a date written as 2026-11-01' });

export const PlanEntrySchema = z
  .strictObject({
    plannedBudget: z.coerce.number({ error: 'must be a number' }).positive('must be more than 0'),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
      .optional(),
    campaignId: z.string().min(1).max(128).optional(),
    channel: z.string().min(1).max(64).optional(),
  })
  .refine((entry) => entry.periodStart <= entry.periodEnd, {
    message: 'periodEnd must not be before periodStart',
    path: ['periodEnd'],
  });
export type PlanEntry = z.infer<typeof PlanEntrySchema>;

/** Plans by campaign name or id. */
export type Plan = ReadonlyMap<string, PlanEntry>;

const entriesOf = (text: string, name: string): [string, unknown][] => {
  if (/\.json$/i.test(name) || text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputFileError(`The plan file ${name} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new InputFileError(`The plan file ${name} must be a JSON object keyed by campaign name or id`);
    return Object.entries(json);
  }
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  return rows.map((row, index) => {
    const { campaign, ...rest } = row;
    if (campaign === undefined || campaign === '')
      throw new InputFileError(
        `The plan file ${name}, row ${index + 2}: the campaign column is empty or missing`,
      );
    return [campaign, Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== ''))];
  });
};

/**
 * Reads a plan file; every problem is reported at once, by campaign and field.
 *
 * @example readPlan('{"cmp-1":{"plannedBudget":100,"periodStart":"2026-11-01","periodEnd":"2026-11-30"}}', 'plan.json')
 */
export const readPlan = (text: string, name: string): Plan => {
  const plan = new Map<string, PlanEntry>();
  const problems: string[] = [];
  for (const [campaign, value] of entriesOf(text, name)) {
    const parsed = PlanEntrySchema.safeParse(value);
    if (parsed.success) plan.set(campaign, parsed.data);
    else
      problems.push(
        ...parsed.error.issues.map(
          (issue) => `  campaign "${campaign}", ${issue.path.join('.') || 'entry'}: ${issue.message}`,
        ),
      );
  }
  if (problems.length > 0)
    throw new InputFileError(`The plan file ${name} has problems:\n${problems.join('\n')}`);
  return plan;
};
