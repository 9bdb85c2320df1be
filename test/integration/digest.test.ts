import { randomUUID } from 'node:crypto';
import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/dynamodb-local.ts';
import { createLambdaContext } from '#infra/local/lambda-context.ts';
import { scheduledEvent } from '#infra/local/scheduler.ts';
import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import type { DigestMessage } from '#shared/ports.ts';
import { sendDigest } from '#shared/use-cases/send-digest.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/** The daily digest against DynamoDB Local: which cases are "the day's new ones". */

const NOW = new Date('2026-12-01T08:00:00.000Z');
const hoursBefore = (hours: number): Date => new Date(NOW.getTime() - hours * 3_600_000);

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'digest');
});

afterAll(() => table.destroy());

/** A case as ingest writes it: recorded at `recordedAt`, about an event dated `occurredAt`. */
const recordCase = async (
  campaignId: string,
  level: 'yellow' | 'red',
  recordedAt: Date,
  occurredAt: Date,
): Promise<string> => {
  const event = { ...spendEvent({ campaignId }, campaignId), occurredAt: occurredAt.toISOString() };
  const caseId = randomUUID();
  const riskCase = openCase(
    caseId,
    {
      event,
      assessment: assessment([finding({ level, impact: level === 'red' ? 'severe' : 'moderate' })]),
      riskType: 'budget',
      subject: subjectOf(event),
      now: recordedAt,
    },
    testPolicy,
  );
  await table.docClient.send(new PutCommand({ TableName: table.tableName, Item: caseToItem(riskCase) }));
  return caseId;
};

const digestOf = async (level: string) => {
  const sent: DigestMessage[] = [];
  const result = await sendDigest(
    {
      reader: new DynamoDbCaseReader(table.docClient, table.tableName),
      clock: { now: () => NOW },
      notifier: {
        publishDigest: async (message) => {
          sent.push(message);
        },
      },
    },
    level,
  );
  return { result, caseIds: sent.flatMap((message) => message.cases.map((c) => c.caseId)) };
};

describe('Use case: sendDigest (DynamoDB Local)', () => {
  it('includes a case recorded today about an event dated three days back (late data)', async () => {
    // Prepare
    const late = await recordCase('digest-late', 'yellow', hoursBefore(2), hoursBefore(72));
    const fresh = await recordCase('digest-fresh', 'yellow', hoursBefore(1), hoursBefore(1));
    const atNow = await recordCase('digest-now', 'yellow', NOW, NOW);

    // Act
    const { result, caseIds } = await digestOf('yellow');

    // Assess
    expect(caseIds).toEqual(expect.arrayContaining([late, fresh, atNow]));
    expect(result).toEqual({ sent: true, cases: caseIds.length });
  });

  it("leaves out yesterday's cases, cases recorded after the digest's moment and other levels", async () => {
    // Prepare: recorded 25 h ago but seen again an hour ago; recorded after the digest's moment; red.
    const old = await recordCase('digest-old', 'yellow', hoursBefore(25), hoursBefore(1));
    const later = await recordCase('digest-later', 'yellow', hoursBefore(-1), hoursBefore(-1));
    const red = await recordCase('digest-red', 'red', hoursBefore(1), hoursBefore(1));

    // Act
    const { caseIds } = await digestOf('yellow');

    // Assess
    expect(caseIds).not.toContain(old);
    expect(caseIds).not.toContain(later);
    expect(caseIds).not.toContain(red);
  });

  it('pages through more cases than one query returns', async () => {
    // Prepare: 120 yellow cases recorded today (pages of 100).
    const level = 'yellow';
    const ids = await Promise.all(
      Array.from({ length: 120 }, (_, index) =>
        recordCase(`digest-many-${index}`, level, hoursBefore(3), hoursBefore(3)),
      ),
    );

    // Act
    const { caseIds } = await digestOf(level);

    // Assess
    expect(caseIds).toEqual(expect.arrayContaining(ids));
    expect(new Set(caseIds).size).toBe(caseIds.length);
  });
});

