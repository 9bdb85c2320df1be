import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { FUNCTIONS, type FunctionDefinition } from '#infra/catalog.ts';
import { DynamoDbActionStore } from '#shared/adapters/dynamodb-action-store.ts';
import { requestAction } from '#shared/domain/actions.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import { openApiDocument } from '#shared/schemas/openapi.ts';
import {
  type ApiRequest,
  apiEvent,
  type HttpHandler,
  lambdaContext,
  postEvents,
  signedHeaders,
  stubHandlerEnv,
} from '../fixtures/api-gateway.ts';
import { adCopyEvent, sentimentEvent, spendEvent } from '../fixtures/events.ts';
import { customRule } from '../fixtures/policies.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/**
 * The OpenAPI document says what every route answers; the real handlers, on DynamoDB Local, must answer
 * exactly that: each status they answer is documented, and each body validates against the document's
 * schema for it, with no field the document leaves out (a client generated from the document would
 * otherwise never see it).
 */

type Document = {
  paths: Record<string, Record<string, { responses: Record<string, Documented> }>>;
  components: unknown;
};
type Documented = { content?: Record<string, { schema: object }> };

const document = openApiDocument() as unknown as Document;

/** The document's schemas as validators: an object lists every field it may carry. */
const undocumentedFieldsRefused = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(undocumentedFieldsRefused);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, undocumentedFieldsRefused(value)]),
  );
  return 'properties' in copy && !('additionalProperties' in copy)
    ? { ...copy, additionalProperties: false }
    : copy;
};

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const components = undocumentedFieldsRefused(document.components);
const validators = new Map<object, ValidateFunction>();
const validatorOf = (schema: object): ValidateFunction => {
  const known = validators.get(schema);
  if (known !== undefined) return known;
  const compiled = ajv.compile({ ...(undocumentedFieldsRefused(schema) as object), components });
  validators.set(schema, compiled);
  return compiled;
};

