import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.ts';
import { parseMoment, parseNumber } from '../../cli/push/exports/values.ts';
import { acceptAll, type FakeApi, fakeIo, startFakeApi } from './fake-io.ts';

const SAMPLES = join(import.meta.dirname, '../../docs/samples');
const sample = (name: string): string => join(SAMPLES, name);
const dir = mkdtempSync(join(tmpdir(), 'radar-exports-'));
let files = 0;
const file = (name: string, content: string): string => {
  files += 1;
  const path = join(dir, `${files}-${name}`);
  writeFileSync(path, content);
  return path;
};

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

interface SentEvent {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly spend?: Record<string, unknown>;
  readonly sentiment?: Record<string, unknown>;
}

const push = async (args: readonly string[]) => {
  api ??= await startFakeApi(acceptAll);
  const io = fakeIo();
  // The resume file goes to a scratch folder, never beside the samples in docs/.
  files += 1;
  const state = join(dir, `${files}-state.json`);
  const code = await runCli(
    ['push', ...args, '--url', api.url, '--client', 'c', '--secret', 's', '--fresh', '--state', state],
    io,
  );
  const sent = api.requests.flatMap(
    (request) => (JSON.parse(request.body) as { events: SentEvent[] }).events,
  );
  return { code, sent, err: io.stderr.text(), out: io.stdout.text() };
};

