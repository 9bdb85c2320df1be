import * as z from 'zod/mini';
import type { AuditEntry, RiskCase } from './case.ts';
import { RISK_TYPES, type RiskType } from './finding.ts';
import type { Level } from './risk-matrix.ts';

/**
 * Guarded actions (docs/policies.md "Actions"): what the `actions` policy asks for when a case of a risk type
 * reaches a level — pause the campaign, cap its budget, or tell the customer's automation — and the life of one
 * request: pending (manual approval) or approved (automatic), then carried out once by the customer's signed
 * webhook (succeeded / failed), or rejected. Pure: time and actors are arguments.
 */

export const ACTION_KINDS = ['pause-campaign', 'cap-budget', 'notify-webhook'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The levels an action may wait for (the shipped matrix's paging and watching levels). */
export const ACTION_LEVELS = ['yellow', 'red'] as const;
export type ActionLevel = (typeof ACTION_LEVELS)[number];

export const ACTION_APPROVALS = ['manual', 'automatic'] as const;
export type ActionApproval = (typeof ACTION_APPROVALS)[number];

/**
 * pending → approved | rejected; approved → executing → succeeded | failed. An executing request whose lease ran
 * out (its executor died) may be claimed again; nothing leaves rejected, succeeded or failed.
 */
export const ACTION_STATES = ['pending', 'approved', 'rejected', 'executing', 'succeeded', 'failed'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

const Amount = z
  .number({ error: 'must be a number' })
  .check(z.refine((value) => Number.isFinite(value) && value > 0, 'must be a positive amount'));
const Ratio = z
  .number({ error: 'must be a number' })
  .check(z.refine((value) => value > 0 && value <= 1, 'must be a share of the plan in (0, 1]'));

/** One action of a risk type's policy. `cap-budget` names its cap: an amount, or a share of the plan. */
export const ActionRuleSchema = z
  .strictObject({
    kind: z.enum(ACTION_KINDS),
    atLevel: z.enum(ACTION_LEVELS),
    approval: z.enum(ACTION_APPROVALS),
    /** cap-budget: the budget cap in the plan's currency. */
    amount: z.optional(Amount),
    /** cap-budget: the cap as a share of the planned budget (0.8 = 80 %). */
    ratioOfPlan: z.optional(Ratio),
  })
  .check(
    z.superRefine((rule, ctx) => {
      const caps = [rule.amount, rule.ratioOfPlan].filter((value) => value !== undefined).length;
      if (rule.kind === 'cap-budget' && caps !== 1)
        ctx.addIssue({
          code: 'custom',
          message: 'cap-budget needs amount or ratioOfPlan (one of them)',
          path: [],
        });
      if (rule.kind !== 'cap-budget' && caps > 0)
        ctx.addIssue({ code: 'custom', message: `${rule.kind} takes no amount or ratioOfPlan`, path: [] });
    }),
  );
export type ActionRule = Readonly<z.infer<typeof ActionRuleSchema>>;

/** A risk type's actions: one per kind and level. */
const ActionRules = z.array(ActionRuleSchema).check(
  z.maxLength(ACTION_KINDS.length * ACTION_LEVELS.length),
  z.superRefine((rules: readonly ActionRule[], ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      const key = actionKey(rule);
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          message: `${rule.kind} at ${rule.atLevel} is listed twice`,
          path: [index],
        });
      seen.add(key);
    });
  }),
);

/**
 * The `actions` policy (owner: manager): each risk type's actions. A published document replaces the shipped one
 * whole; a risk type left out has no actions.
 */
export const ActionsPolicySchema = z.strictObject(
  Object.fromEntries(RISK_TYPES.map((type) => [type, z.optional(ActionRules)])) as Record<
    RiskType,
    z.ZodMiniOptional<typeof ActionRules>
  >,
);
export type ActionsPolicy = { readonly [type in RiskType]?: readonly ActionRule[] };
true satisfies z.infer<typeof ActionsPolicySchema> extends ActionsPolicy ? true : never;

/**
 * What ships: a budget overrun turning red asks to pause the campaign, and a manager decides — what a finance
 * manager expects (AWS Budgets' actions default to manual approval as well).
 */
export const DEFAULT_ACTIONS_POLICY: ActionsPolicy = {
  budget: [{ kind: 'pause-campaign', atLevel: 'red', approval: 'manual' }],
};

/** The shipped version of the actions policy (what version 0's `base` says). */
export const ACTIONS_POLICY_BASE = 'actions@1';

/** A rule's key within its risk type: `pause-campaign.red`. */
export const actionKey = (rule: Pick<ActionRule, 'kind' | 'atLevel'>): string =>
  `${rule.kind}.${rule.atLevel}`;

