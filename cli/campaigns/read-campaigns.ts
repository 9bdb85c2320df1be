import { parse as parseYaml } from 'yaml';
import { InputFileError } from '#shared/errors.ts';
import {
  type CampaignChangeRequest,
  CampaignChangeRequestSchema,
  CampaignIdSchema,
} from '#shared/schemas/catalogue-requests.ts';
import { readCsv } from '../push/csv.ts';

/**
 * The columns of a campaigns file (CSV header, or the keys of each JSON / YAML object), in the documented
 * order. `budget`, `currency`, `periodStart` and `periodEnd` make the plan: all four or none.
 */
export const CAMPAIGN_COLUMNS = [
  'campaignId',
  'name',
  'brand',
  'market',
  'channel',
  'owner',
  'budget',
  'currency',
  'periodStart',
  'periodEnd',
] as const;
type Column = (typeof CAMPAIGN_COLUMNS)[number];

const PLAN_COLUMNS = ['budget', 'currency', 'periodStart', 'periodEnd'] as const;

/** One campaign to send: where it came from (line or entry), its id and the request body. */
export interface CampaignRow {
  readonly where: string;
  readonly campaignId: string;
  readonly request: CampaignChangeRequest;
}

/** A row that breaks the contract: where, the column, what was expected. */
export interface RowProblem {
  readonly where: string;
  readonly column: string;
  readonly message: string;
}

type Cells = Partial<Record<Column, string>>;

/** A row's cells as the request body (an empty cell leaves the field as it is), or its problems. */
const toRow = (where: string, cells: Cells): CampaignRow | RowProblem[] => {
  const problems: RowProblem[] = [];
  const id = CampaignIdSchema.safeParse(cells.campaignId ?? '');
  if (!id.success)
    problems.push({ where, column: 'campaignId', message: 'required: the campaign id the events carry' });
  const given = (column: Column) => {
    const value = cells[column]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const planGiven = PLAN_COLUMNS.filter((column) => given(column) !== undefined);
  if (planGiven.length > 0 && planGiven.length < PLAN_COLUMNS.length) {
    for (const column of PLAN_COLUMNS.filter((c) => given(c) === undefined))
      problems.push({
        where,
        column,
        message: `required with ${planGiven.join(', ')}: a plan is budget, currency, periodStart and periodEnd`,
      });
  }
  const budget = given('budget');
  const body: Record<string, unknown> = { source: 'cli' };
  for (const column of ['name', 'brand', 'market', 'channel', 'owner'] as const) {
    const value = given(column);
    if (value !== undefined) body[column] = value;
  }
  if (planGiven.length === PLAN_COLUMNS.length)
    body.plan = {
      budget: budget !== undefined && /^\d+(\.\d+)?$/.test(budget) ? Number(budget) : budget,
      currency: given('currency'),
      periodStart: given('periodStart'),
      periodEnd: given('periodEnd'),
    };
  const parsed = CampaignChangeRequestSchema.safeParse(body);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const column = path[0] === 'plan' ? (path[1] ?? 'budget') : (path[0] ?? 'row');
      problems.push({ where, column, message: issue.message });
    }
  if (problems.length > 0 || !id.success || !parsed.success) return problems;
  return { where, campaignId: id.data, request: parsed.data };
};

const problemsText = (problems: readonly RowProblem[]): string =>
  problems.map((problem) => `${problem.where}: ${problem.column}: ${problem.message}`).join('\n');

