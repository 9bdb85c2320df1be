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

/**
 * Strongly consistent reads of many items of one table: chunks of 100 keys in parallel, unprocessed keys
 * retried with backoff. Returns the items found (in no particular order); a missing key is simply absent.
 */
export const batchGetItems = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Key[],
): Promise<Item[]> => {
  const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const chunks: Key[][] = [];
  for (let start = 0; start < unique.length; start += KEYS_PER_REQUEST)
    chunks.push(unique.slice(start, start + KEYS_PER_REQUEST));
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
