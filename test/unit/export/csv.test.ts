import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type Column, CsvWriter } from '#shared/export/csv.ts';

/** What a spreadsheet reads back: the rows of a CSV export, BOM stripped. */
const rowsOf = (body: string): string[][] => parse(body, { bom: true, relax_column_count: false });

interface Row {
  readonly id: string;
  readonly text: string;
  readonly count?: number;
}

const COLUMNS: readonly Column<Row>[] = [
  { header: 'column.caseId', value: (row) => row.id },
  { header: 'column.headlineFinding', value: (row) => row.text },
  { header: 'column.occurrences', value: (row) => row.count },
];

describe('Class: CsvWriter', () => {
  describe('Method: finish', () => {
    it('starts with a UTF-8 byte-order mark and a header row in the reader’s language, lines ending CRLF', () => {
      // Prepare
      const csv = new CsvWriter(COLUMNS, 'zh-CN');
      csv.add({ id: 'c-1', text: '全网最佳', count: 3 });

      // Act
      const { body, rows, truncated } = csv.finish();

      // Assess
      expect(body.startsWith('\uFEFF案件编号,主要发现,发生次数\r\n')).toBe(true);
      expect(body.endsWith('c-1,全网最佳,3\r\n')).toBe(true);
      expect(rows).toBe(1);
      expect(truncated).toBeUndefined();
    });

    it.each([
      ['a comma', 'Sữa tốt, nhất', '"Sữa tốt, nhất"'],
      ['a quote', 'say "best"', '"say ""best"""'],
      ['a line break', 'first why\nsecond why', '"first why\nsecond why"'],
      ['a carriage return', 'one\rtwo', '"one\rtwo"'],
    ])('quotes a cell with %s (RFC 4180)', (_what, text, written) => {
      // Prepare
      const csv = new CsvWriter(COLUMNS, 'en');

      // Act
      csv.add({ id: 'c-1', text });
      const { body } = csv.finish();

      // Assess
      expect(body).toContain(`c-1,${written},\r\n`);
      expect(rowsOf(body)[1]).toEqual(['c-1', text, '']);
    });

    it.each(['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\t=1'])(
      'keeps a spreadsheet from running %j as a formula',
      (text) => {
        // Prepare
        const csv = new CsvWriter(COLUMNS, 'en');

        // Act
        csv.add({ id: 'c-1', text });

        // Assess
        expect(rowsOf(csv.finish().body)[1]?.[1]).toBe(`'${text}`);
      },
    );

    it('writes Chinese and Vietnamese as they are, read back unchanged', () => {
      // Prepare
      const texts = ['本品是全国第一的婴儿奶粉', 'Sữa bột tốt nhất Việt Nam — cam kết 100%', 'emoji 🍼 ok'];
      const csv = new CsvWriter(COLUMNS, 'vi');

      // Act
      for (const [index, text] of texts.entries()) csv.add({ id: `c-${index}`, text });

      // Assess
      expect(rowsOf(csv.finish().body).map((row) => row[1])).toEqual(['Phát hiện chính', ...texts]);
    });
  });

  describe('Method: add', () => {
    it('stops at the row cap and ends with a line saying so, as wide as the header', () => {
      // Prepare
      const csv = new CsvWriter(COLUMNS, 'en', { maxRows: 2, maxBytes: 1_000_000 });

      // Act
      const added = [1, 2, 3].map((n) => csv.add({ id: `c-${n}`, text: 'x' }));
      const { body, rows, truncated } = csv.finish();

      // Assess
      expect(added).toEqual([true, true, false]);
      expect(rows).toBe(2);
      expect(truncated).toBe('rows');
      const read = rowsOf(body);
      expect(read).toHaveLength(4);
      expect(read[3]?.[0]).toMatch(
        /^TRUNCATED: this export stops after 2 rows \(row limit\)\. Narrow the filters/,
      );
      expect(read.every((row) => row.length === COLUMNS.length)).toBe(true);
    });

    it('stops before the body outgrows its size cap, counting the bytes as the JSON payload escapes them', () => {
      // Prepare: each row is ~100 bytes as written but ~200 escaped (every quote doubled, then escaped).
      const text = '"'.repeat(30);
      const limits = { maxRows: 1_000, maxBytes: 2_048 + 4_000 };
      const csv = new CsvWriter(COLUMNS, 'en', limits);

      // Act
      let added = 0;
      while (csv.add({ id: 'c', text })) added += 1;
      const { body, truncated } = csv.finish();

      // Assess
      expect(truncated).toBe('bytes');
      expect(added).toBeGreaterThan(0);
      expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(limits.maxBytes);
      // Measured unescaped, twice as many rows would have fitted: the cap is on the escaped payload.
      expect(Buffer.byteLength(body)).toBeLessThan(limits.maxBytes / 1.5);
    });

    it('says in the reader’s language why a stopped export is incomplete', () => {
      // Prepare
      const csv = new CsvWriter(COLUMNS, 'zh-CN');
      csv.add({ id: 'c-1', text: 'x' });

      // Act
      csv.stop('time');
      const added = csv.add({ id: 'c-2', text: 'y' });

      // Assess
      expect(added).toBe(false);
      expect(rowsOf(csv.finish().body).at(-1)?.[0]).toBe(
        '已截断：本导出只包含前 1 行（时间上限）。请缩小筛选条件（日期、品牌、市场、级别、状态）后重新导出。',
      );
    });
  });
});
