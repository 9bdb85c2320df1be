import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { Scope } from '#shared/auth/scope.ts';
import type { Page } from '#shared/ports.ts';
import { GLOBAL_INDEXES } from '#shared/table.ts';
import {
  type CursorScope,
  decodeCursor,
  decodeMergedCursor,
  encodeCursor,
  encodeMergedCursor,
  invalidCursor,
} from './cursor.ts';
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

/** A read of the same query over several partitions of one index, merged by the index's sort key. */
export interface MergedQuery {
  /**
   * The query of one partition: its key condition reads `#pk = :pk` (`:pk` is set per partition), the
   * rest (range, filters, `ScanIndexForward`) is the same for all.
   */
  readonly input: PageQuery;
  readonly index: { readonly indexName: string; readonly partitionKey: string; readonly sortKey: string };
  readonly partitions: readonly string[];
  /** The table key of the item an id names (the id ends each sort key: `<time>#<id>`). */
  readonly keyOf: (id: string) => { readonly pk: string; readonly sk: string };
}

/**
 * Rounds of reads one merged page may take. With filters, a round can bring few matches; after this many
 * the page ends early with a cursor where every partition has been read up to, rather than walk on.
 */
export const MERGE_ROUNDS = 8;

/**
 * One page of a merged read (a scoped caller's brands or markets): each partition is read in order, a
 * page holds the first `limit` items of all of them together in sort-key order, and the cursor is the
 * position reached, which every partition resumes after (`encodeMergedCursor`). A page is complete: an
 * item is given only once no partition can hold an earlier one. Cost: one query per partition per round,
 * at most `MERGE_ROUNDS` rounds.
 */
export const mergedQueryPage = async <T>(
  client: DynamoDBDocumentClient,
  query: MergedQuery,
  page: PageRequest,
  toEntity: (item: Item) => T,
): Promise<Page<T>> => {
  const { index } = query;
  const partitions = [...new Set(query.partitions)];
  if (partitions.length === 0) return { items: [] };
  const scope = { indexName: index.indexName, partitions };
  const ascending = query.input.ScanIndexForward !== false;
  /** Whether sort key `a` comes later in the page order than `b`. */
  const later = (a: string, b: string) => (ascending ? a > b : a < b);
  const position = page.cursor === undefined ? undefined : decodeMergedCursor(page.cursor, scope);
  const states = partitions.map((partition) => ({
    partition,
    buffer: [] as Item[],
    startKey:
      position === undefined
        ? undefined
        : ({
            ...query.keyOf(position.id),
            [index.partitionKey]: partition,
            [index.sortKey]: position.sortKey,
          } as Record<string, unknown>),
    done: false,
    /** The sort key of the last item read (DynamoDB's LastEvaluatedKey). */
    readTo: undefined as string | undefined,
  }));
  type State = (typeof states)[number];
  const sortKeyOf = (item: Item | Record<string, unknown>): string => String(item[index.sortKey]);
  const read = async (state: State): Promise<void> => {
    let output: QueryCommandOutput;
    try {
      output = await client.send(
        new QueryCommand({
          ...query.input,
          ExpressionAttributeValues: { ...query.input.ExpressionAttributeValues, ':pk': state.partition },
          Limit: page.limit,
          ...(state.startKey === undefined ? {} : { ExclusiveStartKey: state.startKey }),
        }),
      );
    } catch (error) {
      if (position !== undefined && isRefusedStartKey(error)) {
        throw invalidCursor(
          'the cursor lies outside this query (another from/to?); start again without it',
          error,
        );
      }
      throw error;
    }
    state.buffer.push(...(output.Items ?? []));
    state.startKey = output.LastEvaluatedKey;
    state.done = output.LastEvaluatedKey === undefined;
    if (output.LastEvaluatedKey !== undefined) state.readTo = sortKeyOf(output.LastEvaluatedKey);
  };
  /** The partition whose next buffered item comes first. */
  const head = (): State | undefined =>
    states.reduce<State | undefined>((best, state) => {
      const candidate = state.buffer[0];
      if (candidate === undefined) return best;
      const current = best?.buffer[0];
      return current === undefined || later(sortKeyOf(current), sortKeyOf(candidate)) ? state : best;
    }, undefined);

  const items: Item[] = [];
  let rounds = 0;
  let exhausted = false;
  while (items.length < page.limit) {
    const starving = states.filter((state) => state.buffer.length === 0 && !state.done);
    if (starving.length > 0) {
      if (rounds === MERGE_ROUNDS) {
        exhausted = true;
        break;
      }
      rounds += 1;
      await Promise.all(starving.map(read));
      continue;
    }
    const next = head();
    const item = next?.buffer.shift();
    if (item === undefined) break;
    items.push(item);
  }
  const open = states.filter((state) => !state.done);
  if (open.length === 0 && states.every((state) => state.buffer.length === 0)) {
    return { items: items.map(toEntity) };
  }
  if (!exhausted) {
    const last = items.at(-1);
    // A full page: the next one starts after its last item.
    return {
      items: items.map(toEntity),
      ...(last === undefined ? {} : { cursor: encodeMergedCursor(sortKeyOf(last), scope) }),
    };
  }
  // Out of rounds: everything up to the least-read partition's position is known; give that, resume there.
  const boundary = open
    .map((state) => state.readTo)
    .filter((readTo) => readTo !== undefined)
    .reduce<string | undefined>(
      (earliest, readTo) => (earliest === undefined || later(earliest, readTo) ? readTo : earliest),
      undefined,
    );
  if (boundary === undefined) return { items: items.map(toEntity) };
  for (let next = head(); next !== undefined && items.length < page.limit; next = head()) {
    const candidate = next.buffer[0];
    if (candidate === undefined || later(sortKeyOf(candidate), boundary)) break;
    items.push(next.buffer.shift() as Item);
  }
  const last = items.at(-1);
  const resumeAt = items.length === page.limit && last !== undefined ? sortKeyOf(last) : boundary;
  return { items: items.map(toEntity), cursor: encodeMergedCursor(resumeAt, scope) };
};

