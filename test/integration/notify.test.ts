import { randomUUID } from 'node:crypto';
import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/dynamodb-local.ts';
import { createLambdaContext } from '#infra/local/lambda-context.ts';
import { type StreamPoller, startStreamPoller } from '#infra/local/stream-poller.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { DynamoDbExceptionStore } from '#shared/adapters/dynamodb-exception-store.ts';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { DynamoDbWorkflowStore } from '#shared/adapters/dynamodb-workflow-store.ts';
import { IdempotentNotifier } from '#shared/adapters/idempotent-notifier.ts';
import type { Principal } from '#shared/auth/principal.ts';
import { type Escalation, openCase, subjectOf } from '#shared/domain/case.ts';
import { type AudienceNotifier, notificationId } from '#shared/ports.ts';
import { acknowledge } from '#shared/use-cases/case-workflow.ts';
import { ingestEvent } from '#shared/use-cases/ingest-events.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';
import { scriptedEngine } from '../fixtures/scripted-engine.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/**
 * The outbox end to end: a red case written to DynamoDB Local → the stream poller delivers the real
 * stream record → the real notify handler → SNS (mocked: the only fake in the chain).
 */

const sns = mockClient(SNSClient);
type NotifyHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
let notify: NotifyHandler;
let table: TestTable;
let poller: StreamPoller | undefined;

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'notify');
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ESCALATION_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:escalations',
    WEB_URL: 'https://radar.example.com',
    // Two audiences: every escalation is one message in English (UTC) and one in Chinese (Shanghai).
    NOTIFY_AUDIENCES: 'en@UTC,zh-CN@Asia/Shanghai',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  delete process.env.RADAR_LOCAL;
  ({ handler: notify } = (await import('#functions/notify-escalation.ts')) as { handler: NotifyHandler });
});

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
  sns.reset();
});

afterAll(() => table.destroy());

const context = () =>
  createLambdaContext({
    functionName: 'notify-escalation',
    awsRequestId: randomUUID(),
    timeoutMs: 30_000,
    region: 'us-east-1',
  });

const startPoller = async () => {
  poller = await startStreamPoller({
    client: table.streamsClient,
    streamArn: table.streamArn,
    handler: (event, ctx) => notify(event, ctx),
    intervalMs: 50,
    retryBackoff: { baseMs: 20, maxMs: 100 },
    maxRetries: 5,
    logger: { info: () => {}, error: () => {} },
  });
};

