import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Scope } from '#shared/auth/scope.ts';
import { brandKey, marketKey } from '#shared/auth/scope.ts';
import { backoffDelay } from '#shared/backoff.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import type { Review } from '#shared/domain/review.ts';
import { StoreError } from '#shared/errors.ts';
import { SEARCH_PARTITION_PREFIX } from '#shared/search/keys.ts';
import {
  type Posting,
  type PostingChanges,
  type PostingKey,
  SEARCH_SOURCES,
  type SearchSource,
} from '#shared/search/postings.ts';
import type { SearchFilters } from '#shared/search/query.ts';
import type { SearchIndexWriter } from '#shared/use-cases/index-cases.ts';
import type { PostingRead, SearchIndexReader } from '#shared/use-cases/search-cases.ts';
import { batchGetCases, batchGetItems, type CaseWithReview } from './dynamodb-batch-get.ts';
import { type Item, itemToCase, itemToReview, keys } from './dynamodb-items.ts';
import { DynamoDbTable } from './dynamodb-table.ts';

/** A posting's table key: one partition per term, one item per case and source. */
export const postingKey = (posting: PostingKey): { pk: string; sk: string } => ({
  pk: `${SEARCH_PARTITION_PREFIX}${posting.term}`,
  sk: `${posting.caseId}#${posting.source}`,
});

export const postingToItem = (posting: Posting): Item => ({
  ...postingKey(posting),
  entity: 'posting',
  ...posting,
});

/** BatchWriteItem's limit per request. */
const WRITES_PER_REQUEST = 25;
/** Requests in flight at once for one change (a new case writes a few hundred postings). */
const WRITE_CONCURRENCY = 4;
const MAX_ROUNDS = 8;
const UNPROCESSED_BACKOFF = { baseMs: 20, maxMs: 1_000 } as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Where a list filter lives on a posting (README "Data model": posting), and how its value is filed. */
const POSTING_FILTERS = [
  ['level', (value: string) => value],
  ['status', (value: string) => value],
  ['riskType', (value: string) => value],
  ['brand', brandKey],
  ['market', marketKey],
  ['campaignId', (value: string) => value],
  ['owner', (value: string) => value],
] as const satisfies readonly (readonly [keyof SearchFilters, (value: string) => string])[];

/**
 * The search index in the single table (README "Search"): postings `SEARCH#<term>` / `<caseId>#<source>`
 * carrying the case's filter fields. Written by the stream indexer (functions/index-cases.ts) and the
 * backfill (scripts/reindex.ts); read by `GET /v1/cases?q=` through the search use case.
 */
export class DynamoDbSearchIndex extends DynamoDbTable implements SearchIndexReader, SearchIndexWriter {
  currentCase(caseId: string): Promise<RiskCase | undefined> {
    return this.getItem(keys.case(caseId), itemToCase);
  }

  currentReview(caseId: string): Promise<Review | undefined> {
    return this.getItem(keys.review(caseId), itemToReview);
  }

  /** Puts and deletes postings in batches of 25, a few batches at a time, unprocessed items retried. */
  async apply(changes: PostingChanges): Promise<void> {
    const requests = [
      ...changes.remove.map((key) => ({ DeleteRequest: { Key: postingKey(key) } })),
      ...changes.put.map((posting) => ({ PutRequest: { Item: postingToItem(posting) } })),
    ];
    const batches: (typeof requests)[] = [];
    for (let start = 0; start < requests.length; start += WRITES_PER_REQUEST) {
      batches.push(requests.slice(start, start + WRITES_PER_REQUEST));
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next];
        next += 1;
        if (batch !== undefined) await this.#write(batch);
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, batches.length) }, worker));
  }

  async #write(batch: readonly Record<string, unknown>[]): Promise<void> {
    let pending: readonly Record<string, unknown>[] = batch;
    for (let round = 1; pending.length > 0; round += 1) {
      if (round > MAX_ROUNDS) {
        throw new StoreError(
          `BatchWriteItem left ${pending.length} postings unprocessed after ${MAX_ROUNDS} rounds`,
        );
      }
      if (round > 1) await sleep(backoffDelay(UNPROCESSED_BACKOFF, round - 1));
      const output = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: [...pending] } }),
      );
      pending = (output.UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
    }
  }

  async readPostings(
    term: string,
    filters: SearchFilters,
    scope: Scope,
    start: unknown,
    limit: number,
  ): Promise<PostingRead> {
    const names: Record<string, string> = { '#pk': 'pk', '#caseId': 'caseId', '#lastSeenAt': 'lastSeenAt' };
    const values: Record<string, unknown> = { ':pk': `${SEARCH_PARTITION_PREFIX}${term}` };
    const conditions: string[] = [];
    for (const [field, file] of POSTING_FILTERS) {
      const value = filters[field];
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = file(value);
      conditions.push(`#${field} = :${field}`);
    }
    if (filters.from !== undefined) {
      values[':from'] = filters.from;
      conditions.push('#lastSeenAt >= :from');
    }
    if (filters.to !== undefined) {
      values[':to'] = filters.to;
      conditions.push('#lastSeenAt < :to');
    }
    // The scope as `covers` reads it: a brand-scoped caller sees no posting without a brand.
    const inList = (
      field: 'brand' | 'market',
      allowed: readonly string[] | undefined,
      file: (v: string) => string,
    ) => {
      if (allowed === undefined) return;
      names[`#scope_${field}`] = field;
      const placeholders = [...new Set(allowed.map(file))].map((value, i) => {
        values[`:scope_${field}${i}`] = value;
        return `:scope_${field}${i}`;
      });
      conditions.push(`#scope_${field} IN (${placeholders.join(', ')})`);
    };
    inList('brand', scope.brands, brandKey);
    inList('market', scope.markets, marketKey);
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
        ProjectionExpression: '#caseId, #lastSeenAt',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: start as Record<string, unknown> }),
      }),
    );
    const postings = (output.Items ?? []).map((item) => ({
      caseId: String(item.caseId),
      lastSeenAt: String(item.lastSeenAt),
    }));
    return {
      postings,
      read: output.ScannedCount ?? postings.length,
      ...(output.LastEvaluatedKey === undefined ? {} : { next: output.LastEvaluatedKey }),
    };
  }

  async casesWithTerm(term: string, caseIds: readonly string[]): Promise<ReadonlySet<string>> {
    const wanted = caseIds.flatMap((caseId) =>
      SEARCH_SOURCES.map((source: SearchSource) => postingKey({ term, caseId, source })),
    );
    const found = await batchGetItems(this.client, this.tableName, wanted);
    return new Set(found.map((item) => String(item.caseId)));
  }

  loadCases(caseIds: readonly string[]): Promise<ReadonlyMap<string, CaseWithReview>> {
    return batchGetCases(this.client, this.tableName, caseIds);
  }
}
