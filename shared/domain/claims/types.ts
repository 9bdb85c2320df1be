import type { Language } from '#shared/schemas/events.ts';
import type { ImpactRating, ProbabilityRating } from '../rating.ts';

/**
 * A rule's own specification: texts it must flag and texts it must leave alone (run by `npm test`). For a
 * required-content rule, `positive` are copies in scope that lack the content, `negative` copies that
 * carry it.
 */
export interface ClaimExamples {
  readonly positive: readonly string[];
  readonly negative: readonly string[];
}

/**
 * Each rule's examples by rule id, in `<pack>.examples.ts` beside its pack. `npm test` runs every one
 * and checks that every rule has both kinds; legal reads them in `GET /v1/rules`. The engine never does,
 * so they stay out of the functions that evaluate copy (docs/deploy.md, "Bundles").
 */
export type RuleExamples = Readonly<Record<string, ClaimExamples>>;

/**
 * A context the matched phrase needs right before it, e.g. a time span before 美白 ("7天美白"). `before`
 * is a regular expression source tested against at most `window` normalised characters that end where
 * the phrase starts; when it matches, the evidence grows to include it.
 */
export interface ContextRequirement {
  readonly before: string;
  readonly window: number;
}

/** Where a rule applies: languages, markets and copy categories. */
export interface RuleScope {
  /** ISO 3166-1 alpha-2 codes, or every market. */
  readonly markets: readonly string[] | 'all';
  readonly languages: readonly Language[];
  /** Copy categories (lower-case slugs, e.g. cosmetics, health-food), or every category. */
  readonly categories: readonly string[] | 'all';
  /** Categories the rule never applies to, e.g. medicines may name a disease they treat. */
  readonly exceptCategories?: readonly string[];
}

/**
 * One claim rule, owned by legal. Patterns are literal phrases (matched after normalisation, so they are
 * written once, in simplified Chinese or with Vietnamese diacritics); `{a|b}` expands to alternatives.
 */
export interface ClaimRule extends RuleScope {
  /** Stable id, `<pack>.<topic>`, e.g. `cn.absolute-terms`. */
  readonly id: string;
  readonly patterns: readonly string[];
  /** Innocent phrases that contain a pattern (第一次 for 第一); a match inside one is no claim. */
  readonly exceptions?: readonly string[];
  /**
   * Phrases that, anywhere in the copy, show the claim is substantiated the way the law asks (a cited
   * source next to a statistic: 数据来源, "Source:"); when one is present the rule stays silent.
   */
  readonly unlessPresent?: readonly string[];
  readonly requires?: ContextRequirement;
  /** False when a negation cue before the phrase does not make it innocent. Default true. */
  readonly negatable?: boolean;
  readonly probability: ProbabilityRating;
  readonly impact: ImpactRating;
  /** The legal basis, cited, e.g. 《广告法》第九条第（三）项. */
  readonly basis: string;
  /** Why this is a problem, in a sentence a marketer understands. */
  readonly message: string;
  /** How to rewrite it. */
  readonly suggestion: string;
}

/**
 * Content a copy in some market × category must carry, owned by legal: e.g. a Chinese health-food ad must
 * state 本品不能代替药物. A copy in scope that carries none of the `accepted` phrases is a finding.
 *
 * Evidence: when `triggers` are given, the requirement arises from what the copy says (a US supplement's
 * structure/function claim needs the DSHEA notice), and the evidence is those trigger phrases. Without
 * triggers the requirement arises from the category alone; nothing in the text is wrong, so the evidence is
 * empty rather than a span of the whole copy, which would highlight innocent text for the reviewer.
 */
export interface RequiredContentRule extends RuleScope {
  /** Stable id, `<pack>.required.<topic>`, e.g. `cn.required.health-food-notice`. */
  readonly id: string;
  /** Any one of these satisfies the requirement (matched with the same normalisation as claims). */
  readonly accepted: readonly string[];
  /** When given, the requirement applies only to copy that says one of these. */
  readonly triggers?: readonly string[];
  readonly probability: ProbabilityRating;
  readonly impact: ImpactRating;
  readonly basis: string;
  readonly message: string;
  readonly suggestion: string;
}

/**
 * Negation cues of a language: a cue at most `maxGap` units (characters for Chinese, words otherwise)
 * before a phrase negates it ("does not cure", 不能代替药物). Pseudo-cues look like negation but are
 * not (不仅 "not only", 非常 "very", "not only").
 */
export interface NegationCues {
  readonly cues: readonly string[];
  readonly pseudo: readonly string[];
  readonly maxGap: number;
}

/** A versioned set of rules for one market and language, e.g. China 《广告法》 in Chinese. */
export interface RulePack {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly language: Language;
  readonly negation: NegationCues;
  /**
   * Legal notices that contain claim words but make no claim, e.g. "not intended to diagnose, treat, cure,
   * or prevent any disease": no claim of this pack is found inside one, quoted or not.
   */
  readonly disclaimers?: readonly string[];
  readonly rules: readonly ClaimRule[];
  readonly required?: readonly RequiredContentRule[];
}
