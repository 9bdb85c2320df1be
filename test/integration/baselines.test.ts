import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { DynamoDbExceptionStore } from '#shared/adapters/dynamodb-exception-store.ts';
import { baselineKeyOf } from '#shared/domain/baselines.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { type IngestDependencies, ingestEvent } from '#shared/use-cases/ingest-events.ts';
import { sentimentEvent } from '../fixtures/events.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

let table: TestTable;
let deps: IngestDependencies;
let baselines: DynamoDbBaselineStore;

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'baselines');
  const engine = createRiskEngine();
  baselines = new DynamoDbBaselineStore(table.docClient, table.tableName);
  deps = {
    store: new DynamoDbEventStore(table.docClient, table.tableName),
    exceptions: new DynamoDbExceptionStore(table.docClient, table.tableName),
    baselines,
    engine,
    policy: levelPolicyOf(engine.matrix),
    clock: { now: () => new Date('2026-11-22T12:00:00Z') },
    newCaseId: () => randomUUID(),
  };
});

afterAll(() => table.destroy());

/** An hourly listening report for Acme Serum X on weibo with `negative` of `mentions`, from 21 November. */
const report = (hour: number, negative: number, mentions = 900) => {
  const start = Date.parse('2026-11-21T00:00:00Z') + hour * 3_600_000;
  const end = new Date(start + 3_599_000).toISOString();
  return {
    ...sentimentEvent(
      {
        mentions,
        negative,
        positive: mentions / 3,
        neutral: (mentions * 2) / 3 - negative,
        windowStart: new Date(start).toISOString(),
        windowEnd: end,
      },
      `hour-${hour}`,
    ),
    occurredAt: end,
  };
};
// The baseline judges once it has learnt a day of windows (DEFAULT_SENTIMENT_THRESHOLDS.learning.minHours).
const LEARNT = Array.from({ length: 26 }, (_, hour) => hour);

describe('Baselines (DynamoDB Local)', () => {
  it("learns the subject's own negative share and flags a spike against it that the absolute bands miss", async () => {
    for (const hour of LEARNT) {
      const quiet = await ingestEvent('listening', 0, report(hour, 90 + (hour % 3) * 4), deps);
      expect(quiet).toMatchObject({ status: 'created', assessment: { level: 'green' } });
    }
    const key = baselineKeyOf(report(1, 90));
    expect(await baselines.get(key?.key ?? '')).toMatchObject({
      kind: 'sentiment',
      observations: LEARNT.length,
    });

    // 22 % negative: under the absolute 25 % attention line, but more than 2× this product's usual 10 %,
    // in a window that draws half as many mentions again as usual (a crisis draws people in; one odd window
    // of ordinary volume alone is no spike unless it is beyond doubt, sentiment@2.5.0).
    const spike = await ingestEvent('listening', 0, report(LEARNT.length, 297, 1_350), deps);
    const ruleIds =
      spike.status === 'rejected' ? [] : spike.assessment.findings.map((finding) => finding.ruleId);
    expect(ruleIds).toEqual(['sentiment.spike']);
    expect(spike).toMatchObject({ status: 'created', caseId: expect.any(String) });
  });

  it('does not let a replayed old report move the baseline', async () => {
    const key = baselineKeyOf(report(1, 90))?.key ?? '';
    const before = await baselines.get(key);
    await ingestEvent('other-client', 0, report(2, 300), deps);
    expect(await baselines.get(key)).toEqual(before);
  });
});
