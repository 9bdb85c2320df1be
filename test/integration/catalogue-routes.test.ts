import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  type ApiRequest,
  apiEvent,
  type HttpHandler,
  lambdaContext,
  postEvents,
  stubHandlerEnv,
} from '../fixtures/api-gateway.ts';
import { adCopyEvent, spendEvent } from '../fixtures/events.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/**
 * The catalogue and owner routes through their handlers on DynamoDB Local: a spend case completed when a
 * manager gives its campaign a brand, market and owner; 409 on a stale version, 400 naming the field with
 * nothing written, 404 outside the caller's scope; a reassignment in the audit trail.
 */

let table: TestTable;
const handlers: Record<string, HttpHandler> = {};
let spendCase = '';

const MANAGER = ['manager'];
const LEGAL = ['legal'];
const GLOBEX_MANAGER = ['manager', 'brand:Globex'];
const ACME_MANAGER = ['manager', 'brand:Acme'];

type Json = Record<string, unknown>;

const call = async (
  fn: string,
  groups: readonly string[],
  request: Omit<ApiRequest, 'groups' | 'headers'>,
): Promise<{ status: number; body: Json; headers: APIGatewayProxyResult['headers'] }> => {
  const handler = handlers[fn];
  if (handler === undefined) throw new Error(`no handler ${fn}`);
  const answer = await handler(
    apiEvent({
      ...request,
      groups,
      ...(request.body === undefined ? {} : { headers: { 'content-type': 'application/json' } }),
    }),
    lambdaContext(fn),
  );
  return { status: answer.statusCode, body: JSON.parse(answer.body) as Json, headers: answer.headers };
};

const campaign = (groups: readonly string[], id: string) =>
  call('read-catalogue', groups, {
    method: 'GET',
    resource: '/v1/campaigns/{id}',
    url: `/v1/campaigns/${encodeURIComponent(id)}`,
    pathParameters: { id },
  });

const putCampaign = (groups: readonly string[], id: string, body: unknown) =>
  call('change-catalogue', groups, {
    method: 'PUT',
    resource: '/v1/campaigns/{id}',
    url: `/v1/campaigns/${encodeURIComponent(id)}`,
    pathParameters: { id },
    body: JSON.stringify(body),
  });

const putBrand = (groups: readonly string[], brand: string, body: unknown) =>
  call('change-catalogue', groups, {
    method: 'PUT',
    resource: '/v1/brands/{brand}',
    url: `/v1/brands/${encodeURIComponent(brand)}`,
    pathParameters: { brand },
    body: JSON.stringify(body),
  });

const listCampaigns = (groups: readonly string[], query = '') =>
  call('read-catalogue', groups, { method: 'GET', resource: '/v1/campaigns', url: `/v1/campaigns${query}` });

const getCase = (id: string) =>
  call('get-case', MANAGER, {
    method: 'GET',
    resource: '/v1/cases/{id}',
    url: `/v1/cases/${id}`,
    pathParameters: { id },
  });

const reassign = (groups: readonly string[], id: string, body: unknown) =>
  call('reassign-case', groups, {
    method: 'POST',
    resource: '/v1/cases/{id}/owner',
    url: `/v1/cases/${id}/owner`,
    pathParameters: { id },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'catalogue-routes');
  stubHandlerEnv({ tableName: table.tableName, endpoint: inject('dynamoEndpoint') });
  for (const fn of ['ingest-events', 'read-catalogue', 'change-catalogue', 'reassign-case', 'get-case'])
    handlers[fn] = ((await import(`#functions/${fn}.ts`)) as { handler: HttpHandler }).handler;
  // A spend event 30 % over plan on a campaign nobody catalogued (no brand), and an Acme copy.
  const ingest = handlers['ingest-events'] as HttpHandler;
  const spend = await postEvents(ingest, JSON.stringify(spendEvent({ campaignId: 'cr-spend' }, 'cr-e1')));
  spendCase = String((JSON.parse(spend.body) as Json).caseId);
  await postEvents(
    ingest,
    JSON.stringify(adCopyEvent({ campaignId: 'cr-acme', brand: 'Acme', market: 'VN' }, 'cr-e2')),
  );
});

afterAll(() => {
  vi.unstubAllEnvs();
  table.destroy();
});

