import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.ts';
import { decodeStream } from '../../cli/push/exports/decode.ts';
import { readRows } from '../../cli/push/exports/rows.ts';
import { parseMoment, parseNumber } from '../../cli/push/exports/values.ts';
import { acceptAll, type FakeApi, fakeIo, problemReply, startFakeApi } from './fake-io.ts';

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

/** A plan for a campaign "A" in November 2026. */
const PLAN_A = (): string =>
  file('plan.json', '{"A":{"plannedBudget":100000,"periodStart":"2026-11-01","periodEnd":"2026-11-30"}}');

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

/** The last snapshot of each campaign: what it had spent by the end of the export. */
const finalSpend = (sent: readonly SentEvent[]): Map<unknown, number> =>
  new Map(sent.map((event) => [event.spend?.campaignId, Number(event.spend?.actualSpend)]));

const sumOf = (values: Iterable<number>): number =>
  Math.round([...values].reduce((sum, value) => sum + value, 0) * 100) / 100;

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
    expect(err).toContain('2 total or summary row(s) skipped');
    const search = sent.filter((event) => event.spend?.campaignId === '20512345678');
    expect(search).toHaveLength(14);
    expect(search.slice(0, 3).map((event) => event.spend?.actualSpend)).toEqual([786.96, 1781.63, 2712.73]);
    expect(search.slice(0, 3).map((event) => event.spend?.conversions)).toEqual([24, 56, 78]);
    expect(search[0]).toMatchObject({
      eventId: 'google-ads:20512345678:2026-11-01',
      occurredAt: '2026-11-01T23:59:59+00:00',
      spend: {
        channel: 'google',
        currency: 'USD',
        plannedBudget: 20000,
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
      },
    });
    // What every campaign had spent by the last day adds up to Google's own "Total: Account" row.
    expect(sumOf(finalSpend(sent).values())).toBe(26698.48);
    // A day the platform left out (no delivery) adds nothing: the next snapshot carries the running total.
    const brand = sent.filter((event) => event.spend?.campaignId === '20598765432');
    expect(
      brand.slice(2, 4).map((event) => [event.occurredAt.slice(0, 10), event.spend?.actualSpend]),
    ).toEqual([
      ['2026-11-03', 234.4],
      ['2026-11-05', 318.05],
    ]);
  });

  it('reads the UTF-16 tab-separated file Google Ads downloads by default exactly as its UTF-8 CSV', async () => {
    // Prepare
    const args = ['--format', 'google-ads', '--plan', sample('plan.json')];
    const utf8 = await push([sample('google-ads.csv'), ...args]);
    await api?.close();
    api = undefined;

    // Act
    const utf16 = await push([sample('google-ads-excel.csv'), ...args]);

    // Assess
    expect(utf16.code).toBe(0);
    expect(utf16.sent).toHaveLength(40);
    expect(utf16.sent).toEqual(utf8.sent);
  });

  it('reads big-endian UTF-16 without a byte-order mark, a UTF-8 byte-order mark and CRLF line ends', async () => {
    // Prepare
    const text =
      'Day,Campaign,Currency code,Cost,Conversions\r\n2026-11-01,Ä,USD,10.50,1\r\n2026-11-02,Ä,USD,"1,000.25",2\r\n';
    const be = Buffer.from(text, 'utf16le').swap16();
    const beFile = file('be.csv', '');
    writeFileSync(beFile, be);
    const bomFile = file('bom.csv', `\uFEFF${text}`);
    const plan = file(
      'plan.json',
      '{"Ä":{"plannedBudget":5000,"periodStart":"2026-11-01","periodEnd":"2026-11-30"}}',
    );

    // Act
    const fromBe = await push([beFile, '--format', 'google-ads', '--plan', plan]);
    const fromBom = await push([bomFile, '--format', 'google-ads', '--plan', plan]);

    // Assess
    expect(fromBe.code).toBe(0);
    expect(fromBom.code).toBe(0);
    const spent = [1010.75];
    expect(fromBe.sent.at(-1)?.spend).toMatchObject({
      campaignId: 'Ä',
      actualSpend: spent[0],
      conversions: 3,
    });
    expect(fromBom.sent.at(-1)?.spend).toMatchObject({
      campaignId: 'Ä',
      actualSpend: spent[0],
      conversions: 3,
    });
  });

  it('reads a Meta Ads Manager export: currency from the "Amount spent (VND)" header, summary row skipped, reach not counted as conversions', async () => {
    // Act
    const { code, sent, err } = await push([
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
    expect(sent).toHaveLength(42);
    expect(err).toContain('1 total or summary row(s) skipped');
    // The campaigns' final totals add up to the summary row Meta put first.
    expect(sumOf(finalSpend(sent).values())).toBe(181_539_400);
    const leads = sent.filter((event) => event.spend?.campaignId === 'Tết Sale – Lead Ads');
    expect(leads.slice(0, 2).map((event) => [event.spend?.actualSpend, event.spend?.conversions])).toEqual([
      [5_674_900, 49],
      [11_064_600, 79],
    ]);
    expect(leads[0]).toMatchObject({
      occurredAt: '2026-11-01T23:59:59+07:00',
      spend: { channel: 'facebook', currency: 'VND', plannedBudget: 150_000_000 },
    });
    const awareness = sent.filter((event) => event.spend?.campaignId === 'Tết Sale – Awareness');
    expect(awareness).toHaveLength(14);
    expect(awareness.every((event) => event.spend?.conversions === undefined)).toBe(true);
    expect(err).toContain('campaign "Tết Sale – Awareness": its results are "reach", not conversions');
  });

  it('reads a TikTok Ads Manager export in CNY with a CSV plan file, skipping its total row', async () => {
    // Act
    const { code, sent, err } = await push([
      sample('tiktok-ads.csv'),
      '--format',
      'tiktok-ads',
      '--plan',
      sample('plan.csv'),
    ]);

    // Assess
    expect(code).toBe(0);
    expect(err).toContain('1 total or summary row(s) skipped');
    expect(sumOf(finalSpend(sent).values())).toBe(95_600.07);
    const seeding = sent.filter((event) => event.spend?.campaignId === '1789234567890123');
    expect(seeding).toHaveLength(11);
    expect(seeding[0]?.spend).toMatchObject({
      actualSpend: 1960.04,
      conversions: 35,
      currency: 'CNY',
      channel: 'tiktok',
      plannedBudget: 25000,
      periodEnd: '2026-11-11',
    });
  });

  it('counts a listening export’s mentions into daily windows per brand, product and channel', async () => {
    // Act
    const { code, sent } = await push([
      sample('listening.csv'),
      '--format',
      'listening',
      '--tz',
      '+07:00',
      '--window',
      '1d',
    ]);

    // Assess
    expect(code).toBe(0);
    // Every mention row (the file's 308) is in exactly one window.
    expect(sumOf(sent.map((event) => Number(event.sentiment?.mentions)))).toBe(308);
    const weiboSerum = sent.filter(
      (event) => event.sentiment?.channel === 'weibo' && event.sentiment?.product === 'Serum X',
    );
    const worst = weiboSerum.reduce((a, b) =>
      Number(a.sentiment?.negative) >= Number(b.sentiment?.negative) ? a : b,
    );
    expect(worst.sentiment).toMatchObject({
      brand: 'Acme',
      windowStart: '2026-11-09T17:00:00.000Z',
      windowEnd: '2026-11-10T17:00:00.000Z',
    });
    expect(Number(worst.sentiment?.negative)).toBeGreaterThan(20);
  });

  it('reads a Talkwalker-style export: lower-case headers, a sentiment score instead of a word', async () => {
    // Prepare
    const export_ = file(
      'talkwalker.csv',
      'published,title,sentiment,source_type,topic\n2026-11-20T08:14:02Z,a,-3,ONLINENEWS,Acme\n2026-11-20T08:20:00Z,b,0,ONLINENEWS,Acme\n2026-11-20T08:30:00Z,c,4,ONLINENEWS,Acme\n2026-11-20T08:40:00Z,d,-1,ONLINENEWS,Acme\n',
    );

    // Act
    const { code, sent } = await push([export_, '--format', 'listening']);

    // Assess
    expect(code).toBe(0);
    expect(sent.map((event) => event.sentiment)).toEqual([
      expect.objectContaining({
        brand: 'Acme',
        channel: 'onlinenews',
        windowStart: '2026-11-20T08:00:00.000Z',
        mentions: 4,
        negative: 2,
        positive: 1,
        neutral: 1,
      }),
    ]);
  });

  it('reads any other CSV through a YAML --mapping: semicolons, decimal commas, DD/MM/YYYY, currency in a header, the plan in columns', async () => {
    // Act
    const { code, sent } = await push([
      sample('agency-report.csv'),
      '--mapping',
      sample('agency-mapping.yaml'),
      '--tz',
      '+07:00',
    ]);

    // Assess
    expect(code).toBe(0);
    expect(sent).toHaveLength(28);
    const zalo = sent.filter((event) => event.spend?.campaignId === 'Zalo – Khuyến mãi 11.11');
    expect(zalo.slice(0, 2).map((event) => event.spend?.actualSpend)).toEqual([3_420_000, 6_948_000]);
    expect(zalo[0]).toMatchObject({
      eventId: 'agency-saomai:Zalo – Khuyến mãi 11.11:2026-11-01',
      spend: {
        channel: 'zalo',
        currency: 'VND',
        plannedBudget: 90_000_000,
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
      },
    });
  });

  it('reads any other CSV through a JSON --mapping: DD.MM.YYYY, decimal commas, constants for the plan', async () => {
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

  it('refuses a file with an unreadable cell, naming the file, the row, the column and what was expected, and sends nothing', async () => {
    // Prepare
    const broken = file(
      'google.csv',
      'Day,Campaign,Currency code,Cost,Conversions\n2026-11-01,A,USD,12.50,1\n2026-11-02,A,USD,twelve,1\n2026-13-01,A,USD,3,0\n2026-11-04,A,US$,3,0\n',
    );

    // Act
    const { code, err } = await push([broken, '--format', 'google-ads', '--plan', PLAN_A()]);

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('nothing was sent');
    expect(err).toContain(
      `${broken}, row 3, column "Cost": expected a number such as 1,234.56 (decimal point), got "twelve"`,
    );
    expect(err).toContain(
      `${broken}, row 4, column "Day": expected a date written as 2026-11-01 or Nov 1, 2026, got "2026-13-01"`,
    );
    expect(err).toContain(
      `${broken}, row 5, column "Currency code": expected an ISO 4217 currency code such as USD, got "US$"`,
    );
    expect(api?.requests).toEqual([]);
  });

  it('never guesses a day-first or month-first date: 05/01/2027 needs --date-format', async () => {
    // Prepare
    const export_ = file(
      'slash.csv',
      'Day,Campaign,Currency code,Cost\n05/01/2027,A,USD,10\n06/01/2027,A,USD,10\n',
    );
    const plan = file(
      'plan.json',
      '{"A":{"plannedBudget":100,"periodStart":"2027-01-05","periodEnd":"2027-01-31"}}',
    );

    // Act
    const guessed = await push([export_, '--format', 'google-ads', '--plan', plan]);
    const dayFirst = await push([
      export_,
      '--format',
      'google-ads',
      '--plan',
      plan,
      '--date-format',
      'DD/MM/YYYY',
    ]);
    await api?.close();
    api = undefined;
    const monthFirst = await push([
      export_,
      '--format',
      'google-ads',
      '--plan',
      plan,
      '--date-format',
      'MM/DD/YYYY',
    ]);

    // Assess
    expect(guessed.code).toBe(2);
    expect(guessed.err).toContain(
      'row 2, column "Day": expected a date that says which figure is the day: pass --date-format DD/MM/YYYY, MM/DD/YYYY or DD.MM.YYYY, got "05/01/2027"',
    );
    expect(dayFirst.code).toBe(0);
    expect(dayFirst.sent.map((event) => event.occurredAt.slice(0, 10))).toEqual(['2027-01-05', '2027-01-06']);
    // Read month-first, the same cells are May 1 and June 1: outside the campaign's January.
    expect(monthFirst.sent).toEqual([]);
    expect(monthFirst.err).toContain(
      'campaign "A": 2 day(s) outside its period 2027-01-05 – 2027-01-31 skipped',
    );
  });

  it('reads month names and decimal commas in a built-in format without options', async () => {
    // Prepare
    const export_ = file(
      'de.csv',
      'Day;Campaign;Currency code;Cost;Conversions\nNov 1, 2026;A;EUR;1.234,56;2\n"Nov 2, 2026";A;EUR;987;1\n',
    );

    // Act
    const { code, sent } = await push([export_, '--format', 'google-ads', '--plan', PLAN_A()]);

    // Assess
    expect(code).toBe(0);
    expect(sent.map((event) => [event.occurredAt.slice(0, 10), event.spend?.actualSpend])).toEqual([
      ['2026-11-01', 1234.56],
      ['2026-11-02', 2221.56],
    ]);
  });

  it('refuses numbers that read two ways (1,234) unless --decimal says which, and one file mixing separators', async () => {
    // Prepare
    const ambiguous = file(
      'amb.csv',
      'Day,Campaign,Currency code,Cost\n2026-11-01,A,USD,"1,234"\n2026-11-02,A,USD,"2,500"\n',
    );
    const mixed = file(
      'mixed.csv',
      'Day,Campaign,Currency code,Cost\n2026-11-01,A,USD,12.50\n2026-11-02,A,USD,"7,25"\n',
    );

    // Act
    const refused = await push([ambiguous, '--format', 'google-ads', '--plan', PLAN_A()]);
    const told = await push([ambiguous, '--format', 'google-ads', '--plan', PLAN_A(), '--decimal', '.']);
    const both = await push([mixed, '--format', 'google-ads', '--plan', PLAN_A()]);

    // Assess
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      'row 2, column "Cost": "1,234" is 1234 with a decimal point and 1.234 with a decimal comma, and no number in the file says which: pass --decimal . or --decimal , (2 cell(s) like it)',
    );
    expect(told.code).toBe(0);
    expect(told.sent.map((event) => event.spend?.actualSpend)).toEqual([1234, 3734]);
    expect(both.code).toBe(2);
    expect(both.err).toContain(
      'row 3, column "Cost": expected a number such as 1,234.56 (decimal point) as row 2 writes them',
    );
  });

  it('refuses an export that starts after a campaign’s period starts: its running totals would be short', async () => {
    // Prepare
    const late = file(
      'late.csv',
      'Day,Campaign,Currency code,Cost\n2026-11-08,A,USD,10\n2026-11-09,A,USD,10\n',
    );

    // Act
    const { code, err } = await push([late, '--format', 'google-ads', '--plan', PLAN_A()]);

    // Assess
    expect(code).toBe(2);
    expect(err).toContain(
      'campaign "A": its period starts 2026-11-01 but the export starts 2026-11-08, so its running total would miss the days before; export from 2026-11-01',
    );
  });

  it('skips a summary row without a campaign only at the start or the end; one in the middle is an error', async () => {
    // Prepare
    const header =
      'Reporting starts,Reporting ends,Campaign name,Amount spent (USD),Results,Result indicator\n';
    const middle = file(
      'mid.csv',
      `${header}2026-11-01,2026-11-02,,30,,\n2026-11-01,2026-11-01,A,10,1,actions:lead\n2026-11-02,2026-11-02,,20,2,actions:lead\n2026-11-02,2026-11-02,A,20,2,actions:lead\n`,
    );

    // Act
    const { code, err } = await push([middle, '--format', 'meta-ads', '--plan', PLAN_A()]);

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('row 4, column "Campaign name": expected a campaign name, got an empty cell');
    expect(err).not.toContain('row 2,');
  });

  it('tells a total row by its whole first cell: a campaign called "Total Wellness" is a campaign', async () => {
    // Prepare
    const export_ = file(
      'totals.csv',
      'Campaign,Day,Currency code,Cost\nTotal Wellness,2026-11-01,USD,10\nTotal Wellness,2026-11-02,USD,5\nTotal: Account,--,USD,15\n',
    );
    const plan = file(
      'plan.json',
      '{"Total Wellness":{"plannedBudget":100,"periodStart":"2026-11-01","periodEnd":"2026-11-30"}}',
    );

    // Act
    const { code, sent, err } = await push([export_, '--format', 'google-ads', '--plan', plan]);

    // Assess
    expect(code).toBe(0);
    expect(sent.map((event) => event.spend?.actualSpend)).toEqual([10, 15]);
    expect(err).toContain('1 total or summary row(s) skipped');
  });

  it('keeps one running total for a campaign renamed mid-period (same Campaign ID)', async () => {
    // Prepare
    const export_ = file(
      'renamed.csv',
      'Day,Campaign,Campaign ID,Currency code,Cost\n2026-11-01,Old name,42,USD,10\n2026-11-02,New name,42,USD,5\n',
    );
    const plan = file(
      'plan.json',
      '{"New name":{"plannedBudget":100,"periodStart":"2026-11-01","periodEnd":"2026-11-30"}}',
    );

    // Act
    const { code, sent } = await push([export_, '--format', 'google-ads', '--plan', plan]);

    // Assess
    expect(code).toBe(0);
    expect(sent.map((event) => [event.eventId, event.spend?.actualSpend])).toEqual([
      ['google-ads:42:2026-11-01', 10],
      ['google-ads:42:2026-11-02', 15],
    ]);
  });

  it('gives a campaign named longer than an id may be a shortened, still distinct id', async () => {
    // Prepare
    const long = `${'Black Friday – Search – Brand + Generic – All devices – '.repeat(3)}`;
    const [a, b] = [`${long}EN`, `${long}VI`];
    const export_ = file(
      'long.csv',
      `Day,Campaign,Currency code,Cost\n2026-11-01,${a},USD,10\n2026-11-01,${b},USD,5\n`,
    );
    const entry = { plannedBudget: 100, periodStart: '2026-11-01', periodEnd: '2026-11-30' };
    const plan = file('plan.json', JSON.stringify({ [a]: entry, [b]: entry }));

    // Act
    const { code, sent } = await push([export_, '--format', 'google-ads', '--plan', plan]);

    // Assess
    expect(code).toBe(0);
    const ids = sent.map((event) => String(event.spend?.campaignId));
    expect(ids.every((id) => id.length <= 128 && id.startsWith('Black Friday – Search'))).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });

  it('pushes without conversions when the export has no conversions column (not a run of zeros)', async () => {
    // Prepare
    const noConversions = file('nc.csv', 'Day,Campaign,Currency code,Cost\n2026-11-01,A,USD,10\n');

    // Act
    const { code, sent } = await push([noConversions, '--format', 'google-ads', '--plan', PLAN_A()]);

    // Assess
    expect(code).toBe(0);
    expect(sent[0]?.spend).not.toHaveProperty('conversions');
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

  it('explains a bad mapping file, a bad --tz, --date-format and --decimal', async () => {
    // Act
    const mapping = await push([
      sample('dsp-export.csv'),
      '--mapping',
      file('m.json', '{"type":"spend","source":"x","columns":{"day":"Datum"}}'),
    ]);
    const yaml = await push([sample('dsp-export.csv'), '--mapping', file('m.yaml', 'type: [spend\n')]);
    const tz = await push([sample('tiktok-ads.csv'), '--format', 'tiktok-ads', '--tz', 'Asia/Saigon']);
    const dates = await push([sample('tiktok-ads.csv'), '--format', 'tiktok-ads', '--date-format', 'D/M/Y']);
    const decimal = await push([sample('tiktok-ads.csv'), '--format', 'tiktok-ads', '--decimal', ';']);
    const missing = await push([join(dir, 'nowhere.csv'), '--format', 'tiktok-ads']);

    // Assess
    expect(mapping.code).toBe(2);
    expect(mapping.err).toContain('The mapping file');
    expect(mapping.err).toContain('columns');
    expect(yaml.code).toBe(2);
    expect(yaml.err).toContain('is not valid YAML');
    expect(tz.code).toBe(2);
    expect(tz.err).toContain('--tz must be a UTC offset such as +07:00');
    expect(dates.err).toContain('--date-format must be one of auto, iso, DD/MM/YYYY');
    expect(decimal.err).toContain('--decimal must be . or ,');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`Cannot read ${join(dir, 'nowhere.csv')}: no such file`);
  });
});

describe('Command: push --format <platform export>: input and resume', () => {
  const run = async (args: readonly string[], reply: Parameters<typeof startFakeApi>[0], stdin?: string) => {
    const server = await startFakeApi(reply);
    const io = fakeIo(stdin === undefined ? {} : { stdin });
    try {
      const code = await runCli(
        ['push', ...args, '--url', server.url, '--client', 'c', '--secret', 's', '--retries', '0'],
        io,
      );
      const sent = server.requests.flatMap(
        (request) => (JSON.parse(request.body) as { events: SentEvent[] }).events,
      );
      return { code, sent, out: io.stdout.text(), err: io.stderr.text() };
    } finally {
      await server.close();
    }
  };

  it('records what was delivered before a failure, so the next run sends exactly the rest', async () => {
    // Prepare: 250 hourly windows are three batches; the server fails after the first, until it is back.
    const state = join(dir, 'resume-state.json');
    let up = false;
    const server = await startFakeApi((request, count) =>
      count === 0 || up ? acceptAll(request) : problemReply(503, 'Down', 'down'),
    );
    const push = async () => {
      const io = fakeIo();
      const before = server.requests.length;
      const code = await runCli(
        [
          'push',
          sample('listening.csv'),
          '--format',
          'listening',
          '--tz',
          '+07:00',
          '--state',
          state,
          '--retries',
          '0',
          '--url',
          server.url,
          '--client',
          'c',
          '--secret',
          's',
        ],
        io,
      );
      const sent = server.requests
        .slice(before)
        .filter((_, index) => index === 0 || up)
        .flatMap((request) => (JSON.parse(request.body) as { events: SentEvent[] }).events);
      return { code, sent, out: io.stdout.text() };
    };

    // Act
    const failed = await push();
    const remembered = JSON.parse(readFileSync(state, 'utf8')) as {
      targets: Record<string, { sent: string[] }>;
    };
    up = true;
    const resumed = await push();
    await server.close();

    // Assess
    expect(failed.code).toBe(3);
    expect(failed.out).toMatch(/not sent\s+150/);
    const delivered = failed.sent.slice(0, 100).map((event) => event.eventId);
    expect(Object.values(remembered.targets)[0]?.sent).toEqual(delivered);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toMatch(/skipped\s+100 already sent/);
    expect(resumed.sent).toHaveLength(150);
    expect(new Set([...delivered, ...resumed.sent.map((event) => event.eventId)]).size).toBe(250);
  });

  it('reads an export from standard input, and a file in another encoding named with --encoding', async () => {
    // Prepare
    const text = 'Day,Campaign,Currency code,Cost\n2026-11-01,Café Crème,EUR,10\n';
    const latin = file('latin.csv', '');
    writeFileSync(latin, Buffer.from(text, 'latin1'));
    const plan = file(
      'plan.json',
      '{"Café Crème":{"plannedBudget":100,"periodStart":"2026-11-01","periodEnd":"2026-11-30"}}',
    );

    // Act
    const piped = await run(['-', '--format', 'google-ads', '--plan', plan], acceptAll, text);
    const refused = await run(
      [latin, '--format', 'google-ads', '--plan', plan, '--state', join(dir, 'l1.json')],
      acceptAll,
    );
    const named = await run(
      [
        latin,
        '--format',
        'google-ads',
        '--plan',
        plan,
        '--encoding',
        'windows-1252',
        '--state',
        join(dir, 'l2.json'),
      ],
      acceptAll,
    );

    // Assess
    expect(piped.code).toBe(0);
    expect(piped.sent[0]?.spend).toMatchObject({ campaignId: 'Café Crème', actualSpend: 10 });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`${latin} is not UTF-8 text`);
    expect(named.code).toBe(0);
    expect(named.sent[0]?.spend).toMatchObject({ campaignId: 'Café Crème' });
  });

  it('takes the plan file over the export’s own plan columns', async () => {
    // Prepare
    const mapping = file(
      'm.yaml',
      'type: spend\nsource: s\ncolumns:\n  date: Day\n  campaign: Campaign\n  spend: Cost (USD)\n  plannedBudget: Budget\n  periodStart: Start\n  periodEnd: End\nconstants:\n  channel: x\n  currency: USD\n',
    );
    const csv = file(
      'p.csv',
      'Day,Campaign,Cost (USD),Budget,Start,End\n2026-11-01,A,10,500,2026-11-01,2026-11-30\n2026-11-02,A,10,800,2026-11-01,2026-11-30\n',
    );

    // Act
    const fromColumns = await run([csv, '--mapping', mapping, '--state', join(dir, 'pc1.json')], acceptAll);
    const fromFile = await run(
      [csv, '--mapping', mapping, '--plan', PLAN_A(), '--state', join(dir, 'pc2.json')],
      acceptAll,
    );

    // Assess
    expect(fromColumns.sent.map((event) => event.spend?.plannedBudget)).toEqual([500, 800]);
    expect(fromFile.sent.map((event) => event.spend?.plannedBudget)).toEqual([100000, 100000]);
  });
});

describe('Function: readRows', () => {
  it('reads a file handed over in chunks that split UTF-16 characters and lines anywhere', async () => {
    // Prepare
    const text = 'Title line\n"a, quoted"\nDay\tCampaign\tCost\n2026-11-01\t双11 – 精华液 😀\t1,204.75\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    async function* chunks() {
      for (let at = 0; at < bytes.length; at += 3) yield bytes.subarray(at, at + 3);
    }

    // Act
    const rows = [];
    for await (const row of readRows(decodeStream(chunks(), 'x.csv'), 'x.csv')) rows.push(row);

    // Assess
    expect(rows).toEqual([
      { line: 1, cells: ['Title line'] },
      { line: 2, cells: ['a, quoted'] },
      { line: 3, cells: ['Day', 'Campaign', 'Cost'] },
      { line: 4, cells: ['2026-11-01', '双11 – 精华液 😀', '1,204.75'] },
    ]);
  });

  it('says which file is not UTF-8 rather than reading replacement characters', async () => {
    // Prepare
    async function* latin1() {
      yield Buffer.from('Day,Campaign,Cost\n2026-11-01,Caf\xe9,1\n', 'latin1');
    }

    // Act
    const read = async () => {
      for await (const _ of readRows(decodeStream(latin1(), 'x.csv'), 'x.csv'));
    };

    // Assess
    await expect(read()).rejects.toThrow('x.csv is not UTF-8 text');
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
