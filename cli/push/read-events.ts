import { extname } from 'node:path';
import { type FieldIssue, UsageError } from '#shared/errors.ts';
import { type RiskEvent, RiskEventSchema } from '#shared/schemas/events.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';
import { readCsv } from './csv.ts';
import { csvRows } from './csv-events.ts';

export type InputFormat = 'csv' | 'jsonl';

/** One event of the input file, valid or not, located by its line. */
export type InputRecord =
  | { readonly line: number; readonly event: RiskEvent }
  | { readonly line: number; readonly eventId?: string; readonly errors: readonly FieldIssue[] };

export type ValidRecord = Extract<InputRecord, { event: RiskEvent }>;
export type InvalidRecord = Extract<InputRecord, { errors: unknown }>;

export const isValid = (record: InputRecord): record is ValidRecord => 'event' in record;

/**
 * The format of an input: `--format`, else the file's extension.
 * @example formatOf('spend.jsonl', undefined) // 'jsonl'
 */
export const formatOf = (path: string, option: string | undefined): InputFormat => {
  const given =
    option ?? { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' }[extname(path).toLowerCase()];
  if (given === 'csv' || given === 'jsonl') return given;
  if (option !== undefined) throw new UsageError(`--format must be csv or jsonl, got "${option}"`);
  throw new UsageError(
    `Cannot tell the format of ${path}: name it .csv or .jsonl, or pass --format csv|jsonl`,
  );
};

const eventIdOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { eventId?: unknown }).eventId;
  return typeof id === 'string' ? id : undefined;
};

/** In a CSV file a field is a column: `spend.actualSpend` is reported as `actualSpend`. */
const asColumn = (issue: FieldIssue): FieldIssue => ({
  ...issue,
  path: issue.path.split('.').at(-1) ?? issue.path,
});

/** One event object checked against the v1 contract; CSV errors name the column, JSON ones the path. */
export const validate = (line: number, value: unknown, format: InputFormat): InputRecord => {
  const result = RiskEventSchema.safeParse(value);
  if (result.success) return { line, event: result.data };
  const eventId = eventIdOf(value);
  const errors = toFieldIssues(result.error);
  return {
    line,
    ...(eventId === undefined ? {} : { eventId }),
    errors: format === 'csv' ? errors.map(asColumn) : errors,
  };
};

type Parsed = { readonly line: number; readonly value: unknown } | InvalidRecord;

const jsonlValues = (text: string): Parsed[] =>
  text.split('\n').flatMap((raw, index): Parsed[] => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '') return [];
    try {
      return [{ line, value: JSON.parse(content) as unknown }];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [{ line, errors: [{ path: '(line)', message: `not valid JSON: ${reason}` }] }];
    }
  });

/**
 * Reads every event of a CSV or JSON Lines text and validates each against the v1 contract on its own, so
 * one bad line is reported with its number and the others still go.
 */
export const readEvents = (text: string, format: InputFormat): InputRecord[] => {
  const parsed =
    format === 'csv'
      ? csvRows(readCsv(text)).map((row) => ('value' in row ? { line: row.line, value: row.value } : row))
      : jsonlValues(text);
  return parsed.map((item) => ('value' in item ? validate(item.line, item.value, format) : item));
};
