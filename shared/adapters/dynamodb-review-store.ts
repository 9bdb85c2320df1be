import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isUnscoped, UNSCOPED } from '#shared/auth/scope.ts';
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
  reviewScopeIndexes,
  reviewToItem,
} from './dynamodb-items.ts';
import { DynamoDbTable, savedOrStale } from './dynamodb-table.ts';
import { auditPut, versionedPut } from './dynamodb-workflow-store.ts';
import { scopedQueryPage } from './query-page.ts';

/** A review put: a new review must not exist yet; an updated one must still be at the version read. */
export const reviewPut = (tableName: string, review: Review, expectedVersion: number | undefined) =>
  versionedPut(tableName, reviewToItem(review), expectedVersion ?? 'absent');

/** Legal's review queue: oldest first per status; a decision, its audit line and exception in one write. */
export class DynamoDbReviewStore extends DynamoDbTable implements ReviewStore {
  /**
   * The queue of one status, oldest first (or newest first). A scoped caller reads the brand partition of
   * each scoped brand (markets as a filter), or, scoped to markets only, each market's, merged in queue
   * order: a page is as full as the unscoped queue's and never walks other brands' reviews.
   */
  listReviews(query: ReviewQuery): Promise<Page<Review>> {
    const scope = query.scope ?? UNSCOPED;
    if (isUnscoped(scope)) {
      return this.partitionPage(
        reviewQueueIndex,
        reviewQueuePartition(query.status),
        query.newestFirst !== true,
        query,
        itemToReview,
      );
    }
    const { brand, market } = reviewScopeIndexes;
    return scopedQueryPage(
      this.client,
      {
        tableName: this.tableName,
        scope,
        brand: { ...brand, partition: (value) => brand.partition(query.status, value) },
        market: { ...market, partition: (value) => market.partition(query.status, value) },
        ascending: query.newestFirst !== true,
        keyOf: (id) => keys.review(id),
      },
      query,
      itemToReview,
    );
  }

  getReview(reviewId: string): Promise<Review | undefined> {
    return this.getItem(keys.review(reviewId), itemToReview);
  }

  saveDecision(
    next: Review,
    expectedVersion: number,
    audit: AuditEntry,
    exception?: ClaimException,
  ): Promise<SaveResult> {
    return savedOrStale(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            reviewPut(this.tableName, next, expectedVersion),
            auditPut(this.tableName, audit, next.version),
            ...(exception === undefined
              ? []
              : [versionedPut(this.tableName, exceptionToItem(exception), 'absent')]),
          ],
        }),
      ),
    );
  }
}
