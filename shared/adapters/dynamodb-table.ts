import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from './dynamodb-items.ts';

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
}

/** A transaction item's cancellation reason that says another writer got there first: read and retry. */
export const lostRace = (reason: CancellationReason | undefined): boolean =>
  reason?.Code === 'ConditionalCheckFailed' || reason?.Code === 'TransactionConflict';
