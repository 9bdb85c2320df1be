import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/dynamodb-local.ts';
import { type LocalStack, startLocalStack } from '#infra/local/stack.ts';
import { toDocumentClient } from '#shared/adapters/clients.ts';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';
import { recordingLogger } from '../support/fake-handlers.ts';
import { type FakeSns, startFakeSns } from '../support/fake-sns.ts';

/**
 * "No red case is lost": the local stack (DynamoDB Local, its stream poller, the notify and redrive
 * functions) publishing through the real SNS client to a fake SNS on loopback that is down while
 * ten red cases open, then comes back. Delays are shortened through options; the defaults are AWS's.
 */

const ESCALATIONS = 10;
const WAIT = { timeout: 45_000, interval: 100 };

let sns: FakeSns;
let stack: LocalStack;
let dataDir: string;
let documents: DynamoDBDocumentClient;
const log = recordingLogger();

beforeAll(async () => {
  sns = await startFakeSns();
  dataDir = await mkdtemp(join(tmpdir(), 'radar-outage-'));
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    dataDir,
    env: {
      TABLE_NAME: `outage-${randomUUID()}`,
      SNS_ENDPOINT: sns.endpoint,
    },
    pollIntervalMs: 50,
    stream: { maxRetries: 2, retryBackoff: { baseMs: 20, maxMs: 100 }, redriveIntervalMs: 200 },
    logger: log.logger,
  });
  documents = toDocumentClient(
    new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    }),
  );
});

afterAll(async () => {
  documents?.destroy();
  await stack?.stop();
  await sns?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * A red case written as ingest writes it: the case item with its escalation marker, one DynamoDB write
 * (the transactional outbox). The stream takes it from there.
 */
const openRedCase = async (index: number): Promise<void> => {
  const event = spendEvent({ campaignId: `outage-${index}` }, `outage-${index}`);
  const riskCase = openCase(
    randomUUID(),
    {
      event,
      assessment: assessment([finding()]),
      riskType: 'budget',
      subject: subjectOf(event),
      now: new Date(),
    },
    testPolicy,
  );
  expect(riskCase.escalation?.tier).toBe(1);
  await documents.send(new PutCommand({ TableName: stack.tableName, Item: caseToItem(riskCase) }));
};

const deadLetters = async (): Promise<number> => {
  try {
    return (await readFile(stack.deadLetterFile, 'utf8')).split('\n').filter((line) => line !== '').length;
  } catch {
    return 0;
  }
};

/** The escalation id each published message names ("Escalation <id> (tier …"). */
const escalationIds = (): string[] =>
  sns.published.map((publish) => {
    const body: unknown = JSON.parse(publish.Message ?? '{}');
    const text = typeof body === 'object' && body !== null && 'default' in body ? String(body.default) : '';
    return /Escalation (\S+) \(tier/.exec(text)?.[1] ?? '';
  });

describe('Local stack: SNS down, then back', () => {
  it('publishes every red escalation exactly once after SNS recovers, through the dead letters', async () => {
    // Prepare: SNS answers 500 to everything.
    sns.down();

    // Act: ten red cases open while SNS is down; the poller retries, then gives up on them.
    for (let index = 0; index < ESCALATIONS; index += 1) await openRedCase(index);
    await vi.waitFor(
      () => expect(log.errors.some((error) => error.message.startsWith('!!!'))).toBe(true),
      WAIT,
    );
    const refusedWhileDown = sns.refused();
    const lettersWhileDown = await deadLetters();
    sns.up();

    // Assess: nothing got through while down; everything arrives once after, and the dead letters empty.
    expect(refusedWhileDown).toBeGreaterThan(0);
    expect(lettersWhileDown).toBeGreaterThan(0);
    await vi.waitFor(() => expect(new Set(escalationIds()).size).toBe(ESCALATIONS), WAIT);
    await vi.waitFor(async () => expect(await deadLetters()).toBe(0), WAIT);
    const ids = escalationIds();
    expect(ids.every((id) => id !== '')).toBe(true);
    expect(ids).toHaveLength(ESCALATIONS);
    expect(new Set(ids).size).toBe(ESCALATIONS);
  });
});
