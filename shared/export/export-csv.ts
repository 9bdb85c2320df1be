import type { Locale } from '#shared/i18n/locales.ts';
import type { Page } from '#shared/ports.ts';
import { type Column, CSV_LIMITS, type CsvDocument, type CsvLimits, CsvWriter } from './csv.ts';

/** What an export reads and keeps. */
export interface CsvExportRequest<T> {
  /**
   * One page of the records as filtered and as far as the caller's scope reaches, from a cursor
   * (`undefined`: the first page); `partial` when the reader could not promise every match (a search word
   * too common to read all of).
   */
  readonly read: (cursor: string | undefined) => Promise<Page<T> & { readonly partial?: boolean }>;
  readonly columns: readonly Column<T>[];
  readonly locale: Locale;
  readonly limits?: CsvLimits;
  /** Whether there is time for another page (the function's remaining time); stops the export when not. */
  readonly hasTime: () => boolean;
}

/**
 * Exports records as filtered, page after page, until the last page or a limit (rows, size, time), whichever
 * comes first; an export that stopped early ends with a line saying so. Reading and writing are linear in the
 * rows exported, and no more pages are read once the export is full.
 *
 * @example await exportCsv({ read: (cursor) => reader.listCases({ ...query, cursor }), columns: CASE_COLUMNS, … })
 */
export const exportCsv = async <T>(request: CsvExportRequest<T>): Promise<CsvDocument> => {
  const csv = new CsvWriter(request.columns, request.locale, request.limits ?? CSV_LIMITS);
  let cursor: string | undefined;
  let partial = false;
  do {
    if (!request.hasTime()) {
      csv.stop('time');
      break;
    }
    const page = await request.read(cursor);
    partial ||= page.partial === true;
    for (const item of page.items) if (!csv.add(item)) break;
    cursor = page.cursor;
  } while (cursor !== undefined && !csv.full);
  if (partial) csv.stop('partial');
  return csv.finish();
};
