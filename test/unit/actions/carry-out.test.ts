import { describe, expect, it } from 'vitest';
import {
  IDEMPOTENCY_HEADER,
  TIMESTAMP_HEADER,
  WebhookActionDelivery,
} from '#shared/adapters/action-webhook.ts';
import type { Principal } from '#shared/auth/principal.ts';
import { scopeOf, UNSCOPED } from '#shared/auth/scope.ts';
import { SIGNATURE_HEADER, verifySignature } from '#shared/auth/signature.ts';
import { type ActionRequest, requestAction } from '#shared/domain/actions.ts';
import type { AuditEntry, RiskCase } from '#shared/domain/case.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { ActionInFlightError, ConflictError, NotFoundError } from '#shared/errors.ts';
import type { ActionDelivery, ActionStore, SaveResult } from '#shared/ports.ts';
import { decideActionRequest, listCaseActions, requestDueActions } from '#shared/use-cases/actions.ts';
import { carryOutAction } from '#shared/use-cases/carry-out-action.ts';

const NOW = new Date('2026-12-02T10:00:00.000Z');
const clock = { now: () => NOW };
const rank = levelPolicyOf(DEFAULT_MATRIX).rank;
const URL_ = 'https://automation.example.com/hooks/radar';
const SECRET = 'whsec-test';

const redCase = (overrides: Partial<RiskCase> = {}): RiskCase => ({
  caseId: 'c-1',
  riskType: 'budget',
  subject: {
    key: 'spend|cmp-1|facebook',
    label: 'cmp-1',
    campaignId: 'cmp-1',
    channel: 'facebook',
    brand: 'Acme',
  },
  level: 'red',
  probability: 'high',
  impact: 'severe',
  status: 'open',
  occurrences: 1,
  firstSeenAt: NOW.toISOString(),
  lastSeenAt: NOW.toISOString(),
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  findings: [],
  escalationCount: 1,
  version: 1,
  ...overrides,
});

/** The store's contract in memory: conditional create and versioned saves, audit lines kept. */
class MemoryActionStore implements ActionStore {
  readonly items = new Map<string, ActionRequest>();
  readonly audit: AuditEntry[] = [];
  async create(request: ActionRequest, audit: AuditEntry): Promise<boolean> {
    if (this.items.has(request.actionId)) return false;
    this.items.set(request.actionId, request);
    this.audit.push(audit);
    return true;
  }
  async get(actionId: string) {
    return this.items.get(actionId);
  }
  async listForCase(caseId: string) {
    return [...this.items.values()].filter((item) => item.caseId === caseId);
  }
  async saveTransition(
    next: ActionRequest,
    expectedVersion: number,
    audit?: AuditEntry,
  ): Promise<SaveResult> {
    if (this.items.get(next.actionId)?.version !== expectedVersion) return 'stale';
    this.items.set(next.actionId, next);
    if (audit !== undefined) this.audit.push(audit);
    return 'saved';
  }
}

const manager = (brands?: readonly string[]): Principal => ({
  kind: 'person',
  id: 'sub-mia',
  username: 'mia',
  name: 'Mia',
  roles: ['manager'],
  scope: brands === undefined ? UNSCOPED : scopeOf({ brands }),
});

/** A fetch that answers the given statuses in turn (an Error: the network fails) and records each call. */
const scriptedFetch = (answers: readonly (number | Error)[]) => {
  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string>, body: String(init.body) });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return new Response('{}', { status: answer ?? 200 });
  }) as unknown as typeof fetch;
  return { fake, calls };
};

const delivery = (answers: readonly (number | Error)[]) => {
  const script = scriptedFetch(answers);
  const waits: number[] = [];
  const webhook = new WebhookActionDelivery(
    { url: URL_, secret: async () => SECRET },
    { fetch: script.fake, sleep: async (ms) => void waits.push(ms), now: () => NOW, random: () => 0.5 },
  );
  return { webhook, calls: script.calls, waits };
};

const approvedRequest = (): ActionRequest => ({
  ...requestAction(redCase(), { kind: 'pause-campaign', atLevel: 'red', approval: 'automatic' }, NOW).request,
});

describe('Class: WebhookActionDelivery', () => {
  it('signs the body as ingest signs requests, with a timestamp and the action id as idempotency key', async () => {
    // Prepare
    const { webhook, calls } = delivery([200]);

    // Act
    const result = await webhook.deliver(approvedRequest());

    // Assess
    expect(result).toEqual({ ok: true, attempts: 1, status: 200 });
    const [call] = calls;
    const check = verifySignature({
      header: call?.headers[SIGNATURE_HEADER],
      request: { method: 'POST', path: '/hooks/radar', body: call?.body ?? '' },
      secrets: [SECRET],
      now: NOW,
    });
    expect(check.ok).toBe(true);
    expect(call?.headers[IDEMPOTENCY_HEADER]).toBe('c-1.pause-campaign.red');
    expect(call?.headers[TIMESTAMP_HEADER]).toBe(String(NOW.getTime() / 1000));
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({
      actionId: 'c-1.pause-campaign.red',
      kind: 'pause-campaign',
      caseId: 'c-1',
      campaignId: 'cmp-1',
      brand: 'Acme',
    });
  });

  it('retries 5xx answers and network errors with the backoff helper until one succeeds', async () => {
    // Prepare
    const { webhook, calls, waits } = delivery([503, new TypeError('fetch failed'), 200]);

    // Act
    const result = await webhook.deliver(approvedRequest());

    // Assess
    expect(result).toEqual({ ok: true, attempts: 3, status: 200 });
    expect(calls).toHaveLength(3);
    // Full jitter at 0.5 of 500 × 2^(n−1): 250, then 500.
    expect(waits).toEqual([250, 500]);
  });

  it('gives up on a 4xx at once: the request was refused, not lost', async () => {
    // Prepare
    const { webhook, calls } = delivery([422, 200]);

    // Act
    const result = await webhook.deliver(approvedRequest());

    // Assess
    expect(result).toEqual({ ok: false, attempts: 1, status: 422, reason: 'HTTP 422' });
    expect(calls).toHaveLength(1);
  });

  it('stops after its attempts when the endpoint stays down, naming the last answer', async () => {
    // Prepare
    const { webhook, calls } = delivery([500]);

    // Act
    const result = await webhook.deliver(approvedRequest());

    // Assess
    expect(result).toMatchObject({ ok: false, attempts: 5, status: 500 });
    expect(calls).toHaveLength(5);
  });
});

