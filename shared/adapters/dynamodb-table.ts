import {
  type CancellationReason,
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, SaveResult } from '#shared/ports.ts';
import type { Item } from './dynamodb-items.ts';
import { type PageRequest, queryPage } from './query-page.ts';

/**
 * What every adapter of the single table shares: the document client, the table's name, and a strongly
 * consistent read of one item mapped to its entity.
 */
export abstract class DynamoDbTable {
  protected readonly client: DynamoDBDocumentClient;
  protected readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  /**
   * The item under `key`, mapped, or `undefined` when there is none; strongly consistent unless a screen
   * that reads many items can do with a slightly older one (`consistent: false`).
   */
  protected async getItem<T>(
    key: { pk: string; sk: string },
    map: (item: Item) => T,
    consistent = true,
  ): Promise<T | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }),
    );
    return item === undefined ? undefined : map(item);
  }

  /** One page of an index partition, in sort-key order (`oldestFirst`) or the reverse. */
  protected partitionPage<T>(
    index: { readonly indexName: string; readonly partitionKey: string },
    partition: string,
    oldestFirst: boolean,
    page: PageRequest,
    map: (item: Item) => T,
  ): Promise<Page<T>> {
    return queryPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: oldestFirst,
      },
      index.partitionKey,
      page,
      map,
    );
  }
}

/** A transaction item's cancellation reason that says another writer got there first: read and retry. */
export const lostRace = (reason: CancellationReason | undefined): boolean =>
  reason?.Code === 'ConditionalCheckFailed' || reason?.Code === 'TransactionConflict';

/**
 * A conditional write's outcome: `'saved'`, or `'stale'` when its condition failed or, for a transaction,
 * another writer got there first (the caller reads again and retries, or answers 409). Faults rethrow.
 */
export const savedOrStale = async (write: Promise<unknown>): Promise<SaveResult> => {
  try {
    await write;
    return 'saved';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'stale';
    if (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some(lostRace))
      return 'stale';
    throw error;
  }
};
