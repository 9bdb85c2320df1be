import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Baseline } from '#shared/domain/baselines.ts';
import type { BaselineStore, SaveResult } from '#shared/ports.ts';
import { batchGetItems } from './dynamodb-batch-get.ts';
import { keys } from './dynamodb-items.ts';

/**
 * Each subject's baseline (CPA per campaign × channel, negative share per brand × product × channel) as one
 * item. Writes are conditional on the observation count read, which only ever grows, so two concurrent
 * updates cannot both fold into the same previous value.
 */
export class DynamoDbBaselineStore implements BaselineStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async get(key: string): Promise<unknown> {
    const { Item: item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.baseline(key), ConsistentRead: true }),
    );
    return item?.baseline;
  }

  async getMany(baselineKeys: readonly string[]): Promise<ReadonlyMap<string, unknown>> {
    const wanted = new Map(baselineKeys.map((key) => [keys.baseline(key).pk, key]));
    const items = await batchGetItems(this.#client, this.#tableName, baselineKeys.map(keys.baseline));
    const found = new Map<string, unknown>();
    for (const item of items) {
      const key = wanted.get(String(item.pk));
      if (key !== undefined && item.baseline !== undefined) found.set(key, item.baseline);
    }
    return found;
  }

  async put(key: string, next: Baseline, expected: number | 'absent' | 'unusable'): Promise<SaveResult> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...keys.baseline(key), entity: 'baseline', baseline: next },
          ...(expected === 'absent' ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
          ...(typeof expected === 'number'
            ? {
                ConditionExpression: 'baseline.observations = :previous',
                ExpressionAttributeValues: { ':previous': expected },
              }
            : {}),
        }),
      );
      return 'saved';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'stale';
      throw error;
    }
  }
}
