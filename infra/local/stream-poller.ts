import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type _Record as SdkRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type DeadLetterSink, fileDeadLetterSink } from './dead-letter.ts';
import { consoleLogger, type LocalLogger } from './logger.ts';
import { fileCheckpointStore, memoryCheckpointStore } from './stream-checkpoint.ts';
import { invokeBatch } from './stream-invoke.ts';
import { hasEscalationMarker, toLambdaRecord } from './stream-records.ts';
import { createShardSet, type ShardCursor } from './stream-shards.ts';

/**
 * The stream consumer under functions/ (a middy handler fits). Its `DynamoDBBatchResponse` is read at run
 * time, as Lambda does; anything else counts as "no failures".
 */
export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  /** The table's `LatestStreamArn` (see `ensureTable`). */
  readonly streamArn: string;
  readonly handler: StreamHandler;
  /** Name in the Lambda context and in log lines. */
  readonly functionName?: string;
  readonly region?: string;
  /** Persist positions here so a restart does not re-deliver; in memory when omitted. */
  readonly checkpointFile?: string;
  /** Append batches that exhausted their retries here; defaults to `stream-dead-letter.jsonl` beside the checkpoint. */
  readonly deadLetterFile?: string;
  /** Pause between polls when the stream had nothing new. */
  readonly intervalMs?: number;
  /** Records per invocation; the CDK event source mapping uses the same. */
  readonly batchSize?: number;
  /** Retries of a failing batch before it is dead-lettered. */
  readonly maxRetries?: number;
  /** First retry delay; doubles on each further retry. */
  readonly retryDelayMs?: number;
  /** Which records invoke the handler; the rest are acknowledged (AWS filter criteria). */
  readonly filter?: (record: DynamoDBRecord) => boolean;
  readonly logger?: LocalLogger;
}

export interface StreamPoller {
  /** Lets the batch in flight finish (and be checkpointed), then stops polling. */
  stop(): Promise<void>;
}

const MAX_RETRY_DELAY_MS = 5_000;

/**
 * Plays Lambda's DynamoDB event source mapping for the local stack: reads the table stream with
 * GetRecords, keeps only the records the AWS filter would pass, invokes the handler with batches of real
 * `DynamoDBStreamEvent` records in shard order, honours `batchItemFailures` (the failed record and those
 * after it are retried with backoff, then dead-lettered) and checkpoints each handled batch.
 *
 * @example
 * const poller = await startStreamPoller({ client: new DynamoDBStreamsClient({ endpoint }), streamArn, handler });
 * await poller.stop();
 */
