/**
 * The policies API's JSON as the web app reads it (docs/policies.md): the server's own types
 * (shared/domain/policies/policy.ts, shared/domain/claims/pack-schema.ts), imported as types only, so the
 * forms and the API cannot drift.
 *
 * `ClaimsOverlay` and `RuleExtension` are declared here for now: the domain's (policies/documents.ts) sit
 * in a module whose imports reach Node-only code (the normaliser's zlib), which the browser project cannot
 * type-check. They follow `ClaimsOverlaySchema` / `RuleExtensionSchema` there; switch to them once the
 * domain exports these types from a module without Node imports.
 */

import type { ClaimRuleSource } from '../../shared/domain/claims/pack-schema.ts';

export type {
  ExampleFailure,
  PolicyChange,
  PolicyDiff,
  PolicyDraft,
  PolicyId,
  PolicySummary,
  PolicyTest,
  PolicyVersion,
  PolicyVersionSummary,
  RegressionChange,
} from '../../shared/domain/policies/policy.ts';

/** A rule legal adds: the schema of a shipped rule with its examples (ClaimRuleSourceSchema). */
export type CustomRule = ClaimRuleSource;

/** Extra patterns or exceptions on a shipped rule, with the examples that show them working. */
export interface RuleExtension {
  readonly patterns?: string[];
  readonly exceptions?: string[];
  readonly examples?: { readonly positive?: string[]; readonly negative?: string[] };
}

/** The `claims` document as the form holds it: any part may be missing (version 0 has none). */
export interface ClaimsOverlay {
  readonly rules?: CustomRule[];
  readonly extend?: Readonly<Record<string, RuleExtension>>;
  readonly disable?: Readonly<Record<string, { readonly reason: string }>>;
}
