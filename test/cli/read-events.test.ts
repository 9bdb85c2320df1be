import { describe, expect, it } from 'vitest';
import { InputFileError, UsageError } from '#shared/errors.ts';
import { CSV_COLUMNS } from '../../cli/push/csv-events.ts';
import { formatOf, type InputRecord, readEvents } from '../../cli/push/read-events.ts';
import { adCopyEvent, sentimentEvent, spendEvent } from '../fixtures/events.ts';

const HEADER = CSV_COLUMNS.join(',');

/** A CSV row in the documented column order, from the cells that are set. */
const row = (cells: Record<string, string | number>): string =>
  CSV_COLUMNS.map((column) => {
    const value = cells[column];
    if (value === undefined) return '';
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }).join(',');

const envelope = { occurredAt: '2026-11-22T09:00:00Z' };

const errorsOf = (record: InputRecord | undefined) =>
  record !== undefined && 'errors' in record ? record.errors : [];

describe('Function: readEvents (CSV)', () => {
  it('turns a row of each type into the event the API expects, numbers as numbers', () => {
    // Prepare
    const spend = spendEvent();
    const sentiment = sentimentEvent();
    const copy = adCopyEvent({ text: 'Gentle, for "everyday" use', lang: 'en', market: 'US' });
    const text = [
      HEADER,
      row({ ...envelope, eventId: spend.eventId, type: 'spend', source: spend.source, ...spend.spend }),
      row({
        ...envelope,
        eventId: sentiment.eventId,
        type: 'sentiment',
        source: sentiment.source,
        ...sentiment.sentiment,
      }),
      row({ ...envelope, eventId: copy.eventId, type: 'ad-copy', source: copy.source, ...copy.copy }),
    ].join('\n');

    // Act
    const records = readEvents(text, 'csv');

    // Assess
    expect(records).toEqual([
      { line: 2, event: spend },
      { line: 3, event: sentiment },
      { line: 4, event: copy },
    ]);
  });

  it('accepts the columns in any order and only those a file needs', () => {
    // Prepare
    const text = [
      'type,eventId,source,occurredAt,copyId,text,lang,market,category,brand',
      'ad-copy,e-1,cms,2026-11-22T09:00:00Z,c-1,全网最佳,zh,CN,cosmetics,Acme',
    ].join('\n');

    // Act
    const [record] = readEvents(text, 'csv');

    // Assess
    expect(record).toMatchObject({
      line: 2,
      event: { eventId: 'e-1', copy: { text: '全网最佳', brand: 'Acme' } },
    });
  });

  it.each([
    ['an unknown column', 'eventId,type,occurredAt,source,budget', /unknown column "budget"/],
    ['a repeated column', 'eventId,type,occurredAt,source,brand,brand', /repeated column "brand"/],
    ['a missing envelope column', 'eventId,type,source', /missing column "occurredAt"/],
  ])('refuses the whole file for %s, naming the known columns', (_case, header, message) => {
    // Act
    const read = () => readEvents(`${header}\n`, 'csv');

    // Assess
    expect(read).toThrow(InputFileError);
    expect(read).toThrow(message);
    expect(read).toThrow(/Known columns: eventId,type,occurredAt,source,campaignId/);
  });

  it('refuses an empty file', () => {
    expect(() => readEvents('', 'csv')).toThrow(/empty: it needs a header row/);
  });

  it('reports each bad row with its line and reason, and keeps the good rows', () => {
    // Prepare
    const spend = spendEvent().spend;
    const text = [
      HEADER,
      row({ ...envelope, eventId: 'ok-1', type: 'spend', source: 'x', ...spend }),
      row({ ...envelope, eventId: 'num', type: 'spend', source: 'x', ...spend, actualSpend: '12,000' }),
      row({ ...envelope, eventId: 'type', type: 'tv-spot', source: 'x' }),
      row({ ...envelope, eventId: 'foreign', type: 'spend', source: 'x', ...spend, mentions: 5 }),
      row({ eventId: 'date', type: 'spend', source: 'x', ...spend, occurredAt: 'yesterday' }),
      'short,row',
      row({ ...envelope, eventId: 'ok-2', type: 'spend', source: 'x', ...spend }),
    ].join('\n');

    // Act
    const records = readEvents(text, 'csv');

    // Assess
    expect(records.map((record) => [record.line, 'event' in record])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [8, true],
    ]);
    expect(errorsOf(records[1])).toEqual([
      { path: 'actualSpend', message: expect.stringMatching(/"12,000" is not a number/) },
    ]);
    expect(errorsOf(records[2])).toEqual([{ path: 'type', message: expect.stringMatching(/got "tv-spot"/) }]);
    expect(errorsOf(records[3])).toEqual([
      { path: 'mentions', message: 'does not apply to a spend event; leave it empty' },
    ]);
    expect(errorsOf(records[4])).toEqual([
      { path: 'occurredAt', message: expect.stringMatching(/ISO-8601/) },
    ]);
    expect(errorsOf(records[5])).toEqual([
      { path: '(row)', message: expect.stringMatching(/has 2 fields but the header has \d+ columns/) },
    ]);
    expect(records[1]).toMatchObject({ eventId: 'num' });
  });

  it('reports a contract violation at the column that holds it', () => {
    // Prepare
    const text = [
      HEADER,
      row({ ...envelope, eventId: 'e', type: 'spend', source: 'x', ...spendEvent().spend, currency: 'usd' }),
    ].join('\n');

    // Act
    const [record] = readEvents(text, 'csv');

    // Assess
    expect(errorsOf(record)).toEqual([{ path: 'currency', message: expect.stringMatching(/ISO 4217/) }]);
  });

  it('reports a malformed CSV row at its line and reads on', () => {
    // Prepare
    const text = [
      HEADER,
      '"unclosed,spend',
      row({ ...envelope, eventId: 'ok', type: 'spend', source: 'x', ...spendEvent().spend }),
    ].join('\n');

    // Act
    const records = readEvents(text, 'csv');

    // Assess
    expect(records[0]).toEqual({
      line: 2,
      errors: [{ path: '(row)', message: expect.stringMatching(/malformed CSV/) }],
    });
    expect(records[1]).toMatchObject({ line: 3, event: { eventId: 'ok' } });
  });
});

