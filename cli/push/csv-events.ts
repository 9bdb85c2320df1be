import { type FieldIssue, InputFileError } from '#shared/errors.ts';
import type { EventType } from '#shared/schemas/events.ts';
import type { CsvRecord } from './csv.ts';

/** The envelope every row needs. */
const ENVELOPE = ['eventId', 'type', 'occurredAt', 'source'] as const;

/**
 * Which columns fill which body object, per event type. Columns shared by two types (`campaignId`,
 * `channel`, `brand`) are one column: a row uses the ones its type has.
 */
export const CSV_COLUMNS_BY_TYPE = {
  spend: {
    body: 'spend',
    columns: [
      'campaignId',
      'channel',
      'currency',
      'plannedBudget',
      'actualSpend',
      'conversions',
      'periodStart',
      'periodEnd',
    ],
  },
  sentiment: {
    body: 'sentiment',
    columns: [
      'brand',
      'product',
      'channel',
      'windowStart',
      'windowEnd',
      'mentions',
      'negative',
      'positive',
      'neutral',
    ],
  },
  'ad-copy': {
    body: 'copy',
    columns: ['copyId', 'text', 'lang', 'market', 'category', 'brand', 'campaignId'],
  },
} as const satisfies Record<EventType, { body: string; columns: readonly string[] }>;

const NUMERIC = new Set([
  'plannedBudget',
  'actualSpend',
  'conversions',
  'mentions',
  'negative',
  'positive',
  'neutral',
]);

/** Every column a CSV file may have, in the documented order. */
export const CSV_COLUMNS: readonly string[] = [
  ...new Set([...ENVELOPE, ...Object.values(CSV_COLUMNS_BY_TYPE).flatMap((type) => type.columns)]),
];

/** A row turned into an event object (not validated yet), or the reasons it could not be. */
export type CsvRow =
  | { readonly line: number; readonly value: Record<string, unknown> }
  | { readonly line: number; readonly eventId?: string; readonly errors: readonly FieldIssue[] };

const isEventType = (type: string): type is EventType => Object.hasOwn(CSV_COLUMNS_BY_TYPE, type);

/** The header's column names, refusing a file whose columns we would silently misread. */
const columnsOf = (header: CsvRecord | undefined): string[] => {
  if (header === undefined) throw new InputFileError('The CSV file is empty: it needs a header row');
  if ('error' in header)
    throw new InputFileError(`The CSV header (line ${header.line}) is malformed: ${header.error}`);
  const columns = header.fields.map((name) => name.trim());
  const unknown = columns.filter((name) => !CSV_COLUMNS.includes(name));
  const repeated = columns.filter((name, index) => columns.indexOf(name) !== index);
  const missing = ENVELOPE.filter((name) => !columns.includes(name));
  const problems = [
    ...(unknown.length > 0
      ? [`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}`]
      : []),
    ...(repeated.length > 0
      ? [`repeated column${repeated.length > 1 ? 's' : ''} ${repeated.map((c) => `"${c}"`).join(', ')}`]
      : []),
    ...(missing.length > 0
      ? [`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}`]
      : []),
  ];
  if (problems.length > 0) {
    throw new InputFileError(
      `The CSV header (line ${header.line}) has ${problems.join('; ')}.\nKnown columns: ${CSV_COLUMNS.join(',')}\nSee docs/cli.md`,
    );
  }
  return columns;
};

const numberIn = (column: string, raw: string): number | FieldIssue => {
  const value = raw.trim();
  if (!/^-?\d+(\.\d+)?$/.test(value)) {
    return {
      path: column,
      message: `"${raw}" is not a number (digits and a decimal point, no thousands separators)`,
    };
  }
  return Number(value);
};

const rowOf = (record: Extract<CsvRecord, { fields: unknown }>, columns: readonly string[]): CsvRow => {
  const { line, fields } = record;
  if (fields.length !== columns.length) {
    return {
      line,
      errors: [
        {
          path: '(row)',
          message: `has ${fields.length} fields but the header has ${columns.length} columns`,
        },
      ],
    };
  }
  const cells = new Map(columns.map((column, index) => [column, fields[index] ?? '']));
  const cell = (column: string): string | undefined => {
    const value = cells.get(column);
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const eventId = cell('eventId');
  const type = cell('type')?.trim() ?? '';
  const withId = eventId === undefined ? {} : { eventId };
  if (!isEventType(type)) {
    return {
      line,
      ...withId,
      errors: [{ path: 'type', message: `must be one of "spend", "sentiment", "ad-copy", got "${type}"` }],
    };
  }
  const { body, columns: own } = CSV_COLUMNS_BY_TYPE[type];
  const errors: FieldIssue[] = [];
  const foreign = columns.filter(
    (column) =>
      !(ENVELOPE as readonly string[]).includes(column) && !(own as readonly string[]).includes(column),
  );
  for (const column of foreign) {
    if (cell(column) !== undefined)
      errors.push({ path: column, message: `does not apply to a ${type} event; leave it empty` });
  }
  const object: Record<string, unknown> = {};
  for (const column of own) {
    const raw = cell(column);
    if (raw === undefined) continue;
    if (!NUMERIC.has(column)) {
      // Copy text is kept byte for byte: evidence offsets point into it.
      object[column] = column === 'text' ? raw : raw.trim();
      continue;
    }
    const number = numberIn(column, raw);
    if (typeof number === 'number') object[column] = number;
    else errors.push(number);
  }
  if (errors.length > 0) return { line, ...withId, errors };
  return {
    line,
    value: {
      ...withId,
      type,
      ...(cell('occurredAt') === undefined ? {} : { occurredAt: cell('occurredAt')?.trim() }),
      ...(cell('source') === undefined ? {} : { source: cell('source')?.trim() }),
      [body]: object,
    },
  };
};

/**
 * Events from a CSV file with the documented columns (docs/cli.md): a header row naming the columns
 * (any order, any subset that includes the envelope), then one event per row. Empty cells are absent
 * fields. An unknown or repeated column fails the whole file; a bad row fails only itself.
 */
export const csvRows = (records: readonly CsvRecord[]): CsvRow[] => {
  const [header, ...rows] = records;
  const columns = columnsOf(header);
  return rows.map((record) =>
    'error' in record
      ? { line: record.line, errors: [{ path: '(row)', message: `malformed CSV: ${record.error}` }] }
      : rowOf(record, columns),
  );
};
