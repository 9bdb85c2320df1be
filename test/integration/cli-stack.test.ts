import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { CaseListSchema } from '#shared/schemas/cases.ts';
import { demoScenario } from '../../cli/demo/scenario.ts';
import { runCli } from '../../cli/main.ts';
import { realIo } from '../cli/fake-io.ts';
import { startCliStack } from '../support/cli-stack.ts';

/**
 * `risk-radar push` and `risk-radar demo` against the real local stack (the real handlers, DynamoDB Local,
 * signature checks with replay protection), reading the cases back through the API.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'radar-cli-stack-'));
let stack: LocalStack;

beforeAll(async () => {
  stack = await startCliStack('cli', dataDir);
});

afterAll(async () => {
  await stack?.stop();
});

/** The real clock, network and delays; output kept for the assertions. */
const cliIo = (env: Record<string, string> = {}) => realIo(dataDir, env);

const credentials = () => [
  '--url',
  stack.url,
  '--client',
  stack.credentials.clientId,
  '--secret',
  stack.credentials.clientSecret,
];

const listCases = async (query = '') => {
  const response = await fetch(`${stack.url}/v1/cases?limit=100${query}`, {
    headers: { authorization: `Bearer ${stack.credentials.managerToken}` },
  });
  expect(response.status).toBe(200);
  return CaseListSchema.parse(await response.json()).items;
};

const CSV = [
  'eventId,type,occurredAt,source,campaignId,channel,currency,plannedBudget,actualSpend,conversions,periodStart,periodEnd,brand,product,windowStart,windowEnd,mentions,negative,positive,neutral,copyId,text,lang,market,category',
  'it-spend-1,spend,2026-11-22T09:00:00Z,meta-ads,cmp-it-1,facebook,USD,10000,13000,80,2026-11-01,2026-11-30,,,,,,,,,,,,,',
  'it-spend-2,spend,2026-11-22T09:00:00Z,meta-ads,cmp-it-2,facebook,USD,10000,"9,000",80,2026-11-01,2026-11-30,,,,,,,,,,,,,',
  'it-copy-1,ad-copy,2026-11-22T09:00:00Z,cms,cmp-it-1,,,,,,,,Acme,,,,,,,,c-it-1,"全网最佳美白精华，三天见效",zh,CN,cosmetics',
  'it-copy-2,ad-copy,2026-11-22T09:00:00Z,cms,,,,,,,,,Acme,,,,,,,,c-it-2,"A gentle cleanser, for ""everyday"" use",en,US,cosmetics',
].join('\n');

describe('Command: push (local stack)', () => {
  it('stores the valid rows, reports the bad one by line, and the cases can be read back', async () => {
    // Prepare
    const path = join(dataDir, 'events.csv');
    writeFileSync(path, `${CSV}\n`);
    const { io, stdout } = cliIo();

    // Act
    const code = await runCli(['push', path, ...credentials()], io);

    // Assess
    expect(code).toBe(1);
    expect(stdout.text()).toMatch(/sent\s+3 \(3 created, 0 duplicate\)/);
    expect(stdout.text()).toMatch(/line 3 \(it-spend-2\): actualSpend: "9,000" is not a number/);
    expect(stdout.text()).toMatch(/levels\s+red 2 · green 1/);
    const cases = await listCases();
    expect(cases.map((item) => [item.riskType, item.level, item.subject.label]).sort()).toEqual(
      [
        ['budget', 'red', expect.stringContaining('cmp-it-1')],
        ['compliance', 'red', expect.stringContaining('c-it-1')],
      ].sort(),
    );
  });

  it('resumes: a second run sends nothing; --fresh re-sends and the server answers duplicate', async () => {
    // Prepare
    const path = join(dataDir, 'events.csv');

    // Act
    const again = cliIo();
    const againCode = await runCli(['push', path, ...credentials()], again.io);
    const fresh = cliIo();
    await runCli(['push', path, ...credentials(), '--fresh'], fresh.io);

    // Assess
    expect(againCode).toBe(1);
    expect(again.stdout.text()).toMatch(/skipped\s+3 already sent/);
    expect(again.stdout.text()).toMatch(/sent\s+0 /);
    expect(fresh.stdout.text()).toMatch(/sent\s+3 \(0 created, 3 duplicate\)/);
  });

  it('delivers the same file pushed twice at once (same body, same second: a replayed signature)', async () => {
    // Prepare
    const path = join(dataDir, 'twice.csv');
    writeFileSync(path, `${CSV}\n`);
    const first = cliIo();
    const second = cliIo();

    // Act
    const codes = await Promise.all([
      runCli(['push', path, ...credentials(), '--fresh', '--state', join(dataDir, 'a.json')], first.io),
      runCli(['push', path, ...credentials(), '--fresh', '--state', join(dataDir, 'b.json')], second.io),
    ]);

    // Assess: both delivered every valid row (1 is the rejected CSV row, not a delivery failure)
    expect(codes).toEqual([1, 1]);
    expect(first.stdout.text()).toMatch(/sent\s+3 \(\d created, \d duplicate\)/);
    expect(second.stdout.text()).toMatch(/sent\s+3 \(\d created, \d duplicate\)/);
  });

  it('reports a wrong secret as a failure to deliver, exit 3', async () => {
    // Prepare
    const path = join(dataDir, 'one.jsonl');
    writeFileSync(
      path,
      `${JSON.stringify({ eventId: 'it-x', type: 'spend', occurredAt: '2026-11-22T09:00:00Z', source: 's', spend: { campaignId: 'c', channel: 'x', currency: 'USD', plannedBudget: 1, actualSpend: 1, periodStart: '2026-11-01', periodEnd: '2026-11-30' } })}\n`,
    );
    const { io, stdout } = cliIo();

    // Act
    const code = await runCli(
      ['push', path, '--url', stack.url, '--client', stack.credentials.clientId, '--secret', 'wrong'],
      io,
    );

    // Assess
    expect(code).toBe(3);
    expect(stdout.text()).toMatch(/Stopped: HTTP 401/);
  });
});

describe('Command: demo (local stack)', () => {
  it('fills the stack with red and yellow cases of every risk type', async () => {
    // Prepare
    const { io, stdout } = cliIo({ RADAR_URL: stack.url });

    // Act
    const code = await runCli(['demo'], io);

    // Assess
    expect(code).toBe(0);
    const total = demoScenario(new Date(), 'any').flatMap((part) => part.events).length;
    expect(stdout.text()).toContain(`${total} of ${total} events accepted`);
    expect(stdout.text()).toMatch(/Cases, most recently seen first/);
    const demo = (await listCases()).filter(
      (item) => item.subject.label.includes('demo') || item.subject.brand === 'Lumière',
    );
    expect(new Set(demo.map((item) => item.riskType))).toEqual(
      new Set(['budget', 'reputation', 'compliance']),
    );
    expect(new Set(demo.map((item) => item.level))).toEqual(new Set(['red', 'yellow']));
  });
});
