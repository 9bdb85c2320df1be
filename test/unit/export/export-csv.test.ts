import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Column } from '#shared/export/csv.ts';
import { exportCsv } from '#shared/export/export-csv.ts';
import type { Page } from '#shared/ports.ts';

const COLUMNS: readonly Column<number>[] = [{ header: 'column.caseId', value: (n) => `c-${n}` }];

/** A reader of `total` records in pages of `size`, counting the pages it was asked for. */
const pagedReader = (total: number, size: number, extra: { partial?: boolean } = {}) => {
  const reads: (string | undefined)[] = [];
  const read = async (cursor: string | undefined): Promise<Page<number> & { partial?: boolean }> => {
    reads.push(cursor);
    const from = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from({ length: Math.min(size, total - from) }, (_, i) => from + i);
    const next = from + items.length;
    return { items, ...(next < total ? { cursor: String(next) } : {}), ...extra };
  };
  return { read, reads };
};

const idsOf = (body: string): string[] =>
  (parse(body, { bom: true }) as string[][]).slice(1).map((row) => row[0] ?? '');

describe('Function: exportCsv', () => {
  it('reads page after page to the last one, each record once, in order', async () => {
    // Prepare
    const reader = pagedReader(7, 3);

    // Act
    const csv = await exportCsv({ read: reader.read, columns: COLUMNS, locale: 'en', hasTime: () => true });

    // Assess
    expect(reader.reads).toEqual([undefined, '3', '6']);
    expect(idsOf(csv.body)).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6']);
    expect(csv.truncated).toBeUndefined();
  });

  it('reads no page past the one that filled the export', async () => {
    // Prepare
    const reader = pagedReader(1_000, 10);

    // Act
    const csv = await exportCsv({
      read: reader.read,
      columns: COLUMNS,
      locale: 'en',
      hasTime: () => true,
      limits: { maxRows: 25, maxBytes: 1_000_000 },
    });

    // Assess
    expect(reader.reads).toHaveLength(3);
    expect(csv.rows).toBe(25);
    expect(csv.truncated).toBe('rows');
  });

  it('is not truncated when the last record fills it exactly', async () => {
    // Prepare
    const reader = pagedReader(20, 10);

    // Act
    const csv = await exportCsv({
      read: reader.read,
      columns: COLUMNS,
      locale: 'en',
      hasTime: () => true,
      limits: { maxRows: 20, maxBytes: 1_000_000 },
    });

    // Assess
    expect(csv.rows).toBe(20);
    expect(csv.truncated).toBeUndefined();
  });

  it('stops reading when the function runs out of time, and says so', async () => {
    // Prepare
    const reader = pagedReader(100, 10);
    let pagesAllowed = 2;

    // Act
    const csv = await exportCsv({
      read: reader.read,
      columns: COLUMNS,
      locale: 'en',
      hasTime: () => pagesAllowed-- > 0,
    });

    // Assess
    expect(reader.reads).toHaveLength(2);
    expect(csv.rows).toBe(20);
    expect(csv.truncated).toBe('time');
    expect(csv.body.trimEnd().split('\r\n').at(-1)).toContain('(time limit)');
  });

  it('says a search that could not read every match is incomplete', async () => {
    // Prepare
    const reader = pagedReader(5, 10, { partial: true });

    // Act
    const csv = await exportCsv({ read: reader.read, columns: COLUMNS, locale: 'en', hasTime: () => true });

    // Assess
    expect(csv.rows).toBe(5);
    expect(csv.truncated).toBe('partial');
  });
});
