import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '#shared/domain/case.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import type { Review } from '#shared/domain/review.ts';
import type { Page, ReviewQuery, ReviewStore, SaveResult } from '#shared/ports.ts';
import {
  exceptionToItem,
  itemToReview,
  keys,
  reviewQueueIndex,
  reviewQueuePartition,
  reviewToItem,
} from './dynamodb-items.ts';
import { DynamoDbTable } from './dynamodb-table.ts';
import { auditPut, isStale } from './dynamodb-workflow-store.ts';
import { queryPage } from './query-page.ts';

/** Legal's review queue: oldest first per status; a decision, its audit line and exception in one write. */
export class DynamoDbReviewStore extends DynamoDbTable implements ReviewStore {
  async listReviews(query: ReviewQuery): Promise<Page<Review>> {
    return queryPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: reviewQueueIndex.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': reviewQueueIndex.partitionKey },
        ExpressionAttributeValues: { ':pk': reviewQueuePartition(query.status) },
        ScanIndexForward: true,
      },
      reviewQueueIndex.partitionKey,
      query,
      itemToReview,
    );
  }

  getReview(reviewId: string): Promise<Review | undefined> {
    return this.getItem(keys.review(reviewId), itemToReview);
  }

  async saveDecision(
    next: Review,
    expectedVersion: number,
    audit: AuditEntry,
    exception?: ClaimException,
  ): Promise<SaveResult> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: reviewToItem(next),
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            auditPut(this.tableName, audit, next.version),
            ...(exception === undefined
              ? []
              : [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: exceptionToItem(exception),
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]),
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      if (isStale(error)) return 'stale';
      throw error;
    }
  }
}
