/**
 * Policies: the data legal and managers own — an overlay on the shipped claim packs, the risk matrix and the
 * spend and sentiment thresholds — versioned, tested before they go live, in force without a deploy
 * (docs/policies.md). This file owns the vocabulary and the shapes the API answers with.
 */

/** `actions`: what a case of each risk type asks for when it reaches a level (shared/domain/actions.ts). */
export const POLICY_IDS = ['claims', 'matrix', 'spend', 'sentiment', 'actions'] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

/** The role that may write each policy; legal and managers may read all of them. */
export const POLICY_OWNERS = {
  claims: 'legal',
  matrix: 'manager',
  spend: 'manager',
  sentiment: 'manager',
  actions: 'manager',
} as const satisfies Record<PolicyId, 'legal' | 'manager'>;
export type PolicyOwner = (typeof POLICY_OWNERS)[PolicyId];

export const POLICY_ACTIONS = ['publish', 'rollback'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** Version 0 of every policy: the shipped defaults, no overlay. */
export const SHIPPED_VERSION = 0;

/** What an assessment carries for a published version of a policy: `claims-policy@3`. */
export const policyStamp = (id: PolicyId, version: number): string =>
  version === SHIPPED_VERSION ? 'shipped' : `${id}-policy@${version}`;

/** One version in a policy's history (an audit line): who published or rolled back what, when and why. */
export interface PolicyVersionSummary {
  readonly id: PolicyId;
  readonly version: number;
  readonly action: PolicyAction;
  /** A rollback: the version it restored. */
  readonly restored?: number;
  /** `user:<name>`, or `shipped` for version 0. */
  readonly author: string;
  /** When it was published; absent for version 0 (the shipped defaults). */
  readonly at?: string;
  readonly note: string;
  /** The shipped version the overlay was written against (packs, matrix or thresholds version). */
  readonly base: string;
}

/** A version with its stored document (the overlay) and, for matrix and thresholds, the whole document in force. */
export interface PolicyVersion extends PolicyVersionSummary {
  readonly document: unknown;
  readonly effective?: unknown;
  /** What assessments made under this version carry (`claims-policy@3`; `shipped` for version 0). */
  readonly stamp: string;
}

/** The owner's work in progress: one per policy. */
export interface PolicyDraft {
  readonly id: PolicyId;
  readonly document: unknown;
  readonly effective?: unknown;
  /** The active version when the draft was saved: publishing a draft based on an older one is refused. */
  readonly basedOn: number;
  readonly savedAt: string;
  readonly savedBy: string;
}

/** `GET /v1/policies`: each policy and what is in force. */
export interface PolicySummary {
  readonly id: PolicyId;
  readonly owner: PolicyOwner;
  readonly activeVersion: number;
  readonly base: string;
  readonly stamp: string;
  readonly publishedAt?: string;
  readonly publishedBy?: string;
  readonly note?: string;
  readonly draft?: { readonly savedAt: string; readonly savedBy: string; readonly basedOn: number };
}

export const DIFF_OPS = ['added', 'removed', 'changed'] as const;

export interface PolicyChange {
  readonly path: readonly (string | number)[];
  readonly op: (typeof DIFF_OPS)[number];
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface PolicyDiff {
  readonly id: PolicyId;
  readonly from: number | 'draft';
  readonly to: number | 'draft';
  readonly changes: readonly PolicyChange[];
}

export const EXAMPLE_EXPECTATIONS = ['flagged', 'clean', 'advisory'] as const;
export type ExampleExpectation = (typeof EXAMPLE_EXPECTATIONS)[number];

/** A rule's own example the draft gets wrong. */
export interface ExampleFailure {
  readonly ruleId: string;
  readonly expected: ExampleExpectation;
  readonly text: string;
  /** The level the copy got. */
  readonly got: string;
  /** The rules that fired on it. */
  readonly ruleIds: readonly string[];
}

export const CHANGE_VERDICTS = ['newly-flagged', 'newly-cleared', 'level-changed'] as const;
export type ChangeVerdict = (typeof CHANGE_VERDICTS)[number];

/** A decided copy or a recent case whose level the draft would change. */
export interface RegressionChange {
  readonly kind: 'decided-copy' | 'recent-case';
  readonly caseId: string;
  readonly reviewId?: string;
  readonly decision?: 'approved' | 'rejected';
  /** The copy's text (shortened) or the case's subject. */
  readonly title: string;
  readonly before: string;
  readonly after: string;
  readonly verdict: ChangeVerdict;
  /** A rejected copy the draft would clear, or an approved copy it would newly flag. */
  readonly regression: boolean;
  /** An exception that explains an approved copy's finding. */
  readonly exceptionId?: string;
}

/** `POST /v1/policies/{id}/draft/test`. */
export interface PolicyTest {
  readonly id: PolicyId;
  /** No example fails and no decided copy regresses. */
  readonly ok: boolean;
  readonly stamp: { readonly active: string; readonly draft: string };
  readonly examples: { readonly total: number; readonly failures: readonly ExampleFailure[] };
  readonly regression: {
    readonly checked: number;
    /** More existed than one test reads: the most recent were read. */
    readonly limited: boolean;
    readonly changes: readonly RegressionChange[];
  };
}
