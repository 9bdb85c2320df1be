import type { Language } from '#shared/schemas/events.ts';
import type { ImpactRating, ProbabilityRating } from '../rating.ts';

/** A rule's own specification: texts it must flag and texts it must leave alone (run by `npm test`). */
export interface ClaimExamples {
  readonly positive: readonly string[];
  readonly negative: readonly string[];
}

/**
 * A context the matched phrase needs right before it, e.g. a time span before 美白 ("7天美白"). `before`
 * is a regular expression source tested against at most `window` normalised characters that end where
 * the phrase starts; when it matches, the evidence grows to include it.
 */
export interface ContextRequirement {
  readonly before: string;
  readonly window: number;
}

/**
 * One claim rule, owned by legal. Patterns are literal phrases (matched after normalisation, so they are
 * written once, in simplified Chinese or with Vietnamese diacritics); `{a|b}` expands to alternatives.
 */
export interface ClaimRule {
  /** Stable id, `<pack>.<topic>`, e.g. `cn.absolute-terms`. */
  readonly id: string;
  /** ISO 3166-1 alpha-2 codes, or every market. */
  readonly markets: readonly string[] | 'all';
  readonly languages: readonly Language[];
  /** Copy categories (lower-case, e.g. cosmetics, health-food), or every category. */
  readonly categories: readonly string[] | 'all';
  /** Categories the rule never applies to, e.g. medicines may name a disease they treat. */
  readonly exceptCategories?: readonly string[];
  readonly patterns: readonly string[];
  /** Innocent phrases that contain a pattern (第一次 for 第一); a match inside one is no claim. */
  readonly exceptions?: readonly string[];
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
  readonly examples: ClaimExamples;
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
  readonly rules: readonly ClaimRule[];
}
