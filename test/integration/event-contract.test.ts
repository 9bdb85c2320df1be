import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  type HttpHandler,
  postEvents,
  signedHeaders,
  stubHandlerEnv,
  TEST_CLIENT,
} from '../fixtures/api-gateway.ts';
import { adCopyEvent, sentimentEvent, spendEvent } from '../fixtures/events.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';
import { riskEventArbitrary } from '../support/event-arbitraries.ts';

/**
 * The event contract at the HTTP edge, through the real ingest handler against DynamoDB Local: what the
 * contract refuses is a 400 that writes nothing, and what it admits is assessed and stored.
 */

let table: TestTable;
let ingest: HttpHandler;

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'contract');
  stubHandlerEnv({ tableName: table.tableName, endpoint: inject('dynamoEndpoint') });
  ({ handler: ingest } = await import('#functions/ingest-events.ts'));
});

afterAll(() => {
  vi.unstubAllEnvs();
  table.destroy();
});

/**
 * Each request is signed a second after the last, so no two share a signature (replay guard), but never
 * more than 20 s ahead of the real clock (the server refuses 30 s): a fast run of many requests would
 * otherwise sign in the future. At the cap the bodies differ (fresh event ids), and so do the signatures.
 */
let clock = Date.now() - 200_000;
const post = (body: string): Promise<APIGatewayProxyResult> => {
  clock = Math.min(clock + 1000, Date.now() + 20_000);
  return postEvents(ingest, body, { headers: signedHeaders(body, new Date(clock)) });
};

const storedEventIds = async (): Promise<string[]> => {
  const output = await table.docClient.send(new ScanCommand({ TableName: table.tableName }));
  return (output.Items ?? [])
    .filter((item) => String(item.pk).startsWith('EVENT#'))
    .map((item) => String(item.pk).slice(`EVENT#${TEST_CLIENT.id}#`.length));
};

const bodyOf = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;

describe('Edge: ill-formed Unicode (DynamoDB Local)', () => {
  it('refuses two event ids that differ only in a lone surrogate, so neither is stored nor taken for the other', async () => {
    // Prepare: JSON escapes are how a lone surrogate arrives; a UTF-8 body cannot carry one.
    const first = JSON.stringify(spendEvent({ campaignId: 'sur-1' }, 'x\ud800'));
    const second = JSON.stringify(spendEvent({ campaignId: 'sur-2' }, 'x\ud801'));
    expect(first).toContain('\\ud800');

    // Act
    const responses = [await post(first), await post(second)];

    // Assess
    for (const response of responses) {
      expect(response.statusCode).toBe(400);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
      expect(bodyOf(response).errors).toEqual([
        { path: 'eventId', message: expect.stringMatching(/well-formed/) },
      ]);
    }
    expect((await storedEventIds()).filter((id) => id.startsWith('x'))).toEqual([]);
  });

  it.each([
    ['spend.campaignId', spendEvent({ campaignId: 'cmp-\udc00' }, 'lone-cmp')],
    ['spend.channel', spendEvent({ channel: 'face\ud83dbook' }, 'lone-channel')],
    ['sentiment.brand', sentimentEvent({ brand: 'Acme\ud800' }, 'lone-brand')],
    ['sentiment.product', sentimentEvent({ product: '\udfffSerum' }, 'lone-product')],
    ['copy.copyId', adCopyEvent({ copyId: 'c-\ud800' }, 'lone-copy-id')],
    ['copy.text', adCopyEvent({ text: '最佳\ud800' }, 'lone-text')],
  ])('answers a lone surrogate in %s with a 400 naming it, writing nothing', async (path, event) => {
    const response = await post(JSON.stringify(event));
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).errors).toEqual([{ path, message: expect.stringMatching(/well-formed/) }]);
    expect(await storedEventIds()).not.toContain(event.eventId);
  });

  it('stores the valid events of a batch and rejects the ill-formed one by its index (207), the same on a retry', async () => {
    const body = JSON.stringify({
      events: [
        spendEvent({ campaignId: 'batch-ok' }, 'batch-ok-1'),
        spendEvent({ campaignId: 'batch-\ud800' }, 'batch-bad'),
      ],
    });
    for (const expected of ['created', 'duplicate']) {
      const response = await post(body);
      expect(response.statusCode).toBe(207);
      expect(bodyOf(response).results).toEqual([
        expect.objectContaining({ index: 0, status: expected }),
        expect.objectContaining({
          index: 1,
          status: 'rejected',
          errors: [{ path: 'events.1.spend.campaignId', message: expect.stringMatching(/well-formed/) }],
        }),
      ]);
    }
    expect(await storedEventIds()).toContain('batch-ok-1');
    expect(await storedEventIds()).not.toContain('batch-bad');
  });
});

describe('Edge: numbers the detectors cannot judge (DynamoDB Local)', () => {
  it.each([
    ['spend.plannedBudget', spendEvent({ plannedBudget: 1e-300 }, 'n-tiny-plan')],
    ['spend.plannedBudget', spendEvent({ plannedBudget: 0.0001, actualSpend: 1e12 }, 'n-huge-ratio')],
    ['spend.actualSpend', spendEvent({ actualSpend: 1e-131 }, 'n-tiny-spend')],
  ])('answers %s out of the contract with a 400 naming it, writing nothing', async (path, event) => {
    const response = await post(JSON.stringify(event));
    expect(response.statusCode).toBe(400);
    expect((bodyOf(response).errors as { path: string }[]).map((issue) => issue.path)).toContain(path);
    expect(await storedEventIds()).not.toContain(event.eventId);
  });
});

describe('Property: any event the contract admits is assessed and stored (DynamoDB Local)', () => {
  it('answers 200 created for batches of admitted events, and stores each of them', async () => {
    // Fresh ids on every run, shrinking included, so no run is answered as another's duplicate.
    let next = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(riskEventArbitrary(), { minLength: 1, maxLength: 5 }), async (generated) => {
        const events = generated.map((event) => ({ ...event, eventId: `prop-${next++}` }));
        const response = await post(JSON.stringify({ events }));
        expect(response.statusCode, response.body).toBe(200);
        const results = bodyOf(response).results as { status: string }[];
        expect(results.map((result) => result.status)).toEqual(events.map(() => 'created'));
      }),
      { numRuns: 40 },
    );
    const stored = await storedEventIds();
    expect(stored.filter((id) => id.startsWith('prop-')).length).toBe(next);
  });
});
