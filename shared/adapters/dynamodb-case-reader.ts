import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RiskCase } from '#shared/domain/case.ts';
import type { CaseDetail, CaseQuery, CaseReader, Page } from '#shared/ports.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { caseIndexes, itemToCase, itemToOccurrence, keys } from './dynamodb-items.ts';

const MAX_OCCURRENCES_SHOWN = 100;

type IndexChoice = { readonly indexName: string; readonly partitionKey: string };

/**
 * Reads the case library through the case indexes; never a Scan. The most selective filter picks the
 * index (level, then status, then risk type), the others become a filter expression on that index.
 */
export class DynamoDbCaseReader implements CaseReader {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async listCases(query: CaseQuery): Promise<Page<RiskCase>> {
    const { index, partition, filters } = this.#plan(query);
    const names: Record<string, string> = { '#pk': index.partitionKey };
    const values: Record<string, unknown> = { ':pk': partition };
    const conditions: string[] = [];
    for (const [field, value] of Object.entries(filters)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      conditions.push(`#${field} = :${field}`);
    }
    const startKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor, index.partitionKey);
    const output = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: query.limit,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    const items = (output.Items ?? []).map(itemToCase);
    const next = output.LastEvaluatedKey;
    return next === undefined ? { items } : { items, cursor: encodeCursor(next) };
  }

  async getCase(caseId: string): Promise<CaseDetail | undefined> {
    const { Item: item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: keys.case(caseId) }),
    );
    if (item === undefined) return undefined;
    const occurrences = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': keys.occurrencePrefix },
        ScanIndexForward: false,
        Limit: MAX_OCCURRENCES_SHOWN,
      }),
    );
    return { case: itemToCase(item), occurrences: (occurrences.Items ?? []).map(itemToOccurrence) };
  }

  /** The first filter given picks its index; the rest filter that index's pages. */
  #plan(query: CaseQuery): { index: IndexChoice; partition: string; filters: Record<string, string> } {
    const given = caseIndexes.filtered.filter((index) => query[index.field] !== undefined);
    const [chosen, ...others] = given;
    const filters: Record<string, string> = {};
    for (const index of others) filters[index.field] = query[index.field] ?? '';
    if (chosen === undefined)
      return { index: caseIndexes.all, partition: caseIndexes.all.partition(), filters };
    return { index: chosen, partition: chosen.partition(query[chosen.field] ?? ''), filters };
  }
}
