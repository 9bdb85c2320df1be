/** One record of a CSV file, located by the line it starts on (1-based). */
export type CsvRecord =
  | { readonly line: number; readonly fields: readonly string[] }
  | { readonly line: number; readonly error: string };

/**
 * A small RFC 4180 reader that keeps exact line numbers and survives a broken row. csv-parse counts the
 * line a record ends on, miscounts CRLF files, and loses every later row after an unclosed quote; here a
 * broken record is reported at the line it starts on and reading resumes on the next line.
 *
 * Fields are separated by commas; a field in double quotes may hold commas, newlines and `""` for a quote.
 * Lines that are entirely empty are skipped.
 *
 * @example
 * readCsv('a,b\n1,"x, y"\n') // [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', 'x, y'] }]
 */
export const readCsv = (text: string): CsvRecord[] => {
  const records: CsvRecord[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  /** Offset of the line after the one holding `offset` (or the end). */
  const nextLine = (offset: number): number => lineStarts[lineAt(offset)] ?? text.length;

  let pos = 0;
  while (pos < text.length) {
    const start = pos;
    const line = lineAt(start);
    if (text[pos] === '\n' || (text[pos] === '\r' && text[pos + 1] === '\n')) {
      pos = nextLine(pos);
      continue;
    }
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let field = '';
      if (text[pos] === '"') {
        pos += 1;
        let closed = false;
        while (pos < text.length) {
          const char = text[pos];
          if (char === '"' && text[pos + 1] === '"') {
            field += '"';
            pos += 2;
          } else if (char === '"') {
            closed = true;
            pos += 1;
            break;
          } else {
            field += char;
            pos += 1;
          }
        }
        if (!closed) {
          error = 'a quoted field is never closed (a " is missing)';
          break;
        }
        const next = text[pos];
        if (
          next !== undefined &&
          next !== ',' &&
          next !== '\n' &&
          !(next === '\r' && text[pos + 1] === '\n')
        ) {
          error = `unexpected ${JSON.stringify(next)} after a closing quote (write "" for a quote inside a quoted field)`;
          break;
        }
      } else {
        while (pos < text.length && text[pos] !== ',' && text[pos] !== '\n') {
          if (text[pos] === '\r' && text[pos + 1] === '\n') break;
          field += text[pos];
          pos += 1;
        }
      }
      fields.push(field);
      if (text[pos] === ',') {
        pos += 1;
        continue;
      }
      break;
    }
    if (error === undefined) {
      records.push({ line, fields });
      pos = pos < text.length ? nextLine(pos) : pos;
    } else {
      records.push({ line, error });
      // Resume on the line after the one the record started on: the rows after a stray quote survive.
      pos = nextLine(start);
    }
  }
  return records;
};