/** One request per case × action: `<caseId>.<kind>.<level>`. */
export const actionIdOf = (caseId: string, rule: Pick<ActionRule, 'kind' | 'atLevel'>): string =>
  `${caseId}.${actionKey(rule)}`;

const ACTION_ID = new RegExp(`^(.+)\\.(${ACTION_KINDS.join('|')})\\.(${ACTION_LEVELS.join('|')})$`);

/**
 * The case and action an action id names, or undefined when it is no action id.
 *
 * @example parseActionId('c-1.pause-campaign.red') // { caseId: 'c-1', kind: 'pause-campaign', atLevel: 'red' }
 */
export const parseActionId = (
  actionId: string,
): { readonly caseId: string; readonly kind: ActionKind; readonly atLevel: ActionLevel } | undefined => {
  const match = ACTION_ID.exec(actionId);
  if (match === null) return undefined;
  return { caseId: match[1] as string, kind: match[2] as ActionKind, atLevel: match[3] as ActionLevel };
};

/** How the webhook call ended. */
export interface ActionOutcome {
  readonly at: string;
  /** The HTTP status of the last answer, if any arrived. */
  readonly status?: number;
  /** Why it failed (a 4xx, the last 5xx, a timeout, a network error); absent on success. */
  readonly reason?: string;
}

export interface ActionRequest {
  readonly actionId: string;
  readonly caseId: string;
  readonly kind: ActionKind;
  readonly atLevel: ActionLevel;
  readonly approval: ActionApproval;
  readonly state: ActionState;
  readonly riskType: RiskType;
  /** The case's level when the request was made. */
  readonly level: Level;
  readonly brand?: string;
  readonly campaignId?: string;
  readonly channel?: string;
  readonly amount?: number;
  readonly ratioOfPlan?: number;
  readonly requestedAt: string;
  /** `system:actions` (the policy), then who approved or rejected. */
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly note?: string;
  /** Webhook calls made so far. */
  readonly attempts: number;
  /** While executing: until when the executor that claimed it holds it. */
  readonly leaseUntil?: string;
  readonly outcome?: ActionOutcome;
  readonly version: number;
}

/** Who the policy acts as in the audit trail. */
export const ACTIONS_ACTOR = 'system:actions';

/** What `actionsDue` needs of the case before the change (its level and status). */
export type CaseBefore = Pick<RiskCase, 'level' | 'status'> | undefined;

/**
 * The rules whose level the case reaches with this change: it opened at (or above) the rule's level, rose to
 * it, or reopened at it — the moments an escalation fires. `rank` orders levels (the matrix in force). Drill
 * cases (their `drill` marker) never act on a customer's systems.
 *
 * @example actionsDue(undefined, redBudgetCase, DEFAULT_ACTIONS_POLICY, rank) // [{ kind: 'pause-campaign', … }]
 */
export const actionsDue = (
  before: CaseBefore,
  after: RiskCase,
  policy: ActionsPolicy,
  rank: (level: Level) => number,
): ActionRule[] => {
  if (after.drill !== undefined) return [];
  if (after.status === 'resolved') return [];
  const rules = policy[after.riskType] ?? [];
  const reopened = before?.status === 'resolved';
  return rules.filter((rule) => {
    const line = rank(rule.atLevel);
    // A matrix without the rule's level: the rule waits for a level that never comes.
    if (!Number.isFinite(line) || rank(after.level) < line) return false;
    return before === undefined || reopened || rank(before.level) < line;
  });
};

/** The pending or approved request for a rule the case reached, with its audit line. */
export const requestAction = (
  after: RiskCase,
  rule: ActionRule,
  now: Date,
): { readonly request: ActionRequest; readonly audit: AuditEntry } => {
  const at = now.toISOString();
  const automatic = rule.approval === 'automatic';
  const { brand, campaignId, channel } = after.subject;
  const request: ActionRequest = {
    actionId: actionIdOf(after.caseId, rule),
    caseId: after.caseId,
    kind: rule.kind,
    atLevel: rule.atLevel,
    approval: rule.approval,
    state: automatic ? 'approved' : 'pending',
    riskType: after.riskType,
    level: after.level,
    ...(brand === undefined ? {} : { brand }),
    ...(campaignId === undefined ? {} : { campaignId }),
    ...(channel === undefined ? {} : { channel }),
    ...(rule.amount === undefined ? {} : { amount: rule.amount }),
    ...(rule.ratioOfPlan === undefined ? {} : { ratioOfPlan: rule.ratioOfPlan }),
    requestedAt: at,
    ...(automatic ? { decidedBy: ACTIONS_ACTOR, decidedAt: at } : {}),
    attempts: 0,
    version: 1,
  };
  return {
    request,
    audit: {
      caseId: after.caseId,
      at,
      actor: ACTIONS_ACTOR,
      action: 'action-requested',
      to: request.state,
      note: `${rule.kind} at ${rule.atLevel} (${automatic ? 'approved by policy' : 'awaiting a manager'})`,
    },
  };
};

