import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { InputFileError } from '../../errors.ts';
import type { ExportMapping, ListeningMapping, SpendMapping } from './mapping.ts';
import type { Plan, PlanEntry } from './plan.ts';
import { instantOf, type Moment, parseMoment, parseNumber } from './values.ts';

/**
 * Turns a platform export into the events of the v1 contract, before anything is sent: spend exports'
 * daily rows become the cumulative snapshots the spend detectors read (one per day, spend and conversions
 * summed from the period's start), and a listening tool's mentions become sentiment windows. Event ids
 * are derived from what the row describes (source, campaign, day; or subject and window), so pushing a
 * re-export of the same period again is a duplicate, not a second event.
 */

/** A cell that could not be read: the file's row (1-based line), the column's header, what was expected. */
export interface ExportIssue {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

export interface ConvertOptions {
  readonly mapping: ExportMapping;
  readonly plan?: Plan | undefined;
  /** The UTC offset of dates and times that do not carry one (the ad account's time zone). */
  readonly offset: string;
  /** Listening exports: the length of a sentiment window, in milliseconds. */
  readonly windowMs: number;
}

export interface Converted {
  /** Event objects (not validated yet) with the row each comes from (its last row). */
  readonly values: readonly { readonly line: number; readonly value: Record<string, unknown> }[];
  readonly issues: readonly ExportIssue[];
  /** Things a person should know that are not errors (rows skipped as totals, rows outside a period). */
  readonly notes: readonly string[];
}

interface Row {
  readonly line: number;
  readonly cells: readonly string[];
}

const DELIMITERS = [',', '\t', ';'] as const;

/** The delimiter of the first lines: Excel's exports use tabs or (decimal-comma locales) semicolons. */
const delimiterOf = (text: string): string => {
  const head = text.split('\n', 12).join('\n');
  const counts = DELIMITERS.map((d) => head.split(d).length);
  const best = Math.max(...counts);
  return DELIMITERS[counts.indexOf(best)] ?? ',';
};

const rowsOf = (text: string): Row[] => {
  if (text.includes('\u0000'))
    throw new InputFileError('The file holds NUL bytes: it is not a text CSV (re-export it as CSV, UTF-8)');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new InputFileError(`The export is not a readable CSV file: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return records.map(({ record, info }) => ({ line: info.lines, cells: record.map((cell) => cell.trim()) }));
};

const normalise = (header: string): string => header.trim().replace(/\s+/g, ' ').toLowerCase();

interface Column {
  readonly index: number;
  readonly header: string;
  /** The currency a header such as `Amount spent (USD)` names. */
  readonly currency?: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a field's column is in a header row, trying each of the mapping's names in turn. */
const findColumn = (header: readonly string[], names: string | readonly string[]): Column | undefined => {
  for (const name of typeof names === 'string' ? [names] : names) {
    const pattern = new RegExp(`^${escapeRegExp(normalise(name)).replace('\\{currency\\}', '([a-z]{3})')}$`);
    const index = header.findIndex((cell) => pattern.test(normalise(cell)));
    const cell = header[index];
    if (cell !== undefined) {
      const currency = pattern.exec(normalise(cell))?.[1];
      return { index, header: cell, ...(currency === undefined ? {} : { currency: currency.toUpperCase() }) };
    }
  }
  return undefined;
};

const REQUIRED = { spend: ['date', 'campaign', 'spend'], sentiment: ['date', 'sentiment', 'brand'] } as const;

/** Exports open with title lines (Google Ads: report name and date range): the header is the first row naming every required column. */
const locateHeader = (
  rows: readonly Row[],
  mapping: ExportMapping,
): { at: number; columns: Map<string, Column> } => {
  const required: readonly string[] = REQUIRED[mapping.type];
  const entries = Object.entries(mapping.columns) as [string, string | string[]][];
  for (const [at, row] of rows.slice(0, 30).entries()) {
    const columns = new Map<string, Column>();
    for (const [field, names] of entries) {
      const column = findColumn(row.cells, names);
      if (column !== undefined) columns.set(field, column);
    }
    if (required.every((field) => columns.has(field) || Object.hasOwn(mapping.constants, field)))
      return { at, columns };
  }
  const wanted = required
    .filter((field) => !Object.hasOwn(mapping.constants, field))
    .map((field) => {
      const names = mapping.columns[field as keyof typeof mapping.columns];
      return `${field} (${(typeof names === 'string' ? [names] : (names ?? [])).map((n) => `"${n}"`).join(' or ')})`;
    });
  throw new InputFileError(
    `No header row with the columns this format needs: ${wanted.join(', ')}. The first row has ${rows[0]?.cells.map((c) => `"${c}"`).join(', ') ?? 'nothing'}.`,
  );
};

/** Totals and summary rows that exports append: not a campaign's day. */
const isTotal = (row: Row): boolean => {
  const first = row.cells.find((cell) => cell !== '') ?? '';
  return /^(total|totals|summary|总计|合计|tổng)\b/i.test(first) || row.cells.every((cell) => cell === '');
};

/** An id of at most 128 characters for what a row describes; long names are hashed. */
const eventIdOf = (source: string, subject: string, when: string): string => {
  const plain = `${source}:${subject}:${when}`;
  return plain.length <= 128
    ? plain
    : `${source}:${createHash('sha256').update(subject).digest('hex').slice(0, 24)}:${when}`;
};

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

interface Reader {
  cell(row: Row, field: string): string | undefined;
  number(row: Row, field: string): number | undefined;
  moment(row: Row, field: string): Moment | undefined;
}

const readerOf = (mapping: ExportMapping, columns: Map<string, Column>, issues: ExportIssue[]): Reader => {
  const constants: Readonly<Record<string, string | undefined>> = mapping.constants;
  const cell = (row: Row, field: string): string | undefined => {
    const column = columns.get(field);
    const value = column === undefined ? undefined : row.cells[column.index];
    return value === undefined || value === '' ? constants[field] : value;
  };
  const report = (row: Row, field: string, expected: string, got: string) =>
    issues.push({
      row: row.line,
      column: columns.get(field)?.header ?? field,
      message: `expected ${expected}, got "${got}"`,
    });
  return {
    cell,
    number: (row, field) => {
      const value = cell(row, field);
      if (value === undefined) return undefined;
      const parsed = parseNumber(value, mapping.decimal);
      if (parsed.ok && parsed.value >= 0) return parsed.value;
      report(row, field, parsed.ok ? 'a number that is not negative' : parsed.expected, value);
      return undefined;
    },
    moment: (row, field) => {
      const value = cell(row, field);
      if (value === undefined) return undefined;
      const parsed = parseMoment(value, mapping.dateFormat);
      if (parsed.ok) return parsed.value;
      report(row, field, parsed.expected, value);
      return undefined;
    },
  };
};

interface Day {
  spend: number;
  conversions: number;
  line: number;
}

interface Campaign {
  readonly name: string;
  readonly firstLine: number;
  readonly days: Map<string, Day>;
  readonly channels: Set<string>;
  readonly currencies: Set<string>;
  id?: string;
}

const convertSpend = (
  rows: readonly Row[],
  columns: Map<string, Column>,
  mapping: SpendMapping,
  options: ConvertOptions,
): Converted => {
  const issues: ExportIssue[] = [];
  const notes: string[] = [];
  const read = readerOf(mapping, columns, issues);
  const headerCurrency = columns.get('spend')?.currency;
  const campaigns = new Map<string, Campaign>();
  let totals = 0;
  for (const row of rows) {
    if (isTotal(row)) {
      totals += 1;
      continue;
    }
    const name = read.cell(row, 'campaign');
    if (name === undefined) {
      issues.push({
        row: row.line,
        column: columns.get('campaign')?.header ?? 'campaign',
        message: 'expected a campaign name, got an empty cell',
      });
      continue;
    }
    const start = read.moment(row, 'date');
    const end = columns.has('dateEnd') ? read.moment(row, 'dateEnd') : start;
    const spend = read.number(row, 'spend');
    const conversions = read.number(row, 'conversions');
    if (start === undefined || end === undefined || spend === undefined) continue;
    if (end.day < start.day) {
      issues.push({
        row: row.line,
        column: columns.get('dateEnd')?.header ?? 'dateEnd',
        message: `expected a date on or after ${start.day}, got "${end.day}"`,
      });
      continue;
    }
    const campaign = campaigns.get(name) ?? {
      name,
      firstLine: row.line,
      days: new Map<string, Day>(),
      channels: new Set<string>(),
      currencies: new Set<string>(),
    };
    campaigns.set(name, campaign);
    const id = read.cell(row, 'campaignId');
    if (id !== undefined) campaign.id = id;
    const channel = read.cell(row, 'channel');
    if (channel !== undefined) campaign.channels.add(channel.toLowerCase());
    const currency = read.cell(row, 'currency') ?? headerCurrency;
    if (currency !== undefined) campaign.currencies.add(currency.toUpperCase());
    // A row for a range (Meta without a daily breakdown) is one snapshot at its last day.
    const day = campaign.days.get(end.day) ?? { spend: 0, conversions: 0, line: row.line };
    day.spend += spend;
    day.conversions += conversions ?? 0;
    day.line = row.line;
    campaign.days.set(end.day, day);
  }
  if (totals > 0) notes.push(`${totals} total or empty row(s) skipped`);

  const values: { line: number; value: Record<string, unknown> }[] = [];
  for (const campaign of campaigns.values()) {
    const plan: PlanEntry | undefined =
      options.plan?.get(campaign.name) ??
      (campaign.id === undefined ? undefined : options.plan?.get(campaign.id));
    const budget = plan?.plannedBudget ?? numberConstant(mapping, 'plannedBudget');
    const periodStart = plan?.periodStart ?? mapping.constants.periodStart;
    const periodEnd = plan?.periodEnd ?? mapping.constants.periodEnd;
    const column = columns.get('campaign')?.header ?? 'campaign';
    if (budget === undefined || periodStart === undefined || periodEnd === undefined) {
      issues.push({
        row: campaign.firstLine,
        column,
        message: `no plan for campaign "${campaign.name}": give its plannedBudget, periodStart and periodEnd in the --plan file`,
      });
      continue;
    }
    const currencies = [...campaign.currencies];
    const currency = plan?.currency ?? (currencies.length === 1 ? currencies[0] : undefined);
    if (currency === undefined) {
      issues.push({
        row: campaign.firstLine,
        column: columns.get('currency')?.header ?? 'currency',
        message:
          currencies.length > 1
            ? `campaign "${campaign.name}" is reported in ${currencies.join(' and ')}: one currency per campaign`
            : `no currency for campaign "${campaign.name}": export the currency column, or give "currency" in the plan file`,
      });
      continue;
    }
    // One plan per campaign: split across platforms it would be counted once per platform.
    const channels = [...campaign.channels];
    const channel =
      plan?.channel ?? (channels.length === 1 ? channels[0] : mapping.constants.channel) ?? 'unknown';
    let spent = 0;
    let converted = 0;
    let outside = 0;
    for (const [day, figures] of [...campaign.days].sort(([a], [b]) => a.localeCompare(b))) {
      if (day < periodStart || day > periodEnd) {
        outside += 1;
        continue;
      }
      spent += figures.spend;
      converted += figures.conversions;
      values.push({
        line: figures.line,
        value: {
          eventId: eventIdOf(mapping.source, plan?.campaignId ?? campaign.id ?? campaign.name, day),
          type: 'spend',
          occurredAt: `${day}T23:59:59${options.offset}`,
          source: mapping.source,
          spend: {
            campaignId: plan?.campaignId ?? campaign.id ?? campaign.name,
            channel,
            currency,
            plannedBudget: budget,
            actualSpend: round(spent, 4),
            // Platforms attribute fractions of a conversion (data-driven attribution): the running total is rounded.
            conversions: Math.round(converted),
            periodStart,
            periodEnd,
          },
        },
      });
    }
    if (outside > 0)
      notes.push(
        `campaign "${campaign.name}": ${outside} day(s) outside its period ${periodStart} – ${periodEnd} skipped`,
      );
  }
  return { values, issues, notes };
};

const numberConstant = (mapping: SpendMapping, field: 'plannedBudget'): number | undefined => {
  const value = mapping.constants[field];
  if (value === undefined) return undefined;
  const parsed = parseNumber(value, mapping.decimal);
  return parsed.ok ? parsed.value : undefined;
};

interface Window {
  readonly brand: string;
  readonly product: string;
  readonly channel: string;
  readonly start: number;
  line: number;
  negative: number;
  positive: number;
  neutral: number;
}

const offsetMs = (offset: string): number => {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (match === null) return 0;
  const ms = (Number(match[2]) * 60 + Number(match[3])) * 60_000;
  return match[1] === '-' ? -ms : ms;
};

const convertListening = (
  rows: readonly Row[],
  columns: Map<string, Column>,
  mapping: ListeningMapping,
  options: ConvertOptions,
): Converted => {
  const issues: ExportIssue[] = [];
  const read = readerOf(mapping, columns, issues);
  const classes = (['negative', 'positive', 'neutral'] as const).map(
    (name) => [name, new Set(mapping.sentiments[name].map((word) => word.toLowerCase()))] as const,
  );
  const known = classes.flatMap(([, words]) => [...words].filter((word) => word !== '').map((w) => `"${w}"`));
  // Windows are aligned to the account's local midnight, so a 1-day window is a local day.
  const shift = offsetMs(options.offset);
  const windows = new Map<string, Window>();
  for (const row of rows) {
    if (row.cells.every((cell) => cell === '')) continue;
    const moment = read.moment(row, 'date');
    const brand = read.cell(row, 'brand');
    const sentiment = (read.cell(row, 'sentiment') ?? '').toLowerCase();
    const sentimentClass = classes.find(([, words]) => words.has(sentiment))?.[0];
    if (sentimentClass === undefined)
      issues.push({
        row: row.line,
        column: columns.get('sentiment')?.header ?? 'sentiment',
        message: `expected one of ${known.join(', ')}, got "${sentiment}"`,
      });
    if (brand === undefined)
      issues.push({
        row: row.line,
        column: columns.get('brand')?.header ?? 'brand',
        message: 'expected a brand or query name, got an empty cell',
      });
    if (moment === undefined || brand === undefined || sentimentClass === undefined) continue;
    const instant = instantOf(moment, options.offset);
    const start = Math.floor((instant + shift) / options.windowMs) * options.windowMs - shift;
    const product = read.cell(row, 'product') ?? 'all';
    const channel = (read.cell(row, 'channel') ?? 'unknown').toLowerCase();
    const key = JSON.stringify([brand, product, channel, start]);
    const window = windows.get(key) ?? {
      brand,
      product,
      channel,
      start,
      line: row.line,
      negative: 0,
      positive: 0,
      neutral: 0,
    };
    window[sentimentClass] += 1;
    window.line = Math.max(window.line, row.line);
    windows.set(key, window);
  }
  const values = [...windows.values()]
    .sort((a, b) => a.start - b.start)
    .map((window) => {
      const windowStart = new Date(window.start).toISOString();
      const windowEnd = new Date(window.start + options.windowMs).toISOString();
      return {
        line: window.line,
        value: {
          eventId: eventIdOf(
            mapping.source,
            `${window.brand}/${window.product}/${window.channel}`,
            windowStart,
          ),
          type: 'sentiment',
          occurredAt: windowEnd,
          source: mapping.source,
          sentiment: {
            brand: window.brand,
            product: window.product,
            channel: window.channel,
            windowStart,
            windowEnd,
            mentions: window.negative + window.positive + window.neutral,
            negative: window.negative,
            positive: window.positive,
            neutral: window.neutral,
          },
        },
      };
    });
  return { values, issues, notes: [] };
};

/**
 * Reads an export with a mapping: every cell that cannot be read is an issue naming its row and column,
 * and the caller sends nothing while there are any.
 *
 * @example
 * convertExport(csv, { mapping: builtInMapping('google-ads'), plan, offset: '+00:00', windowMs: 3_600_000 });
 */
export const convertExport = (text: string, options: ConvertOptions): Converted => {
  const rows = rowsOf(text);
  const { at, columns } = locateHeader(rows, options.mapping);
  const body = rows.slice(at + 1);
  return options.mapping.type === 'spend'
    ? convertSpend(body, columns, options.mapping, options)
    : convertListening(body, columns, options.mapping, options);
};