const until = async (what: string, ok: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const ingestRed = (campaignId: string) =>
  ingestEvent('pusher', 0, spendEvent({ campaignId }, `${campaignId}-e1`), {
    store: new DynamoDbEventStore(table.docClient, table.tableName),
    exceptions: new DynamoDbExceptionStore(table.docClient, table.tableName),
    engine: scriptedEngine,
    policy: testPolicy,
    clock: { now: () => new Date() },
    newCaseId: () => randomUUID(),
  });

const publishesFor = (campaignId: string, lang?: string) =>
  sns
    .commandCalls(PublishCommand)
    .filter(
      (call) =>
        String(call.args[0].input.Subject).includes(campaignId) &&
        (lang === undefined || call.args[0].input.MessageAttributes?.lang?.StringValue === lang),
    );

/** The audiences (`lang@timeZone`) of the publishes for a campaign, in order. */
const audiencesFor = (campaignId: string) =>
  publishesFor(campaignId).map(
    (call) =>
      `${call.args[0].input.MessageAttributes?.lang?.StringValue}@${call.args[0].input.MessageAttributes?.timeZone?.StringValue}`,
  );

describe('Stream → notify → SNS (DynamoDB Local)', () => {
  it('publishes exactly one message per audience for a new red case', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await startPoller();
    await ingestRed('one-red');
    await until('the publishes', () => publishesFor('one-red').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(audiencesFor('one-red')).toEqual(['en@UTC', 'zh-CN@Asia/Shanghai']);
    expect(publishesFor('one-red')[0]?.args[0].input.MessageAttributes?.level?.StringValue).toBe('red');
  });

  it('loses nothing when SNS fails twice: retried until one message per audience goes out', async () => {
    sns
      .on(PublishCommand)
      .rejectsOnce(new Error('Throttling'))
      .rejectsOnce(new Error('Throttling'))
      .resolves({ MessageId: 'm-2' });
    await startPoller();
    await ingestRed('flaky-sns');
    await until('the retries', () => publishesFor('flaky-sns').length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Two failed attempts at the first audience, then each audience once.
    expect(publishesFor('flaky-sns', 'en')).toHaveLength(3);
    expect(publishesFor('flaky-sns', 'zh-CN')).toHaveLength(1);
  });

  it("follows an owned case's page up, once per audience and to the same recipients, when it is acknowledged", async () => {
    // Prepare: a red case Ana owns, paged to her (written as the ingest writes it), then acknowledged by Mia.
    sns.on(PublishCommand).resolves({ MessageId: 'm-3' });
    await startPoller();
    const owned = { ...redCase(randomUUID(), 'owned-ack'), owner: 'ana' };
    const paged = {
      ...owned,
      escalation: { ...(owned.escalation as Escalation), recipients: ['ana'] },
    };
    await table.docClient.send(new PutCommand({ TableName: table.tableName, Item: caseToItem(paged) }));
    await until('the page', () => publishesFor('owned-ack').length >= 2);
    const cases = new DynamoDbWorkflowStore(table.docClient, table.tableName);
    const mia: Principal = {
      kind: 'person',
      id: 'sub-mia',
      username: 'mia',
      name: 'Mia',
      roles: ['manager'],
      scope: {},
    };

    // Act
    await acknowledge(paged.caseId, mia, 'on it', { cases, clock: { now: () => new Date() } });
    await until('the follow-ups', () => publishesFor('owned-ack').length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Assess: the page, then one follow-up per audience, each routed exactly as the page was.
    const inputs = publishesFor('owned-ack').map((call) => call.args[0].input);
    expect(inputs.map((input) => input.Subject?.slice(0, 30))).toEqual([
      expect.stringMatching(/^\[RED\] budget risk/),
      expect.stringMatching(/^【红色】预算风险/),
      expect.stringMatching(/^\[RED\] Acknowledged by Mia: /),
      expect.stringMatching(/^【红色】Mia 已确认：/),
    ]);
    for (const input of inputs) {
      expect(input.MessageAttributes?.recipients).toEqual({
        DataType: 'String.Array',
        StringValue: '["ana"]',
      });
      expect(input.MessageAttributes?.owner?.StringValue).toBe('ana');
      expect(input.MessageAttributes?.tier?.StringValue).toBe('1');
    }
    expect(JSON.parse(inputs[2]?.Message ?? '{}').default).toContain(`/cases/${paged.caseId}?lang=en`);
  });
});

const redCase = (caseId: string, campaignId: string) => {
  const event = spendEvent({ campaignId });
  return openCase(
    caseId,
    {
      event,
      assessment: assessment([finding()]),
      riskType: 'budget',
      subject: subjectOf(event),
      now: new Date(),
    },
    testPolicy,
  );
};

describe('Function: notify-escalation', () => {
  const record = (sequence: string, item: Record<string, unknown>): DynamoDBRecord => ({
    eventID: sequence,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: sequence,
      NewImage: marshall(item, { removeUndefinedValues: true }) as NonNullable<
        DynamoDBRecord['dynamodb']
      >['NewImage'],
    },
  });

  it('reports only the record whose publish failed', async () => {
    sns.on(PublishCommand).callsFake((input: { Subject?: string }) => {
      if (input.Subject?.includes('batch-bad')) throw new Error('KMS key disabled');
      return { MessageId: 'ok' };
    });
    const event = {
      Records: [
        record('100', caseToItem(redCase(randomUUID(), 'batch-good-1'))),
        record('101', caseToItem(redCase(randomUUID(), 'batch-bad'))),
        record('102', caseToItem(redCase(randomUUID(), 'batch-good-2'))),
      ],
    };
    const response = await notify(event, context());
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '101' }]);
  });

  it('never publishes twice for a redelivered record', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'once' });
    const event = { Records: [record('200', caseToItem(redCase(randomUUID(), 'redelivered')))] };
    await notify(event, context());
    await notify(event, context());
    expect(audiencesFor('redelivered')).toEqual(['en@UTC', 'zh-CN@Asia/Shanghai']);
  });

  it('sends each audience exactly once when the second audience fails and the record is retried', async () => {
    // Prepare: SNS refuses the Chinese message the first time only.
    let refused = false;
    sns.on(PublishCommand).callsFake((input: PublishCommandInput) => {
      if (!refused && input.MessageAttributes?.lang?.StringValue === 'zh-CN') {
        refused = true;
        throw new Error('Throttling');
      }
      return { MessageId: 'ok' };
    });
    const event = { Records: [record('300', caseToItem(redCase(randomUUID(), 'second-fails')))] };

    // Act: a batch whose every record failed is thrown whole (Powertools), and the stream retries it.
    await expect(notify(event, context())).rejects.toThrow(/All records failed/);
    const retry = await notify(event, context());

    // Assess
    expect(retry.batchItemFailures).toEqual([]);
    expect(audiencesFor('second-fails')).toEqual(['en@UTC', 'zh-CN@Asia/Shanghai', 'zh-CN@Asia/Shanghai']);
    expect(publishesFor('second-fails', 'en')).toHaveLength(1);
  });
});

describe('Class: IdempotentNotifier', () => {
  it('recognises an escalation another function (the redrive) already published: one key prefix for both', async () => {
    // Prepare: Powertools prefixes keys with the function's name unless told otherwise.
    const sent: string[] = [];
    const inner: AudienceNotifier = {
      audiences: [{ lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh' }],
      publish: async () => {},
      publishTo: async (message, audience) => {
        sent.push(`${notificationId(message)} ${audience.lang}`);
      },
    };
    const asFunction = (name: string): IdempotentNotifier => {
      const previous = process.env.AWS_LAMBDA_FUNCTION_NAME;
      process.env.AWS_LAMBDA_FUNCTION_NAME = name;
      try {
        return new IdempotentNotifier(inner, { client: table.client, tableName: table.tableName });
      } finally {
        if (previous === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
        else process.env.AWS_LAMBDA_FUNCTION_NAME = previous;
      }
    };
    const notifyFunction = asFunction('RiskRadarService-NotifyEscalation-A1');
    const redriveFunction = asFunction('RiskRadarService-RedriveEscalations-B2');
    const riskCase = redCase(randomUUID(), 'shared-key');
    const message = { escalation: riskCase.escalation as Escalation, case: riskCase };

    // Act
    await notifyFunction.publish(message);
    await redriveFunction.publish(message);

    // Assess
    expect(sent).toEqual([`${message.escalation.id} vi`]);
  });
});
