import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { STREAM_SETTINGS } from '#infra/catalog.ts';
import { fileCheckpointStore } from '#infra/local/stream-checkpoint.ts';
import {
  type StreamPoller,
  type StreamPollerOptions,
  startStreamPoller,
} from '#infra/local/stream-poller.ts';
import { ESCALATION_ATTRIBUTE } from '#shared/table.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';
import { recordingLogger, recordingStreamHandler } from '../support/fake-handlers.ts';

const WAIT = { timeout: 15_000, interval: 50 };

let table: TestTable;
let directory: string;
const pollers: StreamPoller[] = [];

/** A fresh table per test: each test reads its stream from the beginning. */
beforeEach(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'poller');
  directory = await mkdtemp(join(tmpdir(), 'radar-poller-'));
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
  table.destroy();
  await rm(directory, { recursive: true, force: true });
});

const start = async (options: Pick<StreamPollerOptions, 'handler'> & Partial<StreamPollerOptions>) => {
  const log = recordingLogger();
  const poller = await startStreamPoller({
    client: table.streamsClient,
    streamArn: table.streamArn,
    intervalMs: 50,
    retryBackoff: { baseMs: 20, maxMs: 100 },
    logger: log.logger,
    ...options,
  });
  pollers.push(poller);
  return { poller, log };
};

const putCase = (id: string, escalated: boolean) =>
  table.docClient.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: `CASE#${id}`,
        sk: 'CASE',
        entity: 'case',
        ...(escalated ? { [ESCALATION_ATTRIBUTE]: { id: `esc-${id}`, level: 'red' } } : {}),
      },
    }),
  );

const pkOf = (record: DynamoDBRecord): string | undefined => record.dynamodb?.Keys?.pk?.S;

