import { randomUUID } from 'node:crypto';
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { DynamoDbExceptionStore } from '#shared/adapters/dynamodb-exception-store.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import type { Finding } from '#shared/schemas/assessment.ts';
import { MAX_COPY_LENGTH, type RiskEvent } from '#shared/schemas/events.ts';
import type { ParsedItem } from '#shared/use-cases/event-results.ts';
import { type IngestDependencies, ingestEvents } from '#shared/use-cases/ingest-events.ts';
import { adCopyEvent, finding } from '../fixtures/events.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/** DynamoDB's limit on one item, names and values together. */
const ITEM_LIMIT_BYTES = 400 * 1024;

type AttributeValue = {
  S?: string;
  N?: string;
  B?: Uint8Array;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  SS?: string[];
  NS?: string[];
};

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** DynamoDB's own size of a value ("Item sizes and formats" in the DynamoDB developer guide). */
const valueSize = (value: AttributeValue): number => {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M !== undefined)
    return (
      3 + Object.entries(value.M).reduce((sum, [name, inner]) => sum + utf8(name) + valueSize(inner) + 1, 0)
    );
  if (value.L !== undefined) return 3 + value.L.reduce((sum, inner) => sum + valueSize(inner) + 1, 0);
  if (value.SS !== undefined) return value.SS.reduce((sum, text) => sum + utf8(text), 0);
  return (value.NS ?? []).reduce((sum, number) => sum + number.length, 0);
};

const itemSize = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);

/** Every item of the table with its DynamoDB size, by entity. */
const sizesByEntity = async (table: TestTable): Promise<Map<string, number[]>> => {
  const sizes = new Map<string, number[]>();
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start }),
    );
    for (const item of (page.Items ?? []) as Record<string, AttributeValue>[]) {
      const entity = item.entity?.S ?? 'unknown';
      sizes.set(entity, [...(sizes.get(entity) ?? []), itemSize(item)]);
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return sizes;
};

/** A copy of the maximum length made only of banned claims, repeated. */
const fullOf = (claims: string): string =>
  claims.repeat(Math.ceil(MAX_COPY_LENGTH / claims.length)).slice(0, MAX_COPY_LENGTH);

const WORST_COPIES = [
  { text: '最'.repeat(MAX_COPY_LENGTH), lang: 'zh', market: 'CN' },
  { text: fullOf('最佳第一国家级顶级美白三天见效根治百分百有效无副作用药到病除'), lang: 'zh', market: 'CN' },
  {
    text: fullOf('tốt nhất số một duy nhất chữa khỏi hoàn toàn cam kết hiệu quả 100% '),
    lang: 'vi',
    market: 'VN',
  },
  {
    text: fullOf(
      'best cures cancer guaranteed results clinically proven number one miracle cure FDA approved ',
    ),
    lang: 'en',
    market: 'US',
  },
] as const;

/** 100 worst-case copies over five copy ids, so each case and review takes several occurrences. */
const worstBatch = (prefix: string): ParsedItem[] =>
  Array.from({ length: 100 }, (_, index) => {
    const copy = WORST_COPIES[index % WORST_COPIES.length] ?? WORST_COPIES[0];
    const event: RiskEvent = adCopyEvent(
      {
        copyId: `copy-${index % 5}`,
        text: copy.text,
        lang: copy.lang,
        market: copy.market,
        category: 'cosmetics',
      },
      `${prefix}-${index}`,
    );
    return {
      index,
      ok: true,
      event: { ...event, occurredAt: new Date(Date.UTC(2026, 10, 22, 0, index)).toISOString() },
    };
  });

const dependencies = (table: TestTable, engine: IngestDependencies['engine']): IngestDependencies => ({
  store: new DynamoDbEventStore(table.docClient, table.tableName),
  exceptions: new DynamoDbExceptionStore(table.docClient, table.tableName),
  baselines: new DynamoDbBaselineStore(table.docClient, table.tableName),
  engine,
  policy: levelPolicyOf(engine.matrix),
  clock: { now: () => new Date('2026-11-22T12:00:00Z') },
  newCaseId: () => randomUUID(),
  deadline: new Date(Date.now() + 600_000),
});

describe('Item sizes: worst-case events fit DynamoDB (DynamoDB Local)', () => {
  let table: TestTable;

  beforeAll(async () => {
    table = await createTestTable(inject('dynamoEndpoint'), 'sizes');
  });

  afterAll(() => table.destroy());

  it('stores a 100-event batch of maximum-length copies full of banned claims in every language', {
    timeout: 300_000,
  }, async () => {
    // Act
    const results = await ingestEvents('cms', worstBatch('real'), dependencies(table, createRiskEngine()));

    // Assess
    expect(results.map((result) => result.status)).toEqual(Array(100).fill('created'));
    const sizes = await sizesByEntity(table);
    for (const [entity, list] of sizes) expect(Math.max(...list), entity).toBeLessThan(ITEM_LIMIT_BYTES);
    expect(sizes.get('event')).toHaveLength(100);
    // One case per copy and market (the English copies may pass), each with its review.
    expect(sizes.get('case')?.length).toBeGreaterThanOrEqual(10);
    expect(sizes.get('review')?.length).toBe(sizes.get('case')?.length);
  });

  it('stays within the limit whatever an engine finds: 1,000 findings of 20 whole-copy spans each', {
    timeout: 300_000,
  }, async () => {
    // Prepare: an engine as hostile as the contract allows, on a fresh table.
    const hostileTable = await createTestTable(inject('dynamoEndpoint'), 'sizes-hostile');
    const real = createRiskEngine();
    const hostile: IngestDependencies['engine'] = {
      ...real,
      evaluate(event, context) {
        if (event.type !== 'ad-copy') return real.evaluate(event, context);
        const text = event.copy.text;
        const findings: Finding[] = Array.from({ length: 1_000 }, (_, i) =>
          finding({
            ruleId: `hostile.rule-${i}`,
            riskType: 'compliance',
            message: text,
            suggestion: text,
            basis: text,
            evidence: Array.from({ length: 20 }, () => ({ text, start: 0, end: text.length })),
            moreEvidence: 1_000_000,
          }),
        );
        return { level: 'red', probability: 'high', impact: 'severe', findings, engine: real.version };
      },
    };
    try {
      // Act
      const results = await ingestEvents(
        'cms',
        worstBatch('hostile').slice(0, 20),
        dependencies(hostileTable, hostile),
      );

      // Assess
      expect(results.map((result) => result.status)).toEqual(Array(20).fill('created'));
      const sizes = await sizesByEntity(hostileTable);
      for (const [entity, list] of sizes) expect(Math.max(...list), entity).toBeLessThan(ITEM_LIMIT_BYTES);
    } finally {
      hostileTable.destroy();
    }
  });
});
