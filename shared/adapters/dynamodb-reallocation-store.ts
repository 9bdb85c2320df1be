import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DecisionWrite, Reallocation } from '#shared/domain/reallocation.ts';
import type { ReallocationStore, SaveResult } from '#shared/ports.ts';
import { campaignToItem, changeToItem } from './dynamodb-catalogue-store.ts';
import { type Item, keys } from './dynamodb-items.ts';
import { DynamoDbTable, savedOrStale } from './dynamodb-table.ts';
import { versionCondition } from './dynamodb-workflow-store.ts';

const FIELDS = [
  'reallocationId',
  'from',
  'to',
  'amount',
  'currency',
  'reason',
  'state',
  'requestedBy',
  'requestedAt',
  'decidedBy',
  'decidedAt',
  'note',
  'applied',
  'version',
] as const satisfies readonly (keyof Reallocation)[];

const itemToReallocation = (item: Item): Reallocation => {
  const value: Item = {};
  for (const field of FIELDS) if (item[field] !== undefined) value[field] = item[field];
  return value as unknown as Reallocation;
};

/** The record and its copy on each campaign's partition. */
const itemsOf = (value: Reallocation): { readonly record: Item; readonly copies: readonly Item[] } => ({
  record: { ...keys.reallocation(value.reallocationId), entity: 'reallocation', ...value },
  copies: [value.from.campaignId, value.to.campaignId].map((campaignId) => ({
    ...keys.campaignReallocation(campaignId, value.requestedAt, value.reallocationId),
    entity: 'campaign-reallocation',
    ...value,
  })),
});

/**
 * Re-allocations in the single table (README "Data model"): `REALLOC#<id>` holds the record a decision is
 * guarded on; a copy sits on each campaign's partition (`REALLOC#<requestedAt>#<id>` beside its `AUDIT#`
 * lines), rewritten with it, so a campaign's list is one query.
 */
export class DynamoDbReallocationStore extends DynamoDbTable implements ReallocationStore {
  get(reallocationId: string): Promise<Reallocation | undefined> {
    return this.getItem(keys.reallocation(reallocationId), itemToReallocation);
  }

  async ofCampaign(campaignId: string, limit: number): Promise<readonly Reallocation[]> {
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.campaign(campaignId).pk,
          ':prefix': keys.campaignReallocationPrefix,
        },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (output.Items ?? []).map(itemToReallocation);
  }

  create(value: Reallocation): Promise<SaveResult> {
    const { record, copies } = itemsOf(value);
    return savedOrStale(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: record, ...versionCondition('absent') } },
            ...copies.map((Item) => ({ Put: { TableName: this.tableName, Item } })),
          ],
        }),
      ),
    );
  }

  decide(write: DecisionWrite, expectedVersion: number): Promise<SaveResult> {
    const { record, copies } = itemsOf(write.next);
    const campaigns =
      write.kind === 'approved'
        ? write.campaigns.flatMap(({ next, expectedVersion: version, change }) => [
            {
              Put: {
                TableName: this.tableName,
                Item: campaignToItem(next),
                ...versionCondition(version),
              },
            },
            { Put: { TableName: this.tableName, Item: changeToItem(change) } },
          ])
        : [];
    return savedOrStale(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: record, ...versionCondition(expectedVersion) } },
            ...copies.map((Item) => ({ Put: { TableName: this.tableName, Item } })),
            ...campaigns,
          ],
        }),
      ),
    );
  }
}
