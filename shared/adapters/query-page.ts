import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { Page } from '#shared/ports.ts';
import { GLOBAL_INDEXES } from '#shared/table.ts';
import { type CursorScope, decodeCursor, encodeCursor, invalidCursor } from './cursor.ts';
import type { Item } from './dynamodb-items.ts';

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

type PageQuery = Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'> & { readonly IndexName: string };

/**
 * The index and partition a query reads, from the query itself: its index's key attributes, and the
 * value its key condition gives the partition key (`#pk = :pk`, whatever the placeholders are called).
 */
const scopeOf = (input: PageQuery, indexPartitionKey: string): CursorScope => {
  const index = GLOBAL_INDEXES.find((candidate) => candidate.indexName === input.IndexName);
  const placeholder = Object.entries(input.ExpressionAttributeNames ?? {}).find(
    ([, name]) => name === indexPartitionKey,
  )?.[0];
  const valueName =
    placeholder === undefined
      ? undefined
      : new RegExp(`${placeholder}\\s*=\\s*(:\\w+)`).exec(input.KeyConditionExpression ?? '')?.[1];
  const partition = valueName === undefined ? undefined : input.ExpressionAttributeValues?.[valueName];
  if (index === undefined || index.partitionKey !== indexPartitionKey || typeof partition !== 'string') {
    throw new TypeError(`queryPage needs an index query with "#pk = :pk" on ${indexPartitionKey}`);
  }
  return { partitionKey: index.partitionKey, sortKey: index.sortKey, partition };
};

/** DynamoDB's answer to a start key outside the key condition's range (a cursor from another range). */
const isRefusedStartKey = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ValidationException' && /start(ing)? ?key/i.test(error.message);

/**
 * One page of an index query with an opaque cursor: the cursor must be a key of this very query (its
 * index, its partition, its range), so a cursor from another query or a forged one is a 400; the next
 * page's cursor is set only when DynamoDB says there is more.
 */
export const queryPage = async <T>(
  client: DynamoDBDocumentClient,
  input: PageQuery,
  indexPartitionKey: string,
  page: PageRequest,
  toEntity: (item: Item) => T,
): Promise<Page<T>> => {
  const startKey =
    page.cursor === undefined ? undefined : decodeCursor(page.cursor, scopeOf(input, indexPartitionKey));
  let output: QueryCommandOutput;
  try {
    output = await client.send(
      new QueryCommand({
        ...input,
        Limit: page.limit,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
  } catch (error) {
    if (startKey !== undefined && isRefusedStartKey(error)) {
      throw invalidCursor(
        'the cursor lies outside this query (another from/to?); start again without it',
        error,
      );
    }
    throw error;
  }
  const items = (output.Items ?? []).map(toEntity);
  const next = output.LastEvaluatedKey;
  return next === undefined ? { items } : { items, cursor: encodeCursor(next) };
};
