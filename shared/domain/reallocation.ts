/**
 * Budget re-allocations (issue #17, row 31): budget moves from one campaign's plan to another's only with
 * a recorded reason and the approval of a second manager. A manager or a pusher requests one; another
 * manager approves or rejects it; an approval lowers the source plan and raises the destination plan by
 * the amount, in one guarded write, and from then on the spend detectors judge both campaigns against
 * their catalogue plans (`planOfRecord` in catalogue.ts).
 */

import type { Campaign, CampaignPlan, CatalogueChange } from './catalogue.ts';

export const REALLOCATION_STATES = ['requested', 'approved', 'rejected'] as const;
export type ReallocationState = (typeof REALLOCATION_STATES)[number];
export const REALLOCATION_DECISIONS = ['approved', 'rejected'] as const;
export type ReallocationDecision = (typeof REALLOCATION_DECISIONS)[number];

/** One end of a re-allocation: the campaign and, when the request names it, the channel its spend comes from. */
export interface ReallocationSide {
  readonly campaignId: string;
  readonly channel?: string;
}

/** The two plans' budgets an approval wrote: before and after. */
export interface AppliedBudgets {
  readonly fromBefore: number;
  readonly fromAfter: number;
  readonly toBefore: number;
  readonly toAfter: number;
}

export interface Reallocation {
  readonly reallocationId: string;
  readonly from: ReallocationSide;
  readonly to: ReallocationSide;
  /** Moved from `from`'s plan to `to`'s, in `currency`; more than 0. */
  readonly amount: number;
  /** ISO 4217, in capitals: both plans' currency. */
  readonly currency: string;
  /** Why the budget moves, as the requester wrote it. */
  readonly reason: string;
  readonly state: ReallocationState;
  /** `user:<username>` for a manager, `client:<id>` for a pusher. */
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  /** Why it was approved or rejected. */
  readonly note?: string;
  /** Set on approval: the budgets it moved. */
  readonly applied?: AppliedBudgets;
  readonly version: number;
}

/** What a requester states (validated at the edge: amount > 0, reason not blank, currency ISO 4217). */
export interface ReallocationRequest {
  readonly from: ReallocationSide;
  readonly to: ReallocationSide;
  readonly amount: number;
  readonly currency: string;
  readonly reason: string;
}

/** Why a re-allocation cannot be requested or approved as the plans stand: a 422 that names the plan. */
export type ReallocationRefusal =
  | { readonly kind: 'same-campaign' }
  | { readonly kind: 'no-plan'; readonly campaignId: string }
  | {
      readonly kind: 'currency';
      readonly campaignId: string;
      readonly planCurrency: string;
      readonly currency: string;
    }
  | {
      readonly kind: 'channel';
      readonly campaignId: string;
      readonly channel: string;
      readonly asked: string;
    }
  | {
      readonly kind: 'exceeds';
      readonly campaignId: string;
      readonly budget: number;
      readonly amount: number;
    };

/** The refusal in a sentence a requester reads (the problem's `detail`). */
export const refusalText = (refusal: ReallocationRefusal): string => {
  switch (refusal.kind) {
    case 'same-campaign':
      return 'A re-allocation moves budget between two campaigns: from and to name the same campaign';
    case 'no-plan':
      return `Campaign ${refusal.campaignId} has no plan to move budget from or to: set its plan first`;
    case 'currency':
      return `Campaign ${refusal.campaignId} plans in ${refusal.planCurrency}, not ${refusal.currency}: a re-allocation moves budget in its plans' currency`;
    case 'channel':
      return `Campaign ${refusal.campaignId} spends on ${refusal.channel}, not ${refusal.asked}`;
    case 'exceeds':
      return `Campaign ${refusal.campaignId} plans ${refusal.budget} in all: it cannot give ${refusal.amount}`;
  }
};

/**
 * Money arithmetic without binary noise: 10,000 − 0.1 − 0.2 stays 9,999.7. Four decimals cover every
 * ISO 4217 minor unit.
 */
export const roundMoney = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * Why the request cannot go ahead against these two campaigns' plans, or `undefined` when it can: two
 * different campaigns, both with a plan in the request's currency, a channel (if named) that is theirs,
 * and an amount no more than the source plan's budget. Checked on request and again on approval (the plans
 * may have moved in between).
 */
export const refusalOf = (
  request: Pick<ReallocationRequest, 'from' | 'to' | 'amount' | 'currency'>,
  from: Pick<Campaign, 'campaignId' | 'channel' | 'plan'>,
  to: Pick<Campaign, 'campaignId' | 'channel' | 'plan'>,
): ReallocationRefusal | undefined => {
  if (from.campaignId === to.campaignId) return { kind: 'same-campaign' };
  for (const [side, campaign] of [
    [request.from, from],
    [request.to, to],
  ] as const) {
    if (campaign.plan === undefined) return { kind: 'no-plan', campaignId: campaign.campaignId };
    if (campaign.plan.currency !== request.currency)
      return {
        kind: 'currency',
        campaignId: campaign.campaignId,
        planCurrency: campaign.plan.currency,
        currency: request.currency,
      };
    if (
      side.channel !== undefined &&
      campaign.channel !== undefined &&
      side.channel.toLowerCase() !== campaign.channel.toLowerCase()
    )
      return {
        kind: 'channel',
        campaignId: campaign.campaignId,
        channel: campaign.channel,
        asked: side.channel,
      };
  }
  const budget = (from.plan as CampaignPlan).budget;
  if (request.amount > budget)
    return { kind: 'exceeds', campaignId: from.campaignId, budget, amount: request.amount };
  return undefined;
};