describe('Command: push --format <platform export>', () => {
  it('turns a Google Ads campaign report into cumulative daily snapshots, skipping its title and total rows', async () => {
    // Act
    const { code, sent, err } = await push([
      sample('google-ads.csv'),
      '--format',
      'google-ads',
      '--plan',
      sample('plan.json'),
    ]);

    // Assess
    expect(code).toBe(0);
    expect(err).toContain('1 total or empty row(s) skipped');
    const search = sent.filter((event) => event.spend?.campaignId === '20512345678');
    expect(search.map((event) => event.spend?.actualSpend)).toEqual([
      612.4, 1267.5, 2472.25, 3782.25, 5070.45,
    ]);
    expect(search.map((event) => event.spend?.conversions)).toEqual([18, 40, 59, 59, 59]);
    expect(search[0]).toMatchObject({
      eventId: 'google-ads:20512345678:2026-11-01',
      occurredAt: '2026-11-01T23:59:59+00:00',
      spend: {
        channel: 'google',
        currency: 'USD',
        plannedBudget: 6000,
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
      },
    });
    // A day the platform left out (no delivery) adds nothing: the next snapshot carries the running total.
    const brand = sent.filter((event) => event.spend?.campaignId === '20598765432');
    expect(brand.map((event) => [event.occurredAt.slice(0, 10), event.spend?.actualSpend])).toEqual([
      ['2026-11-01', 80],
      ['2026-11-02', 154.35],
      ['2026-11-04', 235.45],
    ]);
  });

  it('reads the currency of a Meta Ads Manager export from its "Amount spent (VND)" header', async () => {
    // Act
    const { code, sent } = await push([
      sample('meta-ads.csv'),
      '--format',
      'meta-ads',
      '--plan',
      sample('plan.json'),
      '--tz',
      '+07:00',
    ]);

    // Assess
    expect(code).toBe(0);
    expect(sent.map((event) => event.spend?.actualSpend)).toEqual([
      4_520_000, 9_625_500, 16_605_500, 23_845_500,
    ]);
    expect(sent.at(-1)).toMatchObject({
      occurredAt: '2026-11-04T23:59:59+07:00',
      spend: { campaignId: 'Tết Sale – Lead Ads', channel: 'facebook', currency: 'VND', conversions: 104 },
    });
  });

  it('reads a TikTok Ads Manager export in CNY', async () => {
    // Act
    const { code, sent } = await push([
      sample('tiktok-ads.csv'),
      '--format',
      'tiktok-ads',
      '--plan',
      sample('plan.json'),
    ]);

    // Assess
    expect(code).toBe(0);
    expect(sent.map((event) => event.spend?.actualSpend)).toEqual([1204.5, 2734.5, 5714.7]);
    expect(sent[0]?.spend).toMatchObject({
      currency: 'CNY',
      channel: 'tiktok',
      plannedBudget: 30000,
      periodEnd: '2026-11-11',
    });
  });

  it('counts a listening export’s mentions into sentiment windows per brand, product and channel', async () => {
    // Act
    const { code, sent } = await push([sample('listening.csv'), '--format', 'listening', '--tz', '+07:00']);

    // Assess
    expect(code).toBe(0);
    expect(sent.map((event) => event.sentiment)).toEqual([
      expect.objectContaining({
        channel: 'twitter',
        windowStart: '2026-11-20T01:00:00.000Z',
        windowEnd: '2026-11-20T02:00:00.000Z',
        mentions: 3,
        negative: 1,
        positive: 1,
        neutral: 1,
      }),
      expect.objectContaining({
        channel: 'weibo',
        product: 'Serum X',
        brand: 'Acme',
        mentions: 3,
        negative: 2,
        positive: 1,
        neutral: 0,
      }),
    ]);
  });

  it('reads any other CSV through a --mapping file: semicolons, decimal commas, DD.MM.YYYY, currency in a header', async () => {
    // Act
    const { code, sent } = await push([
      sample('dsp-export.csv'),
      '--mapping',
      sample('dsp-mapping.json'),
      '--tz',
      '+01:00',
    ]);

    // Assess
    expect(code).toBe(0);
    expect(sent.map((event) => event.spend?.actualSpend)).toEqual([1234.5, 2339.5, 3326.75]);
    expect(sent[0]?.spend).toMatchObject({ currency: 'EUR', channel: 'display', plannedBudget: 10000 });
  });

  it('derives event ids from what a row describes, so a re-export of the same period sends the same events', async () => {
    // Prepare
    const args = [sample('google-ads.csv'), '--format', 'google-ads', '--plan', sample('plan.json')];
    const first = (await push(args)).sent.map((event) => event.eventId);
    await api?.close();
    api = undefined;

    // Act
    const second = (await push(args)).sent.map((event) => event.eventId);

    // Assess
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('refuses a file with an unreadable cell, naming the row, the column and what was expected, and sends nothing', async () => {
    // Prepare
    const broken = file(
      'google.csv',
      'Day,Campaign,Currency code,Cost,Conversions\n2026-11-01,A,USD,12.50,1\n2026-11-02,A,USD,twelve,1\n2026-13-01,A,USD,3,0\n',
    );

    // Act
    const { code, err } = await push([
      broken,
      '--format',
      'google-ads',
      '--plan',
      file('plan.json', '{"A":{"plannedBudget":100,"periodStart":"2026-11-01","periodEnd":"2026-11-30"}}'),
    ]);

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('nothing was sent');
    expect(err).toContain(
      'row 3, column "Cost": expected a number such as 1,234.56 (decimal point), got "twelve"',
    );
    expect(err).toContain('row 4, column "Day": expected a date written as 2026-11-01, got "2026-13-01"');
    expect(api?.requests).toEqual([]);
  });

  it('names a campaign without a plan, and a header without the columns the format needs', async () => {
    // Act
    const noPlan = await push([sample('tiktok-ads.csv'), '--format', 'tiktok-ads']);
    const wrong = await push([
      sample('meta-ads.csv'),
      '--format',
      'google-ads',
      '--plan',
      sample('plan.json'),
    ]);

    // Assess
    expect(noPlan.code).toBe(2);
    expect(noPlan.err).toContain('no plan for campaign "双11 种草 – 精华液"');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(
      /No header row with the columns this format needs: date \("Day" or .*campaign \("Campaign"/,
    );
    expect(api?.requests).toEqual([]);
  });

  it('explains a bad mapping file and a bad --tz', async () => {
    // Act
    const mapping = await push([
      sample('dsp-export.csv'),
      '--mapping',
      file('m.json', '{"type":"spend","source":"x","columns":{"day":"Datum"}}'),
    ]);
    const tz = await push([sample('tiktok-ads.csv'), '--format', 'tiktok-ads', '--tz', 'Asia/Saigon']);

    // Assess
    expect(mapping.code).toBe(2);
    expect(mapping.err).toContain('The mapping file');
    expect(mapping.err).toContain('columns');
    expect(tz.code).toBe(2);
    expect(tz.err).toContain('--tz must be a UTC offset such as +07:00');
  });
});

describe('Function: parseNumber', () => {
  it.each([
    ['1,234.56', '.', 1234.56],
    ['$1,234.56', '.', 1234.56],
    ['1.234,56', ',', 1234.56],
    ['1 234,5', ',', 1234.5],
    ['₫1.234.567', ',', 1234567],
    ['12,345 VND', '.', 12345],
    ['--', '.', 0],
    ['', '.', 0],
  ] as const)('reads %s (decimal %s) as %d', (cell, decimal, expected) => {
    expect(parseNumber(cell, decimal)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,23.4', '.'],
    ['12abc', '.'],
    ['1.234,56', '.'],
  ] as const)('refuses %s with decimal %s', (cell, decimal) => {
    expect(parseNumber(cell, decimal).ok).toBe(false);
  });
});

describe('Function: parseMoment', () => {
  it.each([
    ['2026-11-01', 'iso', { day: '2026-11-01' }],
    ['2026-11-01 14:05:09', 'iso', { day: '2026-11-01', time: '14:05:09' }],
    ['2026-11-01T14:05:09+0700', 'iso', { day: '2026-11-01', time: '14:05:09', offset: '+07:00' }],
    ['03/01/2027', 'DD/MM/YYYY', { day: '2027-01-03' }],
    ['03/01/2027', 'MM/DD/YYYY', { day: '2027-03-01' }],
    ['1.11.2026', 'DD.MM.YYYY', { day: '2026-11-01' }],
    ['Nov 1, 2026', 'MMM D, YYYY', { day: '2026-11-01' }],
  ] as const)('reads %s as %s', (cell, format, expected) => {
    expect(parseMoment(cell, format)).toEqual({ ok: true, value: expected });
  });

  it('refuses a day that does not exist', () => {
    expect(parseMoment('2026-02-30', 'iso').ok).toBe(false);
  });
});
