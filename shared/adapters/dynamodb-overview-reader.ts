import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, Occurrence } from '#shared/domain/case.ts';
import type { Review } from '#shared/domain/review.ts';
import type { StoredEvent } from '#shared/ports.ts';
import { type Bounded, type EventRef, eventRefKey } from '#shared/use-cases/overviews.ts';
import { batchGetItems } from './dynamodb-batch-get.ts';
import {
  type Item,
  itemToAudit,
  itemToEvent,
  itemToOccurrence,
  itemToReview,
  keys,
} from './dynamodb-items.ts';
import { DynamoDbTable } from './dynamodb-table.ts';

/** Case partitions read at once: many cases make many small queries, not a burst of hundreds. */
const PARALLEL_QUERIES = 16;

/** `work` over `items`, at most `parallel` at a time, results in the order of `items`. */
const mapLimited = async <T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
};

/**
 * The reads of the campaign and brand overviews that the case reader does not serve: several cases' audit
 * trails and occurrences (one bounded query of each case's partition), and reviews and stored events in
 * bulk (BatchGetItem). Eventually consistent where a screen can do with a slightly older read.
 */
export class DynamoDbOverviewReader extends DynamoDbTable {
  /** Each case's latest `perCase` audit lines, oldest first; `more` when it has older ones. */
  async auditOf(
    caseIds: readonly string[],
    perCase: number,
  ): Promise<ReadonlyMap<string, Bounded<AuditEntry>>> {
    const trails = await mapLimited(caseIds, PARALLEL_QUERIES, async (caseId) => {
      const output = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': keys.auditPrefix },
          ScanIndexForward: false,
          Limit: perCase + 1,
        }),
      );
      const items = (output.Items ?? []).map(itemToAudit);
      return [caseId, { items: items.slice(0, perCase).reverse(), more: items.length > perCase }] as const;
    });
    return new Map(trails);
  }

  /**
   * Each case's latest `perCase` occurrences, oldest first; with a range, only those that happened in
   * [from, to) (the occurrence sort key starts with its UTC `occurredAt`).
   */
  async occurrencesOf(
    caseIds: readonly string[],
    perCase: number,
    range?: { readonly from: string; readonly to: string },
  ): Promise<ReadonlyMap<string, Bounded<Occurrence>>> {
    const found = await mapLimited(caseIds, PARALLEL_QUERIES, async (caseId) => {
      const pk = keys.case(caseId).pk;
      const output = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          // `OCC#<to>` sorts before every `OCC#<to>#<eventId>`: BETWEEN leaves the range's end out.
          ...(range === undefined
            ? {
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
                ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.occurrencePrefix },
              }
            : {
                KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
                ExpressionAttributeValues: {
                  ':pk': pk,
                  ':from': `${keys.occurrencePrefix}${range.from}`,
                  ':to': `${keys.occurrencePrefix}${range.to}`,
                },
              }),
          ScanIndexForward: false,
          Limit: perCase + 1,
        }),
      );
      const items = (output.Items ?? []).map(itemToOccurrence);
      return [caseId, { items: items.slice(0, perCase).reverse(), more: items.length > perCase }] as const;
    });
    return new Map(found);
  }

  async reviewsOf(caseIds: readonly string[]): Promise<ReadonlyMap<string, Review>> {
    const items = await batchGetItems(this.client, this.tableName, caseIds.map(keys.review));
    return new Map(items.map((item: Item) => itemToReview(item)).map((review) => [review.caseId, review]));
  }

  async eventsOf(refs: readonly EventRef[]): Promise<ReadonlyMap<string, StoredEvent>> {
    const items = await batchGetItems(
      this.client,
      this.tableName,
      refs.map((ref) => keys.event(ref.clientId, ref.eventId)),
    );
    return new Map(
      items
        .map(itemToEvent)
        .map((stored) => [eventRefKey({ clientId: stored.clientId, eventId: stored.event.eventId }), stored]),
    );
  }
}
