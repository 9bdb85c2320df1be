import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import type { Finding } from '#shared/domain/finding.ts';
import { negotiateLocale } from '#shared/i18n/locales.ts';
import { apiEvent, type HttpHandler, lambdaContext, stubHandlerEnv } from '../fixtures/api-gateway.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';

stubHandlerEnv();

const ddb = mockClient(DynamoDBDocumentClient);
let getCase: HttpHandler;
let listCases: HttpHandler;

/** A finding that says its message and suggestion in every locale, as a pack rule's does. */
const spoken: Finding = finding({
  message: '“best”: an unproven superlative.',
  suggestion: 'Cite the survey.',
  texts: {
    message: {
      id: 'claim.violation',
      values: {
        quoted: '“best”',
        message: {
          en: 'an unproven superlative.',
          'zh-CN': '未经证实的最高级用语。',
          vi: 'từ so sánh nhất chưa được chứng minh.',
        },
      },
    },
    suggestion: { en: 'Cite the survey.', 'zh-CN': '注明调查来源。', vi: 'Dẫn nguồn khảo sát.' },
  },
});

const event = spendEvent();
const riskCase = openCase(
  'case-1',
  { event, assessment: assessment([spoken]), riskType: 'budget', subject: subjectOf(event), now: new Date() },
  testPolicy,
);

beforeAll(async () => {
  ({ handler: getCase } = await import('#functions/get-case.ts'));
  ({ handler: listCases } = await import('#functions/list-cases.ts'));
});

afterEach(() => {
  ddb.reset();
});

const read = (url: string, headers: Record<string, string> = {}) =>
  getCase(
    apiEvent({
      method: 'GET',
      url,
      resource: '/v1/cases/{id}',
      pathParameters: { id: 'case-1' },
      groups: ['legal'],
      headers,
    }),
    lambdaContext('get-case'),
  );

const findingsOf = (response: APIGatewayProxyResult) =>
  (JSON.parse(response.body) as { case: { findings: Finding[] } }).case.findings;

describe('Response language', () => {
  it.each([
    ['Accept-Language', { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' }, '/v1/cases/case-1', 'vi'],
    [
      'the lang parameter over Accept-Language',
      { 'accept-language': 'vi' },
      '/v1/cases/case-1?lang=zh',
      'zh-CN',
    ],
    ['English by default', {}, '/v1/cases/case-1', 'en'],
  ] as const)('answers in the language asked for by %s', async (_how, headers, url, locale) => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: caseToItem(riskCase) });
    ddb.on(QueryCommand).resolves({ Items: [] });

    // Act
    const response = await read(url, headers);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-language']).toBe(locale);
    expect(response.headers?.vary).toBe('accept-language');
    const [shown] = findingsOf(response);
    const expected = {
      en: ['“best”: an unproven superlative.', 'Cite the survey.'],
      'zh-CN': ['“best”：未经证实的最高级用语。', '注明调查来源。'],
      vi: ['“best”: từ so sánh nhất chưa được chứng minh.', 'Dẫn nguồn khảo sát.'],
    }[locale];
    expect([shown?.message, shown?.suggestion]).toEqual(expected);
    // The texts travel with it, so a client can show another language without asking again.
    expect(shown?.texts).toEqual(spoken.texts);
  });

  it('refuses a language it does not speak with a 400 naming the choices, and reads nothing', async () => {
    // Act
    const response = await read('/v1/cases/case-1?lang=fr');

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body).errors).toEqual([
      { path: 'lang', message: 'must be one of en, zh-CN, vi' },
    ]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('keeps lang out of a route’s own strict query, which still refuses unknown parameters', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [caseToItem(riskCase)] });
    const list = (url: string) =>
      listCases(
        apiEvent({ method: 'GET', url, resource: '/v1/cases', groups: ['manager'] }),
        lambdaContext('list'),
      );

    // Act
    const localized = await list('/v1/cases?level=red&lang=vi');
    const unknown = await list('/v1/cases?level=red&colour=red');

    // Assess
    expect(localized.statusCode).toBe(200);
    expect(JSON.parse(localized.body).items[0].findings[0].suggestion).toBe('Dẫn nguồn khảo sát.');
    expect(unknown.statusCode).toBe(400);
  });

  it.each([
    ['fr;q=0.9, vi-VN;q=0.8, en;q=0.5', 'vi'],
    ['en;q=0.2, zh-TW;q=0.8', 'zh-CN'],
    ['vi;q=0, en', 'en'],
    ['*', 'en'],
    ['de, fr', 'en'],
    ['ZH-hans-cn', 'zh-CN'],
    ['vi;q=abc, zh', 'zh-CN'],
  ] as const)('negotiates Accept-Language %j as %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
