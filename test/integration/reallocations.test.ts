import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { signRequest } from '#shared/auth/signature.ts';
import type { Assessment } from '#shared/schemas/assessment.ts';
import { spendEvent } from '../fixtures/events.ts';
import { startTestStack } from '../support/test-stack.ts';
import { pushEvents } from '../web/browser.ts';

/**
 * Budget re-allocations end to end on the local stack (issue #17, row 31): a manager requests one, cannot
 * approve it himself, another manager approves it, both plans move, and the next spend report of the
 * source campaign is judged against its new plan (an overrun it was not before); the campaign lists it with
 * who, when and why. A rejection moves nothing; a decided request is not decided again; a pusher's signed
 * request is decided by a manager like any other.
 */

let stack: LocalStack;
let dataDir: string;

const ANA = 'dev-manager-token';
const LI = 'li-manager-token';
const USERS = [{ token: LI, name: 'Li Manager', username: 'li', roles: ['manager'] }];

type Json = Record<string, unknown>;

const call = async (token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Json,
  };
};

// The current month, so the spend reports are live and the approval falls inside their flight.
const today = new Date();
const month = today.toISOString().slice(0, 7);
const periodStart = `${month}-01`;
const periodEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0))
  .toISOString()
  .slice(0, 10);
const SOURCE = `cmp-realloc-a-${Date.now()}`;
const DESTINATION = `cmp-realloc-b-${Date.now()}`;

/** A spend report of the source campaign: 9,000 spent of the 10,000 its platform still states. */
const report = (eventId: string) => ({
  ...spendEvent(
    {
      campaignId: SOURCE,
      currency: 'EUR',
      plannedBudget: 10_000,
      actualSpend: 9_000,
      periodStart,
      periodEnd,
    },
    eventId,
  ),
  occurredAt: new Date().toISOString(),
});

const overrunOf = async (eventId: string) => {
  const answer = (await pushEvents(stack, [report(eventId)])) as { results: { assessment: Assessment }[] };
  return answer.results[0]?.assessment.findings.find((finding) => finding.ruleId === 'spend.overrun');
};

const planOf = async (id: string) => {
  const { body } = await call(ANA, 'GET', `/v1/campaigns/${id}`);
  return body as { campaign: { plan?: { budget: number } }; changes: { actor: string; changes: Json[] }[] };
};

const move = (overrides: Json = {}) => ({
  from: { campaignId: SOURCE },
  to: { campaignId: DESTINATION },
  amount: 2_000,
  currency: 'EUR',
  reason: 'Destination converts at half the CPA',
  ...overrides,
});

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('reallocations', { RADAR_USERS: JSON.stringify(USERS) }));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

