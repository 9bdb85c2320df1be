import { describe, expect, it } from 'vitest';
import { readCsv } from '../../cli/push/csv.ts';

describe('Function: readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, numbering records by their first line', () => {
    // Prepare
    const text = 'id,text\n1,"Gentle, for ""everyday"" use"\n2,"two\nlines"\n3,plain\n';

    // Act
    const records = readCsv(text);

    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'Gentle, for "everyday" use'] },
      { line: 3, fields: ['2', 'two\nlines'] },
      { line: 5, fields: ['3', 'plain'] },
    ]);
  });

  it('reads CRLF files (Excel exports) with the same line numbers, skipping empty lines', () => {
    // Act
    const records = readCsv('id,text\r\n\r\n1,"a\r\nb"\r\n2,c\r\n');

    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 3, fields: ['1', 'a\r\nb'] },
      { line: 5, fields: ['2', 'c'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(readCsv('a,,c,\n')).toEqual([{ line: 1, fields: ['a', '', 'c', ''] }]);
  });

  it('reports a stray character after a closing quote at its line and reads the rows after it', () => {
    // Act
    const records = readCsv('id,text\n1,"bad"quote\n2,fine\n');

    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, error: expect.stringContaining('after a closing quote') },
      { line: 3, fields: ['2', 'fine'] },
    ]);
  });

  it('reports a quote that is never closed at the line it opens and still reads the rows after it', () => {
    // Act
    const records = readCsv('id,text\n1,"never closed\n2,fine\n3,also fine\n');

    // Assess
    expect(records[1]).toEqual({ line: 2, error: expect.stringContaining('never closed') });
    expect(records.slice(2)).toEqual([
      { line: 3, fields: ['2', 'fine'] },
      { line: 4, fields: ['3', 'also fine'] },
    ]);
  });
});
