import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseStreamFailure } from '#shared/adapters/escalation-stream.ts';
import { redriveBatch } from '#shared/use-cases/redrive-escalations.ts';
import { notifier } from './dependencies/notifier.ts';
import { streamEscalations } from './dependencies/stream.ts';
import { logger } from './logger.ts';

const processor = new BatchProcessor(EventType.SQS);

const redriveMessage = async (record: SQSRecord): Promise<void> => {
  const batch = parseStreamFailure(record.body);
  const notificationIds = await redriveBatch({ batches: streamEscalations(), notifier: notifier() }, batch);
  logger.info('Failed stream batch redriven', { ...batch, notificationIds });
};

/**
 * The redrive of the table-stream outbox: reads the StreamFailures queue (the notify function's on-failure
 * destination, whose messages name a failed batch by its shard and sequence numbers), reads those records
 * back from the stream and publishes their escalations and follow-ups through the same idempotent notifier,
 * so one published before is not sent twice. A message whose publish fails again (SNS still down) is
 * reported in `batchItemFailures` and comes back after the queue's visibility timeout.
 */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event, context) => {
    notifier().registerContext(context);
    return processPartialResponse(event, redriveMessage, processor, { context });
  });