/**
 * The send-digest function end to end on DynamoDB Local (cases and idempotency records), SNS mocked: a fault
 * loses nothing and nothing is sent twice.
 */
describe('Function: send-digest (DynamoDB Local, SNS mocked)', () => {
  type DigestHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;
  const sns = mockClient(SNSClient);
  let sendDigestFunction: DigestHandler;

  beforeAll(async () => {
    Object.assign(process.env, {
      TABLE_NAME: table.tableName,
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      DIGEST_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:digest',
      WEB_URL: 'https://radar.example.com',
      // Two audiences: every digest is one message in English (UTC) and one in Chinese (Shanghai).
      NOTIFY_AUDIENCES: 'en@UTC,zh-CN@Asia/Shanghai',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    delete process.env.RADAR_LOCAL;
    ({ handler: sendDigestFunction } = (await import('#functions/send-digest.ts')) as {
      handler: DigestHandler;
    });
  });

  afterEach(() => sns.reset());

  const context = () =>
    createLambdaContext({
      functionName: 'send-digest',
      awsRequestId: randomUUID(),
      timeoutMs: 60_000,
      region: 'us-east-1',
    });

  /** SNS refuses the first `refusals` publishes for `lang`, accepts the rest; returns the accepted ones. */
  const snsRefusing = (lang: string, refusals: number): PublishCommandInput[] => {
    const accepted: PublishCommandInput[] = [];
    let refused = 0;
    sns.on(PublishCommand).callsFake((input: PublishCommandInput) => {
      if (input.MessageAttributes?.lang?.StringValue === lang && refused < refusals) {
        refused += 1;
        throw new Error('Throttling: Rate exceeded');
      }
      accepted.push(input);
      return { MessageId: `m-${accepted.length}` };
    });
    return accepted;
  };

  const audiencesOf = (inputs: readonly PublishCommandInput[]) =>
    inputs.map(
      (input) =>
        `${input.MessageAttributes?.lang?.StringValue}@${input.MessageAttributes?.timeZone?.StringValue}`,
    );

  it('fails the run when SNS fails on the second audience; the retry sends the second only: each audience exactly once', async () => {
    // Prepare: a yellow case recorded today; SNS refuses the Chinese digest once; the run scheduled for NOW.
    const caseId = await recordCase('digest-retry', 'yellow', hoursBefore(2), hoursBefore(2));
    const accepted = snsRefusing('zh-CN', 1);
    const event = scheduledEvent('send-digest', 'us-east-1', NOW);

    // Act: the run, then Lambda's asynchronous retries of the same event.
    await expect(sendDigestFunction(event, context())).rejects.toThrow('Throttling');
    const afterFailure = audiencesOf(accepted);
    await sendDigestFunction(event, context());
    await sendDigestFunction(event, context());

    // Assess
    expect(afterFailure).toEqual(['en@UTC']);
    expect(audiencesOf(accepted)).toEqual(['en@UTC', 'zh-CN@Asia/Shanghai']);
    for (const input of accepted) expect(input.Message).toContain(`/cases/${caseId}`);
  });

  it("sends nothing again for a day already sent, and the next day's digest to every audience", async () => {
    // Prepare: today's run has gone out; a case recorded in the next day's window.
    const accepted = snsRefusing('zh-CN', 0);
    const today = scheduledEvent('send-digest', 'us-east-1', NOW);
    await sendDigestFunction(today, context());
    const sentBefore = accepted.length;
    const caseId = await recordCase('digest-tomorrow', 'yellow', hoursBefore(-3), hoursBefore(-3));
    const tomorrow = scheduledEvent('send-digest', 'us-east-1', new Date(NOW.getTime() + 24 * 3_600_000));

    // Act
    await sendDigestFunction(today, context());
    await sendDigestFunction(tomorrow, context());

    // Assess
    const sent = accepted.slice(sentBefore);
    expect(audiencesOf(sent)).toEqual(['en@UTC', 'zh-CN@Asia/Shanghai']);
    for (const input of sent) expect(input.Message).toContain(`/cases/${caseId}`);
  });
});