/** One index copy a scoped read may use: the index and the partition a brand or market is filed under. */
export interface ScopeIndex {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly partition: (value: string) => string;
}

/**
 * One page for a scoped caller of entities filed under a brand copy and a market copy of an index (reviews,
 * exceptions): the partition of each scoped brand, the scoped markets then a filter on the market copy's
 * partition attribute; or, scoped to markets only, the partition of each market. Merged in sort-key order
 * (`mergedQueryPage`), so a page is as full as an unscoped one and never walks other brands' items.
 */
export const scopedQueryPage = <T>(
  client: DynamoDBDocumentClient,
  query: {
    readonly tableName: string;
    readonly scope: Scope;
    readonly brand: ScopeIndex;
    readonly market: ScopeIndex;
    readonly ascending: boolean;
    readonly keyOf: (id: string) => { readonly pk: string; readonly sk: string };
  },
  page: PageRequest,
  toEntity: (item: Item) => T,
): Promise<Page<T>> => {
  const { scope, brand, market } = query;
  const byBrand = scope.brands !== undefined;
  const index = byBrand ? brand : market;
  const partitions = (byBrand ? (scope.brands ?? []) : (scope.markets ?? [])).map(index.partition);
  const values: Record<string, unknown> = {};
  const markets =
    byBrand && scope.markets !== undefined
      ? [...new Set(scope.markets.map(market.partition))].map((partition, n) => {
          values[`:market${n}`] = partition;
          return `:market${n}`;
        })
      : [];
  return mergedQueryPage(
    client,
    {
      input: {
        TableName: query.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: {
          '#pk': index.partitionKey,
          ...(markets.length > 0 ? { '#market': market.partitionKey } : {}),
        },
        ...(markets.length > 0
          ? { FilterExpression: `#market IN (${markets.join(', ')})`, ExpressionAttributeValues: values }
          : {}),
        ScanIndexForward: query.ascending,
      },
      index,
      partitions,
      keyOf: query.keyOf,
    },
    page,
    toEntity,
  );
};
