import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import type { DigestMessage } from '#shared/ports.ts';
import { sendDigest } from '#shared/use-cases/send-digest.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/** The daily digest against DynamoDB Local: which cases are "the day's new ones". */

const NOW = new Date('2026-12-01T08:00:00.000Z');
const hoursBefore = (hours: number): Date => new Date(NOW.getTime() - hours * 3_600_000);

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'digest');
});

afterAll(() => table.destroy());

/** A case as ingest writes it: recorded at `recordedAt`, about an event dated `occurredAt`. */
const recordCase = async (
  campaignId: string,
  level: 'yellow' | 'red',
  recordedAt: Date,
  occurredAt: Date,
): Promise<string> => {
  const event = { ...spendEvent({ campaignId }, campaignId), occurredAt: occurredAt.toISOString() };
  const caseId = randomUUID();
  const riskCase = openCase(
    caseId,
    {
      event,
      assessment: assessment([finding({ level, impact: level === 'red' ? 'severe' : 'moderate' })]),
      riskType: 'budget',
      subject: subjectOf(event),
      now: recordedAt,
    },
    testPolicy,
  );
  await table.docClient.send(new PutCommand({ TableName: table.tableName, Item: caseToItem(riskCase) }));
  return caseId;
};

const digestOf = async (level: string) => {
  const sent: DigestMessage[] = [];
  const result = await sendDigest(
    {
      reader: new DynamoDbCaseReader(table.docClient, table.tableName),
      clock: { now: () => NOW },
      notifier: {
        publishDigest: async (message) => {
          sent.push(message);
        },
      },
    },
    level,
  );
  return { result, caseIds: sent.flatMap((message) => message.cases.map((c) => c.caseId)) };
};

describe('Use case: sendDigest (DynamoDB Local)', () => {
  it('includes a case recorded today about an event dated three days back (late data)', async () => {
    // Prepare
    const late = await recordCase('digest-late', 'yellow', hoursBefore(2), hoursBefore(72));
    const fresh = await recordCase('digest-fresh', 'yellow', hoursBefore(1), hoursBefore(1));
    const atNow = await recordCase('digest-now', 'yellow', NOW, NOW);

    // Act
    const { result, caseIds } = await digestOf('yellow');

    // Assess
    expect(caseIds).toEqual(expect.arrayContaining([late, fresh, atNow]));
    expect(result).toEqual({ sent: true, cases: caseIds.length });
  });

  it("leaves out yesterday's cases, cases recorded after the digest's moment and other levels", async () => {
    // Prepare: recorded 25 h ago but seen again an hour ago; recorded after the digest's moment; red.
    const old = await recordCase('digest-old', 'yellow', hoursBefore(25), hoursBefore(1));
    const later = await recordCase('digest-later', 'yellow', hoursBefore(-1), hoursBefore(-1));
    const red = await recordCase('digest-red', 'red', hoursBefore(1), hoursBefore(1));

    // Act
    const { caseIds } = await digestOf('yellow');

    // Assess
    expect(caseIds).not.toContain(old);
    expect(caseIds).not.toContain(later);
    expect(caseIds).not.toContain(red);
  });

  it('pages through more cases than one query returns', async () => {
    // Prepare: 120 yellow cases recorded today (pages of 100).
    const level = 'yellow';
    const ids = await Promise.all(
      Array.from({ length: 120 }, (_, index) =>
        recordCase(`digest-many-${index}`, level, hoursBefore(3), hoursBefore(3)),
      ),
    );

    // Act
    const { caseIds } = await digestOf(level);

    // Assess
    expect(caseIds).toEqual(expect.arrayContaining(ids));
    expect(new Set(caseIds).size).toBe(caseIds.length);
  });
});
