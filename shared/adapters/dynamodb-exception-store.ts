import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import type { ExceptionStore, Page, SaveResult } from '#shared/ports.ts';
import { exceptionIndexes, itemToException, keys } from './dynamodb-items.ts';
import { queryPage } from './query-page.ts';

/** Legal's claim exceptions: by brand for the engine (unexpired only), all for the legal screen. */
export class DynamoDbExceptionStore implements ExceptionStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async forBrand(brand: string, now: Date): Promise<readonly ClaimException[]> {
    const index = exceptionIndexes.brand;
    const output = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: index.indexName,
        // The sort key starts with the expiry, so expired exceptions are outside the range.
        KeyConditionExpression: '#pk = :pk AND #sk > :now',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': index.partition(brand), ':now': now.toISOString() },
      }),
    );
    return (output.Items ?? []).map(itemToException);
  }

  async listExceptions(limit: number, cursor?: string): Promise<Page<ClaimException>> {
    const index = exceptionIndexes.all;
    return queryPage(
      this.#client,
      {
        TableName: this.#tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': index.partition },
        ScanIndexForward: false,
      },
      index.partitionKey,
      { limit, cursor },
      itemToException,
    );
  }

  async getException(exceptionId: string): Promise<ClaimException | undefined> {
    const { Item: item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.exception(exceptionId), ConsistentRead: true }),
    );
    return item === undefined ? undefined : itemToException(item);
  }

  async revoke(exceptionId: string, by: string, at: Date): Promise<SaveResult> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: keys.exception(exceptionId),
          UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':by': by },
        }),
      );
      return 'saved';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'stale';
      throw error;
    }
  }
}
