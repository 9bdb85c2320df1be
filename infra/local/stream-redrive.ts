import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { reportedFailures } from './batch-item-failures.ts';
import type { DeadLetter } from './dead-letter.ts';
import type { LoadedHandler } from './handler-types.ts';
import { createLambdaContext } from './lambda-context.ts';
import type { LocalLogger } from './logger.ts';

export interface RedriveOptions {
  /** The redrive function (functions/redrive-escalations.ts): an SQS consumer with partial batch responses. */
  readonly handler: LoadedHandler;
  readonly functionName: string;
  readonly region: string;
  /** The queue the messages seem to come from (the StreamFailures queue in AWS). */
  readonly queueArn: string;
  readonly logger: LocalLogger;
}

/** The SQS message that carries one dead letter, as Lambda's SQS event source delivers it. */
const toSqsRecord = (letter: DeadLetter, messageId: string, options: RedriveOptions): SQSRecord => {
  // The records ride along locally for people to read; the on-failure record in AWS has none.
  const { records: _records, ...onFailureRecord } = letter;
  const now = String(Date.now());
  return {
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify(onFailureRecord),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.parse(letter.timestamp) || now),
      SenderId: 'AROA000000000000LOCAL',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  };
};

/**
 * Plays Lambda's SQS event source on the StreamFailures queue: hands every waiting dead letter to the
 * redrive function in one SQS event and returns the letters it could not redrive (its
 * `batchItemFailures`), which wait for the next round. A throw keeps them all.
 *
 * @example const waiting = await redriveDeadLetters(options, await store.list());
 */
export const redriveDeadLetters = async (
  options: RedriveOptions,
  letters: readonly DeadLetter[],
): Promise<DeadLetter[]> => {
  if (letters.length === 0) return [];
  const ids = letters.map(() => randomUUID());
  const event: SQSEvent = {
    Records: letters.map((letter, index) => toSqsRecord(letter, ids[index] ?? '', options)),
  };
  const context = createLambdaContext({
    functionName: options.functionName,
    awsRequestId: randomUUID(),
    timeoutMs: 60_000,
    region: options.region,
  });
  let response: unknown;
  try {
    response = await options.handler(event, context);
  } catch (error) {
    options.logger.error(`${options.functionName} threw; ${letters.length} dead letter(s) wait`, error);
    return [...letters];
  }
  // A failure list that is not a list fails every message.
  const failed = new Set(reportedFailures(response) ?? ids);
  return letters.filter((_letter, index) => failed.has(ids[index] ?? ''));
};
