import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type _Record as SdkRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { STREAM_SETTINGS } from '#infra/catalog.ts';
import { type BackoffPolicy, backoffDelay } from '#shared/backoff.ts';
import {
  type DeadLetter,
  type DeadLetterStore,
  fileDeadLetterStore,
  memoryDeadLetterStore,
} from './dead-letter.ts';
import type { LoadedHandler, StreamHandler } from './handler-types.ts';
import { consoleLogger, type LocalLogger } from './logger.ts';
import { fileCheckpointStore, memoryCheckpointStore } from './stream-checkpoint.ts';
import { invokeBatch } from './stream-invoke.ts';
import { passesStreamFilter, toLambdaRecord } from './stream-records.ts';
import { redriveDeadLetters } from './stream-redrive.ts';
import { createShardSet, type ShardCursor } from './stream-shards.ts';

/**
 * The stream consumer under functions/ (a middy handler fits). Its `DynamoDBBatchResponse` is read at run
 * time, as Lambda does; anything else counts as "no failures".
 */

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
  /**
   * Append batches that exhausted their retries here; defaults to `stream-dead-letter.jsonl` beside the
   * checkpoint, or memory without one.
   */
  readonly deadLetterFile?: string;
  /** Pause between polls when the stream had nothing new. */
  readonly intervalMs?: number;
  /** Records per invocation. @default STREAM_SETTINGS.batchSize (as the CDK event source mapping) */
  readonly batchSize?: number;
  /** Retries of a failing batch before it is dead-lettered. @default STREAM_SETTINGS.retryAttempts */
  readonly maxRetries?: number;
  /** The pause before each retry (full jitter). @default STREAM_SETTINGS.retryBackoff */
  readonly retryBackoff?: BackoffPolicy;
  /** A record older than this is dead-lettered without a retry. @default STREAM_SETTINGS.maxRecordAgeSeconds */
  readonly maxRecordAgeSeconds?: number;
  /** Which records invoke the handler; the rest are acknowledged. @default STREAM_SETTINGS.filter */
  readonly filter?: (record: DynamoDBRecord) => boolean;
  /**
   * The redrive function (functions/redrive-escalations.ts), handed the dead letters every
   * `redriveIntervalMs` as Lambda's SQS event source hands it the StreamFailures queue in AWS. Without
   * one, dead letters only wait in the file.
   */
  readonly redrive?: {
    readonly handler: LoadedHandler;
    readonly functionName?: string;
    /** @default STREAM_SETTINGS.redriveIntervalSeconds */
    readonly intervalMs?: number;
  };
  /** In [0, 1): the jitter of retry delays. @default Math.random */
  readonly random?: () => number;
  readonly logger?: LocalLogger;
}

export interface StreamPoller {
  /** Lets the batch in flight finish (and be checkpointed), then stops polling. */
  stop(): Promise<void>;
  /**
   * Resolves once a poll that started after the call found nothing new on any shard: every record written
   * before the call has been handled (or dead-lettered). Benchmarks wait for it so that one phase's
   * backlog does not slow the next; resolves at once after stop().
   */
  idle(): Promise<void>;
  /**
   * Starts no poll until the returned release is called (a poll in progress finishes): a benchmark holds
   * the consumers while it measures a phase, as in AWS they run beside the API, not on its CPU.
   */
  hold(): () => void;
}

/**
 * Plays Lambda's DynamoDB event source mapping for the local stack, with the settings of the AWS one
 * (infra/catalog.ts STREAM_SETTINGS): reads the table stream with GetRecords, keeps only the records the
 * AWS filter passes, invokes the handler with batches of real `DynamoDBStreamEvent` records in shard
 * order, honours `batchItemFailures` (the failed record and those after it are retried with backoff,
 * then dead-lettered in the shape of the on-failure destination's record) and checkpoints each handled
 * batch. Dead letters are handed to the redrive function on its interval until it has sent them, as the
 * StreamFailures queue feeds it in AWS: a batch given up on during an SNS outage is published once SNS
 * is back.
 *
 * @example
 * const poller = await startStreamPoller({ client: new DynamoDBStreamsClient({ endpoint }), streamArn, handler });
 * await poller.stop();
 */