export const startStreamPoller = async (options: StreamPollerOptions): Promise<StreamPoller> => {
  const { client, streamArn, handler } = options;
  const functionName = options.functionName ?? 'notify-escalation';
  const region = options.region ?? 'us-east-1';
  const batchSize = options.batchSize ?? 10;
  const maxRetries = options.maxRetries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const intervalMs = options.intervalMs ?? 250;
  const filter = options.filter ?? hasEscalationMarker;
  const logger = options.logger ?? consoleLogger;
  const checkpoints =
    options.checkpointFile === undefined
      ? memoryCheckpointStore()
      : fileCheckpointStore(options.checkpointFile);
  const deadLetterFile =
    options.deadLetterFile ??
    (options.checkpointFile === undefined
      ? undefined
      : options.checkpointFile.replace(/[^/\\]*$/, 'stream-dead-letter.jsonl'));
  const deadLetter: DeadLetterSink | undefined =
    deadLetterFile === undefined ? undefined : fileDeadLetterSink(deadLetterFile);

  const saved = await checkpoints.load(streamArn);
  const shards = createShardSet(client, saved, logger);
  const invoke = (records: readonly DynamoDBRecord[]) =>
    invokeBatch({ handler, functionName, region, logger }, records);
  const stopSignal = new AbortController();
  const stopping = (): boolean => stopSignal.signal.aborted;

  /** Waits, or returns false at once when stop() is called meanwhile. */
  const pause = async (ms: number): Promise<boolean> => {
    try {
      await sleep(ms, undefined, { signal: stopSignal.signal });
      return true;
    } catch {
      return false;
    }
  };

  const persist = (): Promise<void> => checkpoints.save({ streamArn, shards: shards.positions() });

  const advance = async (shard: ShardCursor, sequenceNumber: string | undefined): Promise<void> => {
    if (sequenceNumber === undefined || sequenceNumber === shard.position.sequenceNumber) return;
    shard.position = { ...shard.position, sequenceNumber };
    await persist();
  };

  /** Delivers one batch with retries; false when stop() interrupted a backoff (nothing checkpointed). */
  const deliver = async (shard: ShardCursor, batch: readonly DynamoDBRecord[]): Promise<boolean> => {
    let pending = batch;
    for (let attempt = 1; ; attempt += 1) {
      const failedIndex = await invoke(pending);
      if (failedIndex === undefined) return true;
      // Records before the first failure were handled: checkpoint them so a retry starts at the failure.
      await advance(shard, pending[failedIndex - 1]?.dynamodb?.SequenceNumber);
      pending = pending.slice(failedIndex);
      if (attempt > maxRetries) {
        await giveUp(shard, pending, attempt);
        return true;
      }
      const delay = Math.min(retryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
      logger.error(
        `${functionName} failed from record ${pending[0]?.dynamodb?.SequenceNumber} (${pending.length} record(s)); retry ${attempt}/${maxRetries} in ${delay} ms`,
      );
      if (!(await pause(delay))) return false;
    }
  };

  const giveUp = async (
    shard: ShardCursor,
    records: readonly DynamoDBRecord[],
    attempts: number,
  ): Promise<void> => {
    const where =
      deadLetterFile === undefined ? 'no dead-letter file configured' : `written to ${deadLetterFile}`;
    logger.error(
      `!!! ${functionName} failed ${attempts} times on ${records.length} stream record(s) from ${records[0]?.dynamodb?.SequenceNumber}; giving up on them (${where})`,
    );
    await deadLetter?.({
      failedAt: new Date().toISOString(),
      streamArn,
      shardId: shard.shardId,
      attempts,
      reason: 'retries exhausted',
      records,
    });
  };

  /** Handles one GetRecords page; false when stopped part-way (the rest is re-read next start). */
  const handlePage = async (shard: ShardCursor, page: readonly SdkRecord[]): Promise<boolean> => {
    const records = page.map((record) => toLambdaRecord(record, { streamArn, region }));
    const wanted = records.filter(filter);
    for (let start = 0; start < wanted.length; start += batchSize) {
      if (stopping()) return false;
      const batch = wanted.slice(start, start + batchSize);
      if (!(await deliver(shard, batch))) return false;
      await advance(shard, batch.at(-1)?.dynamodb?.SequenceNumber);
    }
    // Filtered-out records after the last batch are acknowledged too.
    await advance(shard, records.at(-1)?.dynamodb?.SequenceNumber);
    return true;
  };

  /** Reads one page from a shard; true when it held records (poll again without pausing). */
  const pollShard = async (shard: ShardCursor): Promise<boolean> => {
    shard.iterator ??= await shards.iteratorFor(shard);
    if (shard.iterator === undefined) return false;
    let page: { Records?: SdkRecord[]; NextShardIterator?: string };
    try {
      page = await client.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
        // Iterators live 15 minutes; get a fresh one from the checkpoint on the next poll.
        shard.iterator = undefined;
        return false;
      }
      throw error;
    }
    const records = page.Records ?? [];
    if (!(await handlePage(shard, records))) return false;
    shard.iterator = page.NextShardIterator;
    if (shard.iterator === undefined) {
      // A closed shard read to the end: its children may start.
      shard.position = { ...shard.position, finished: true };
      await persist();
    }
    return records.length > 0;
  };

  let lastError = '';
  const loop = async (): Promise<void> => {
    while (!stopping()) {
      let busy = false;
      try {
        await shards.refresh();
        for (const shard of shards.ready()) {
          if (stopping()) break;
          busy = (await pollShard(shard)) || busy;
        }
        lastError = '';
      } catch (error) {
        // Keep polling (DynamoDB Local restarting, a transient error), but say so once, not every poll.
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastError) logger.error(`Stream poller: ${message}`, error);
        lastError = message;
      }
      if (!busy) await pause(intervalMs);
    }
  };

  const running = loop();
  return {
    stop: async () => {
      stopSignal.abort();
      await running;
    },
  };
};
