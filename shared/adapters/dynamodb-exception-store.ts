import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isUnscoped, type Scope, UNSCOPED } from '#shared/auth/scope.ts';
import { type ClaimException, withExpiryDay } from '#shared/domain/claim-exception.ts';
import type { ExceptionStore, Page, SaveResult } from '#shared/ports.ts';
import { exceptionIndexes, type Item, itemToException, keys } from './dynamodb-items.ts';
import { DynamoDbTable, savedOrStale } from './dynamodb-table.ts';
import { scopedQueryPage } from './query-page.ts';

/** An exception item as the domain reads it: one stored before calendar dates gets its instant's UTC day. */
const toException = (item: Item): ClaimException => withExpiryDay(itemToException(item));

/** Legal's claim exceptions: by brand for the engine (unexpired only), all for the legal screen. */
export class DynamoDbExceptionStore extends DynamoDbTable implements ExceptionStore {
  async forBrand(brand: string, now: Date): Promise<readonly ClaimException[]> {
    const index = exceptionIndexes.brand;
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        // The sort key starts with the expiry, so expired exceptions are outside the range.
        KeyConditionExpression: '#pk = :pk AND #sk > :now',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': index.partition(brand), ':now': now.toISOString() },
      }),
    );
    return (output.Items ?? []).map(toException);
  }

  /**
   * Newest first. A scoped caller reads the partition of each scoped brand (markets as a filter), or,
   * scoped to markets only, each market's, merged newest first.
   */
  listExceptions(limit: number, cursor?: string, scope: Scope = UNSCOPED): Promise<Page<ClaimException>> {
    if (isUnscoped(scope)) {
      const index = exceptionIndexes.all;
      return this.partitionPage(index, index.partition, false, { limit, cursor }, toException);
    }
    return scopedQueryPage(
      this.client,
      {
        tableName: this.tableName,
        scope,
        brand: exceptionIndexes.scopedBrand,
        market: exceptionIndexes.scopedMarket,
        ascending: false,
        keyOf: (id) => keys.exception(id),
      },
      { limit, ...(cursor === undefined ? {} : { cursor }) },
      toException,
    );
  }

  getException(exceptionId: string): Promise<ClaimException | undefined> {
    return this.getItem(keys.exception(exceptionId), toException);
  }

  revoke(exceptionId: string, by: string, at: Date): Promise<SaveResult> {
    return savedOrStale(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.exception(exceptionId),
          UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':by': by },
        }),
      ),
    );
  }
}
