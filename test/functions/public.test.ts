import { describe, expect, it } from 'vitest';
import { handler as health } from '#functions/get-health.ts';
import { handler as openapi } from '#functions/get-openapi.ts';
import { FUNCTIONS, type FunctionDefinition } from '#infra/catalog.ts';
import { apiEvent, lambdaContext } from '../fixtures/api-gateway.ts';

describe('Function: get-health', () => {
  it('answers ok with security headers and no credentials', async () => {
    // Prepare
    const request = apiEvent({ method: 'GET', url: '/v1/health', resource: '/v1/health' });

    // Act
    const response = await health(request, lambdaContext('get-health'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });
});

describe('Function: get-openapi', () => {
  it('documents every route of the catalog, generated from the schemas', async () => {
    // Prepare
    const catalog: readonly FunctionDefinition[] = FUNCTIONS;

    // Act
    const response = await openapi(
      apiEvent({ method: 'GET', url: '/v1/openapi.json', resource: '/v1/openapi.json' }),
      lambdaContext('get-openapi'),
    );

    // Assess
    const document = JSON.parse(response.body) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    for (const route of catalog.flatMap((fn) => fn.routes)) {
      expect(
        document.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'RiskEvent',
        'Assessment',
        'Case',
        'CaseDetail',
        'RulesInForce',
        'Problem',
        'Spend',
      ]),
    );
  });

  it('describes the strict event contract: unknown fields are not allowed', async () => {
    // Prepare
    const request = apiEvent({ method: 'GET', url: '/v1/openapi.json', resource: '/v1/openapi.json' });

    // Act
    const response = await openapi(request, lambdaContext('get-openapi'));

    // Assess
    const spend = JSON.parse(response.body).components.schemas.Spend as {
      additionalProperties: unknown;
      required: string[];
    };
    expect(spend.additionalProperties).toBe(false);
    expect(spend.required).toEqual(expect.arrayContaining(['campaignId', 'plannedBudget', 'actualSpend']));
  });
});
