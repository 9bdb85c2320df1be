/**
 * The vocabulary of claim rules. Their shape has one owner, the zod schema in `pack-schema.ts`: these
 * types are inferred from it, so the YAML packs, the engine and `GET /v1/rules` cannot drift apart.
 */
export type {
  ClaimExamples,
  ClaimRule,
  NegationCues,
  RequiredContentRule,
  RuleExamples,
  RuleOutcome,
  RulePack,
} from './pack-schema.ts';

import type { ClaimRule } from './pack-schema.ts';

/** Where a rule applies: languages, markets and copy categories. */
export type RuleScope = Pick<ClaimRule, 'markets' | 'languages' | 'categories' | 'exceptCategories'>;

/** A context the matched phrase needs right before it. */
export type ContextRequirement = NonNullable<ClaimRule['requires']>;
