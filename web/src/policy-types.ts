/**
 * The policies API's JSON as the web app reads it (docs/policies.md): the server's own types
 * (shared/domain/policies/policy.ts, shared/domain/claims/pack-schema.ts), imported as types only, so the
 * forms and the API cannot drift.
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

/** Extra patterns or exceptions on a shipped rule, and the claims document as a form holds it (any part missing). */
export type {
  ClaimsOverlayInput as ClaimsOverlay,
  RuleExtension,
} from '../../shared/domain/policies/schemas.ts';
