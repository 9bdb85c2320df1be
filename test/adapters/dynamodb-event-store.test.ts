import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { toDocumentClient } from '#shared/adapters/clients.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { eventToItem } from '#shared/adapters/dynamodb-items.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import type { StoredEvent } from '#shared/ports.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';

const documentClient = toDocumentClient(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(documentClient);
const store = new DynamoDbEventStore(documentClient, 'radar');

const event = spendEvent();
const red = assessment([finding()]);
const stored: StoredEvent = {
  clientId: 'client-a',
  event,
  assessment: red,
  caseId: 'case-1',
  receivedAt: '2026-11-22T10:00:00Z',
};
const next = openCase(
  'case-1',
  { event, assessment: red, riskType: 'budget', subject: subjectOf(event), now: new Date() },
  testPolicy,
);
const occurrence = {
  caseId: 'case-1',
  eventId: event.eventId,
  type: event.type,
  source: event.source,
  occurredAt: event.occurredAt,
  receivedAt: stored.receivedAt,
  level: 'red',
  ruleIds: ['spend.overrun'],
};

const cancelled = (...codes: (string | { Code: string; Item?: Record<string, unknown> })[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((code) =>
      typeof code === 'string'
        ? { Code: code }
        : { Code: code.Code, ...(code.Item ? { Item: marshall(code.Item) } : {}) },
    ),
  });

describe('Class: DynamoDbEventStore', () => {
  afterEach(() => {
    ddb.reset();
  });

  describe('Method: write', () => {
    it('opens a case in one transaction: event, subject pointer, case and occurrence, each guarded', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      // Act
      const result = await store.write({ kind: 'open-case', stored, next, occurrence });
      // Assess
      expect(result).toEqual({ outcome: 'written' });
      const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
      expect(items.map((item) => item.Put?.Item?.pk)).toEqual([
        'EVENT#client-a#e-spend-1',
        'SUBJECT#budget#spend|cmp-1|facebook',
        'CASE#case-1',
        'CASE#case-1',
      ]);
      expect(items.slice(0, 3).map((item) => item.Put?.ConditionExpression)).toEqual([
        'attribute_not_exists(pk)',
        'attribute_not_exists(pk)',
        'attribute_not_exists(pk)',
      ]);
      expect(items[2]?.Put?.Item?.escalation).toMatchObject({ id: 'case-1#1' });
    });

    it('guards a joined case by the version it read', async () => {
      ddb.on(TransactWriteCommand).resolves({});
      await store.write({
        kind: 'join-case',
        stored,
        next: { ...next, version: 4 },
        expectedVersion: 3,
        occurrence,
      });
      const casePut = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[1]?.Put;
      expect(casePut?.ConditionExpression).toBe('#version = :expected');
      expect(casePut?.ExpressionAttributeValues).toEqual({ ':expected': 3 });
    });

    it('reports a taken event id as a duplicate with the original event', async () => {
      const original = { ...stored, caseId: 'case-0' };
      ddb
        .on(TransactWriteCommand)
        .rejects(
          cancelled({ Code: 'ConditionalCheckFailed', Item: eventToItem(original) }, 'None', 'None', 'None'),
        );
      const result = await store.write({ kind: 'open-case', stored, next, occurrence });
      expect(result).toEqual({ outcome: 'duplicate', original });
    });

    it.each([
      ['another writer opened the subject first', ['None', 'ConditionalCheckFailed', 'None', 'None']],
      ['another writer moved the case on', ['None', 'ConditionalCheckFailed', 'None']],
      ['a concurrent transaction', ['TransactionConflict', 'None', 'None']],
    ])('asks for a retry when %s', async (_name, codes) => {
      ddb.on(TransactWriteCommand).rejects(cancelled(...codes));
      expect(await store.write({ kind: 'open-case', stored, next, occurrence })).toEqual({
        outcome: 'stale',
      });
    });

    it('rethrows a fault so the request fails and nothing is claimed', async () => {
      ddb.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceeded'));
      await expect(store.write({ kind: 'open-case', stored, next, occurrence })).rejects.toThrow(
        'ProvisionedThroughputExceeded',
      );
    });

    it('stores a green event alone, and reports a repeat as a duplicate', async () => {
      ddb
        .on(PutCommand)
        .resolvesOnce({})
        .rejectsOnce(
          new ConditionalCheckFailedException({
            message: 'exists',
            $metadata: {},
            Item: marshall(eventToItem(stored)),
          }),
        );
      const green = { ...stored, caseId: null };
      expect(await store.write({ kind: 'event-only', stored: green })).toEqual({ outcome: 'written' });
      expect(await store.write({ kind: 'event-only', stored: green })).toEqual({
        outcome: 'duplicate',
        original: stored,
      });
    });
  });

  describe('Method: write, with what the event teaches its baseline', () => {
    const learning = {
      key: 'spend|cmp-1|facebook',
      next: { kind: 'spend', observations: 4 } as never,
      expected: 3,
    } as const;
    const green = { ...stored, caseId: null };

    it('writes the baseline in the same transaction as the event, guarded by the count it read', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});

      // Act
      const result = await store.write({ kind: 'event-only', stored: green }, learning);

      // Assess
      expect(result).toEqual({ outcome: 'written' });
      expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
      const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
      expect(items.map((item) => item.Put?.Item?.pk)).toEqual([
        'EVENT#client-a#e-spend-1',
        'BASELINE#spend|cmp-1|facebook',
      ]);
      expect(items[1]?.Put).toMatchObject({
        Item: { entity: 'baseline', baseline: learning.next },
        ConditionExpression: 'baseline.observations = :previous',
        ExpressionAttributeValues: { ':previous': 3 },
      });
    });

    it('stores the event without the baseline when only the baseline moved since it was read', async () => {
      // Prepare
      ddb
        .on(TransactWriteCommand)
        .rejectsOnce(cancelled('None', 'None', 'None', 'None', 'ConditionalCheckFailed'))
        .resolves({});

      // Act
      const result = await store.write({ kind: 'open-case', stored, next, occurrence }, learning);

      // Assess
      expect(result).toEqual({ outcome: 'written' });
      const calls = ddb.commandCalls(TransactWriteCommand);
      expect(calls).toHaveLength(2);
      expect(calls[1]?.args[0].input.TransactItems?.map((item) => item.Put?.Item?.pk)).not.toContain(
        'BASELINE#spend|cmp-1|facebook',
      );
    });

    it('asks for a retry, baseline and all, when the case moved too', async () => {
      // Prepare
      ddb
        .on(TransactWriteCommand)
        .rejects(cancelled('None', 'None', 'ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'));

      // Act
      const result = await store.write({ kind: 'open-case', stored, next, occurrence }, learning);

      // Assess
      expect(result).toEqual({ outcome: 'stale' });
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    });

    it('reports a repeated green event as a duplicate, teaching nothing', async () => {
      // Prepare
      ddb
        .on(TransactWriteCommand)
        .rejects(cancelled({ Code: 'ConditionalCheckFailed', Item: eventToItem(stored) }, 'None'));

      // Act
      const result = await store.write({ kind: 'event-only', stored: green }, learning);

      // Assess
      expect(result).toEqual({ outcome: 'duplicate', original: stored });
    });
  });

  describe('Method: writeAll', () => {
    const learning = {
      key: 'spend|cmp-1|facebook',
      next: { kind: 'spend', observations: 4 } as never,
      expected: 3,
    } as const;
    const otherEvent = spendEvent({ campaignId: 'cmp-2' }, 'e-spend-2');
    const other: StoredEvent = { ...stored, event: otherEvent, caseId: null };
    const opened = { kind: 'open-case', stored, next, occurrence } as const;
    const plain = { kind: 'event-only', stored: other } as const;

    it('stores writes of distinct items in one transaction, each with its own conditions', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});

      // Act
      const results = await store.writeAll([{ write: opened }, { write: plain }]);

      // Assess
      expect(results).toEqual([{ outcome: 'written' }, { outcome: 'written' }]);
      const calls = ddb.commandCalls(TransactWriteCommand);
      expect(calls).toHaveLength(1);
      const items = calls[0]?.args[0].input.TransactItems ?? [];
      expect(items.map((item) => item.Put?.Item?.pk)).toEqual([
        'EVENT#client-a#e-spend-1',
        'SUBJECT#budget#spend|cmp-1|facebook',
        'CASE#case-1',
        'CASE#case-1',
        'EVENT#client-a#e-spend-2',
      ]);
      expect(items.at(-1)?.Put).toMatchObject({ ConditionExpression: 'attribute_not_exists(pk)' });
    });

    it('tells each write of a cancelled transaction its own outcome: lost race, duplicate, bystander', async () => {
      // Prepare: the first write lost the race to open its case, the second is a repeat, the third stood by.
      const third = { ...other, event: spendEvent({ campaignId: 'cmp-3' }, 'e-spend-3') };
      ddb
        .on(TransactWriteCommand)
        .rejects(
          cancelled(
            'None',
            'ConditionalCheckFailed',
            'None',
            'None',
            { Code: 'ConditionalCheckFailed', Item: eventToItem(other) },
            'None',
          ),
        );

      // Act
      const results = await store.writeAll([
        { write: opened },
        { write: plain },
        { write: { kind: 'event-only', stored: third } },
      ]);

      // Assess
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
      expect(results).toEqual([
        { outcome: 'stale' },
        { outcome: 'duplicate', original: other },
        { outcome: 'not-written', baselineMoved: false },
      ]);
    });

    it('asks for a write again without its learning when only its baseline moved', async () => {
      // Prepare: two events teaching two baselines; the first one's moved.
      const moved = { ...learning, key: 'spend|cmp-2|facebook' };
      ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None', 'None'));

      // Act
      const results = await store.writeAll([
        { write: plain, learning: moved },
        { write: { kind: 'event-only', stored: { ...stored, caseId: null } }, learning },
      ]);

      // Assess
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
      expect(results).toEqual([
        { outcome: 'not-written', baselineMoved: true },
        { outcome: 'not-written', baselineMoved: false },
      ]);
    });

    it('never puts one item twice in a transaction: writes touching the same key go in separate ones', async () => {
      // Prepare: two events teaching the same baseline.
      ddb.on(TransactWriteCommand).resolves({});
      const second = { ...other, event: spendEvent({}, 'e-spend-9') };

      // Act
      await store.writeAll([
        { write: { kind: 'event-only', stored: { ...stored, caseId: null } }, learning },
        { write: { kind: 'event-only', stored: second }, learning },
      ]);

      // Assess
      const calls = ddb.commandCalls(TransactWriteCommand);
      expect(calls).toHaveLength(2);
      for (const call of calls) {
        const keys = (call.args[0].input.TransactItems ?? []).map(
          (item) => `${item.Put?.Item?.pk}|${item.Put?.Item?.sk}`,
        );
        expect(new Set(keys).size).toBe(keys.length);
      }
    });

    it('keeps writes that teach a baseline apart from the others, so a moved baseline cancels only its kind', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(PutCommand).resolves({});

      // Act
      await store.writeAll([{ write: opened }, { write: plain, learning }]);

      // Assess: each alone, as `write` stores it.
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(2);
    });

    it('rethrows a cancellation no write can explain', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'None', 'None', 'None'));

      // Act
      const writing = store.writeAll([{ write: opened }, { write: plain }]);

      // Assess
      await expect(writing).rejects.toThrow(/Event writes cancelled/);
    });
  });

  describe('Method: subjectStates', () => {
    const review = { reviewId: 'case-1', caseId: 'case-1', status: 'pending', version: 3 };

    it("follows the subjects' pointers to their cases and reviews in two consistent bulk reads", async () => {
      ddb
        .on(BatchGetCommand)
        .resolvesOnce({
          Responses: {
            radar: [
              {
                pk: 'SUBJECT#budget#spend|cmp-1|facebook',
                sk: 'CURRENT',
                entity: 'subject',
                caseId: 'case-1',
              },
            ],
          },
        })
        .resolvesOnce({
          Responses: {
            radar: [
              { pk: 'CASE#case-1', sk: 'CASE', entity: 'case', gsi1pk: 'CASES', ...next },
              { pk: 'CASE#case-1', sk: 'REVIEW', entity: 'review', ...review },
            ],
          },
        });
      const found = await store.subjectStates([
        { riskType: 'budget', subjectKey: 'spend|cmp-1|facebook' },
        { riskType: 'budget', subjectKey: 'nothing' },
      ]);
      expect([...found.entries()]).toEqual([['budget#spend|cmp-1|facebook', { current: next, review }]]);
      const calls = ddb.commandCalls(BatchGetCommand);
      expect(calls).toHaveLength(2);
      expect(calls.every((call) => call.args[0].input.RequestItems?.radar?.ConsistentRead === true)).toBe(
        true,
      );
    });

    it('reads only the cases of pointers already read', async () => {
      // Prepare
      ddb.on(BatchGetCommand).resolves({
        Responses: { radar: [{ pk: 'CASE#case-1', sk: 'CASE', entity: 'case', gsi1pk: 'CASES', ...next }] },
      });
      const subject = { riskType: 'budget', subjectKey: 'spend|cmp-1|facebook' } as const;

      // Act
      const found = await store.subjectStates(
        [subject],
        new Map([['budget#spend|cmp-1|facebook', 'case-1']]),
      );

      // Assess
      expect(found.get('budget#spend|cmp-1|facebook')).toEqual({ current: next });
      const calls = ddb.commandCalls(BatchGetCommand);
      expect(calls.map((call) => call.args[0].input.RequestItems?.radar?.Keys)).toEqual([
        [
          { pk: 'CASE#case-1', sk: 'CASE' },
          { pk: 'CASE#case-1', sk: 'REVIEW' },
        ],
      ]);
    });

    it('asks again for keys DynamoDB left unprocessed', async () => {
      const key = { pk: 'SUBJECT#budget#x', sk: 'CURRENT' };
      ddb
        .on(BatchGetCommand)
        .resolvesOnce({ Responses: { radar: [] }, UnprocessedKeys: { radar: { Keys: [key] } } })
        .resolvesOnce({ Responses: { radar: [] } });
      expect((await store.subjectStates([{ riskType: 'budget', subjectKey: 'x' }])).size).toBe(0);
      expect(
        ddb.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.radar?.Keys),
      ).toEqual([[key], [key]]);
    });
  });

  describe('Method: findEventsAndPointers', () => {
    it("reads the events and the subjects' pointers in one consistent bulk read", async () => {
      // Prepare
      ddb.on(BatchGetCommand).resolves({
        Responses: {
          radar: [
            eventToItem(stored),
            { pk: 'SUBJECT#budget#spend|cmp-1|facebook', sk: 'CURRENT', entity: 'subject', caseId: 'case-1' },
          ],
        },
      });

      // Act
      const found = await store.findEventsAndPointers(
        'client-a',
        [event.eventId],
        [
          { riskType: 'budget', subjectKey: 'spend|cmp-1|facebook' },
          { riskType: 'channel', subjectKey: 'spend|cmp-1|facebook' },
        ],
      );

      // Assess
      expect([...found.events.keys()]).toEqual([event.eventId]);
      expect([...found.pointers.entries()]).toEqual([
        ['budget#spend|cmp-1|facebook', 'case-1'],
        ['channel#spend|cmp-1|facebook', null],
      ]);
      expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(1);
    });

    it('reads 250 event ids in chunks of 100 and maps what exists by id', async () => {
      ddb
        .on(BatchGetCommand)
        .callsFake((input: { RequestItems: Record<string, { Keys: { pk: string }[] }> }) => {
          const keys = input.RequestItems.radar?.Keys ?? [];
          const hit = keys.find((key) => key.pk === `EVENT#client-a#${event.eventId}`);
          return { Responses: { radar: hit === undefined ? [] : [eventToItem(stored)] } };
        });
      const ids = [...Array.from({ length: 249 }, (_, i) => `other-${i}`), event.eventId];
      const found = await store.findEventsAndPointers('client-a', ids, []);
      expect([...found.events.keys()]).toEqual([event.eventId]);
      expect(
        ddb.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.radar?.Keys?.length),
      ).toEqual([100, 100, 50]);
    });
  });
});
