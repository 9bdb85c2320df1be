import { createHash } from 'node:crypto';
import { InputFileError } from '#shared/errors.ts';
import type { ExportMapping, ListeningMapping, SpendMapping } from './mapping.ts';
import type { Plan, PlanEntry } from './plan.ts';
import type { Row } from './rows.ts';
import { decimalOf, instantOf, type Moment, parseMoment, parseNumber } from './values.ts';

/**
 * Turns a platform export into the events of the v1 contract, before anything is sent: spend exports'
 * daily rows become the cumulative snapshots the spend detectors read (one per day, spend and conversions
 * summed from the period's start), and a listening tool's mentions become sentiment windows. Event ids
 * are derived from what the row describes (source, campaign, day; or subject and window), so pushing a
 * re-export of the same period again is a duplicate, not a second event.
 *
 * Rows are read one at a time: what is kept grows with the events made (campaigns × days, windows), not
 * with the file.
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

/** Rows looked at for the header: exports open with title lines (Google Ads: report name, date range). */
const HEADER_SEARCH_ROWS = 30;

/** The columns of a header row, when it names every required field (or the mapping gives it as a constant). */
const headerColumns = (row: Row, mapping: ExportMapping): Map<string, Column> | undefined => {
  const columns = new Map<string, Column>();
  for (const [field, names] of Object.entries(mapping.columns) as [string, string | string[]][]) {
    const column = findColumn(row.cells, names);
    if (column !== undefined) columns.set(field, column);
  }
  const required: readonly string[] = REQUIRED[mapping.type];
  return required.every((field) => columns.has(field) || Object.hasOwn(mapping.constants, field))
    ? columns
    : undefined;
};

const noHeader = (first: Row | undefined, mapping: ExportMapping): InputFileError => {
  const wanted = REQUIRED[mapping.type]
    .filter((field) => !Object.hasOwn(mapping.constants, field))
    .map((field) => {
      const names = mapping.columns[field as keyof typeof mapping.columns];
      return `${field} (${(typeof names === 'string' ? [names] : (names ?? [])).map((n) => `"${n}"`).join(' or ')})`;
    });
  return new InputFileError(
    `No header row with the columns this format needs: ${wanted.join(', ')}. The first row has ${first?.cells.map((c) => `"${c}"`).join(', ') ?? 'nothing'}.`,
  );
};

/**
 * Totals and summary rows that exports append — Google `Total: Account`, TikTok `Total of 39 results`,
 * `总计`, `Tổng cộng` — told by their first cell as a whole, so a campaign named "Total Wellness" is not one.
 */
const TOTAL = /^(total|totals|summary|grand total|总计|合计|tổng|tổng cộng)(:.*| of \d+ \w+)?$/i;
const isTotal = (row: Row): boolean => TOTAL.test(row.cells.find((cell) => cell !== '') ?? '');

const isEmpty = (row: Row): boolean => row.cells.every((cell) => cell === '');