describe('Catalogue routes', () => {
  it('records first sight: the spend campaign with its plan, the copy’s campaign with brand and market', async () => {
    // Act
    const spend = await campaign(LEGAL, 'cr-spend');
    const copy = await campaign(LEGAL, 'cr-acme');

    // Assess
    expect(spend.status).toBe(200);
    expect(spend.body.campaign).toMatchObject({
      campaignId: 'cr-spend',
      source: 'event',
      channel: 'facebook',
      plan: { budget: 10_000 },
    });
    expect(copy.body.campaign).toMatchObject({ brand: 'Acme', market: 'VN', source: 'event' });
  });

  it('completes a campaign: audited, and its open spend case takes brand, market and owner at once', async () => {
    // Prepare
    const before = await getCase(spendCase);
    expect((before.body.case as Json).subject).not.toHaveProperty('brand');

    // Act
    const put = await putCampaign(MANAGER, 'cr-spend', {
      brand: 'Acme',
      market: 'UK',
      owner: 'ana',
      version: 1,
    });
    const read = await campaign(MANAGER, 'cr-spend');
    const after = await getCase(spendCase);

    // Assess
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      brand: 'Acme',
      market: 'GB',
      owner: 'ana',
      source: 'manager',
      version: 2,
    });
    expect(read.body.changes).toEqual([
      {
        entity: 'campaign',
        id: 'cr-spend',
        at: expect.any(String),
        actor: 'user:local-manager',
        version: 2,
        changes: [
          { field: 'brand', to: 'Acme' },
          { field: 'market', to: 'GB' },
          { field: 'owner', to: 'ana' },
        ],
      },
    ]);
    expect(after.body.case).toMatchObject({ subject: { brand: 'Acme', market: 'GB' }, owner: 'ana' });
  });

  it('answers a stale version with 409 and writes nothing', async () => {
    // Act
    const stale = await putCampaign(MANAGER, 'cr-spend', { owner: 'bo', version: 1 });
    const read = await campaign(MANAGER, 'cr-spend');

    // Assess
    expect(stale.status).toBe(409);
    expect(stale.headers?.['content-type']).toBe('application/problem+json');
    expect(stale.body.current).toEqual({ version: 2 });
    expect(read.body.campaign).toMatchObject({ owner: 'ana', version: 2 });
  });

  it('answers bad input with a 400 naming the field, and writes nothing', async () => {
    // Act
    const badMarket = await putCampaign(MANAGER, 'cr-new', { brand: 'Acme', market: 'Vietnam' });
    const badPlan = await putCampaign(MANAGER, 'cr-spend', {
      plan: { budget: -1, currency: 'USD', periodStart: '2026-12-01', periodEnd: '2026-11-01' },
    });
    const unknownField = await putBrand(MANAGER, 'Acme', { owner: 'ana', colour: 'red' });
    const created = await campaign(MANAGER, 'cr-new');

    // Assess
    expect(badMarket.status).toBe(400);
    expect(badMarket.body.errors).toEqual([expect.objectContaining({ path: 'market' })]);
    expect((badPlan.body.errors as { path: string }[]).map((error) => error.path)).toContain('plan.budget');
    expect((await campaign(MANAGER, 'cr-spend')).body.campaign).toMatchObject({ plan: { budget: 10_000 } });
    expect(unknownField.status).toBe(400);
    expect(created.status).toBe(404);
  });

  it('keeps a scoped manager to their brands: 404 outside, no moving a campaign out, lists only theirs', async () => {
    // Act
    const outside = await campaign(GLOBEX_MANAGER, 'cr-spend');
    const touch = await putCampaign(GLOBEX_MANAGER, 'cr-spend', { owner: 'cy' });
    const register = await putCampaign(GLOBEX_MANAGER, 'cr-globex', { brand: 'Globex', market: 'VN' });
    const moveOut = await putCampaign(GLOBEX_MANAGER, 'cr-globex', { brand: 'Acme' });
    const globexList = await listCampaigns(GLOBEX_MANAGER);
    const acmeList = await listCampaigns(ACME_MANAGER);
    const missing = await campaign(GLOBEX_MANAGER, 'cr-none');

    // Assess
    expect(outside.status).toBe(404);
    expect(touch.status).toBe(404);
    expect([outside.body.detail, missing.body.detail]).toEqual([
      'No campaign cr-spend',
      'No campaign cr-none',
    ]);
    expect(register.status).toBe(201);
    expect(moveOut.status).toBe(404);
    expect((await campaign(MANAGER, 'cr-globex')).body.campaign).toMatchObject({
      brand: 'Globex',
      version: 1,
    });
    expect((globexList.body.items as Json[]).map((item) => item.campaignId)).toEqual(['cr-globex']);
    expect((acmeList.body.items as Json[]).map((item) => item.campaignId).sort()).toEqual([
      'cr-acme',
      'cr-spend',
    ]);
  });

  it('lists by owner, `me` being the caller', async () => {
    // Prepare
    await putCampaign(MANAGER, 'cr-acme', { owner: 'local-manager' });

    // Act
    const ana = await listCampaigns(LEGAL, '?owner=ana');
    const mine = await listCampaigns(MANAGER, '?owner=me');

    // Assess
    expect((ana.body.items as Json[]).map((item) => item.campaignId)).toEqual(['cr-spend']);
    expect((mine.body.items as Json[]).map((item) => item.campaignId)).toEqual(['cr-acme']);
  });

  it('sets a brand’s owner and managers for managers only, audited; out of scope is 404', async () => {
    // Act
    const byLegal = await putBrand(LEGAL, 'Acme', { owner: 'ana' });
    const set = await putBrand(MANAGER, 'ACME', { owner: 'ana', managers: ['bo', 'cy'] });
    const read = await call('read-catalogue', LEGAL, {
      method: 'GET',
      resource: '/v1/brands/{brand}',
      url: '/v1/brands/acme',
      pathParameters: { brand: 'acme' },
    });
    const outside = await call('read-catalogue', GLOBEX_MANAGER, {
      method: 'GET',
      resource: '/v1/brands/{brand}',
      url: '/v1/brands/Acme',
      pathParameters: { brand: 'Acme' },
    });
    const list = await call('read-catalogue', GLOBEX_MANAGER, {
      method: 'GET',
      resource: '/v1/brands',
      url: '/v1/brands',
    });

    // Assess: the brand exists from first sight (the copy), so the change is a 200 at version 2.
    expect(byLegal.status).toBe(403);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ brand: 'Acme', owner: 'ana', managers: ['bo', 'cy'], version: 2 });
    expect(read.body.changes).toEqual([
      expect.objectContaining({
        actor: 'user:local-manager',
        changes: [
          { field: 'owner', to: 'ana' },
          { field: 'managers', to: 'bo, cy' },
        ],
      }),
    ]);
    expect(outside.status).toBe(404);
    expect((list.body.items as Json[]).map((item) => item.brand)).toEqual(['Globex']);
  });
});

