import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { InputFileError } from '#shared/errors.ts';

/** One record of an export: its line in the file (where the record ends) and its trimmed cells. */
export interface Row {
  readonly line: number;
  readonly cells: readonly string[];
}

const DELIMITERS = [',', '\t', ';'] as const;

/** Lines looked at to tell the delimiter: past the title lines some exports put above the header. */
const SNIFF_LINES = 12;

/**
 * The delimiter of the first lines: Google's default download uses tabs, Excel in decimal-comma locales
 * semicolons, everything else commas. Counted outside quotes, so a quoted "November 1, 2026" title does not
 * make a tab file look like a comma one.
 */
export const delimiterOf = (head: string): string => {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let lines = 0;
  for (const char of head) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n' && ++lines >= SNIFF_LINES) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
};

const countLines = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
};

const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true } as const;

/**
 * The title lines some exports put above their header (Google: report name, date range), read apart:
 * csv-parse measures every row against the first one, and a one-cell title would make it build an error
 * object for each row of the body, which costs more than the parsing. The widest of the first records
 * is taken as the header, and the stream parser starts at its line.
 */
const titleRows = (head: string, delimiter: string): { before: Row[]; fromLine: number } => {
  const complete = head.slice(0, head.lastIndexOf('\n') + 1);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseSync(complete, { ...OPTIONS, delimiter }) as unknown as typeof records;
  } catch {
    return { before: [], fromLine: 1 };
  }
  let widest = 0;
  records.forEach(({ record }, index) => {
    if (record.length > (records[widest]?.record.length ?? 0)) widest = index;
  });
  const before = records.slice(0, widest).map(({ record, info }) => ({
    line: info.lines,
    cells: record.map((cell) => cell.trim()),
  }));
  return { before, fromLine: (records[widest - 1]?.info.lines ?? 0) + 1 };
};

/**
 * The rows of a CSV/TSV text stream, one at a time: the first lines are held until the delimiter is
 * known, then everything flows through csv-parse with backpressure, so a file of any size is read in
 * constant memory here.
 */
export async function* readRows(text: AsyncIterable<string>, name: string): AsyncGenerator<Row> {
  const iterator = text[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  while (countLines(head) < SNIFF_LINES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head += next.value;
  }
  if (head.includes('\u0000'))
    throw new InputFileError(`${name} holds NUL bytes: it is not a text export (re-export it as CSV)`);
  async function* all(): AsyncGenerator<string> {
    yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const delimiter = delimiterOf(head);
  const { before, fromLine } = titleRows(head, delimiter);
  for (const row of before) yield row;
  const parser = parse({
    delimiter,
    from_line: fromLine,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
  });
  // pipeline, not pipe: a decoding error in the source reaches the parser, and so the loop below.
  pipeline(Readable.from(all()), parser, () => {});
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      yield { line: info.lines, cells: record.map((cell) => cell.trim()) };
    }
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(`${name} is not a readable CSV file: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