describe('Function: readEvents (JSON Lines)', () => {
  it('reads one event per line, skipping blank lines and reporting bad ones by line', () => {
    // Prepare
    const text = [
      JSON.stringify(spendEvent()),
      '',
      '{"eventId": "broken",',
      JSON.stringify({ ...sentimentEvent(), extra: true }),
      JSON.stringify(adCopyEvent()),
    ].join('\n');

    // Act
    const records = readEvents(text, 'jsonl');

    // Assess
    expect(records).toEqual([
      { line: 1, event: spendEvent() },
      { line: 3, errors: [{ path: '(line)', message: expect.stringMatching(/^not valid JSON/) }] },
      {
        line: 4,
        eventId: 'e-sent-1',
        errors: [{ path: 'extra', message: expect.stringMatching(/unknown field/) }],
      },
      { line: 5, event: adCopyEvent() },
    ]);
  });
});

describe('Function: formatOf', () => {
  it.each([
    ['events.csv', undefined, 'csv'],
    ['events.JSONL', undefined, 'jsonl'],
    ['events.ndjson', undefined, 'jsonl'],
    ['-', 'csv', 'csv'],
    ['export.txt', 'jsonl', 'jsonl'],
  ] as const)('%s with --format %s is %s', (path, option, format) => {
    expect(formatOf(path, option)).toBe(format);
  });

  it('asks for --format when the extension says nothing', () => {
    expect(() => formatOf('events.txt', undefined)).toThrow(UsageError);
    expect(() => formatOf('events.csv', 'xml')).toThrow(/--format must be csv or jsonl/);
  });
});
