import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedDelivery } from '#infra/local/automation-receiver.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import type { ActionRequest } from '#shared/domain/actions.ts';
import type { AuditEntry } from '#shared/domain/case.ts';
import { startTestStack } from '../support/test-stack.ts';
import { pushEvents } from '../web/browser.ts';

/**
 * Guarded actions end to end on the local stack (issue #17 part 2): a budget case turning red asks to pause
 * its campaign (the shipped policy, manual approval); a manager approves; the stream consumer calls the
 * local automation receiver, which fails twice and then accepts — exactly one successful, validly signed
 * delivery, recorded as succeeded after 3 attempts, every step in the case's audit trail. Then the reject
 * path and a policy with automatic approval.
 */

const MANAGER = { authorization: 'Bearer dev-manager-token', 'content-type': 'application/json' };
const LEGAL = { authorization: 'Bearer dev-legal-token', 'content-type': 'application/json' };
/** A loaded CI box: the stream poller and the retries take seconds, not milliseconds. */
const WAIT_MS = 60_000;

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  // A published policy is in force at the next request (the default keeps it 5 s).
  ({ stack, dataDir } = await startTestStack('actions', { POLICY_REFRESH_SECONDS: '0' }));
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const api = async (path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${stack.url}${path}`, { ...init, headers: { ...MANAGER, ...(init.headers ?? {}) } });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `found` returns a value, or fails naming what it waited for. */
const waitFor = async <T>(what: string, found: () => Promise<T | undefined>): Promise<T> => {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const value = await found();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Waited ${WAIT_MS / 1000} s for ${what}`);
    await pause(300);
  }
};

/** A spend event 80 % over plan on a campaign whose period has ended: a red budget case. */
const blowOut = async (campaignId: string): Promise<string> => {
  await pushEvents(stack, [
    {
      eventId: `e-${campaignId}`,
      type: 'spend',
      occurredAt: new Date().toISOString(),
      source: 'meta-ads',
      spend: {
        campaignId,
        channel: 'facebook',
        currency: 'EUR',
        plannedBudget: 10_000,
        actualSpend: 18_000,
        conversions: 80,
        periodStart: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
        periodEnd: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      },
    },
  ]);
  const listed = await api(`/v1/cases?campaignId=${campaignId}&limit=5`);
  const { items } = (await listed.json()) as { items: { caseId: string; level: string }[] };
  expect(items[0]?.level).toBe('red');
  return items[0]?.caseId ?? '';
};

const actionsOf = async (caseId: string): Promise<ActionRequest[]> => {
  const response = await api(`/v1/cases/${caseId}/actions`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: ActionRequest[] }).items;
};

const requestIn = (caseId: string, state?: ActionRequest['state']) =>
  waitFor(`an action request on case ${caseId}${state === undefined ? '' : ` ${state}`}`, async () =>
    (await actionsOf(caseId)).find((request) => state === undefined || request.state === state),
  );

const deliveriesOf = async (actionId: string): Promise<ReceivedDelivery[]> => {
  const response = await fetch(`${stack.url}/_local/automation`);
  const { deliveries } = (await response.json()) as { deliveries: ReceivedDelivery[] };
  return deliveries.filter((delivery) => delivery.idempotencyKey === actionId);
};

const auditOf = async (caseId: string): Promise<AuditEntry[]> => {
  const response = await api(`/v1/cases/${caseId}`);
  return ((await response.json()) as { audit: AuditEntry[] }).audit;
};

