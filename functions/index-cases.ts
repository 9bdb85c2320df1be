import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { indexedChangeOf } from '#shared/adapters/search-record.ts';
import { indexBatch } from '#shared/use-cases/index-cases.ts';
import { searchIndex } from './dependencies/search.ts';
import { logger } from './logger.ts';

/**
 * Keeps the search index in line with the case library: reads the table stream's case and review records
 * (its event source mapping lets only those through) and puts or deletes the postings their text gained or
 * lost, each case's records in order and different cases at once. From the first record that fails, the
 * batch is reported in `batchItemFailures`, so the stream delivers it and the records after it again;
 * writing postings twice changes nothing.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const records = event.Records;
    const failed = await indexBatch(records.map(indexedChangeOf), searchIndex(), (change, error) =>
      // The case id is what `npm run reindex -- --cases` needs if the batch ends in IndexFailures.
      logger.error('Postings not written', { caseId: change.caseId, kind: change.kind, error }),
    );
    if (failed === undefined) return { batchItemFailures: [] };
    const sequenceNumber = records[failed]?.dynamodb?.SequenceNumber;
    // Without its sequence number the failed record cannot be named: the whole batch is delivered again.
    if (sequenceNumber === undefined)
      throw new Error('A stream record failed to index and has no sequence number');
    return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
  });