describe('Function: startStreamPoller', () => {
  it('delivers an escalated item as the DynamoDBStreamEvent record Lambda would', async () => {
    // Prepare
    const notify = recordingStreamHandler();
    await start({ handler: notify.handler, region: 'eu-west-1' });

    // Act
    await table.docClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: 'CASE#1',
          sk: 'CASE',
          entity: 'case',
          count: 2,
          blob: new Uint8Array([1, 2, 3]),
          [ESCALATION_ATTRIBUTE]: { id: 'esc-1', level: 'red' },
        },
      }),
    );

    // Assess
    await vi.waitFor(() => expect(notify.records()).toHaveLength(1), WAIT);
    const [record] = notify.records();
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      eventSourceARN: table.streamArn,
      dynamodb: {
        Keys: { pk: { S: 'CASE#1' }, sk: { S: 'CASE' } },
        NewImage: {
          count: { N: '2' },
          blob: { B: 'AQID' },
          [ESCALATION_ATTRIBUTE]: { M: { id: { S: 'esc-1' }, level: { S: 'red' } } },
        },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(record?.eventID).toEqual(expect.any(String));
    expect(record?.dynamodb?.SequenceNumber).toMatch(/^\d+$/);
    expect(record?.dynamodb?.SizeBytes).toBeGreaterThan(0);
    const created = record?.dynamodb?.ApproximateCreationDateTime ?? 0;
    expect(Number.isInteger(created)).toBe(true);
    expect(Math.abs(created - Date.now() / 1000)).toBeLessThan(120);
  });

  it('sends the old image along with the new one when an item is updated', async () => {
    // Prepare
    const notify = recordingStreamHandler();
    await putCase('1', true);
    await table.docClient.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: 'CASE#1', sk: 'CASE' },
        UpdateExpression: 'SET #e.#level = :level',
        ExpressionAttributeNames: { '#e': ESCALATION_ATTRIBUTE, '#level': 'level' },
        ExpressionAttributeValues: { ':level': 'yellow' },
      }),
    );

    // Act
    await start({ handler: notify.handler });

    // Assess
    await vi.waitFor(() => expect(notify.records()).toHaveLength(2), WAIT);
    const modify = notify.records()[1];
    expect(modify?.eventName).toBe('MODIFY');
    expect(modify?.dynamodb?.OldImage?.[ESCALATION_ATTRIBUTE]?.M?.level?.S).toBe('red');
    expect(modify?.dynamodb?.NewImage?.[ESCALATION_ATTRIBUTE]?.M?.level?.S).toBe('yellow');
  });

  it('acknowledges items without an escalation marker without invoking the handler', async () => {
    // Prepare
    const notify = recordingStreamHandler();
    await start({ handler: notify.handler });

    // Act
    await putCase('quiet', false);
    await putCase('loud', true);

    // Assess: the later, escalated item arrived, so the earlier one was read and filtered out.
    await vi.waitFor(() => expect(notify.records().map(pkOf)).toContain('CASE#loud'), WAIT);
    expect(notify.records().map(pkOf)).toEqual(['CASE#loud']);
  });

  it('lets through only what the AWS filter pattern does: a marker without an id string is acknowledged', async () => {
    // Prepare
    const notify = recordingStreamHandler();
    await start({ handler: notify.handler });

    // Act: a marker map without the `id` leaf the catalog's pattern names, then a complete one.
    await table.docClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: 'CASE#no-id', sk: 'CASE', entity: 'case', [ESCALATION_ATTRIBUTE]: { level: 'red' } },
      }),
    );
    await putCase('with-id', true);

    // Assess
    await vi.waitFor(() => expect(notify.records().map(pkOf)).toContain('CASE#with-id'), WAIT);
    expect(notify.records().map(pkOf)).toEqual(['CASE#with-id']);
  });

  it("retries a failing batch as often as the AWS event source mapping (the catalog's retryAttempts)", async () => {
    // Prepare
    await putCase('down', true);
    const deadLetterFile = join(directory, 'dead-letter.jsonl');
    const notify = recordingStreamHandler((event) => ({
      batchItemFailures: event.Records.map((record) => ({
        itemIdentifier: record.dynamodb?.SequenceNumber ?? '',
      })),
    }));

    // Act
    await start({ handler: notify.handler, deadLetterFile });

    // Assess
    await vi.waitFor(async () => expect(await readFile(deadLetterFile, 'utf8')).toContain('CASE#down'), WAIT);
    expect(notify.events).toHaveLength(STREAM_SETTINGS.retryAttempts + 1);
  });

  it('hands dead letters to the redrive function until it has sent them, then forgets them', async () => {
    // Prepare: SNS "down" for the notify handler; the redrive fails once, then succeeds.
    await putCase('later', true);
    const deadLetterFile = join(directory, 'dead-letter.jsonl');
    const notify = recordingStreamHandler((event) => ({
      batchItemFailures: event.Records.map((record) => ({
        itemIdentifier: record.dynamodb?.SequenceNumber ?? '',
      })),
    }));
    const redriven: SQSEvent[] = [];
    const redrive = async (event: unknown) => {
      const sqs = event as SQSEvent;
      redriven.push(sqs);
      return {
        batchItemFailures:
          redriven.length === 1 ? sqs.Records.map((record) => ({ itemIdentifier: record.messageId })) : [],
      };
    };

    // Act
    await start({
      handler: notify.handler,
      deadLetterFile,
      maxRetries: 1,
      redrive: { handler: redrive, intervalMs: 50 },
    });

    // Assess: the SQS message is the on-failure record; the file is empty once the redrive succeeded.
    await vi.waitFor(() => expect(redriven.length).toBeGreaterThanOrEqual(2), WAIT);
    await vi.waitFor(async () => expect((await readFile(deadLetterFile, 'utf8')).trim()).toBe(''), WAIT);
    const body = JSON.parse(redriven[1]?.Records[0]?.body ?? '{}');
    expect(body).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted' },
      DDBStreamBatchInfo: { streamArn: table.streamArn, batchSize: 1 },
    });
    expect(body.records).toBeUndefined();
  });

  it('invokes the handler with batches of at most 10 records, in stream order', async () => {
    // Prepare
    const notify = recordingStreamHandler();
    const ids = Array.from({ length: 25 }, (_, index) => String(index).padStart(2, '0'));
    for (const id of ids) await putCase(id, true);

    // Act
    await start({ handler: notify.handler });

    // Assess
    await vi.waitFor(() => expect(notify.records()).toHaveLength(25), WAIT);
    expect(notify.events.map((event) => event.Records.length)).toEqual([10, 10, 5]);
    expect(notify.records().map(pkOf)).toEqual(ids.map((id) => `CASE#${id}`));
  });

  it('retries from the first record reported in batchItemFailures until it succeeds', async () => {
    // Prepare: three records in one batch; the second fails once.
    for (const id of ['a', 'b', 'c']) await putCase(id, true);
    const notify = recordingStreamHandler((event, call) => {
      const failed = event.Records.find((record) => pkOf(record) === 'CASE#b');
      return call === 1 && failed !== undefined
        ? { batchItemFailures: [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }] }
        : { batchItemFailures: [] };
    });

    // Act
    await start({ handler: notify.handler });

    // Assess
    await vi.waitFor(() => expect(notify.events).toHaveLength(2), WAIT);
    expect(notify.events.map((event) => event.Records.map(pkOf))).toEqual([
      ['CASE#a', 'CASE#b', 'CASE#c'],
      ['CASE#b', 'CASE#c'],
    ]);
  });

  it('retries the whole batch when the handler throws', async () => {
    // Prepare
    await putCase('a', true);
    const notify = recordingStreamHandler((_event, call) => {
      if (call === 1) throw new Error('SNS is down');
      return { batchItemFailures: [] };
    });

    // Act
    const { log } = await start({ handler: notify.handler });

    // Assess
    await vi.waitFor(() => expect(notify.events).toHaveLength(2), WAIT);
    expect(notify.events[1]?.Records.map(pkOf)).toEqual(['CASE#a']);
    expect(log.errors.some((error) => error.message.includes('threw'))).toBe(true);
  });

  it('dead-letters a batch that keeps failing, then moves on to later records', async () => {
    // Prepare
    await putCase('poison', true);
    const deadLetterFile = join(directory, 'dead-letter.jsonl');
    const notify = recordingStreamHandler((event) => ({
      batchItemFailures: event.Records.filter((record) => pkOf(record) === 'CASE#poison').map((record) => ({
        itemIdentifier: record.dynamodb?.SequenceNumber ?? '',
      })),
    }));
    const { log } = await start({ handler: notify.handler, maxRetries: 2, deadLetterFile });

    // Act
    await vi.waitFor(() => expect(notify.events).toHaveLength(3), WAIT);
    await putCase('next', true);

    // Assess
    await vi.waitFor(() => expect(notify.records().map(pkOf)).toContain('CASE#next'), WAIT);
    const letters = (await readFile(deadLetterFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      DDBStreamBatchInfo: { streamArn: table.streamArn, batchSize: 1 },
    });
    expect(letters[0].DDBStreamBatchInfo.startSequenceNumber).toBe(
      letters[0].records[0].dynamodb.SequenceNumber,
    );
    expect(letters[0].records.map(pkOf)).toEqual(['CASE#poison']);
    expect(log.errors.some((error) => error.message.startsWith('!!!'))).toBe(true);
  });

  it('does not re-deliver after a restart with the same checkpoint file', async () => {
    // Prepare
    const checkpointFile = join(directory, 'checkpoint.json');
    const first = recordingStreamHandler();
    const { poller } = await start({ handler: first.handler, checkpointFile });
    await putCase('before', true);
    await vi.waitFor(() => expect(first.records()).toHaveLength(1), WAIT);
    await poller.stop();

    // Act
    const second = recordingStreamHandler();
    await start({ handler: second.handler, checkpointFile });
    await putCase('after', true);

    // Assess
    await vi.waitFor(() => expect(second.records().map(pkOf)).toContain('CASE#after'), WAIT);
    expect(second.records().map(pkOf)).toEqual(['CASE#after']);
  });

  it('lets the batch in flight finish and checkpoints it before stop() resolves', async () => {
    // Prepare
    const checkpointFile = join(directory, 'checkpoint.json');
    let release: () => void = () => {};
    const entered = Promise.withResolvers<void>();
    const notify = recordingStreamHandler(async () => {
      entered.resolve();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { batchItemFailures: [] };
    });
    const { poller } = await start({ handler: notify.handler, checkpointFile });
    await putCase('slow', true);
    await entered.promise;

    // Act
    let stopped = false;
    const stopping = poller.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stoppedWhileInFlight = stopped;
    release();
    await stopping;

    // Assess
    expect(stoppedWhileInFlight).toBe(false);
    const checkpoint = await fileCheckpointStore(checkpointFile).load(table.streamArn);
    const positions = Object.values(checkpoint.shards).map((shard) => shard.sequenceNumber);
    expect(positions).toContain(notify.records()[0]?.dynamodb?.SequenceNumber);
  });
  it('idle() resolves only once every record written before the call has been handled', async () => {
    // Prepare: 25 records (three batches), each batch handled slowly.
    let handled = 0;
    const notify = recordingStreamHandler(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      handled += event.Records.length;
      return { batchItemFailures: [] };
    });
    const { poller } = await start({ handler: notify.handler });
    for (const id of Array.from({ length: 25 }, (_, index) => `idle-${index}`)) await putCase(id, true);

    // Act
    await poller.idle();

    // Assess
    expect(handled).toBe(25);
  });
  it('hold() starts no poll until released, then delivers what was written meanwhile', async () => {
    // Prepare
    const notify = recordingStreamHandler();
    const { poller } = await start({ handler: notify.handler });
    await poller.idle();
    const release = poller.hold();

    // Act
    await putCase('held', true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const whileHeld = notify.records().length;
    release();
    await poller.idle();

    // Assess
    expect(whileHeld).toBe(0);
    expect(notify.records().map(pkOf)).toEqual(['CASE#held']);
  });
});
