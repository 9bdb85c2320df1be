import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { caseToItem, exceptionToItem, reviewToItem } from '#shared/adapters/dynamodb-items.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import { reviewFor } from '#shared/domain/review.ts';
import { apiEvent, type HttpHandler, lambdaContext, stubHandlerEnv } from '../fixtures/api-gateway.ts';
import { adCopyEvent, assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/**
 * Pagination cursors are the client's to hold: through the real list handlers against DynamoDB Local, a
 * forged cursor or a cursor from another query is a 400 problem naming `cursor`, never a 500 and never a
 * page of another partition.
 */

let table: TestTable;
const handlers: Record<'cases' | 'reviews' | 'exceptions', HttpHandler> = {} as never;

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute));

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'cursors');
  stubHandlerEnv({ tableName: table.tableName, endpoint: inject('dynamoEndpoint') });
  handlers.cases = (await import('#functions/list-cases.ts')).handler;
  handlers.reviews = (await import('#functions/list-reviews.ts')).handler;
  handlers.exceptions = (await import('#functions/list-exceptions.ts')).handler;

  const put = (Item: Record<string, unknown>) =>
    table.docClient.send(new PutCommand({ TableName: table.tableName, Item }));
  for (let n = 0; n < 4; n += 1) {
    const event = spendEvent({ campaignId: `cmp-${n}` }, `e-${n}`);
    const level = n % 2 === 0 ? 'red' : 'yellow';
    const opened = openCase(
      `case-${n}`,
      {
        event,
        assessment: assessment([finding({ level })], level),
        riskType: 'budget',
        subject: subjectOf(event),
        now: at(n),
      },
      testPolicy,
    );
    await put(caseToItem(opened));
    const copy = adCopyEvent({ copyId: `c-${n}` }, `copy-${n}`);
    await put(
      reviewToItem(
        reviewFor(undefined, {
          caseId: `case-${n}`,
          copy: copy.copy,
          eventId: copy.eventId,
          level: 'yellow',
          findings: [],
          now: at(n),
        }),
      ),
    );
    await put(
      exceptionToItem({
        exceptionId: `x-${n}`,
        brand: 'Acme',
        ruleId: 'cn.absolute-terms',
        evidence: 'report',
        expiresOn: '2026-12-31',
        timeZone: 'UTC',
        expiresAt: '2027-01-01T00:00:00.000Z',
        grantedBy: 'user:legal',
        grantedAt: at(n).toISOString(),
        reviewId: `case-${n}`,
      }),
    );
  }
});

afterAll(() => {
  vi.unstubAllEnvs();
  table.destroy();
});

const resources = { cases: '/v1/cases', reviews: '/v1/reviews', exceptions: '/v1/exceptions' } as const;
const groups = { cases: ['manager'], reviews: ['legal'], exceptions: ['legal'] } as const;

const get = (what: keyof typeof resources, query: string): Promise<APIGatewayProxyResult> =>
  handlers[what](
    apiEvent({
      method: 'GET',
      url: `${resources[what]}?${query}`,
      resource: resources[what],
      groups: groups[what],
    }),
    lambdaContext(`list-${what}`),
  );

const bodyOf = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;
const cursorOf = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');
const decoded = (cursor: unknown) =>
  JSON.parse(Buffer.from(String(cursor), 'base64url').toString()) as Record<string, string>;

const expectCursorProblem = (response: APIGatewayProxyResult) => {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  expect(bodyOf(response).errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
};

describe.each([
  ['cases', 'level=red&limit=1'],
  ['reviews', 'status=pending&limit=1'],
  ['exceptions', 'limit=1'],
] as const)('Cursors of GET %s (DynamoDB Local)', (what, query) => {
  let genuine: Record<string, string>;

  it('pages through with the cursor the API handed out', async () => {
    const first = await get(what, query);
    expect(first.statusCode, first.body).toBe(200);
    genuine = decoded(bodyOf(first).cursor);
    const second = await get(what, `${query}&cursor=${bodyOf(first).cursor}`);
    expect(second.statusCode, second.body).toBe(200);
    expect(bodyOf(second).items).toHaveLength(1);
    expect(bodyOf(second).items).not.toEqual(bodyOf(first).items);
  });

  it.each([
    [
      'another partition',
      (key: Record<string, string>) => {
        const [pkName = ''] = Object.keys(key).filter((name) => /^gsi\dpk$/.test(name));
        return { ...key, [pkName]: 'CASES#LEVEL#yellow' };
      },
    ],
    ['an extra attribute', (key: Record<string, string>) => ({ ...key, level: 'red' })],
    ['a missing attribute', ({ sk: _sk, ...key }: Record<string, string>) => key],
    [
      'a wrong entity',
      (key: Record<string, string>) => ({ ...key, pk: 'EVENT#test-pusher#e-1', sk: 'EVENT' }),
    ],
    [
      'the key of another entity of the table',
      (key: Record<string, string>) => {
        const id = String(key.pk).split('#')[1];
        return key.sk === 'CASE'
          ? { ...key, pk: `EXCEPTION#${id}`, sk: 'EXCEPTION' }
          : { ...key, pk: `CASE#${id}`, sk: key.sk === 'REVIEW' ? 'CASE' : 'REVIEW' };
      },
    ],
    ['a number where a string belongs', (key: Record<string, string>) => ({ ...key, sk: 7 })],
    [
      'another item id in the index sort key',
      (key: Record<string, string>) => {
        const [skName = ''] = Object.keys(key).filter((name) => /^gsi\dsk$/.test(name));
        return { ...key, [skName]: `${key[skName]}x` };
      },
    ],
  ])('answers a cursor with %s with a 400 problem', async (_, forge) => {
    expectCursorProblem(await get(what, `${query}&cursor=${cursorOf(forge(genuine))}`));
  });

  it.each([
    ['not base64url', '%25%25%25'],
    ['not JSON', 'bm90LWpzb24'],
    ['an array', cursorOf([] as never)],
  ])('answers a cursor that is %s with a 400 problem', async (_, cursor) => {
    expectCursorProblem(await get(what, `${query}&cursor=${cursor}`));
  });
});

describe('GET /v1/cases: time range (DynamoDB Local)', () => {
  it('answers from after to with a 400 problem naming to', async () => {
    const response = await get('cases', 'from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).errors).toEqual([{ path: 'to', message: expect.stringMatching(/before from/) }]);
  });

  it('answers a cursor from one time range passed with another with a 400 problem', async () => {
    const first = await get('cases', 'from=2026-11-22T09:02:00Z&limit=1');
    expect(first.statusCode, first.body).toBe(200);
    const cursor = String(bodyOf(first).cursor);
    expectCursorProblem(
      await get('cases', `from=2026-11-22T09:00:00Z&to=2026-11-22T09:01:00Z&limit=1&cursor=${cursor}`),
    );
  });
});