describe('Use case: requestDueActions', () => {
  it('makes one request per case × action however often the change is delivered', async () => {
    // Prepare
    const actions = new MemoryActionStore();
    const deps = {
      actions,
      clock,
      policy: { budget: [{ kind: 'pause-campaign', atLevel: 'red', approval: 'manual' }] } as const,
      rank,
    };

    // Act
    const first = await requestDueActions(undefined, redCase(), deps);
    const redelivered = await requestDueActions(undefined, redCase(), deps);
    const reopened = await requestDueActions({ level: 'red', status: 'resolved' }, redCase(), deps);

    // Assess
    expect(first).toHaveLength(1);
    expect(redelivered).toEqual([]);
    expect(reopened).toEqual([]);
    expect(actions.items.size).toBe(1);
    expect(actions.audit.map((entry) => entry.action)).toEqual(['action-requested']);
  });
});

describe('Use case: decideActionRequest', () => {
  const setUp = async () => {
    const actions = new MemoryActionStore();
    const request = requestAction(
      redCase(),
      { kind: 'pause-campaign', atLevel: 'red', approval: 'manual' },
      NOW,
    );
    await actions.create(request.request, request.audit);
    const cases = { getCase: async (id: string) => (id === 'c-1' ? redCase() : undefined) };
    return { actions, deps: { actions, cases, clock }, id: request.request.actionId };
  };

  it('approves once; approving again or rejecting afterwards is a conflict', async () => {
    // Prepare
    const { deps, id, actions } = await setUp();

    // Act
    const approved = await decideActionRequest(id, 'approve', manager(), 'go', deps);
    const again = decideActionRequest(id, 'approve', manager(), undefined, deps);
    const reject = decideActionRequest(id, 'reject', manager(), undefined, deps);

    // Assess
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'user:mia', note: 'go' });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(reject).rejects.toBeInstanceOf(ConflictError);
    expect(actions.audit.map((entry) => entry.action)).toEqual(['action-requested', 'action-approved']);
  });

  it('answers a request out of the caller’s scope like a missing one', async () => {
    // Prepare
    const { deps, id } = await setUp();

    // Act
    const decided = decideActionRequest(id, 'approve', manager(['Other brand']), undefined, deps);
    const listed = listCaseActions('c-1', manager(['Other brand']), deps);
    const missing = decideActionRequest('c-2.pause-campaign.red', 'approve', manager(), undefined, deps);

    // Assess
    await expect(decided).rejects.toThrow(new NotFoundError(`No action ${id}`));
    await expect(listed).rejects.toBeInstanceOf(NotFoundError);
    await expect(missing).rejects.toThrow(new NotFoundError('No action c-2.pause-campaign.red'));
  });
});

describe('Use case: carryOutAction', () => {
  const counting = (result: Awaited<ReturnType<ActionDelivery['deliver']>>) => {
    const calls: string[] = [];
    const delivery: ActionDelivery = {
      deliver: async (request) => {
        calls.push(request.actionId);
        return result;
      },
    };
    return { delivery, calls };
  };

  it('calls the webhook once for an approved request, however often its record is delivered', async () => {
    // Prepare
    const actions = new MemoryActionStore();
    const request = approvedRequest();
    await actions.create(request, {
      caseId: 'c-1',
      at: NOW.toISOString(),
      actor: 'system:actions',
      action: 'action-requested',
    });
    const { delivery, calls } = counting({ ok: true, attempts: 3, status: 200 });
    const deps = { actions, delivery, clock, leaseMs: 60_000 };

    // Act
    const first = await carryOutAction(request.actionId, deps);
    const second = await carryOutAction(request.actionId, deps);

    // Assess
    expect([first, second]).toEqual(['succeeded', 'skipped']);
    expect(calls).toHaveLength(1);
    expect(actions.items.get(request.actionId)).toMatchObject({ state: 'succeeded', attempts: 3 });
    expect(actions.audit.at(-1)).toMatchObject({ action: 'action-succeeded' });
  });

  it('leaves a request another executor holds to it (the record is retried), and never carries out a pending one', async () => {
    // Prepare
    const actions = new MemoryActionStore();
    const request = {
      ...approvedRequest(),
      state: 'executing' as const,
      leaseUntil: '2026-12-02T10:01:00.000Z',
    };
    const pendingOne = {
      ...approvedRequest(),
      actionId: 'c-2.pause-campaign.red',
      caseId: 'c-2',
      state: 'pending' as const,
    };
    actions.items.set(request.actionId, request);
    actions.items.set(pendingOne.actionId, pendingOne);
    const { delivery, calls } = counting({ ok: true, attempts: 1, status: 200 });
    const deps = { actions, delivery, clock, leaseMs: 60_000 };

    // Act
    const held = carryOutAction(request.actionId, deps);
    const skipped = await carryOutAction(pendingOne.actionId, deps);

    // Assess
    await expect(held).rejects.toBeInstanceOf(ActionInFlightError);
    expect(skipped).toBe('skipped');
    expect(calls).toEqual([]);
  });
});
