import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { notificationsFromRecord } from '#shared/adapters/escalation-record.ts';
import { PRODUCT_METRICS } from '#shared/metrics.ts';
import { isFollowUp } from '#shared/ports.ts';
import { notifier } from './dependencies/notifier.ts';
import { logger } from './logger.ts';
import { countBy } from './metrics.ts';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const publishNotifications = async (record: DynamoDBRecord): Promise<void> => {
  for (const message of notificationsFromRecord(record)) {
    await notifier().publish(message);
    if (isFollowUp(message)) {
      logger.info('Follow-up published', { followUpId: message.followUp.id, caseId: message.case.caseId });
      continue;
    }
    countBy(PRODUCT_METRICS.escalations, [message.escalation], (escalation) => ({
      tier: String(escalation.tier),
    }));
    logger.info('Escalation published', { escalationId: message.escalation.id, caseId: message.case.caseId });
  }
};

/**
 * Reads the table stream (the outbox) and publishes each new escalation marker to SNS, and each new
 * follow-up marker (a case that paged people was acknowledged or resolved) to the same people. A record whose
 * publish fails is reported in `batchItemFailures`, so the stream retries it and later records; records
 * are processed in order so a retry starts where the failure was.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event, context) => {
    notifier().registerContext(context);
    return processPartialResponse(event, publishNotifications, processor, {
      context,
      processInParallel: false,
    });
  });