/** What is wrong with an answer by the document: nothing when it conforms. */
const departures = (route: string, answer: APIGatewayProxyResult): string[] => {
  const [method = '', path = ''] = route.split(' ');
  const status = String(answer.statusCode);
  const documented = document.paths[path]?.[method.toLowerCase()]?.responses[status];
  if (documented === undefined) return [`${route}: status ${status} is not documented`];
  const contentType = String(answer.headers?.['content-type'] ?? '').split(';')[0] ?? '';
  const schema = documented.content?.[contentType]?.schema;
  if (schema === undefined) return [`${route} ${status}: content type ${contentType} is not documented`];
  const validate = validatorOf(schema);
  // A CSV or PDF download is a string (the PDF base64-encoded, as API Gateway receives it).
  if (validate(contentType.endsWith('json') ? JSON.parse(answer.body) : answer.body)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${route} ${status}: ${error.instancePath || '(body)'} ${error.message} ${JSON.stringify(error.params)}`,
  );
};

const ROUTES = (FUNCTIONS as readonly FunctionDefinition[])
  .flatMap((fn) => fn.routes.map((route) => ({ fn: fn.id, route: `${route.method} ${route.path}` })))
  .filter(({ route }) => route !== 'GET /v1/openapi.json');

let table: TestTable;
const handlers = new Map<string, HttpHandler>();
/** Every answer of the flow below, by route (`METHOD /path`). */
const answers = new Map<string, APIGatewayProxyResult[]>();

const record = (route: string, answer: APIGatewayProxyResult): APIGatewayProxyResult => {
  answers.set(route, [...(answers.get(route) ?? []), answer]);
  return answer;
};

const handlerOf = (route: string): HttpHandler => {
  const handler = handlers.get(route);
  if (handler === undefined) throw new Error(`No function serves ${route}`);
  return handler;
};

/** A request by a person in `group` (none: no credentials). */
const ask = async (
  group: 'manager' | 'legal' | undefined,
  request: Omit<ApiRequest, 'url' | 'groups' | 'headers'> & { readonly url?: string },
): Promise<APIGatewayProxyResult> => {
  const route = `${request.method} ${request.resource}`;
  const fn = ROUTES.find((candidate) => candidate.route === route)?.fn ?? '';
  const answer = await handlerOf(route)(
    apiEvent({
      ...request,
      url: request.url ?? request.resource,
      ...(group === undefined ? {} : { groups: [group] }),
      ...(request.body === undefined ? {} : { headers: { 'content-type': 'application/json' } }),
    }),
    lambdaContext(fn),
  );
  return record(route, answer);
};

const push = async (path: '/v1/events' | '/v1/evaluate', body: unknown) =>
  record(`POST ${path}`, await postEvents(handlerOf(`POST ${path}`), JSON.stringify(body), { path }));

const bodyOf = (answer: APIGatewayProxyResult) => JSON.parse(answer.body) as Record<string, unknown>;

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'openapi');
  stubHandlerEnv({ tableName: table.tableName, endpoint: inject('dynamoEndpoint') });
  for (const { fn, route } of ROUTES) {
    handlers.set(route, ((await import(`#functions/${fn}.ts`)) as { handler: HttpHandler }).handler);
  }

  // Events: a single flagged copy, a batch with a rejected event (207) and one without (200), evaluated too.
  const copy = bodyOf(await push('/v1/events', adCopyEvent({}, 'oa-copy')));
  if (copy.assessment === undefined)
    throw new Error(`The flagged copy was not assessed: ${JSON.stringify(copy)}`);
  const batch = bodyOf(
    await push('/v1/events', { events: [spendEvent({ campaignId: 'oa-1' }, 'oa-spend'), { type: 'spend' }] }),
  );
  await push('/v1/events', { events: [sentimentEvent({}, 'oa-sentiment')] });
  await push('/v1/evaluate', adCopyEvent({ copyId: 'c-eval' }, 'oa-eval'));
  await push('/v1/evaluate', { events: [spendEvent({}, 'oa-eval-2'), { eventId: 'bad' }] });
  const copyCase = String(copy.caseId);
  const spendCase = String((batch.results as { caseId: string }[])[0]?.caseId);
  const ruleId = String((copy.assessment as { findings: { ruleId: string }[] }).findings[0]?.ruleId);

  // Cases: lists, details, the workflow and its refusals.
  await ask('manager', { method: 'GET', resource: '/v1/cases' });
  await ask('manager', { method: 'GET', resource: '/v1/cases', url: '/v1/cases?status=closed' });
  await ask(undefined, { method: 'GET', resource: '/v1/cases' });
  await ask('legal', {
    method: 'GET',
    resource: '/v1/cases/{id}',
    url: `/v1/cases/${copyCase}`,
    pathParameters: { id: copyCase },
  });
  await ask('manager', {
    method: 'GET',
    resource: '/v1/cases/{id}',
    url: '/v1/cases/none',
    pathParameters: { id: 'none' },
  });
  const ofCase = (action: string) => ({
    method: 'POST' as const,
    resource: `/v1/cases/{id}/${action}`,
    url: `/v1/cases/${spendCase}/${action}`,
    pathParameters: { id: spendCase },
  });
  await ask('manager', { ...ofCase('acknowledge'), body: JSON.stringify({ note: 'On it' }) });
  await ask('manager', { ...ofCase('acknowledge'), body: '{}' });
  await ask('manager', {
    ...ofCase('resolve'),
    body: JSON.stringify({ whys: ['No cap'], measures: ['Paused'], improvementPlan: 'Pacing alert' }),
  });
  await ask('legal', { ...ofCase('resolve'), body: JSON.stringify({ whys: [] }) });

  // Legal: the queue, a decision with an exception, the exceptions, a revocation, the rules.
  await ask('legal', { method: 'GET', resource: '/v1/reviews' });
  const decision = {
    method: 'POST' as const,
    resource: '/v1/reviews/{id}/decision',
    url: `/v1/reviews/${copyCase}/decision`,
    pathParameters: { id: copyCase },
    body: JSON.stringify({
      decision: 'approved',
      note: 'Substantiated',
      exception: { ruleId, evidence: 'Market-share report 2026-Q3', expiresAt: '2099-01-01T00:00:00Z' },
    }),
  };
  const decided = bodyOf(await ask('legal', decision));
  await ask('legal', decision);
  const exceptionId = String((decided.exception as { exceptionId?: string } | undefined)?.exceptionId);
  await ask('legal', { method: 'GET', resource: '/v1/exceptions' });
  // Exports: each list as CSV, a bad filter, a role refused; the evidence pack of the decided copy and of no review.
  const exportOf = (name: string, query = '') => ({
    method: 'GET' as const,
    resource: `/v1/exports/${name}.csv`,
    url: `/v1/exports/${name}.csv${query}`,
  });
  await ask('manager', exportOf('cases', '?riskType=compliance'));
  await ask('manager', exportOf('cases', '?market=Vietnam'));
  await ask('legal', exportOf('reviews', '?status=approved'));
  await ask('manager', exportOf('reviews'));
  await ask('legal', exportOf('exceptions'));
  const evidenceOf = (id: string) => ({
    method: 'GET' as const,
    resource: '/v1/reviews/{id}/evidence.pdf',
    url: `/v1/reviews/${id}/evidence.pdf`,
    pathParameters: { id },
  });
  await ask('manager', evidenceOf(copyCase));
  await ask('legal', evidenceOf('none'));
  await ask('legal', {
    method: 'POST',
    resource: '/v1/exceptions/{id}/revoke',
    url: `/v1/exceptions/${exceptionId}/revoke`,
    pathParameters: { id: exceptionId },
  });
  await ask('legal', { method: 'GET', resource: '/v1/rules' });
  await ask('manager', { method: 'GET', resource: '/v1/rules' });
  await ask(undefined, { method: 'GET', resource: '/v1/health' });

  // Overviews: a campaign with a copy, one with spend, an unknown one; a brand's page and a bad range.
  const ofCampaign = (id: string) => ({
    method: 'GET' as const,
    resource: '/v1/campaigns/{id}/overview',
    url: `/v1/campaigns/${id}/overview`,
    pathParameters: { id },
  });
  await ask('manager', ofCampaign('cmp-1'));
  await ask('legal', ofCampaign('oa-1'));
  await ask('manager', ofCampaign('none'));
  const ofBrand = (query: string) => ({
    method: 'GET' as const,
    resource: '/v1/brands/{brand}/overview',
    url: `/v1/brands/Acme/overview${query}`,
    pathParameters: { brand: 'Acme' },
  });
  await ask('manager', ofBrand('?weeks=4'));
  await ask('manager', ofBrand('?weeks=99'));

  // Catalogue: lists and details (one unknown), a campaign registered, completed, a stale version, a bad
  // field; a brand set twice; a case handed over, then handed to its owner again (409).
  const ofCatalogue = (method: 'GET' | 'PUT', kind: 'campaigns' | 'brands', id: string, body?: unknown) => ({
    method,
    resource: kind === 'campaigns' ? '/v1/campaigns/{id}' : '/v1/brands/{brand}',
    url: `/v1/${kind}/${id}`,
    pathParameters: (kind === 'campaigns' ? { id } : { brand: id }) as Record<string, string>,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await ask('manager', { method: 'GET', resource: '/v1/campaigns', url: '/v1/campaigns?brand=Acme' });
  await ask('legal', { method: 'GET', resource: '/v1/campaigns', url: '/v1/campaigns?limit=500' });
  await ask('legal', ofCatalogue('GET', 'campaigns', 'cmp-1'));
  await ask('manager', ofCatalogue('GET', 'campaigns', 'none'));
  await ask(
    'manager',
    ofCatalogue('PUT', 'campaigns', 'oa-new', { name: 'Launch', brand: 'Acme', market: 'VN' }),
  );
  await ask('manager', ofCatalogue('PUT', 'campaigns', 'oa-new', { owner: 'ana', version: 1 }));
  await ask('manager', ofCatalogue('PUT', 'campaigns', 'oa-new', { owner: 'bo', version: 1 }));
  await ask('manager', ofCatalogue('PUT', 'campaigns', 'oa-new', { market: 'Vietnam' }));
  await ask('legal', ofCatalogue('PUT', 'campaigns', 'oa-new', { owner: 'cy' }));
  await ask('manager', { method: 'GET', resource: '/v1/brands' });
  await ask('manager', ofCatalogue('PUT', 'brands', 'Globex', { owner: 'ana', managers: ['bo'] }));
  await ask('manager', ofCatalogue('PUT', 'brands', 'Acme', { owner: 'ana' }));
  await ask('legal', ofCatalogue('GET', 'brands', 'acme'));
  await ask('legal', ofCatalogue('GET', 'brands', 'none'));
  const ownerOf = (id: string) => ({
    method: 'POST' as const,
    resource: '/v1/cases/{id}/owner',
    url: `/v1/cases/${id}/owner`,
    pathParameters: { id },
  });
  await ask('manager', {
    ...ownerOf(copyCase),
    body: JSON.stringify({ owner: 'ana', note: 'Launch owner' }),
  });
  await ask('manager', { ...ownerOf(copyCase), body: JSON.stringify({ owner: 'ana' }) });
  await ask('manager', { ...ownerOf('none'), body: JSON.stringify({ owner: 'ana' }) });

  // Budget re-allocations: requested by a manager (201, 422, 400) and a pusher (201); the requester's own
  // approval (403), another's (200), a second decision (409), an unknown one (404); the campaign's list.
  const planned = (budget: number) => ({
    plan: { budget, currency: 'USD', periodStart: '2026-11-01', periodEnd: '2026-11-30' },
  });
  await ask('manager', ofCatalogue('PUT', 'campaigns', 'oa-src', planned(10_000)));
  await ask('manager', ofCatalogue('PUT', 'campaigns', 'oa-dst', planned(5_000)));
  const move = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      from: { campaignId: 'oa-src' },
      to: { campaignId: 'oa-dst' },
      amount: 1_000,
      currency: 'USD',
      reason: 'Shift to the better converter',
      ...extra,
    });
  const requestRoute = { method: 'POST' as const, resource: '/v1/reallocations' };
  const own = bodyOf(await ask('manager', { ...requestRoute, body: move() }));
  await ask('manager', { ...requestRoute, body: move({ currency: 'EUR' }) });
  await ask('manager', { ...requestRoute, body: move({ reason: ' ' }) });
  const pushedBody = move({ amount: 500 });
  const pushedRoute = '/v1/reallocation-requests';
  const pushed = bodyOf(
    record(
      `POST ${pushedRoute}`,
      await handlerOf(`POST ${pushedRoute}`)(
        apiEvent({
          method: 'POST',
          url: pushedRoute,
          resource: pushedRoute,
          body: pushedBody,
          headers: signedHeaders(pushedBody, new Date(), undefined, { method: 'POST', path: pushedRoute }),
        }),
        lambdaContext('push-reallocation'),
      ),
    ),
  );
  const reallocationDecision = (id: unknown, body: unknown) => ({
    method: 'POST' as const,
    resource: '/v1/reallocations/{id}/decision',
    url: `/v1/reallocations/${String(id)}/decision`,
    pathParameters: { id: String(id) },
    body: JSON.stringify(body),
  });
  await ask('manager', reallocationDecision(own.reallocationId, { decision: 'approved', note: 'Mine' }));
  await ask('manager', reallocationDecision(pushed.reallocationId, { decision: 'approved', note: 'Agreed' }));
  await ask('manager', reallocationDecision(pushed.reallocationId, { decision: 'rejected', note: 'Again' }));
  await ask('manager', reallocationDecision('none', { decision: 'rejected', note: 'No such' }));
  const listOf = (id: string) => ({
    method: 'GET' as const,
    resource: '/v1/campaigns/{id}/reallocations',
    url: `/v1/campaigns/${id}/reallocations`,
    pathParameters: { id },
  });
  await ask('legal', listOf('oa-src'));
  await ask('manager', listOf('none'));

  // Guarded actions: the case's requests (one made as the stream consumer would), approved, rejected, refused.
  const spendRecord = bodyOf(
    await ask('manager', {
      method: 'GET',
      resource: '/v1/cases/{id}',
      url: `/v1/cases/${spendCase}`,
      pathParameters: { id: spendCase },
    }),
  );
  const actions = new DynamoDbActionStore(table.docClient, table.tableName);
  for (const kind of ['pause-campaign', 'notify-webhook'] as const) {
    const made = requestAction(
      spendRecord.case as RiskCase,
      { kind, atLevel: 'red', approval: 'manual' },
      new Date(),
    );
    await actions.create(made.request, made.audit);
  }
  const ofAction = (id: string, decision: 'approve' | 'reject') => ({
    method: 'POST' as const,
    resource: `/v1/actions/{id}/${decision}`,
    url: `/v1/actions/${id}/${decision}`,
    pathParameters: { id },
  });
  await ask('legal', {
    method: 'GET',
    resource: '/v1/cases/{id}/actions',
    url: `/v1/cases/${spendCase}/actions`,
    pathParameters: { id: spendCase },
  });
  await ask('manager', {
    method: 'GET',
    resource: '/v1/cases/{id}/actions',
    url: '/v1/cases/none/actions',
    pathParameters: { id: 'none' },
  });
  await ask('manager', {
    ...ofAction(`${spendCase}.pause-campaign.red`, 'approve'),
    body: JSON.stringify({ note: 'Go' }),
  });
  await ask('manager', { ...ofAction(`${spendCase}.pause-campaign.red`, 'approve'), body: '{}' });
  await ask('manager', { ...ofAction(`${spendCase}.notify-webhook.red`, 'reject'), body: '{}' });
  await ask('manager', { ...ofAction('bad-id', 'reject'), body: '{}' });
  await ask('legal', { ...ofAction(`${spendCase}.notify-webhook.red`, 'approve'), body: '{}' });

  // Crisis drills: one started, one refused, its report, a missing one.
  const drill = bodyOf(
    await ask('manager', {
      method: 'POST',
      resource: '/v1/drills',
      body: JSON.stringify({ kind: 'budget' }),
    }),
  );
  await ask('manager', { method: 'POST', resource: '/v1/drills', body: JSON.stringify({ kind: 'flood' }) });
  const ofDrill = (id: string) => ({
    method: 'GET' as const,
    resource: '/v1/drills/{id}',
    url: `/v1/drills/${id}`,
    pathParameters: { id },
  });
  await ask('legal', ofDrill(String(drill.drillId)));
  await ask('manager', ofDrill('drill-none'));

  // Policies: list, a draft refused and saved, tested, published, the history, a diff, a rollback, refusals.
  const ofPolicy = (id: string, tail = '') => ({
    resource: `/v1/policies/{id}${tail}`,
    url: `/v1/policies/${id}${tail}`,
    pathParameters: { id },
  });
  await ask('legal', { method: 'GET', resource: '/v1/policies' });
  const overlay = { rules: [customRule()] };
  await ask('legal', {
    method: 'PUT',
    ...ofPolicy('claims', '/draft'),
    body: JSON.stringify({ document: { rules: [{}] } }),
  });
  await ask('legal', {
    method: 'PUT',
    ...ofPolicy('claims', '/draft'),
    body: JSON.stringify({ document: overlay }),
  });
  await ask('manager', {
    method: 'PUT',
    ...ofPolicy('claims', '/draft'),
    body: JSON.stringify({ document: overlay }),
  });
  await ask('legal', { method: 'GET', ...ofPolicy('claims', '/draft') });
  await ask('legal', { method: 'POST', ...ofPolicy('claims', '/draft/test'), body: '{}' });
  await ask('legal', { method: 'GET', ...ofPolicy('claims', '/diff') });
  await ask('legal', {
    method: 'POST',
    ...ofPolicy('claims', '/publish'),
    body: JSON.stringify({ note: 'Brand taboo' }),
  });
  await ask('legal', {
    method: 'POST',
    ...ofPolicy('claims', '/publish'),
    body: JSON.stringify({ note: 'Again' }),
  });
  await ask('manager', { method: 'GET', ...ofPolicy('claims') });
  await ask('manager', { method: 'GET', ...ofPolicy('claims', '/versions') });
  await ask('manager', {
    method: 'GET',
    resource: '/v1/policies/{id}/versions/{version}',
    url: '/v1/policies/claims/versions/1',
    pathParameters: { id: 'claims', version: '1' },
  });
  await ask('manager', { method: 'GET', ...ofPolicy('claims', '/draft') });
  await ask('legal', {
    method: 'POST',
    ...ofPolicy('claims', '/rollback'),
    body: JSON.stringify({ version: 0, note: 'Undo' }),
  });
  await ask('legal', {
    method: 'POST',
    ...ofPolicy('claims', '/rollback'),
    body: JSON.stringify({ version: 9, note: 'No such' }),
  });
});

afterAll(() => {
  vi.unstubAllEnvs();
  table.destroy();
});

describe('OpenAPI document', () => {
  it('refuses a body with a field it does not document', () => {
    // Prepare
    const answer = {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"status":"ok","x":1}',
    };

    // Act
    const found = departures('GET /v1/health', answer);

    // Assess
    expect(found).toEqual([expect.stringContaining('must NOT have additional properties')]);
  });

  it.each(ROUTES.map(({ route }) => [route]))('describes every answer of %s', (route) => {
    // Prepare
    const answered = answers.get(route) ?? [];

    // Act
    const found = answered.flatMap((answer) => departures(route, answer));

    // Assess
    expect(
      answered.some((answer) => answer.statusCode < 300),
      `${route} answered no 2xx`,
    ).toBe(true);
    expect(found).toEqual([]);
  });
});