describe('Guarded actions (local stack)', () => {
  it('a red budget case asks to pause its campaign; approved, it is carried out once through two failures', async () => {
    // Prepare: the receiver fails the next two deliveries.
    const campaignId = `cmp-act-${randomUUID().slice(0, 8)}`;
    const caseId = await blowOut(campaignId);
    const pending = await requestIn(caseId);
    expect(pending).toMatchObject({
      actionId: `${caseId}.pause-campaign.red`,
      kind: 'pause-campaign',
      state: 'pending',
      campaignId,
    });
    expect((await fetch(`${stack.url}/_local/automation/fail?times=2`, { method: 'POST' })).status).toBe(200);

    // Act
    const approved = await api(`/v1/actions/${pending.actionId}/approve`, {
      method: 'POST',
      body: JSON.stringify({ note: 'Pause it until finance reviews the plan' }),
    });

    // Assess: approved at once, carried out asynchronously after 3 attempts.
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ state: 'approved', decidedBy: 'user:local-manager' });
    const done = await requestIn(caseId, 'succeeded');
    expect(done).toMatchObject({ attempts: 3, outcome: { status: 200 } });
    // A redelivered or late record would show up within a few seconds: nothing more arrives.
    await pause(3_000);
    const deliveries = await deliveriesOf(pending.actionId);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([503, 503, 200]);
    expect(deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
    expect(deliveries.filter((delivery) => delivery.status === 200)).toHaveLength(1);
    expect(deliveries[2]?.body).toMatchObject({
      actionId: pending.actionId,
      kind: 'pause-campaign',
      caseId,
      campaignId,
      approvedBy: 'user:local-manager',
    });
    const trail = (await auditOf(caseId)).map((entry) => [entry.action, entry.actor]);
    expect(trail).toEqual(
      expect.arrayContaining([
        ['action-requested', 'system:actions'],
        ['action-approved', 'user:local-manager'],
        ['action-succeeded', 'system:actions'],
      ]),
    );
    // Approving a carried-out request again is a 409 problem, and changes nothing.
    const again = await api(`/v1/actions/${pending.actionId}/approve`, { method: 'POST', body: '{}' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(await deliveriesOf(pending.actionId)).toHaveLength(3);
  }, 180_000);

  it('a rejected request is never carried out nor approved afterwards; bad ids and other roles are refused', async () => {
    // Prepare
    const caseId = await blowOut(`cmp-rej-${randomUUID().slice(0, 8)}`);
    const pending = await requestIn(caseId, 'pending');

    // Act
    const asLegal = await api(`/v1/actions/${pending.actionId}/reject`, {
      method: 'POST',
      headers: LEGAL,
      body: '{}',
    });
    const badId = await api('/v1/actions/not-an-action/approve', { method: 'POST', body: '{}' });
    const missing = await api(`/v1/actions/${randomUUID()}.pause-campaign.red/approve`, {
      method: 'POST',
      body: '{}',
    });
    const rejected = await api(`/v1/actions/${pending.actionId}/reject`, {
      method: 'POST',
      body: JSON.stringify({ note: 'Spend is agreed with the agency' }),
    });
    const approveAfter = await api(`/v1/actions/${pending.actionId}/approve`, { method: 'POST', body: '{}' });

    // Assess
    expect(asLegal.status).toBe(403);
    expect(badId.status).toBe(400);
    expect(missing.status).toBe(404);
    expect(rejected.status).toBe(200);
    expect(approveAfter.status).toBe(409);
    expect(await actionsOf(caseId)).toMatchObject([
      { state: 'rejected', note: 'Spend is agreed with the agency' },
    ]);
    await pause(2_000);
    expect(await deliveriesOf(pending.actionId)).toEqual([]);
    const rejection = (await auditOf(caseId)).find((entry) => entry.action === 'action-rejected');
    expect(rejection).toMatchObject({ actor: 'user:local-manager', from: 'pending', to: 'rejected' });
  }, 180_000);

  it('a policy with automatic approval caps the budget at once, without a manager', async () => {
    // Prepare: the manager's actions policy.
    const document = {
      budget: [{ kind: 'cap-budget', atLevel: 'red', approval: 'automatic', amount: 5_000 }],
    };
    expect(
      (await api('/v1/policies/actions/draft', { method: 'PUT', body: JSON.stringify({ document }) })).status,
    ).toBe(200);
    const published = await api('/v1/policies/actions/publish', {
      method: 'POST',
      body: JSON.stringify({ note: 'Cap overruns automatically' }),
    });
    expect(published.status).toBe(201);

    // Act
    const caseId = await blowOut(`cmp-auto-${randomUUID().slice(0, 8)}`);

    // Assess
    const done = await requestIn(caseId, 'succeeded');
    expect(done).toMatchObject({
      kind: 'cap-budget',
      approval: 'automatic',
      decidedBy: 'system:actions',
      attempts: 1,
    });
    const deliveries = await deliveriesOf(done.actionId);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      status: 200,
      signatureValid: true,
      body: { kind: 'cap-budget', amount: 5_000 },
    });
    expect((await actionsOf(caseId)).map((request) => request.kind)).toEqual(['cap-budget']);
    const actions = (await auditOf(caseId))
      .map((entry) => entry.action)
      .filter((action) => action.startsWith('action-'));
    expect(actions).toEqual(expect.arrayContaining(['action-requested', 'action-succeeded']));
    expect(actions).not.toContain('action-approved');
  }, 180_000);
});
