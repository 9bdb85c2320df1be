import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditToItem, caseToItem, occurrenceToItem } from '#shared/adapters/dynamodb-items.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import { apiEvent, type HttpHandler, lambdaContext, stubHandlerEnv } from '../fixtures/api-gateway.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';

stubHandlerEnv();

const ddb = mockClient(DynamoDBDocumentClient);
type Handler = HttpHandler;
let listCases: Handler;
let getCase: Handler;

const event = spendEvent();
const redCase = openCase(
  'case-1',
  {
    event,
    assessment: assessment([finding()]),
    riskType: 'budget',
    subject: subjectOf(event),
    now: new Date('2026-11-22T10:00:00Z'),
  },
  testPolicy,
);

beforeAll(async () => {
  ({ handler: listCases } = await import('#functions/list-cases.ts'));
  ({ handler: getCase } = await import('#functions/get-case.ts'));
});

afterEach(() => {
  ddb.reset();
});

const list = (url: string, groups?: readonly string[]) =>
  listCases(
    apiEvent({ method: 'GET', url, resource: '/v1/cases', ...(groups ? { groups } : {}) }),
    lambdaContext('list-cases'),
  );

const body = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;

describe('Function: list-cases', () => {
  it.each([['manager'], ['legal']])(
    'lists cases for a %s, newest first, with a cursor for the next page',
    async (group) => {
      // Prepare
      ddb.on(QueryCommand).resolves({
        Items: [caseToItem(redCase)],
        LastEvaluatedKey: { pk: 'CASE#case-1', sk: 'CASE', gsi2pk: 'x', gsi2sk: 'y' },
      });

      // Act
      const response = await list('/v1/cases?level=red&limit=1', [group]);

      // Assess
      expect(response.statusCode).toBe(200);
      expect(body(response)).toEqual({ items: [redCase], cursor: expect.any(String) });
      const input = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
      expect(input).toMatchObject({ IndexName: 'gsi2', ScanIndexForward: false, Limit: 1 });
      expect(input?.ExpressionAttributeValues?.[':pk']).toBe('CASES#LEVEL#red');
    },
  );

  it('answers 401 without credentials and reads nothing', async () => {
    // Act
    const response = await list('/v1/cases');

    // Assess
    expect(response.statusCode).toBe(401);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 403 to a signed-in person in neither group', async () => {
    // Act
    const response = await list('/v1/cases', []);

    // Assess
    expect(response.statusCode).toBe(403);
    expect(body(response)).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it.each([
    ['/v1/cases?status=closed', 'status'],
    ['/v1/cases?limit=1000', 'limit'],
    ['/v1/cases?sort=asc', 'sort'],
    ['/v1/cases?riskType=weather', 'riskType'],
  ])('rejects %s naming the parameter', async (url, path) => {
    // Act
    const response = await list(url, ['manager']);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(body(response).errors).toEqual([expect.objectContaining({ path })]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('rejects a tampered cursor with 400', async () => {
    // Act
    const response = await list('/v1/cases?cursor=e30', ['manager']);

    // Assess
    expect(response.statusCode).toBe(400);
  });

  it('answers a DynamoDB fault with a 500 problem that says retrying is safe', async () => {
    // Prepare
    ddb.on(QueryCommand).rejects(new Error('InternalServerError'));

    // Act
    const response = await list('/v1/cases', ['manager']);

    // Assess
    expect(response.statusCode).toBe(500);
    expect(body(response)).toMatchObject({ status: 500, title: 'Internal error' });
    expect(String(body(response).detail)).not.toContain('InternalServerError');
  });
});

describe('Function: get-case', () => {
  const get = (id: string, groups?: readonly string[]) =>
    getCase(
      apiEvent({
        method: 'GET',
        url: `/v1/cases/${id}`,
        resource: '/v1/cases/{id}',
        pathParameters: { id },
        ...(groups ? { groups } : {}),
      }),
      lambdaContext('get-case'),
    );

  it('returns the case with its occurrences', async () => {
    // Prepare
    const occurrence = {
      caseId: 'case-1',
      eventId: 'e-1',
      type: 'spend',
      source: 'meta-ads',
      occurredAt: 'a',
      receivedAt: 'b',
      level: 'red',
      ruleIds: [],
    } as const;
    const audit = {
      caseId: 'case-1',
      at: '2026-11-22T10:00:00.000Z',
      actor: 'client:pusher',
      action: 'opened',
      to: 'red',
    } as const;
    ddb
      .on(GetCommand, { Key: { pk: 'CASE#case-1', sk: 'CASE' } })
      .resolves({ Item: caseToItem(redCase) })
      .on(GetCommand, { Key: { pk: 'CASE#case-1', sk: 'REVIEW' } })
      .resolves({})
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CASE#case-1', ':prefix': 'OCC#' } })
      .resolves({ Items: [occurrenceToItem(occurrence)] })
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CASE#case-1', ':prefix': 'AUDIT#' } })
      .resolves({ Items: [auditToItem(audit, 'x')] });

    // Act
    const response = await get('case-1', ['legal']);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual({ case: redCase, occurrences: [occurrence], audit: [audit] });
  });

  it('answers 404 for an unknown case', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});

    // Act
    const response = await get('nope', ['manager']);

    // Assess
    expect(response.statusCode).toBe(404);
    expect(body(response).detail).toBe('No case nope');
  });

  it('answers 400 for an id that cannot be a case id', async () => {
    // Act
    const response = await get('a b', ['manager']);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });
});
