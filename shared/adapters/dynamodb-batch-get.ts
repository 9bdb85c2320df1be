import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoffDelay } from '#shared/backoff.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import type { Review } from '#shared/domain/review.ts';
import { StoreError } from '#shared/errors.ts';
import { type Item, itemToCase, itemToReview, keys } from './dynamodb-items.ts';

/** BatchGetItem's limit per request. */
const KEYS_PER_REQUEST = 100;
/** Unprocessed keys (throttling) are asked for again after a short backoff, this many times at most. */
const MAX_ROUNDS = 8;
const UNPROCESSED_BACKOFF = { baseMs: 20, maxMs: 500 } as const;

type Key = { readonly pk: string; readonly sk: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Strongly consistent reads of these keys, chunks of 100 in parallel, unprocessed keys retried with backoff. */
const readItems = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Key[],
): Promise<Item[]> => {
  const chunks: Key[][] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_REQUEST)
    chunks.push(keys.slice(start, start + KEYS_PER_REQUEST));
  const found = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Item[] = [];
      let pending: Record<string, unknown>[] = chunk.map((key) => ({ pk: key.pk, sk: key.sk }));
      for (let round = 1; pending.length > 0; round += 1) {
        if (round > MAX_ROUNDS)
          throw new StoreError(
            `BatchGetItem left ${pending.length} keys unprocessed after ${MAX_ROUNDS} rounds`,
          );
        if (round > 1) await sleep(backoffDelay(UNPROCESSED_BACKOFF, round - 1));
        const output = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        items.push(...(output.Responses?.[tableName] ?? []));
        pending = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      return items;
    }),
  );
  return found.flat();
};

const keyOf = (key: { readonly pk: unknown; readonly sk: unknown }): string =>
  `${String(key.pk)}\u0000${String(key.sk)}`;

/** Reads asked for in the same turn of the event loop, per client and table, waiting to go as one. */
interface Waiting {
  readonly keys: readonly Key[];
  readonly resolve: (items: Item[]) => void;
  readonly reject: (error: unknown) => void;
}
const waiting = new WeakMap<DynamoDBDocumentClient, Map<string, Waiting[]>>();

const flush = async (client: DynamoDBDocumentClient, tableName: string, readers: readonly Waiting[]) => {
  const unique = new Map<string, Key>();
  for (const reader of readers) for (const key of reader.keys) unique.set(keyOf(key), key);
  try {
    const items = await readItems(client, tableName, [...unique.values()]);
    const byKey = new Map(items.map((item) => [keyOf(item as Key), item]));
    for (const reader of readers)
      reader.resolve(
        [...new Set(reader.keys.map(keyOf))].flatMap((key) => {
          const item = byKey.get(key);
          return item === undefined ? [] : [item];
        }),
      );
  } catch (error) {
    for (const reader of readers) reader.reject(error);
  }
};

/**
 * Strongly consistent reads of many items of one table: chunks of 100 keys in parallel, unprocessed keys
 * retried with backoff. Returns the items found (in no particular order); a missing key is simply absent.
 *
 * Reads asked for in the same turn of the event loop go out together: a use case that loads its events,
 * baselines and catalogue entries side by side (`Promise.all` over three stores) makes one BatchGetItem,
 * not three. Only code running in the same synchronous stretch is merged, so in a Lambda function (one
 * request per process) and in the local stack alike a request's reads never wait for another's.
 */
export const batchGetItems = (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Key[],
): Promise<Item[]> => {
  if (keys.length === 0) return Promise.resolve([]);
  return new Promise<Item[]>((resolve, reject) => {
    let tables = waiting.get(client);
    if (tables === undefined) {
      tables = new Map();
      waiting.set(client, tables);
    }
    let readers = tables.get(tableName);
    if (readers === undefined) {
      const queued: Waiting[] = [];
      readers = queued;
      const table = tables;
      table.set(tableName, queued);
      queueMicrotask(() => {
        table.delete(tableName);
        void flush(client, tableName, queued);
      });
    }
    readers.push({ keys, resolve, reject });
  });
};

/** A case as read with its review (ad copy), for the readers that need both. */
export interface CaseWithReview {
  readonly case: RiskCase;
  readonly review?: Review;
}

/**
 * Cases and their reviews by case id, in one bulk consistent read (`batchGetItems`); an id without a case is
 * absent from the map.
 */
export const batchGetCases = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  caseIds: readonly string[],
): Promise<ReadonlyMap<string, CaseWithReview>> => {
  const items = await batchGetItems(
    client,
    tableName,
    [...new Set(caseIds)].flatMap((caseId) => [keys.case(caseId), keys.review(caseId)]),
  );
  const cases = new Map<string, RiskCase>();
  const reviews = new Map<string, Review>();
  for (const item of items) {
    if (item.entity === 'case') cases.set(String(item.caseId), itemToCase(item));
    else if (item.entity === 'review') reviews.set(String(item.caseId), itemToReview(item));
  }
  return new Map(
    [...cases].map(([caseId, value]) => {
      const review = reviews.get(caseId);
      return [caseId, review === undefined ? { case: value } : { case: value, review }];
    }),
  );
};
