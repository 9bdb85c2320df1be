import { type Options, stringify } from 'csv-stringify/sync';
import type { Locale } from '#shared/i18n/locales.ts';
import { type EvidenceMessageId, exportText } from './labels.ts';
import type { TruncationReason } from './media-types.ts';

export { CSV_CONTENT_TYPE } from './media-types.ts';

/**
 * CSV as spreadsheets read it: RFC 4180 (CRLF line ends; a field with a comma, a quote or a line break
 * quoted, quotes doubled), UTF-8 with a byte-order mark so Excel opens Chinese and Vietnamese as written,
 * and safe against formula injection (OWASP "CSV injection"): a text cell starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a leading `'`, so a spreadsheet shows it instead of running it. The
 * writing itself is csv-stringify's (the csv-parse family the CLI already reads CSV with).
 */

const BOM = '\uFEFF';

const CSV_OPTIONS: Options = {
  record_delimiter: 'windows',
  escape_formulas: true,
  // csv-stringify quotes a field holding the record delimiter (CRLF); a lone LF or CR must be quoted too.
  quoted_match: /[\r\n]/,
};

/** A cell: text, a number, or nothing (an empty cell). */
export type Cell = string | number | undefined;

/** One column of an export: its header (a catalogue id, in the reader's language) and its value. */
export interface Column<T> {
  readonly header: EvidenceMessageId;
  readonly value: (item: T, locale: Locale) => Cell;
}

export type { TruncationReason } from './media-types.ts';

/**
 * How much one export may hold. A Lambda behind API Gateway answers at most 6 MB (the whole JSON payload, in
 * which every `"` and line break of the CSV is escaped), so the size cap counts the body as it travels and
 * leaves room for the headers and the truncation line.
 */
export interface CsvLimits {
  readonly maxRows: number;
  /** Bytes of the body as escaped in the Lambda response payload. */
  readonly maxBytes: number;
}

export const CSV_LIMITS: CsvLimits = { maxRows: 50_000, maxBytes: 5_500_000 };

/** What the truncation line may take at most (a long sentence in any locale, escaped). */
const TRUNCATION_RESERVE = 2_048;

/** The bytes a piece of text takes inside a JSON string (the Lambda proxy response body). */
const payloadBytes = (text: string): number => Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;

/** A finished export. */
export interface CsvDocument {
  readonly body: string;
  /** Data rows written (header and truncation line not counted). */
  readonly rows: number;
  readonly truncated?: TruncationReason;
}

/**
 * Writes an export row by row within its limits: a header row in the reader's language, then each item
 * while it fits; the first one that does not stops the export, which then ends with a line saying so.
 *
 * @example
 * const csv = new CsvWriter(CASE_COLUMNS, 'vi');
 * csv.add(riskCase); // true while it fits
 * csv.finish().body; // '\uFEFFMã vụ việc,Mức,…\r\n…'
 */
export class CsvWriter<T> {
  readonly #columns: readonly Column<T>[];
  readonly #locale: Locale;
  readonly #limits: CsvLimits;
  readonly #chunks: string[] = [];
  #bytes = 0;
  #rows = 0;
  #truncated: TruncationReason | undefined;

  constructor(columns: readonly Column<T>[], locale: Locale, limits: CsvLimits = CSV_LIMITS) {
    this.#columns = columns;
    this.#locale = locale;
    this.#limits = limits;
    this.#append(`${BOM}${this.#line(columns.map((column) => exportText(locale, column.header)))}`);
  }

  get rows(): number {
    return this.#rows;
  }

  /** Whether the export already stopped at a limit. */
  get full(): boolean {
    return this.#truncated !== undefined;
  }

  /** Adds an item's row; false (and the export stops) when it would pass a limit. */
  add(item: T): boolean {
    if (this.#truncated !== undefined) return false;
    if (this.#rows >= this.#limits.maxRows) return this.#stop('rows');
    const line = this.#line(this.#columns.map((column) => column.value(item, this.#locale)));
    if (this.#bytes + payloadBytes(line) > this.#limits.maxBytes - TRUNCATION_RESERVE)
      return this.#stop('bytes');
    this.#append(line);
    this.#rows += 1;
    return true;
  }

  /** Stops the export for a reason found outside the rows (the function's time, a partial search). */
  stop(reason: TruncationReason): void {
    if (this.#truncated === undefined) this.#truncated = reason;
  }

  /** The CSV: the rows written, and when the export stopped early, a last line saying why and what to do. */
  finish(): CsvDocument {
    const truncated = this.#truncated;
    if (truncated === undefined) return { body: this.#chunks.join(''), rows: this.#rows };
    const notice = exportText(this.#locale, 'csv.truncated', { rows: this.#rows, reason: truncated });
    // As wide as the header, so the file stays rectangular (RFC 4180 §2.4).
    const padding = Array.from({ length: Math.max(0, this.#columns.length - 1) }, () => undefined);
    return {
      body: this.#chunks.join('') + this.#line([notice, ...padding]),
      rows: this.#rows,
      truncated,
    };
  }

  #stop(reason: TruncationReason): false {
    this.#truncated = reason;
    return false;
  }

  #append(line: string): void {
    this.#chunks.push(line);
    this.#bytes += payloadBytes(line);
  }

  #line(cells: readonly Cell[]): string {
    return stringify([cells.map((cell) => cell ?? '')], CSV_OPTIONS);
  }
}
