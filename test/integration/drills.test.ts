import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { runCli } from '../../cli/main.ts';
import { realIo } from '../cli/fake-io.ts';
import { startTestStack } from '../support/test-stack.ts';
import { pushEvents } from '../web/browser.ts';

/**
 * Crisis drills (issue #17 part 4) end to end on the local stack — real functions, DynamoDB Local, the
 * stream poller and the outbox file standing in for SNS: `risk-radar drill --kind budget` opens a red drill
 * case, pages it as [DRILL], the SLA clock pages it again, it stays out of the lists, the brand heat map and
 * what the digest reads, and after an acknowledgement and a resolution the report gives times and actors.
 */

const MANAGER_TOKEN = 'dev-manager-token';
type Json = Record<string, unknown>;
let stack: LocalStack;
let dataDir: string;
let client: DynamoDBClient;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('drills', {
    // About two seconds: the test lets the drill's SLA lapse and runs the check.
    RED_ACK_SLA_HOURS: '0.0005',
  }));
  client = new DynamoDBClient({
    endpoint: stack.dynamoEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
}, 180_000);

afterAll(async () => {
  client?.destroy();
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const api = async (method: string, path: string, body?: unknown): Promise<Json> => {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${MANAGER_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Json;
};

const caseIdsOf = (page: Json): string[] =>
  (page.items as { caseId: string }[]).map((item) => item.caseId).sort();

/** Every message the outbox received so far for a case, in order. */
const outboxFor = async (caseId: string): Promise<PublishCommandInput[]> => {
  const text = await readFile(stack.outboxFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PublishCommandInput)
    .filter((input) => String(input.Message ?? '').includes(`/cases/${caseId}`));
};

describe('A crisis drill through the real path (local stack)', () => {
  it('opens a red drill case that pages as [DRILL], counts nowhere, and reports who answered and when', async () => {
    // Prepare: a brand owned by ana with a real red budget case.
    const suffix = randomUUID().slice(0, 8);
    const brand = `Drillco ${suffix}`;
    await api('PUT', `/v1/brands/${encodeURIComponent(brand)}`, { owner: 'ana', managers: ['li'] });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await pushEvents(stack, [
      {
        eventId: `e-real-${suffix}`,
        type: 'spend',
        occurredAt: new Date().toISOString(),
        source: 'meta-ads',
        spend: {
          campaignId: `cmp-real-${suffix}`,
          channel: 'tiktok',
          currency: 'USD',
          plannedBudget: 10_000,
          actualSpend: 18_000,
          conversions: 80,
          periodStart: day(-20),
          periodEnd: day(-1),
          brand,
        },
      },
    ]);
    const realCases = caseIdsOf(await api('GET', `/v1/cases?brand=${encodeURIComponent(brand)}`));
    expect(realCases).toHaveLength(1);
    const { io, stdout, stderr } = realIo(dataDir, { RADAR_MANAGER_TOKEN: MANAGER_TOKEN });
    const credentials = [
      '--url',
      stack.url,
      '--client',
      stack.credentials.clientId,
      '--secret',
      stack.credentials.clientSecret,
    ];

    // Act 1: the drill, from the command line.
    const code = await runCli(['drill', '--kind', 'budget', '--brand', brand, ...credentials], io);

    // Assess 1: a drill id and one red drill case, marked, owned as the brand's cases are.
    expect(code, stderr.text()).toBe(0);
    const drillId = /Drill id: (\S+)/.exec(stdout.text())?.[1] ?? '';
    const drillCaseId = /Drill cases: (\S+)/.exec(stdout.text())?.[1] ?? '';
    expect(drillId).toMatch(/^drill-/);
    expect(drillCaseId).toMatch(/^drill-/);
    const detail = await api('GET', `/v1/cases/${drillCaseId}`);
    expect(detail.case).toMatchObject({ level: 'red', owner: 'ana', drill: { drillId } });

    // Assess 2: the page is a drill's, to the owner.
    await vi.waitFor(async () => expect(await outboxFor(drillCaseId)).not.toHaveLength(0), {
      timeout: 60_000,
      interval: 200,
    });
    const [page] = await outboxFor(drillCaseId);
    expect(page?.Subject).toMatch(/^\[DRILL\] /);
    expect(page?.MessageAttributes?.drill?.StringValue).toBe(drillId);
    expect(page?.MessageAttributes?.recipients?.StringValue).toBe(JSON.stringify(['ana']));

    // Assess 3: lists leave it out unless asked; the brand heat map and recent cases count only the real
    // case; the cases the digest reads (recorded today at red) hold the real case and not the drill's.
    expect(caseIdsOf(await api('GET', `/v1/cases?brand=${encodeURIComponent(brand)}`))).toEqual(realCases);
    expect(caseIdsOf(await api('GET', `/v1/cases?brand=${encodeURIComponent(brand)}&drill=only`))).toEqual([
      drillCaseId,
    ]);
    expect(caseIdsOf(await api('GET', `/v1/cases?brand=${encodeURIComponent(brand)}&drill=include`))).toEqual(
      [...realCases, drillCaseId].sort(),
    );
    const overview = await api('GET', `/v1/brands/${encodeURIComponent(brand)}/overview`);
    const weeks = (overview.heatMap as { weeks: { total: number }[] }).weeks;
    expect(weeks.reduce((sum, week) => sum + week.total, 0)).toBe(1);
    expect((overview.recentCases as { caseId: string }[]).map((item) => item.caseId)).toEqual(realCases);
    const reader = new DynamoDbCaseReader(DynamoDBDocumentClient.from(client), stack.tableName);
    const recorded = await reader.listRecorded({
      level: 'red',
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
      limit: 100,
    });
    const recordedIds = recorded.items.map((item) => item.caseId);
    expect(recordedIds).toContain(realCases[0]);
    expect(recordedIds).not.toContain(drillCaseId);

    // Act 2: nobody acknowledges within the SLA; the check runs; then a manager acknowledges and resolves.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await stack.runScheduled('check-sla');
    await vi.waitFor(async () => expect((await outboxFor(drillCaseId)).length).toBeGreaterThan(1), {
      timeout: 60_000,
      interval: 200,
    });
    await api('POST', `/v1/cases/${drillCaseId}/acknowledge`, { note: 'Drill seen.' });
    await api('POST', `/v1/cases/${drillCaseId}/resolve`, {
      whys: ['The cap was not set', 'No launch checklist'],
      measures: ['Cap set'],
      improvementPlan: 'Checklist before launch',
    });

    // Assess 4: the SLA page and the follow-ups are drills' too; the report gives times, actors, misses.
    await vi.waitFor(async () => expect((await outboxFor(drillCaseId)).length).toBeGreaterThan(3), {
      timeout: 60_000,
      interval: 200,
    });
    const messages = await outboxFor(drillCaseId);
    expect(messages.map((message) => message.MessageAttributes?.tier?.StringValue)).toContain('2');
    for (const message of messages) expect(message.Subject).toMatch(/^\[DRILL\] /);
    const report = await api('GET', `/v1/drills/${drillId}`);
    const [step] = report.steps as Json[];
    expect(step).toMatchObject({
      caseId: drillCaseId,
      status: 'resolved',
      acknowledgedBy: expect.stringMatching(/^user:/),
      resolvedBy: expect.stringMatching(/^user:/),
      rootCause: 'No launch checklist',
      missed: ['not-acknowledged-within-sla'],
    });
    expect(step?.secondsToAcknowledge).toBeGreaterThanOrEqual(2);
    expect(step?.secondsToResolve).toBeGreaterThanOrEqual(step?.secondsToAcknowledge as number);
    expect(report.passed).toBe(false);
    const printed = realIo(dataDir, { RADAR_MANAGER_TOKEN: MANAGER_TOKEN });
    expect(await runCli(['drill', 'report', drillId, '--url', stack.url], printed.io)).toBe(0);
    expect(printed.stdout.text()).toMatch(/Step 1: RED budget/);
    expect(printed.stdout.text()).toContain('not acknowledged within the SLA');
  }, 300_000);
});
