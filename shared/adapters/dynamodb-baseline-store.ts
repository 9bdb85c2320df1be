import type { BaselineLearning, BaselineStore } from '#shared/ports.ts';
import { batchGetItems } from './dynamodb-batch-get.ts';
import { keys } from './dynamodb-items.ts';
import { DynamoDbTable } from './dynamodb-table.ts';

/**
 * The put of a subject's next baseline, conditional on the observation count read, which only ever grows,
 * so two concurrent updates cannot both fold into the same previous value. It rides in the transaction of
 * the event that taught it (DynamoDbEventStore.write).
 */
export const baselinePut = (tableName: string, learning: BaselineLearning) => ({
  TableName: tableName,
  Item: { ...keys.baseline(learning.key), entity: 'baseline', baseline: learning.next },
  ...(learning.expected === 'absent' ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
  ...(typeof learning.expected === 'number'
    ? {
        ConditionExpression: 'baseline.observations = :previous',
        ExpressionAttributeValues: { ':previous': learning.expected },
      }
    : {}),
});

/**
 * Each subject's baseline (CPA per campaign × channel, negative share per brand × product × channel) as one
 * item, read in bulk before judging; written with events (see {@link baselinePut}).
 */
export class DynamoDbBaselineStore extends DynamoDbTable implements BaselineStore {
  get(key: string): Promise<unknown> {
    return this.getItem(keys.baseline(key), (item) => item.baseline);
  }

  async getMany(baselineKeys: readonly string[]): Promise<ReadonlyMap<string, unknown>> {
    const wanted = new Map(baselineKeys.map((key) => [keys.baseline(key).pk, key]));
    const items = await batchGetItems(this.client, this.tableName, baselineKeys.map(keys.baseline));
    const found = new Map<string, unknown>();
    for (const item of items) {
      const key = wanted.get(String(item.pk));
      if (key !== undefined && item.baseline !== undefined) found.set(key, item.baseline);
    }
    return found;
  }
}