/** A new request, `requested`, version 1. */
export const requestReallocation = (
  reallocationId: string,
  request: ReallocationRequest,
  actor: string,
  now: Date,
): Reallocation => ({
  reallocationId,
  from: request.from,
  to: request.to,
  amount: roundMoney(request.amount),
  currency: request.currency,
  reason: request.reason.trim(),
  state: 'requested',
  requestedBy: actor,
  requestedAt: now.toISOString(),
  version: 1,
});

/** Why a decision is refused: decided already (409), or the decider asked for it (four eyes: 403). */
export type DecisionRefusal =
  | {
      readonly kind: 'decided';
      readonly state: ReallocationState;
      readonly by?: string;
      readonly at?: string;
    }
  | { readonly kind: 'own-request' };

/** Whether `actor` may decide the re-allocation now: only a requested one, and never its requester. */
export const decisionRefusalOf = (reallocation: Reallocation, actor: string): DecisionRefusal | undefined => {
  if (reallocation.state !== 'requested')
    return {
      kind: 'decided',
      state: reallocation.state,
      ...(reallocation.decidedBy === undefined ? {} : { by: reallocation.decidedBy }),
      ...(reallocation.decidedAt === undefined ? {} : { at: reallocation.decidedAt }),
    };
  if (reallocation.requestedBy === actor) return { kind: 'own-request' };
  return undefined;
};

/** A campaign's plan after an approval moved `delta` into it (negative: out of it), with its history line. */
const movedPlan = (
  campaign: Campaign,
  delta: number,
  reallocation: Reallocation,
  actor: string,
  at: string,
): { readonly next: Campaign; readonly change: CatalogueChange } => {
  const plan = campaign.plan as CampaignPlan;
  const budget = roundMoney(plan.budget + delta);
  const version = campaign.version + 1;
  const describe = (value: CampaignPlan) =>
    `${value.budget} ${value.currency} ${value.periodStart}..${value.periodEnd}`;
  const other = delta < 0 ? reallocation.to.campaignId : reallocation.from.campaignId;
  return {
    next: {
      ...campaign,
      plan: { ...plan, budget },
      planSetAt: at,
      planSetBy: actor,
      updatedAt: at,
      updatedBy: actor,
      version,
    },
    change: {
      entity: 'campaign',
      id: campaign.campaignId,
      at,
      actor,
      version,
      changes: [
        { field: 'plan', from: describe(plan), to: describe({ ...plan, budget }) },
        {
          field: 'reallocation',
          to: `${reallocation.reallocationId}: ${reallocation.amount} ${reallocation.currency} ${delta < 0 ? 'to' : 'from'} ${other}, requested by ${reallocation.requestedBy}: ${reallocation.reason}`,
        },
      ],
    },
  };
};

/** What a decision writes: the re-allocation decided and, on approval, both campaigns' moved plans. */
export type DecisionWrite =
  | { readonly kind: 'rejected'; readonly next: Reallocation }
  | {
      readonly kind: 'approved';
      readonly next: Reallocation;
      readonly campaigns: readonly {
        readonly next: Campaign;
        readonly expectedVersion: number;
        readonly change: CatalogueChange;
      }[];
    };

/**
 * A decision on a requested re-allocation (the caller checked `decisionRefusalOf`). An approval moves the
 * amount between the two plans as they stand now, or is refused (`refusal`) when they no longer allow it.
 *
 * @example decide(r, 'approved', 'Q4 shift agreed', 'user:li', from, to, now).kind // 'approved'
 */
export const decide = (
  reallocation: Reallocation,
  decision: ReallocationDecision,
  note: string,
  actor: string,
  from: Campaign,
  to: Campaign,
  now: Date,
): DecisionWrite | { readonly kind: 'refused'; readonly refusal: ReallocationRefusal } => {
  const at = now.toISOString();
  const decided = {
    ...reallocation,
    state: decision,
    decidedBy: actor,
    decidedAt: at,
    note: note.trim(),
    version: reallocation.version + 1,
  };
  if (decision === 'rejected') return { kind: 'rejected', next: decided };
  const refusal = refusalOf(reallocation, from, to);
  if (refusal !== undefined) return { kind: 'refused', refusal };
  const source = movedPlan(from, -reallocation.amount, reallocation, actor, at);
  const destination = movedPlan(to, reallocation.amount, reallocation, actor, at);
  return {
    kind: 'approved',
    next: {
      ...decided,
      applied: {
        fromBefore: (from.plan as CampaignPlan).budget,
        fromAfter: (source.next.plan as CampaignPlan).budget,
        toBefore: (to.plan as CampaignPlan).budget,
        toAfter: (destination.next.plan as CampaignPlan).budget,
      },
    },
    campaigns: [
      { ...source, expectedVersion: from.version },
      { ...destination, expectedVersion: to.version },
    ],
  };
};