describe('Reassigning a case', () => {
  it('hands the case over with an audit line from → to by the manager, with the note', async () => {
    // Act
    const answer = await reassign(MANAGER, spendCase, { owner: 'bo', note: 'Bo runs the launch' });
    const detail = await getCase(spendCase);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ owner: 'bo' });
    expect(detail.body.audit).toContainEqual(
      expect.objectContaining({
        action: 'reassigned',
        from: 'ana',
        to: 'bo',
        actor: 'user:local-manager',
        note: 'Bo runs the launch',
      }),
    );
  });

  it('refuses the same owner (409), legal (403), bad input (400) and a case out of scope (404)', async () => {
    // Act
    const same = await reassign(MANAGER, spendCase, { owner: 'bo' });
    const byLegal = await reassign(LEGAL, spendCase, { owner: 'cy' });
    const blank = await reassign(MANAGER, spendCase, { owner: '' });
    const outside = await reassign(GLOBEX_MANAGER, spendCase, { owner: 'cy' });
    const missing = await reassign(GLOBEX_MANAGER, 'no-such-case', { owner: 'cy' });
    const detail = await getCase(spendCase);

    // Assess
    expect([same.status, byLegal.status, blank.status, outside.status, missing.status]).toEqual([
      409, 403, 400, 404, 404,
    ]);
    expect(blank.body.errors).toEqual([expect.objectContaining({ path: 'owner' })]);
    expect(detail.body.case).toMatchObject({ owner: 'bo' });
  });

  it('keeps a reassigned owner when the campaign’s owner changes later', async () => {
    // Act
    await putCampaign(MANAGER, 'cr-spend', { owner: 'dy' });
    const detail = await getCase(spendCase);

    // Assess
    expect(detail.body.case).toMatchObject({ owner: 'bo' });
  });
});