/** A request moved to its next state, with the audit line, or why it cannot move. */
export type ActionTransition =
  | { readonly ok: true; readonly next: ActionRequest; readonly audit?: AuditEntry }
  | { readonly ok: false; readonly reason: string; readonly state: ActionState };

const refused = (request: ActionRequest, reason: string): ActionTransition => ({
  ok: false,
  reason,
  state: request.state,
});

/** A manager's decision on a pending request; anything else (already decided, carried out) is refused. */
export const decideAction = (
  request: ActionRequest,
  decision: 'approve' | 'reject',
  actor: string,
  now: Date,
  note?: string,
): ActionTransition => {
  if (request.state !== 'pending')
    return refused(
      request,
      `Action ${request.actionId} is ${request.state}; only a pending action can be decided`,
    );
  const at = now.toISOString();
  const state = decision === 'approve' ? 'approved' : 'rejected';
  return {
    ok: true,
    next: {
      ...request,
      state,
      decidedBy: actor,
      decidedAt: at,
      ...(note === undefined ? {} : { note }),
      version: request.version + 1,
    },
    audit: {
      caseId: request.caseId,
      at,
      actor,
      action: decision === 'approve' ? 'action-approved' : 'action-rejected',
      from: 'pending',
      to: state,
      ...(note === undefined ? { note: request.kind } : { note: `${request.kind}: ${note}` }),
    },
  };
};

/**
 * The executor takes an approved request (or one whose executor's lease ran out) for `leaseMs`: only the one
 * whose conditional write wins calls the webhook.
 */
export const claimAction = (request: ActionRequest, now: Date, leaseMs: number): ActionTransition => {
  const leaseOver =
    request.state === 'executing' &&
    (request.leaseUntil === undefined || Date.parse(request.leaseUntil) <= now.getTime());
  if (request.state !== 'approved' && !leaseOver)
    return refused(request, `Action ${request.actionId} is ${request.state}`);
  return {
    ok: true,
    next: {
      ...request,
      state: 'executing',
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      version: request.version + 1,
    },
  };
};

/** The webhook's result on an executing request: succeeded or failed, the attempts made, the audit line. */
export const finishAction = (
  request: ActionRequest,
  result: {
    readonly ok: boolean;
    readonly attempts: number;
    readonly status?: number;
    readonly reason?: string;
  },
  now: Date,
): ActionTransition => {
  if (request.state !== 'executing')
    return refused(request, `Action ${request.actionId} is ${request.state}`);
  const at = now.toISOString();
  const state = result.ok ? 'succeeded' : 'failed';
  const { leaseUntil: _lease, ...rest } = request;
  const outcome: ActionOutcome = {
    at,
    ...(result.status === undefined ? {} : { status: result.status }),
    ...(result.ok || result.reason === undefined ? {} : { reason: result.reason }),
  };
  return {
    ok: true,
    next: {
      ...rest,
      state,
      attempts: request.attempts + result.attempts,
      outcome,
      version: request.version + 1,
    },
    audit: {
      caseId: request.caseId,
      at,
      actor: ACTIONS_ACTOR,
      action: result.ok ? 'action-succeeded' : 'action-failed',
      from: 'executing',
      to: state,
      note: result.ok
        ? `${request.kind} carried out after ${result.attempts} attempt(s)`
        : `${request.kind} failed after ${result.attempts} attempt(s): ${result.reason ?? `HTTP ${result.status}`}`,
    },
  };
};

/** The JSON body the customer's automation endpoint receives (README "Guarded actions"). */
export interface ActionWebhookBody {
  readonly actionId: string;
  readonly kind: ActionKind;
  readonly caseId: string;
  readonly riskType: RiskType;
  readonly level: Level;
  readonly campaignId?: string;
  readonly brand?: string;
  readonly channel?: string;
  readonly amount?: number;
  readonly ratioOfPlan?: number;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
}

export const webhookBodyOf = (request: ActionRequest): ActionWebhookBody => ({
  actionId: request.actionId,
  kind: request.kind,
  caseId: request.caseId,
  riskType: request.riskType,
  level: request.level,
  ...(request.campaignId === undefined ? {} : { campaignId: request.campaignId }),
  ...(request.brand === undefined ? {} : { brand: request.brand }),
  ...(request.channel === undefined ? {} : { channel: request.channel }),
  ...(request.amount === undefined ? {} : { amount: request.amount }),
  ...(request.ratioOfPlan === undefined ? {} : { ratioOfPlan: request.ratioOfPlan }),
  ...(request.decidedBy === undefined ? {} : { approvedBy: request.decidedBy }),
  ...(request.decidedAt === undefined ? {} : { approvedAt: request.decidedAt }),
});
