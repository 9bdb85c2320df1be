import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { CaseListSchema } from '#shared/schemas/cases.ts';
import { runCli } from '../../cli/main.ts';
import { realIo } from '../cli/fake-io.ts';
import { startCliStack } from '../support/cli-stack.ts';

/**
 * `risk-radar push --format <platform export>` against the real local stack (handlers, DynamoDB Local,
 * signatures): a platform's export as downloaded is stored as events, and pushing the same export again
 * stores nothing new.
 */

const SAMPLES = join(import.meta.dirname, '../../docs/samples');
const dataDir = mkdtempSync(join(tmpdir(), 'radar-cli-exports-'));
let stack: LocalStack;
let client: DynamoDBClient;

beforeAll(async () => {
  stack = await startCliStack('cli-exports', dataDir);
  client = new DynamoDBClient({
    endpoint: stack.dynamoEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  client?.destroy();
  await stack?.stop();
});

const cliIo = () => realIo(dataDir);

/** The event items the table holds for this export's source. */
const storedEvents = async (source: string): Promise<string[]> => {
  const keys: string[] = [];
  for await (const page of paginateScan(
    { client },
    { TableName: stack.tableName, ProjectionExpression: 'pk' },
  )) {
    for (const item of page.Items ?? []) {
      const pk = item.pk?.S ?? '';
      if (pk.startsWith(`EVENT#${stack.credentials.clientId}#${source}:`)) keys.push(pk);
    }
  }
  return keys.sort();
};

const pushExport = (state: string, extra: readonly string[] = []) => {
  const run = cliIo();
  const args = [
    'push',
    join(SAMPLES, 'google-ads-excel.csv'),
    '--format',
    'google-ads',
    '--plan',
    join(SAMPLES, 'plan.json'),
    '--url',
    stack.url,
    '--client',
    stack.credentials.clientId,
    '--secret',
    stack.credentials.clientSecret,
    '--state',
    join(dataDir, state),
    ...extra,
  ];
  return runCli(args, run.io).then((code) => ({ code, ...run }));
};

describe('Command: push --format google-ads (local stack)', () => {
  it('stores the UTF-16 export Google downloads as 40 daily snapshots, and a second push of it stores nothing new', async () => {
    // Prepare
    const first = await pushExport('first.json');
    const afterFirst = await storedEvents('google-ads');

    // Act: the same export again, with a resume file that knows nothing (as from another machine)
    const second = await pushExport('second.json');
    const afterSecond = await storedEvents('google-ads');
    // … and with the first resume file: nothing is even sent
    const resumed = await pushExport('first.json');

    // Assess
    expect(first.code).toBe(0);
    expect(first.stdout.text()).toMatch(/sent\s+40 \(40 created, 0 duplicate\)/);
    expect(afterFirst).toHaveLength(40);
    expect(afterFirst).toContain(`EVENT#${stack.credentials.clientId}#google-ads:20512345678:2026-11-14`);
    expect(second.code).toBe(0);
    expect(second.stdout.text()).toMatch(/sent\s+40 \(0 created, 40 duplicate\)/);
    expect(afterSecond).toEqual(afterFirst);
    expect(resumed.stdout.text()).toMatch(/skipped\s+40 already sent/);
    // The campaign spending its month's budget in two weeks is a budget case, opened once.
    const response = await fetch(`${stack.url}/v1/cases?limit=100`, {
      headers: { authorization: `Bearer ${stack.credentials.managerToken}` },
    });
    const budget = CaseListSchema.parse(await response.json()).items.filter(
      (item) => item.riskType === 'budget' && item.subject.label.includes('20512345678'),
    );
    expect(budget.map((item) => item.level)).toEqual(['red']);
  });
});
