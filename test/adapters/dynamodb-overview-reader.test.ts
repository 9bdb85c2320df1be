import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { toDocumentClient } from '#shared/adapters/clients.ts';
import { eventToItem, keys } from '#shared/adapters/dynamodb-items.ts';
import { DynamoDbOverviewReader } from '#shared/adapters/dynamodb-overview-reader.ts';
import type { Occurrence } from '#shared/domain/case.ts';
import { eventRefKey } from '#shared/use-cases/overviews.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';

const documentClient = toDocumentClient(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(documentClient);
const reader = new DynamoDbOverviewReader(documentClient, 'radar');

const occurrenceItem = (caseId: string, occurredAt: string): Record<string, unknown> => {
  const value: Occurrence = {
    caseId,
    eventId: `e-${occurredAt}`,
    clientId: 'ads',
    type: 'spend',
    source: 'meta-ads',
    occurredAt,
    receivedAt: occurredAt,
    level: 'yellow',
    ruleIds: [],
  };
  return { ...keys.occurrence(caseId, occurredAt, value.eventId), entity: 'occurrence', ...value };
};

afterEach(() => {
  ddb.reset();
});

describe('Class: DynamoDbOverviewReader', () => {
  describe('Method: occurrencesOf', () => {
    it("reads each case's occurrences within [from, to), newest first and one more than asked, and answers oldest first", async () => {
      // Prepare: the query answers newest first, one more than the two asked for.
      ddb.on(QueryCommand).resolves({
        Items: [
          occurrenceItem('case-1', '2026-11-20T00:00:00.000Z'),
          occurrenceItem('case-1', '2026-11-19T00:00:00.000Z'),
          occurrenceItem('case-1', '2026-11-18T00:00:00.000Z'),
        ],
      });

      // Act
      const found = await reader.occurrencesOf(['case-1'], 2, {
        from: '2026-11-16T00:00:00.000Z',
        to: '2026-11-23T00:00:00.000Z',
      });

      // Assess
      expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': 'CASE#case-1',
          ':from': 'OCC#2026-11-16T00:00:00.000Z',
          ':to': 'OCC#2026-11-23T00:00:00.000Z',
        },
        ScanIndexForward: false,
        Limit: 3,
      });
      const result = found.get('case-1');
      expect(result?.more).toBe(true);
      expect(result?.items.map((item) => item.occurredAt)).toEqual([
        '2026-11-19T00:00:00.000Z',
        '2026-11-20T00:00:00.000Z',
      ]);
      expect(result?.items[0]).not.toHaveProperty('pk');
    });

    it('queries at most 16 case partitions at once, however many cases it is given', async () => {
      // Prepare
      let inFlight = 0;
      let most = 0;
      ddb.on(QueryCommand).callsFake(async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((done) => setTimeout(done, 2));
        inFlight -= 1;
        return { Items: [] };
      });
      const caseIds = Array.from({ length: 50 }, (_, index) => `case-${index}`);

      // Act
      const found = await reader.occurrencesOf(caseIds, 10);

      // Assess
      expect(ddb.commandCalls(QueryCommand)).toHaveLength(50);
      expect(most).toBe(16);
      expect([...found.keys()]).toEqual(caseIds);
      expect([...found.values()].every((result) => result.items.length === 0 && !result.more)).toBe(true);
    });
  });

  describe('Method: eventsOf', () => {
    it('reads the stored events in bulk and keys them by pusher and event id', async () => {
      // Prepare
      const stored = {
        clientId: 'ads',
        event: spendEvent({}, 'e-9'),
        assessment: assessment([finding()]),
        caseId: 'case-1',
        receivedAt: '2026-11-22T10:00:00Z',
      };
      ddb.on(BatchGetCommand).resolves({ Responses: { radar: [eventToItem(stored)] } });

      // Act
      const events = await reader.eventsOf([
        { clientId: 'ads', eventId: 'e-9' },
        { clientId: 'ads', eventId: 'e-gone' },
      ]);

      // Assess
      expect(ddb.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.radar?.Keys).toEqual([
        keys.event('ads', 'e-9'),
        keys.event('ads', 'e-gone'),
      ]);
      expect([...events.keys()]).toEqual([eventRefKey({ clientId: 'ads', eventId: 'e-9' })]);
      expect(events.get(eventRefKey({ clientId: 'ads', eventId: 'e-9' }))?.event.eventId).toBe('e-9');
    });
  });
});
