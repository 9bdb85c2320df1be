import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { DynamoDbExceptionStore } from '#shared/adapters/dynamodb-exception-store.ts';
import type { IngestDependencies } from '#shared/use-cases/ingest-events.ts';
import { ingestEvent } from '#shared/use-cases/ingest-events.ts';
import { spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';
import { scriptedEngine } from '../fixtures/scripted-engine.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

let table: TestTable;
let deps: IngestDependencies;
let reader: DynamoDbCaseReader;

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'ingest');
  deps = {
    store: new DynamoDbEventStore(table.docClient, table.tableName),
    exceptions: new DynamoDbExceptionStore(table.docClient, table.tableName),
    engine: scriptedEngine,
    policy: testPolicy,
    clock: { now: () => new Date('2026-11-22T10:00:00Z') },
    newCaseId: () => randomUUID(),
  };
  reader = new DynamoDbCaseReader(table.docClient, table.tableName);
});

afterAll(() => table.destroy());

const countItems = async (pk: string, skPrefix: string) => {
  const output = await table.docClient.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix },
      Select: 'COUNT',
    }),
  );
  return output.Count ?? 0;
};

const RACERS = 25;

describe('Use case: ingestEvent (DynamoDB Local)', () => {
  it('stores a green event without opening a case, and answers a repeat as a duplicate', async () => {
    const event = spendEvent({ campaignId: 'green-1', actualSpend: 9000 }, 'green-event');
    const first = await ingestEvent('client-a', 0, event, deps);
    const again = await ingestEvent('client-a', 0, event, deps);
    expect(first).toMatchObject({ status: 'created', caseId: null, assessment: { level: 'green' } });
    expect(again).toMatchObject({
      status: 'duplicate',
      caseId: null,
      assessment: first.status === 'rejected' ? {} : first.assessment,
    });
    expect(await countItems('SUBJECT#budget#spend|green-1|facebook', 'CURRENT')).toBe(0);
  });

  it('opens a red case with the event as its first occurrence', async () => {
    const result = await ingestEvent('client-a', 0, spendEvent({ campaignId: 'red-1' }, 'red-event'), deps);
    expect(result).toMatchObject({ status: 'created', assessment: { level: 'red' } });
    const caseId = result.status === 'created' ? result.caseId : null;
    if (caseId === null || caseId === undefined) throw new Error('expected a case');
    const detail = await reader.getCase(caseId);
    expect(detail?.case).toMatchObject({ level: 'red', status: 'open', occurrences: 1, riskType: 'budget' });
    expect(detail?.case.escalation?.id).toBe(`${caseId}#1`);
    expect(detail?.occurrences.map((o) => o.eventId)).toEqual(['red-event']);
  });

  it('keeps event ids apart per client', async () => {
    const event = spendEvent({ campaignId: 'shared-id' }, 'same-id');
    const a = await ingestEvent('client-a', 0, event, deps);
    const b = await ingestEvent('client-b', 0, event, deps);
    expect([a.status, b.status]).toEqual(['created', 'created']);
  });

  // Racers on one subject: each success makes every other racer read and write again, so the work grows with
  // the square of their number. 50 took 140 s of a loaded CI run (15 s alone); 25 still race on every write.
  it('gives 25 concurrent events on one subject exactly one case with 25 occurrences', async () => {
    const events = Array.from({ length: RACERS }, (_, i) =>
      spendEvent({ campaignId: 'burst' }, `burst-${i}`),
    );
    const results = await Promise.all(events.map((event, i) => ingestEvent('client-a', i, event, deps)));
    const caseIds = new Set(
      results.map((result) => (result.status === 'created' ? result.caseId : 'rejected')),
    );
    expect(results.every((result) => result.status === 'created')).toBe(true);
    expect(caseIds.size).toBe(1);
    const [caseId] = [...caseIds];
    const detail = await reader.getCase(caseId ?? '');
    expect(detail?.case.occurrences).toBe(RACERS);
    expect(detail?.case.version).toBe(RACERS);
    expect(await countItems(`CASE#${caseId}`, 'OCC#')).toBe(RACERS);
  }, 180_000);

  it('stores an event sent 10 times at once exactly once', async () => {
    const event = spendEvent({ campaignId: 'retry-storm' }, 'retry-storm-event');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ingestEvent('client-a', i, event, deps)),
    );
    const created = results.filter((result) => result.status === 'created');
    const duplicates = results.filter((result) => result.status === 'duplicate');
    expect(created).toHaveLength(1);
    expect(duplicates).toHaveLength(9);
    const caseIds = new Set(
      results.map((result) => (result.status === 'rejected' ? undefined : result.caseId)),
    );
    expect(caseIds.size).toBe(1);
    const [caseId] = [...caseIds];
    expect(await countItems(`CASE#${caseId}`, 'OCC#')).toBe(1);
  });
});

describe('Class: DynamoDbCaseReader (DynamoDB Local)', () => {
  let listTable: TestTable;
  let listReader: DynamoDbCaseReader;

  beforeAll(async () => {
    listTable = await createTestTable(inject('dynamoEndpoint'), 'list');
    listReader = new DynamoDbCaseReader(listTable.docClient, listTable.tableName);
    const listDeps = { ...deps, store: new DynamoDbEventStore(listTable.docClient, listTable.tableName) };
    // Seven cases seen at increasing times: odd ones red, even ones yellow.
    for (let i = 0; i < 7; i += 1) {
      const event = {
        ...spendEvent({ campaignId: `list-${i}`, actualSpend: i % 2 === 1 ? 13000 : 11500 }, `list-${i}`),
      };
      await ingestEvent('client-a', 0, { ...event, occurredAt: `2026-11-22T0${i}:00:00Z` }, listDeps);
    }
  });

  afterAll(() => listTable.destroy());

  it('lists cases newest first across pages with an opaque cursor', async () => {
    const first = await listReader.listCases({ limit: 3 });
    expect(first.items.map((c) => c.subject.campaignId)).toEqual(['list-6', 'list-5', 'list-4']);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await listReader.listCases({ limit: 3, cursor: first.cursor });
    expect(second.items.map((c) => c.subject.campaignId)).toEqual(['list-3', 'list-2', 'list-1']);
    const third = await listReader.listCases({ limit: 3, cursor: second.cursor });
    expect(third.items.map((c) => c.subject.campaignId)).toEqual(['list-0']);
  });

  it.each([
    [{ level: 'red' }, ['list-5', 'list-3', 'list-1']],
    [{ level: 'yellow', status: 'open' as const }, ['list-6', 'list-4', 'list-2', 'list-0']],
    [{ riskType: 'budget' as const, level: 'red' }, ['list-5', 'list-3', 'list-1']],
    [{ riskType: 'reputation' as const }, []],
    [{ status: 'resolved' as const }, []],
  ])('filters by %j', async (filter, expected) => {
    const page = await listReader.listCases({ limit: 25, ...filter });
    expect(page.items.map((c) => c.subject.campaignId)).toEqual(expected);
  });

  it('refuses a tampered cursor', async () => {
    await expect(listReader.listCases({ limit: 3, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(/cursor/);
  });
});
