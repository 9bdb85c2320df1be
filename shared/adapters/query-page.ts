import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '#shared/ports.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Item } from './dynamodb-items.ts';

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/**
 * One page of an index query with an opaque cursor: the cursor must carry the queried index's partition
 * key (so a cursor from another query is refused), and the next page's cursor is set only when DynamoDB
 * says there is more.
 */
export const queryPage = async <T>(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'> & { readonly IndexName: string },
  indexPartitionKey: string,
  page: PageRequest,
  toEntity: (item: Item) => T,
): Promise<Page<T>> => {
  const startKey = page.cursor === undefined ? undefined : decodeCursor(page.cursor, indexPartitionKey);
  const output = await client.send(
    new QueryCommand({
      ...input,
      Limit: page.limit,
      ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
    }),
  );
  const items = (output.Items ?? []).map(toEntity);
  const next = output.LastEvaluatedKey;
  return next === undefined ? { items } : { items, cursor: encodeCursor(next) };
};