describe('Re-allocations on the local stack', () => {
  it('requests, refuses self-approval, approves, moves both plans, and judges the next report against the new plan', async () => {
    // Prepare: the source campaign first seen in its spend (10,000 EUR, within plan), the destination registered.
    expect(await overrunOf(`e-${SOURCE}-1`)).toBeUndefined();
    const registered = await call(ANA, 'PUT', `/v1/campaigns/${DESTINATION}`, {
      plan: { budget: 5_000, currency: 'EUR', periodStart, periodEnd },
    });
    expect(registered.status).toBe(201);

    // Act + Assess: invalid requests are clear problems that write nothing.
    const invalid = [
      await call(ANA, 'POST', '/v1/reallocations', move({ reason: '   ' })),
      await call(ANA, 'POST', '/v1/reallocations', move({ amount: 0 })),
      await call(ANA, 'POST', '/v1/reallocations', move({ to: { campaignId: SOURCE } })),
      await call(ANA, 'POST', '/v1/reallocations', move({ to: { campaignId: 'cmp-no-such' } })),
      await call(ANA, 'POST', '/v1/reallocations', move({ currency: 'USD' })),
      await call(ANA, 'POST', '/v1/reallocations', move({ amount: 10_000.5 })),
    ];
    expect(invalid.map((answer) => answer.status)).toEqual([400, 400, 400, 404, 422, 422]);
    expect(invalid.every((answer) => answer.type?.startsWith('application/problem+json'))).toBe(true);
    expect(String(invalid[4]?.body.detail)).toContain('plans in EUR, not USD');
    expect((await call(ANA, 'GET', `/v1/campaigns/${SOURCE}/reallocations`)).body.items).toEqual([]);

    // Act: Ana requests, tries to approve her own request, Li approves.
    const requested = await call(ANA, 'POST', '/v1/reallocations', move());
    expect(requested.status).toBe(201);
    const id = String(requested.body.reallocationId);
    const own = await call(ANA, 'POST', `/v1/reallocations/${id}/decision`, {
      decision: 'approved',
      note: 'Fine by me',
    });
    expect(own.status).toBe(403);
    expect(String(own.body.detail)).toContain('another manager');
    expect((await planOf(SOURCE)).campaign.plan?.budget).toBe(10_000);
    const approved = await call(LI, 'POST', `/v1/reallocations/${id}/decision`, {
      decision: 'approved',
      note: 'Agreed in the weekly budget review',
    });

    // Assess: both plans moved, in their change history, and the next report overruns the new plan.
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', decidedBy: 'user:li' });
    const [source, destination] = [await planOf(SOURCE), await planOf(DESTINATION)];
    expect(source.campaign.plan?.budget).toBe(8_000);
    expect(destination.campaign.plan?.budget).toBe(7_000);
    expect(source.changes[0]?.actor).toBe('user:li');
    expect(JSON.stringify(source.changes[0]?.changes)).toContain(id);
    const overrun = await overrunOf(`e-${SOURCE}-2`);
    expect(overrun?.metrics).toMatchObject({
      plannedBudget: 8_000,
      eventPlannedBudget: 10_000,
    });

    // Act + Assess: a second decision, by anyone, is a 409.
    const again = await call(LI, 'POST', `/v1/reallocations/${id}/decision`, {
      decision: 'rejected',
      note: 'x',
    });
    expect(again.status).toBe(409);
    expect(
      (await call(ANA, 'POST', `/v1/reallocations/${id}/decision`, { decision: 'rejected', note: 'x' }))
        .status,
    ).toBe(409);

    // Act + Assess: a rejection moves nothing.
    const second = await call(
      ANA,
      'POST',
      '/v1/reallocations',
      move({ amount: 1_000, reason: 'Top up B again' }),
    );
    const rejected = await call(LI, 'POST', `/v1/reallocations/${second.body.reallocationId}/decision`, {
      decision: 'rejected',
      note: 'B is at capacity',
    });
    expect(rejected.body).toMatchObject({
      state: 'rejected',
      decidedBy: 'user:li',
      note: 'B is at capacity',
    });
    expect((await planOf(SOURCE)).campaign.plan?.budget).toBe(8_000);

    // Act + Assess: a pusher (a finance system, signed) requests one; the dev manager may decide it.
    const pushedBody = JSON.stringify(move({ amount: 500, reason: 'ERP: quarter-end true-up' }));
    const pushed = await fetch(`${stack.url}/v1/reallocation-requests`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-radar-client': stack.credentials.clientId,
        'x-radar-signature': signRequest(
          stack.credentials.clientSecret,
          { method: 'POST', path: '/v1/reallocation-requests', body: pushedBody },
          new Date(),
        ),
      },
      body: pushedBody,
    });
    expect(pushed.status).toBe(201);
    const fromErp = (await pushed.json()) as Json;
    expect(fromErp.requestedBy).toBe(`client:${stack.credentials.clientId}`);
    const erpDecided = await call(ANA, 'POST', `/v1/reallocations/${fromErp.reallocationId}/decision`, {
      decision: 'rejected',
      note: 'Wait for the close',
    });
    expect(erpDecided.status).toBe(200);

    // Assess: each campaign lists all three, newest first, with who, when and why.
    for (const campaignId of [SOURCE, DESTINATION]) {
      const { status, body } = await call(LI, 'GET', `/v1/campaigns/${campaignId}/reallocations`);
      expect(status).toBe(200);
      expect((body.items as Json[])[0]).toMatchObject({
        reason: 'ERP: quarter-end true-up',
        state: 'rejected',
        decidedBy: requested.body.requestedBy,
      });
      const items = (body.items as Json[]).slice(1);
      expect(items.map((item) => [item.state, item.reason, item.note])).toEqual([
        ['rejected', 'Top up B again', 'B is at capacity'],
        ['approved', 'Destination converts at half the CPA', 'Agreed in the weekly budget review'],
      ]);
      expect(items[1]).toMatchObject({
        requestedBy: requested.body.requestedBy,
        decidedBy: 'user:li',
        applied: { fromBefore: 10_000, fromAfter: 8_000, toBefore: 5_000, toAfter: 7_000 },
      });
      expect(String(items[1]?.requestedAt) <= String(items[1]?.decidedAt)).toBe(true);
    }
  }, 180_000);
});
