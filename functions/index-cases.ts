import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { indexedChangeOf } from '#shared/adapters/search-record.ts';
import { indexChange } from '#shared/use-cases/index-cases.ts';
import { searchIndex } from './dependencies/search.ts';
import { logger } from './logger.ts';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const indexRecord = async (record: DynamoDBRecord): Promise<void> => {
  const change = indexedChangeOf(record);
  if (change === undefined) return;
  try {
    const { put, remove } = await indexChange(change, searchIndex());
    logger.debug('Postings written', {
      caseId: change.caseId,
      kind: change.kind,
      put: put.length,
      removed: remove.length,
    });
  } catch (error) {
    // The case id is what `npm run reindex -- --cases` needs if the batch ends in IndexFailures.
    logger.error('Postings not written', { caseId: change.caseId, kind: change.kind, error });
    throw error;
  }
};

/**
 * Keeps the search index in line with the case library: reads the table stream's case and review records
 * (its event source mapping lets only those through) and puts or deletes the postings their text gained or
 * lost. A record that fails is reported in `batchItemFailures`, so the stream retries it and the records
 * after it, in order; writing postings twice changes nothing.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event, context) =>
    processPartialResponse(event, indexRecord, processor, { context, processInParallel: false }),
  );