export const startStreamPoller = async (options: StreamPollerOptions): Promise<StreamPoller> => {
  const { client, streamArn, handler } = options;
  const functionName = options.functionName ?? 'notify-escalation';
  const region = options.region ?? 'us-east-1';
  const batchSize = options.batchSize ?? STREAM_SETTINGS.batchSize;
  const maxRetries = options.maxRetries ?? STREAM_SETTINGS.retryAttempts;
  const retryBackoff = options.retryBackoff ?? STREAM_SETTINGS.retryBackoff;
  const maxRecordAgeSeconds = options.maxRecordAgeSeconds ?? STREAM_SETTINGS.maxRecordAgeSeconds;
  const intervalMs = options.intervalMs ?? 250;
  const filter = options.filter ?? passesStreamFilter(STREAM_SETTINGS.filter);
  const random = options.random ?? Math.random;
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
  const deadLetters: DeadLetterStore =
    deadLetterFile === undefined ? memoryDeadLetterStore() : fileDeadLetterStore(deadLetterFile);
  const redriveEveryMs = options.redrive?.intervalMs ?? STREAM_SETTINGS.redriveIntervalSeconds * 1000;
  const functionArn = `arn:aws:lambda:${region}:000000000000:function:${functionName}`;

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

  /** Seconds since the oldest record of a batch entered the stream. */
  const ageSeconds = (records: readonly DynamoDBRecord[]): number => {
    const created = records[0]?.dynamodb?.ApproximateCreationDateTime;
    return created === undefined ? 0 : Date.now() / 1000 - created;
  };

  /** Delivers one batch with retries; false when stop() interrupted a backoff (nothing checkpointed). */
  const deliver = async (shard: ShardCursor, batch: readonly DynamoDBRecord[]): Promise<boolean> => {
    let pending = batch;
    for (let attempt = 1; ; attempt += 1) {
      if (ageSeconds(pending) > maxRecordAgeSeconds) {
        await giveUp(shard, pending, attempt - 1, 'RecordAgeExceeded');
        return true;
      }
      const failedIndex = await invoke(pending);
      if (failedIndex === undefined) return true;
      // Records before the first failure were handled: checkpoint them so a retry starts at the failure.
      await advance(shard, pending[failedIndex - 1]?.dynamodb?.SequenceNumber);
      pending = pending.slice(failedIndex);
      if (attempt > maxRetries) {
        await giveUp(shard, pending, attempt, 'RetryAttemptsExhausted');
        return true;
      }
      const delay = backoffDelay(retryBackoff, attempt, random());
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
    condition: DeadLetter['requestContext']['condition'],
  ): Promise<void> => {
    const first = records[0]?.dynamodb?.SequenceNumber ?? '';
    const redrive =
      options.redrive === undefined
        ? 'no redrive function configured'
        : `redriven every ${redriveEveryMs} ms`;
    await deadLetters.add({
      requestContext: {
        requestId: crypto.randomUUID(),
        functionArn,
        condition,
        approximateInvokeCount: attempts,
      },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId: shard.shardId,
        startSequenceNumber: first,
        endSequenceNumber: records.at(-1)?.dynamodb?.SequenceNumber ?? first,
        batchSize: records.length,
        streamArn,
      },
      records,
    });
    logger.error(
      `!!! ${functionName} failed ${attempts} time(s) on ${records.length} stream record(s) from ${first} (${condition}); dead-lettered to ${deadLetters.location}, ${redrive}`,
    );
  };

  // Zero: letters left by a previous run are tried at once.
  let lastRedrive = 0;
  /** Hands the dead letters to the redrive function when its interval is up; keeps those it could not send. */
  const redriveWhenDue = async (): Promise<void> => {
    if (options.redrive === undefined || Date.now() - lastRedrive < redriveEveryMs) return;
    lastRedrive = Date.now();
    const waiting = await deadLetters.list();
    if (waiting.length === 0) return;
    const remaining = await redriveDeadLetters(
      {
        handler: options.redrive.handler,
        functionName: options.redrive.functionName ?? 'redrive-escalations',
        region,
        queueArn: `arn:aws:sqs:${region}:000000000000:stream-failures`,
        logger,
      },
      waiting,
    );
    const sent = new Set(waiting.filter((letter) => !remaining.includes(letter)));
    if (sent.size === 0) {
      logger.error(`Redrive: ${waiting.length} dead letter(s) still wait in ${deadLetters.location}`);
      return;
    }
    // Letters added while the redrive ran stay: only those it sent are removed.
    const now = await deadLetters.list();
    const sentIds = new Set([...sent].map((letter) => letter.requestContext.requestId));
    await deadLetters.replace(now.filter((letter) => !sentIds.has(letter.requestContext.requestId)));
    logger.info(`Redrive: ${sent.size} dead letter(s) sent; ${remaining.length} still wait`);
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
  /** Polls started so far, and who waits for an idle one that started after they asked. */
  let polls = 0;
  let idleWaiters: { readonly after: number; readonly resolve: () => void }[] = [];
  const wakeIdle = (poll: number): void => {
    const due = idleWaiters.filter((waiter) => waiter.after < poll);
    idleWaiters = idleWaiters.filter((waiter) => waiter.after >= poll);
    for (const waiter of due) waiter.resolve();
  };
  /** Holds not released yet (`hold`): while there is one, no poll starts. */
  const holds = new Set<PromiseWithResolvers<void>>();
  const stopped = new Promise<void>((resolve) =>
    stopSignal.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  const loop = async (): Promise<void> => {
    while (!stopping()) {
      if (holds.size > 0) {
        await Promise.race([...[...holds].map((hold) => hold.promise), stopped]);
        continue;
      }
      const poll = ++polls;
      let busy = false;
      try {
        await shards.refresh();
        for (const shard of shards.ready()) {
          if (stopping()) break;
          busy = (await pollShard(shard)) || busy;
        }
        await redriveWhenDue();
        lastError = '';
      } catch (error) {
        // Keep polling (DynamoDB Local restarting, a transient error), but say so once, not every poll.
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastError) logger.error(`Stream poller: ${message}`, error);
        lastError = message;
      }
      if (!busy && lastError === '') wakeIdle(poll);
      if (!busy) await pause(intervalMs);
    }
    wakeIdle(Number.POSITIVE_INFINITY);
  };

  const running = loop();
  return {
    stop: async () => {
      stopSignal.abort();
      await running;
    },
    idle: () =>
      stopping()
        ? Promise.resolve()
        : new Promise<void>((resolve) => idleWaiters.push({ after: polls, resolve })),
    hold: () => {
      const hold = Promise.withResolvers<void>();
      holds.add(hold);
      return () => {
        holds.delete(hold);
        hold.resolve();
      };
    },
  };
};
