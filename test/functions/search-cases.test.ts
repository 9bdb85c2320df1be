import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { apiEvent, type HttpHandler, lambdaContext, stubHandlerEnv } from '../fixtures/api-gateway.ts';
import { brandCase } from '../fixtures/search-cases.ts';

stubHandlerEnv();

const ddb = mockClient(DynamoDBDocumentClient);
let listCases: HttpHandler;

const resolved = brandCase('case-1', { whys: ['counterfeit certificate'] });

beforeAll(async () => {
  ({ handler: listCases } = await import('#functions/list-cases.ts'));
});

afterEach(() => {
  ddb.reset();
});

const list = (url: string) =>
  listCases(
    apiEvent({ method: 'GET', url, resource: '/v1/cases', groups: ['manager'] }),
    lambdaContext('list-cases'),
  );

const body = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;

describe('Function: list-cases with q', () => {
  it("answers from the search index: the word's postings, then the cases, checked", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [{ caseId: 'case-1', lastSeenAt: resolved.lastSeenAt }],
      ScannedCount: 1,
    });
    ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, unknown> }) => {
      const [table] = Object.keys(input.RequestItems);
      return { Responses: { [table ?? '']: [caseToItem(resolved)] } };
    });

    // Act
    const response = await list('/v1/cases?q=Counterfeit&status=resolved');

    // Assess
    expect(response.statusCode).toBe(200);
    expect(body(response)).toMatchObject({ items: [{ caseId: 'case-1', status: 'resolved' }] });
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query?.IndexName).toBeUndefined();
    expect(query?.ExpressionAttributeValues).toMatchObject({
      ':pk': 'SEARCH#counterfeit',
      ':status': 'resolved',
    });
  });

  it('leaves out a case the index lists but that no longer holds the word', async () => {
    // Prepare
    ddb
      .on(QueryCommand)
      .resolves({ Items: [{ caseId: 'case-1', lastSeenAt: resolved.lastSeenAt }], ScannedCount: 1 });
    ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, unknown> }) => {
      const [table] = Object.keys(input.RequestItems);
      return { Responses: { [table ?? '']: [caseToItem(brandCase('case-1'))] } };
    });

    // Act
    const response = await list('/v1/cases?q=counterfeit');

    // Assess
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual({ items: [] });
  });

  it('answers 400 to a search without a word to look for, and reads nothing', async () => {
    // Act
    const response = await list('/v1/cases?q=the');

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(ddb.calls()).toHaveLength(0);
  });
});