/** An id of at most 128 characters for what a row describes; long names are hashed. */
const eventIdOf = (source: string, subject: string, when: string): string => {
  const plain = `${source}:${subject}:${when}`;
  return plain.length <= 128
    ? plain
    : `${source}:${createHash('sha256').update(subject).digest('hex').slice(0, 24)}:${when}`;
};

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The contract's ids hold 128 characters; a longer campaign name keeps its start and a hash of the whole. */
const shortId = (name: string): string =>
  name.length <= 128
    ? name
    : `${name.slice(0, 110).trimEnd()}…${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;

/**
 * Reads a file's cells by field. Numbers go through one decimal separator for the whole file: with
 * `auto`, the first cell that only one separator reads fixes it; a cell that reads either way (`1,234`)
 * waits until then, and if nothing ever fixes it the file is refused rather than guessed.
 */
class Cells {
  private decimal: '.' | ',' | undefined;
  private decidedBy: { row: number; column: string; cell: string } | undefined;
  private readonly waiting: { row: Row; field: string; cell: string; apply: (value: number) => void }[] = [];

  private readonly mapping: ExportMapping;
  private readonly columns: ReadonlyMap<string, Column>;
  private readonly issues: ExportIssue[];

  constructor(mapping: ExportMapping, columns: ReadonlyMap<string, Column>, issues: ExportIssue[]) {
    this.mapping = mapping;
    this.columns = columns;
    this.issues = issues;
    this.decimal = mapping.decimal === 'auto' ? undefined : mapping.decimal;
  }

  column(field: string): string {
    return this.columns.get(field)?.header ?? field;
  }

  report(row: Row, field: string, message: string): void {
    this.issues.push({ row: row.line, column: this.column(field), message });
  }

  /** The cell of a field, else the mapping's constant; undefined when both are empty. */
  text(row: Row, field: string): string | undefined {
    const column = this.columns.get(field);
    const value = column === undefined ? undefined : row.cells[column.index];
    const constants: Readonly<Record<string, string | undefined>> = this.mapping.constants;
    return value === undefined || value === '' ? constants[field] : value;
  }

  moment(row: Row, field: string): Moment | undefined {
    const value = this.text(row, field);
    if (value === undefined) return undefined;
    const parsed = parseMoment(value, this.mapping.dateFormat);
    if (parsed.ok) return parsed.value;
    this.report(row, field, `expected ${parsed.expected}, got "${value}"`);
    return undefined;
  }

  /** Reads a number cell and hands it to `apply`, now or once the file's decimal separator is known. */
  number(row: Row, field: string, apply: (value: number) => void): boolean {
    const cell = this.text(row, field);
    if (cell === undefined) return false;
    if (this.decimal === undefined) {
      const reading = decimalOf(cell);
      if (reading === 'ambiguous') {
        this.waiting.push({ row, field, cell, apply });
        return true;
      }
      if (reading === '.' || reading === ',') {
        this.decimal = reading;
        this.decidedBy = { row: row.line, column: this.column(field), cell };
        for (const wait of this.waiting.splice(0)) this.convert(wait.row, wait.field, wait.cell, wait.apply);
      }
    }
    return this.convert(row, field, cell, apply);
  }

  private convert(row: Row, field: string, cell: string, apply: (value: number) => void): boolean {
    const parsed = parseNumber(cell, this.decimal ?? '.');
    if (parsed.ok && parsed.value >= 0) {
      apply(parsed.value);
      return true;
    }
    const by = this.decidedBy;
    const other = parseNumber(cell, this.decimal === ',' ? '.' : ',');
    const expected = parsed.ok
      ? 'a number that is not negative'
      : by !== undefined && other.ok
        ? `${parsed.expected} as row ${by.row} writes them ("${by.cell}" in "${by.column}"): one decimal separator per file`
        : parsed.expected;
    this.report(row, field, `expected ${expected}, got "${cell}"`);
    return false;
  }

  /** Numbers still waiting when the file ends: no cell said which separator it uses. */
  finish(): void {
    const first = this.waiting[0];
    if (first === undefined) return;
    const point = parseNumber(first.cell, '.');
    const comma = parseNumber(first.cell, ',');
    this.report(
      first.row,
      first.field,
      `"${first.cell}" is ${point.ok ? point.value : '?'} with a decimal point and ${comma.ok ? comma.value : '?'} with a decimal comma, and no number in the file says which: pass --decimal . or --decimal , (${this.waiting.length} cell(s) like it)`,
    );
    this.waiting.length = 0;
  }
}

interface Day {
  spend: number;
  conversions: number;
  line: number;
  plannedBudget?: number;
  periodStart?: string;
  periodEnd?: string;
}

interface Campaign {
  /** The name in its first row (for messages); `names` has every name its rows gave. */
  readonly name: string;
  readonly names: Set<string>;
  readonly firstLine: number;
  readonly days: Map<string, Day>;
  readonly channels: Set<string>;
  readonly currencies: Set<string>;
  /** A result type that is not a conversion (Meta: reach, link clicks) was counted on some day. */
  otherResults?: string;
  id?: string;
}

interface Sink {
  add(row: Row): void;
  finish(): Converted;
}

const spendSink = (columns: Map<string, Column>, mapping: SpendMapping, options: ConvertOptions): Sink => {
  const issues: ExportIssue[] = [];
  const notes: string[] = [];
  const read = new Cells(mapping, columns, issues);
  const headerCurrency = columns.get('spend')?.currency;
  const hasConversions = columns.has('conversions') || mapping.constants.conversions !== undefined;
  const conversionResults = mapping.conversionResults?.map((part) => part.toLowerCase());
  const campaigns = new Map<string, Campaign>();
  let skipped = 0;
  let rows = 0;
  let exportStart: string | undefined;
  // A row without a campaign is the platform's summary when it is the first or the last data row (Meta's
  // "include summary row"); anywhere else it is a broken row.
  let blank: Row | undefined;

  const add = (row: Row): void => {
    if (isEmpty(row)) return;
    if (isTotal(row)) {
      skipped += 1;
      return;
    }
    const name = read.text(row, 'campaign');
    if (name === undefined && read.text(row, 'campaignId') === undefined) {
      if (rows === 0) skipped += 1;
      else {
        if (blank !== undefined)
          read.report(blank, 'campaign', 'expected a campaign name, got an empty cell');
        blank = row;
      }
      rows += 1;
      return;
    }
    if (blank !== undefined) {
      read.report(blank, 'campaign', 'expected a campaign name, got an empty cell');
      blank = undefined;
    }
    rows += 1;
    // Keyed by id when the export has one: a campaign renamed mid-period is still one running total.
    const id = read.text(row, 'campaignId');
    const key = id === undefined ? `name:${name}` : `id:${id}`;
    const start = read.moment(row, 'date');
    const end = columns.has('dateEnd') ? read.moment(row, 'dateEnd') : start;
    if (start === undefined || end === undefined) {
      if (read.text(row, 'date') === undefined)
        read.report(row, 'date', 'expected a date, got an empty cell');
      return;
    }
    if (end.day < start.day) {
      read.report(row, 'dateEnd', `expected a date on or after ${start.day}, got "${end.day}"`);
      return;
    }
    if (exportStart === undefined || start.day < exportStart) exportStart = start.day;
    const campaign = campaigns.get(key) ?? {
      name: name ?? (id as string),
      names: new Set<string>(),
      firstLine: row.line,
      days: new Map<string, Day>(),
      channels: new Set<string>(),
      currencies: new Set<string>(),
    };
    campaigns.set(key, campaign);
    if (id !== undefined) campaign.id = id;
    if (name !== undefined) campaign.names.add(name);
    const channel = read.text(row, 'channel');
    if (channel !== undefined) campaign.channels.add(channel.toLowerCase());
    const currency = read.text(row, 'currency') ?? headerCurrency;
    if (currency !== undefined && /^[a-z]{3}$/i.test(currency))
      campaign.currencies.add(currency.toUpperCase());
    else if (currency !== undefined)
      read.report(row, 'currency', `expected an ISO 4217 currency code such as USD, got "${currency}"`);
    // A row for a range (Meta without a daily breakdown) is one snapshot at its last day.
    const day = campaign.days.get(end.day) ?? { spend: 0, conversions: 0, line: row.line };
    day.line = row.line;
    campaign.days.set(end.day, day);
    // An empty cell (or `--`) is nothing spent; a row that stops before the column is broken.
    if (
      !read.number(row, 'spend', (value) => (day.spend += value)) &&
      row.cells.length <= (columns.get('spend')?.index ?? 0)
    )
      read.report(row, 'spend', 'expected an amount spent, but the row ends before this column');
    const resultType = read.text(row, 'resultType')?.toLowerCase();
    const isConversion =
      conversionResults === undefined ||
      resultType === undefined ||
      conversionResults.some((part) => resultType.includes(part));
    read.number(row, 'conversions', (value) => {
      if (isConversion) day.conversions += value;
      else if (value > 0) campaign.otherResults ??= resultType;
    });
    read.number(row, 'plannedBudget', (value) => (day.plannedBudget = value));
    const periodStart = columns.has('periodStart') ? read.moment(row, 'periodStart') : undefined;
    const periodEnd = columns.has('periodEnd') ? read.moment(row, 'periodEnd') : undefined;
    if (periodStart !== undefined) day.periodStart = periodStart.day;
    if (periodEnd !== undefined) day.periodEnd = periodEnd.day;
  };

  const finish = (): Converted => {
    if (blank !== undefined) skipped += 1;
    read.finish();
    if (skipped > 0) notes.push(`${skipped} total or summary row(s) skipped`);
    const values: { line: number; value: Record<string, unknown> }[] = [];
    for (const campaign of campaigns.values()) {
      const plan: PlanEntry | undefined =
        (campaign.id === undefined ? undefined : options.plan?.get(campaign.id)) ??
        [...campaign.names].map((name) => options.plan?.get(name)).find((entry) => entry !== undefined);
      const events = snapshots(campaign, plan);
      if (events !== undefined) values.push(...events);
    }
    return { values, issues, notes };
  };

  /** The campaign's cumulative snapshots, or undefined (with an issue) when it cannot have any. */
  const snapshots = (
    campaign: Campaign,
    plan: PlanEntry | undefined,
  ): { line: number; value: Record<string, unknown> }[] | undefined => {
    const campaignColumn = read.column('campaign');
    const currencies = [...campaign.currencies];
    const currency = plan?.currency ?? (currencies.length === 1 ? currencies[0] : undefined);
    if (currency === undefined) {
      issues.push({
        row: campaign.firstLine,
        column: read.column('currency'),
        message:
          currencies.length > 1
            ? `campaign "${campaign.name}" is reported in ${currencies.join(' and ')}: one currency per campaign`
            : `no currency for campaign "${campaign.name}": export the currency column, or give "currency" in the plan file`,
      });
      return undefined;
    }
    // One plan per campaign: split across platforms it would be counted once per platform.
    const channels = [...campaign.channels];
    const channel =
      plan?.channel ?? (channels.length === 1 ? channels[0] : mapping.constants.channel) ?? 'unknown';
    const campaignId = plan?.campaignId ?? campaign.id ?? shortId(campaign.name);
    if (campaign.otherResults !== undefined)
      notes.push(
        `campaign "${campaign.name}": its results are "${campaign.otherResults}", not conversions; pushed without conversions`,
      );
    const withConversions = hasConversions && campaign.otherResults === undefined;
    const values: { line: number; value: Record<string, unknown> }[] = [];
    let budget = plan?.plannedBudget ?? constantBudget(mapping);
    let periodStart = plan?.periodStart ?? mapping.constants.periodStart;
    let periodEnd = plan?.periodEnd ?? mapping.constants.periodEnd;
    let spent = 0;
    let converted = 0;
    let outside = 0;
    for (const [day, figures] of [...campaign.days].sort(([a], [b]) => a.localeCompare(b))) {
      // The plan file wins; else the export's own plan columns, the latest a campaign's rows gave so far.
      if (plan === undefined) {
        budget = figures.plannedBudget ?? budget;
        periodStart = figures.periodStart ?? periodStart;
        periodEnd = figures.periodEnd ?? periodEnd;
      }
      if (budget === undefined || periodStart === undefined || periodEnd === undefined) {
        issues.push({
          row: campaign.firstLine,
          column: campaignColumn,
          message: `no plan for campaign "${campaign.name}": give its plannedBudget, periodStart and periodEnd in the --plan file`,
        });
        return undefined;
      }
      if (exportStart !== undefined && periodStart < exportStart && day >= periodStart && day <= periodEnd) {
        issues.push({
          row: campaign.firstLine,
          column: read.column('date'),
          message: `campaign "${campaign.name}": its period starts ${periodStart} but the export starts ${exportStart}, so its running total would miss the days before; export from ${periodStart}`,
        });
        return undefined;
      }
      if (day < periodStart || day > periodEnd) {
        outside += 1;
        continue;
      }
      spent += figures.spend;
      converted += figures.conversions;
      values.push({
        line: figures.line,
        value: {
          eventId: eventIdOf(mapping.source, campaignId, day),
          type: 'spend',
          occurredAt: `${day}T23:59:59${options.offset}`,
          source: mapping.source,
          spend: {
            campaignId,
            channel,
            currency,
            plannedBudget: budget,
            actualSpend: round(spent, 4),
            // Platforms attribute fractions of a conversion (data-driven attribution): the running total is rounded.
            ...(withConversions ? { conversions: Math.round(converted) } : {}),
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
    return values;
  };

  return { add, finish };
};

const constantBudget = (mapping: SpendMapping): number | undefined => {
  const value = mapping.constants.plannedBudget;
  if (value === undefined) return undefined;
  const parsed = parseNumber(value, mapping.decimal === ',' ? ',' : '.');
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

const listeningSink = (
  columns: Map<string, Column>,
  mapping: ListeningMapping,
  options: ConvertOptions,
): Sink => {
  const issues: ExportIssue[] = [];
  const read = new Cells(mapping, columns, issues);
  const classes = (['negative', 'positive', 'neutral'] as const).map(
    (name) => [name, new Set(mapping.sentiments[name].map((word) => word.toLowerCase()))] as const,
  );
  const known = classes.flatMap(([, words]) => [...words].filter((word) => word !== '').map((w) => `"${w}"`));
  // Windows are aligned to the account's local midnight, so a 1-day window is a local day.
  const shift = offsetMs(options.offset);
  const windows = new Map<string, Window>();
  const add = (row: Row): void => {
    if (isEmpty(row)) return;
    const moment = read.moment(row, 'date');
    const brand = read.text(row, 'brand');
    const sentiment = (read.text(row, 'sentiment') ?? '').toLowerCase();
    // A score (Talkwalker writes -5 … 5) is read by its sign.
    const score = /^[+-]?\d+(\.\d+)?$/.test(sentiment) ? Number(sentiment) : undefined;
    const sentimentClass =
      score === undefined
        ? classes.find(([, words]) => words.has(sentiment))?.[0]
        : score < 0
          ? 'negative'
          : score > 0
            ? 'positive'
            : 'neutral';
    if (sentimentClass === undefined)
      read.report(
        row,
        'sentiment',
        `expected one of ${known.join(', ')} or a score (negative below 0), got "${sentiment}"`,
      );
    if (brand === undefined) read.report(row, 'brand', 'expected a brand or query name, got an empty cell');
    if (moment === undefined && read.text(row, 'date') === undefined)
      read.report(row, 'date', 'expected a date, got an empty cell');
    if (moment === undefined || brand === undefined || sentimentClass === undefined) return;
    const instant = instantOf(moment, options.offset);
    const start = Math.floor((instant + shift) / options.windowMs) * options.windowMs - shift;
    const product = read.text(row, 'product') ?? 'all';
    const channel = (read.text(row, 'channel') ?? 'unknown').toLowerCase();
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
  };
  const finish = (): Converted => {
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
  return { add, finish };
};

/**
 * Reads an export's rows with a mapping: every cell that cannot be read is an issue naming its row and
 * column, and the caller sends nothing while there are any.
 *
 * @example
 * await convertRows(readRows(decodeStream(stream, name), name), { mapping: builtInMapping('google-ads'), plan, offset: '+00:00', windowMs: 3_600_000 });
 */
export const convertRows = async (rows: AsyncIterable<Row>, options: ConvertOptions): Promise<Converted> => {
  const { mapping } = options;
  const before: Row[] = [];
  let sink: Sink | undefined;
  let read = 0;
  for await (const row of rows) {
    read += 1;
    if (sink !== undefined) {
      sink.add(row);
      continue;
    }
    const columns = headerColumns(row, mapping);
    if (columns === undefined) {
      before.push(row);
      if (before.length >= HEADER_SEARCH_ROWS) throw noHeader(before[0], mapping);
      continue;
    }
    sink =
      mapping.type === 'spend'
        ? spendSink(columns, mapping, options)
        : listeningSink(columns, mapping, options);
  }
  if (sink === undefined) throw noHeader(before[0], mapping);
  const converted = sink.finish();
  const kind = mapping.type === 'spend' ? 'spend snapshot(s)' : 'sentiment window(s)';
  return {
    ...converted,
    notes: [`${read} row(s) read: ${converted.values.length} ${kind}`, ...converted.notes],
  };
};