/** The rows of a CSV file: a header naming known columns, one campaign per line. */
const fromCsv = (text: string): { rows: CampaignRow[]; problems: RowProblem[] } => {
  const [header, ...records] = readCsv(text);
  if (header === undefined)
    throw new InputFileError('The file is empty: it needs a header line naming its columns');
  if ('error' in header) throw new InputFileError(`line ${header.line}: ${header.error}`);
  const columns = header.fields.map((field) => field.trim());
  const unknown = columns.filter((column) => !(CAMPAIGN_COLUMNS as readonly string[]).includes(column));
  const repeated = columns.filter((column, i) => columns.indexOf(column) !== i);
  if (unknown.length > 0 || repeated.length > 0 || !columns.includes('campaignId'))
    throw new InputFileError(
      `The CSV header (line ${header.line}) ${[
        unknown.length > 0 ? `has unknown columns ${unknown.join(', ')}` : '',
        repeated.length > 0 ? `repeats ${repeated.join(', ')}` : '',
        columns.includes('campaignId') ? '' : 'lacks campaignId',
      ]
        .filter((part) => part !== '')
        .join('; ')}.\nKnown columns: ${CAMPAIGN_COLUMNS.join(',')}\nSee docs/cli.md`,
    );
  const rows: CampaignRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of records) {
    if ('error' in record) {
      problems.push({ where: `line ${record.line}`, column: 'row', message: record.error });
      continue;
    }
    if (record.fields.length !== columns.length) {
      problems.push({
        where: `line ${record.line}`,
        column: 'row',
        message: `expected ${columns.length} fields as the header says, got ${record.fields.length}`,
      });
      continue;
    }
    const cells = Object.fromEntries(columns.map((column, i) => [column, record.fields[i] ?? ''])) as Cells;
    const where = `line ${record.line}${cells.campaignId ? ` (${cells.campaignId})` : ''}`;
    const row = toRow(where, cells);
    if (Array.isArray(row)) problems.push(...row);
    else rows.push(row);
  }
  return { rows, problems };
};

/** The rows of a JSON or YAML list of objects with the same keys as the CSV columns. */
const fromObjects = (list: unknown, format: string): { rows: CampaignRow[]; problems: RowProblem[] } => {
  const items = Array.isArray(list) ? list : (list as { campaigns?: unknown } | null)?.campaigns;
  if (!Array.isArray(items))
    throw new InputFileError(`The ${format} file must be a list of campaigns (or { "campaigns": [...] })`);
  const rows: CampaignRow[] = [];
  const problems: RowProblem[] = [];
  items.forEach((item, index) => {
    const where = `entry ${index + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ where, column: 'row', message: 'expected an object with campaignId, name, brand, …' });
      return;
    }
    const cells: Cells = {};
    for (const [key, value] of Object.entries(item)) {
      if (!(CAMPAIGN_COLUMNS as readonly string[]).includes(key)) {
        problems.push({
          where,
          column: key,
          message: `unknown field; known: ${CAMPAIGN_COLUMNS.join(', ')}`,
        });
        continue;
      }
      if (value !== null && value !== undefined) cells[key as Column] = String(value);
    }
    const row = toRow(`${where}${cells.campaignId ? ` (${cells.campaignId})` : ''}`, cells);
    if (Array.isArray(row)) problems.push(...row);
    else rows.push(row);
  });
  return { rows, problems };
};

/**
 * The campaigns of a file, CSV or JSON, or YAML when named .yaml / .yml. Every problem of every row is
 * reported at once, and nothing is sent when there is one (exit 2).
 */
export const readCampaigns = (text: string, name: string): CampaignRow[] => {
  let read: { rows: CampaignRow[]; problems: RowProblem[] };
  if (/\.ya?ml$/i.test(name) || /\.json$/i.test(name)) {
    const yaml = /\.ya?ml$/i.test(name);
    let parsed: unknown;
    try {
      parsed = yaml ? parseYaml(text) : JSON.parse(text);
    } catch (error) {
      throw new InputFileError(
        `${name} is not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    read = fromObjects(parsed, yaml ? 'YAML' : 'JSON');
  } else read = fromCsv(text);
  if (read.problems.length > 0)
    throw new InputFileError(`${name} has problems; nothing was sent:\n${problemsText(read.problems)}`);
  const seen = new Map<string, string>();
  for (const row of read.rows) {
    const first = seen.get(row.campaignId);
    if (first !== undefined)
      throw new InputFileError(
        `${name}: ${row.where}: campaignId: ${row.campaignId} is already on ${first}; nothing was sent`,
      );
    seen.set(row.campaignId, row.where);
  }
  return read.rows;
};
