import { describe, expect, it } from 'vitest';
import {
  type ActionRequest,
  ActionsPolicySchema,
  actionsDue,
  claimAction,
  DEFAULT_ACTIONS_POLICY,
  decideAction,
  finishAction,
  parseActionId,
  requestAction,
} from '#shared/domain/actions.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { parsePolicyDocument } from '#shared/domain/policies/documents.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';

const NOW = new Date('2026-12-02T10:00:00.000Z');
const rank = levelPolicyOf(DEFAULT_MATRIX).rank;

const budgetCase = (overrides: Partial<RiskCase> = {}): RiskCase => ({
  caseId: 'c-1',
  riskType: 'budget',
  subject: {
    key: 'spend|cmp-1|facebook',
    label: 'campaign cmp-1 on facebook',
    campaignId: 'cmp-1',
    channel: 'facebook',
    brand: 'Acme',
  },
  level: 'red',
  probability: 'high',
  impact: 'severe',
  status: 'open',
  occurrences: 1,
  firstSeenAt: '2026-12-02T09:00:00.000Z',
  lastSeenAt: '2026-12-02T09:00:00.000Z',
  createdAt: '2026-12-02T09:00:00.000Z',
  updatedAt: '2026-12-02T09:00:00.000Z',
  findings: [],
  escalationCount: 0,
  version: 1,
  ...overrides,
});

const pending = (): ActionRequest =>
  requestAction(budgetCase(), { kind: 'pause-campaign', atLevel: 'red', approval: 'manual' }, NOW).request;

describe('Schema: ActionsPolicySchema', () => {
  it('accepts the shipped policy and a cap as a share of the plan', () => {
    // Prepare
    const capped = {
      budget: [{ kind: 'cap-budget', atLevel: 'yellow', approval: 'automatic', ratioOfPlan: 0.8 }],
    };

    // Act
    const shipped = ActionsPolicySchema.safeParse(DEFAULT_ACTIONS_POLICY);
    const withCap = ActionsPolicySchema.safeParse(capped);

    // Assess
    expect(shipped.success).toBe(true);
    expect(withCap.success).toBe(true);
  });

  it.each([
    [
      'a cap without amount or ratio',
      { budget: [{ kind: 'cap-budget', atLevel: 'red', approval: 'manual' }] },
    ],
    [
      'a cap with both',
      { budget: [{ kind: 'cap-budget', atLevel: 'red', approval: 'manual', amount: 10, ratioOfPlan: 0.5 }] },
    ],
    [
      'an amount on a pause',
      { budget: [{ kind: 'pause-campaign', atLevel: 'red', approval: 'manual', amount: 5 }] },
    ],
    [
      'a ratio above the plan',
      { budget: [{ kind: 'cap-budget', atLevel: 'red', approval: 'manual', ratioOfPlan: 1.5 }] },
    ],
    ['an unknown kind', { budget: [{ kind: 'delete-campaign', atLevel: 'red', approval: 'manual' }] }],
    ['an unknown risk type', { spend: [] }],
    [
      'the same action twice',
      {
        reputation: [
          { kind: 'notify-webhook', atLevel: 'red', approval: 'manual' },
          { kind: 'notify-webhook', atLevel: 'red', approval: 'automatic' },
        ],
      },
    ],
  ])('refuses %s', (_name, document) => {
    // Act
    const result = ActionsPolicySchema.safeParse(document);

    // Assess
    expect(result.success).toBe(false);
  });

  it('is what the policies API checks an actions draft with, every issue at its path', () => {
    // Prepare
    const document = { budget: [{ kind: 'cap-budget', atLevel: 'red', approval: 'sometimes', amount: 100 }] };

    // Act
    const parsed = parsePolicyDocument('actions', document, {} as never);

    // Assess
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path)).toContain('document.budget.0.approval');
  });
});

describe('Function: actionsDue', () => {
  const policy = {
    budget: [
      { kind: 'pause-campaign', atLevel: 'red', approval: 'manual' },
      { kind: 'notify-webhook', atLevel: 'yellow', approval: 'automatic' },
    ],
  } as const;

  it('asks for every action at or below the level a case opens at', () => {
    // Act
    const due = actionsDue(undefined, budgetCase({ level: 'red' }), policy, rank);

    // Assess
    expect(due.map((rule) => rule.kind)).toEqual(['pause-campaign', 'notify-webhook']);
  });

  it('asks for an action when the level rises to it, and not again while it stays there', () => {
    // Act
    const rose = actionsDue({ level: 'yellow', status: 'open' }, budgetCase({ level: 'red' }), policy, rank);
    const stayed = actionsDue({ level: 'red', status: 'open' }, budgetCase({ level: 'red' }), policy, rank);

    // Assess
    expect(rose.map((rule) => rule.kind)).toEqual(['pause-campaign']);
    expect(stayed).toEqual([]);
  });

  it('asks again when a resolved case reopens at the level', () => {
    // Act
    const due = actionsDue({ level: 'red', status: 'resolved' }, budgetCase({ level: 'red' }), policy, rank);

    // Assess
    expect(due).toHaveLength(2);
  });

  it('asks nothing below the level, of another risk type, of a resolved case or of a drill', () => {
    // Act
    const yellow = actionsDue(
      undefined,
      budgetCase({ level: 'yellow' }),
      { budget: [policy.budget[0]] },
      rank,
    );
    const otherType = actionsDue(undefined, budgetCase({ riskType: 'reputation' }), policy, rank);
    const resolved = actionsDue(undefined, budgetCase({ status: 'resolved' }), policy, rank);
    const drill = actionsDue(
      undefined,
      budgetCase({ drill: { drillId: 'd-1', kind: 'budget' } as RiskCase['drill'] }),
      policy,
      rank,
    );

    // Assess
    expect([yellow, otherType, resolved, drill]).toEqual([[], [], [], []]);
  });

  it('waits forever for a level the matrix in force does not have', () => {
    // Prepare
    const noRed = (level: string) => (level === 'red' ? Number.NEGATIVE_INFINITY : 1);

    // Act
    const due = actionsDue(undefined, budgetCase({ level: 'severe' }), { budget: [policy.budget[0]] }, noRed);

    // Assess
    expect(due).toEqual([]);
  });
});

