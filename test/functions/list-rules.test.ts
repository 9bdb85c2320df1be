import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { apiEvent, type HttpHandler, lambdaContext, stubHandlerEnv } from '../fixtures/api-gateway.ts';

stubHandlerEnv();
// No policy published: the shipped packs are in force.
mockClient(DynamoDBDocumentClient).on(QueryCommand).resolves({ Items: [] });

describe('Function: list-rules', () => {
  it('shows legal every pack in force with versions, bases, rewrites and examples', async () => {
    // Prepare
    const { handler } = (await import('#functions/list-rules.ts')) as { handler: HttpHandler };

    // Act
    const response = await handler(
      apiEvent({ method: 'GET', url: '/v1/rules', resource: '/v1/rules', groups: ['legal'] }),
      lambdaContext('list-rules'),
    );

    // Assess
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as {
      rulesVersion: string;
      packs: {
        id: string;
        version: string;
        rules: {
          id: string;
          kind: string;
          basis: string;
          suggestion: string;
          examples: { positive: string[] };
        }[];
      }[];
    };
    expect(body.packs.map((pack) => pack.id).sort()).toEqual(['cn', 'en', 'vn']);
    for (const pack of body.packs) expect(body.rulesVersion).toContain(`${pack.id}@${pack.version}`);
    const rules = body.packs.flatMap((pack) => pack.rules);
    expect(new Set(rules.map((rule) => (rule as { origin?: string }).origin))).toEqual(new Set(['shipped']));
    expect(rules.filter((rule) => rule.kind === 'claim').length).toBeGreaterThanOrEqual(150);
    expect(rules.some((rule) => rule.kind === 'required-content')).toBe(true);
    expect(
      rules.every(
        (rule) => rule.basis.length > 0 && rule.suggestion.length > 0 && rule.examples.positive.length > 0,
      ),
    ).toBe(true);
  });
});
