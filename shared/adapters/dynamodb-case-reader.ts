import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RiskCase } from '#shared/domain/case.ts';
import type { CaseDetail, CaseQuery, CaseReader, Page } from '#shared/ports.ts';
import type { RecordedQuery } from '#shared/use-cases/send-digest.ts';
import {
  caseIndexes,
  itemToAudit,
  itemToCase,
  itemToOccurrence,
  itemToReview,
  keys,
} from './dynamodb-items.ts';
import { DynamoDbTable } from './dynamodb-table.ts';
import { queryPage } from './query-page.ts';

const MAX_OCCURRENCES_SHOWN = 100;
const MAX_AUDIT_SHOWN = 200;

type IndexChoice = { readonly indexName: string; readonly partitionKey: string; readonly sortKey: string };

type FilterField = (typeof caseIndexes.filtered)[number]['field'];

/** Where a filter lives on the case item (subject fields are nested). */
const attributePath: Record<FilterField, readonly string[]> = {
  level: ['level'],
  status: ['status'],
  riskType: ['riskType'],
  brand: ['subject', 'brand'],
  campaignId: ['subject', 'campaignId'],
  market: ['subject', 'market'],
  owner: ['owner'],
};

/**
 * Reads the case library through the case indexes; never a Scan. The first filter given (most selective
 * first: campaign, brand, level, status, market, risk type) picks the index, the time range narrows its
 * sort key, and the other filters become a filter expression on that index.
 */
export class DynamoDbCaseReader extends DynamoDbTable implements CaseReader {
  async listCases(query: CaseQuery): Promise<Page<RiskCase>> {
    const { index, partition, filters } = this.#plan(query);
    const names: Record<string, string> = { '#pk': index.partitionKey };
    const values: Record<string, unknown> = { ':pk': partition };
    const conditions: string[] = [];
    for (const [field, value] of filters) {
      const path = attributePath[field].map((segment) => {
        names[`#${segment}`] = segment;
        return `#${segment}`;
      });
      values[`:${field}`] = value;
      conditions.push(`${path.join('.')} = :${field}`);
    }
    return queryPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: `#pk = :pk${this.#range(query, index, names, values)}`,
        ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      index.partitionKey,
      query,
      itemToCase,
    );
  }

  /**
   * Cases of one level recorded (written, `createdAt`) from `from` to `to` inclusive, oldest first: the digest's "new
   * cases", whatever the dates of their events. Served by the recorded index, never a Scan.
   */
  async listRecorded(query: RecordedQuery): Promise<Page<RiskCase>> {
    const index = caseIndexes.recorded;
    return queryPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: index.indexName,
        // The sort key is `<createdAt>#<caseId>`: a case recorded at `to` sorts before `<to>#\uffff`.
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: {
          ':pk': index.partition(query.level),
          ':from': query.from,
          ':to': `${query.to}#\uffff`,
        },
        ScanIndexForward: true,
      },
      index.partitionKey,
      query,
      itemToCase,
    );
  }

  async getCase(caseId: string): Promise<CaseDetail | undefined> {
    const pk = keys.case(caseId).pk;
    const below = (prefix: string, limit: number) =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
    const [found, review, occurrences, audit] = await Promise.all([
      this.getItem(keys.case(caseId), itemToCase, false),
      this.getItem(keys.review(caseId), itemToReview, false),
      below(keys.occurrencePrefix, MAX_OCCURRENCES_SHOWN),
      below(keys.auditPrefix, MAX_AUDIT_SHOWN),
    ]);
    if (found === undefined) return undefined;
    return {
      case: found,
      occurrences: (occurrences.Items ?? []).map(itemToOccurrence),
      // Oldest first reads as a story.
      audit: (audit.Items ?? []).map(itemToAudit).reverse(),
      ...(review === undefined ? {} : { review }),
    };
  }

  /** `from`/`to` bound the index's sort key (`<lastSeenAt>#<caseId>`). */
  #range(
    query: CaseQuery,
    index: IndexChoice,
    names: Record<string, string>,
    values: Record<string, unknown>,
  ): string {
    if (query.from === undefined && query.to === undefined) return '';
    // DynamoDB refuses an expression attribute name that no expression uses.
    names['#sk'] = index.sortKey;
    if (query.from !== undefined && query.to !== undefined) {
      values[':from'] = query.from;
      values[':to'] = query.to;
      return ' AND #sk BETWEEN :from AND :to';
    }
    if (query.from !== undefined) {
      values[':from'] = query.from;
      return ' AND #sk >= :from';
    }
    values[':to'] = query.to;
    return ' AND #sk < :to';
  }

  #plan(query: CaseQuery): { index: IndexChoice; partition: string; filters: [FilterField, string][] } {
    const given = caseIndexes.filtered.flatMap((index) => {
      const value = query[index.field];
      return value === undefined ? [] : [{ index, value }];
    });
    const [chosen, ...others] = given;
    const filters = others.map(({ index, value }): [FilterField, string] => [index.field, value]);
    if (chosen === undefined)
      return { index: caseIndexes.all, partition: caseIndexes.all.partition(), filters };
    return { index: chosen.index, partition: chosen.index.partition(chosen.value), filters };
  }
}