describe('Function: requestAction', () => {
  it('makes a pending request for manual approval and an approved one for automatic, each with an audit line', () => {
    // Act
    const manual = requestAction(
      budgetCase(),
      { kind: 'pause-campaign', atLevel: 'red', approval: 'manual' },
      NOW,
    );
    const automatic = requestAction(
      budgetCase(),
      { kind: 'cap-budget', atLevel: 'red', approval: 'automatic', amount: 5000 },
      NOW,
    );

    // Assess
    expect(manual.request).toMatchObject({
      actionId: 'c-1.pause-campaign.red',
      state: 'pending',
      campaignId: 'cmp-1',
      brand: 'Acme',
      attempts: 0,
    });
    expect(manual.audit).toMatchObject({ caseId: 'c-1', action: 'action-requested', to: 'pending' });
    expect(automatic.request).toMatchObject({ state: 'approved', amount: 5000, decidedBy: 'system:actions' });
    expect(parseActionId(automatic.request.actionId)).toEqual({
      caseId: 'c-1',
      kind: 'cap-budget',
      atLevel: 'red',
    });
  });
});

describe('Function: decideAction', () => {
  it('approves or rejects a pending request, with who, when and the note', () => {
    // Act
    const approved = decideAction(pending(), 'approve', 'user:mia', NOW, 'Pause until Monday');
    const rejected = decideAction(pending(), 'reject', 'user:mia', NOW);

    // Assess
    expect(approved).toMatchObject({
      ok: true,
      next: { state: 'approved', decidedBy: 'user:mia', note: 'Pause until Monday', version: 2 },
      audit: { action: 'action-approved', actor: 'user:mia', from: 'pending', to: 'approved' },
    });
    expect(rejected).toMatchObject({
      ok: true,
      next: { state: 'rejected' },
      audit: { action: 'action-rejected' },
    });
  });

  it.each(['approved', 'rejected', 'executing', 'succeeded', 'failed'] as const)(
    'refuses to decide a request that is %s',
    (state) => {
      // Act
      const result = decideAction({ ...pending(), state }, 'approve', 'user:mia', NOW);

      // Assess
      expect(result).toMatchObject({ ok: false, state });
    },
  );
});

describe('Functions: claimAction and finishAction', () => {
  const approved = (): ActionRequest => ({ ...pending(), state: 'approved', version: 2 });

  it('claims an approved request once: a second claim within the lease is refused, after it is allowed', () => {
    // Act
    const first = claimAction(approved(), NOW, 60_000);
    const claimed = first.ok ? first.next : approved();
    const again = claimAction(claimed, new Date(NOW.getTime() + 30_000), 60_000);
    const takenOver = claimAction(claimed, new Date(NOW.getTime() + 61_000), 60_000);

    // Assess
    expect(claimed).toMatchObject({ state: 'executing', leaseUntil: '2026-12-02T10:01:00.000Z', version: 3 });
    expect(again).toMatchObject({ ok: false, state: 'executing' });
    expect(takenOver.ok).toBe(true);
  });

  it.each(['pending', 'rejected', 'succeeded', 'failed'] as const)(
    'never claims a request that is %s',
    (state) => {
      // Act
      const result = claimAction({ ...pending(), state }, NOW, 60_000);

      // Assess
      expect(result.ok).toBe(false);
    },
  );

  it('records the outcome, the attempts and an audit line', () => {
    // Prepare
    const claim = claimAction(approved(), NOW, 60_000);
    const executing = claim.ok ? claim.next : approved();

    // Act
    const succeeded = finishAction(executing, { ok: true, attempts: 3, status: 200 }, NOW);
    const failed = finishAction(executing, { ok: false, attempts: 1, status: 422, reason: 'HTTP 422' }, NOW);

    // Assess
    expect(succeeded).toMatchObject({
      ok: true,
      next: { state: 'succeeded', attempts: 3, outcome: { status: 200 } },
      audit: { action: 'action-succeeded', from: 'executing', to: 'succeeded' },
    });
    expect(succeeded.ok && succeeded.next.leaseUntil).toBe(undefined);
    expect(failed).toMatchObject({
      next: { state: 'failed', outcome: { status: 422, reason: 'HTTP 422' } },
      audit: { action: 'action-failed' },
    });
  });
});
