import * as z from 'zod/mini';
import { IMPACT_GRADES, PROBABILITY_GRADES } from '../rating.ts';

/**
 * The one schema of a claim rule pack. Legal writes packs as YAML (`shared/domain/claims/packs/*.yaml`);
 * `npm run packs` validates each file against `RulePackSourceSchema` and compiles it into the JSON the
 * engine loads (`RulePackSchema`, without examples) and the examples JSON that only `GET /v1/rules` and the
 * tests read. A pack given to `createRiskEngine` at run time is checked against the same schema, so a
 * broken pack fails loudly at load, every issue with its path.
 */

/** The languages packs are written for (the copy's `lang`). */
export const PACK_LANGUAGES = ['zh', 'vi', 'en'] as const;

/** What a matched rule means: a breach, or a claim whose source legal must verify (green, "verify the source"). */
export const RULE_OUTCOMES = ['violation', 'advisory', 'coverage'] as const;
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

const RULE_ID = /^[a-z0-9]+(\.[a-z0-9-]+)+$/;

const Phrase = z.string().check(z.refine((value) => value.trim() !== '', 'must not be empty'));
const unbalanced = (phrase: string): boolean => /[{}]/.test(phrase.replace(/\{[^{}]*\}/g, ''));
/** Literal phrases, matched after normalisation; `{a|b}` expands to alternatives. */
const Phrases = z.array(
  z.string().check(
    z.refine((value) => value.trim() !== '', 'must not be empty'),
    z.refine((phrase) => !unbalanced(phrase), 'has unbalanced braces'),
  ),
);

const Rating = <const G extends readonly [string, ...string[]]>(grades: G) =>
  z.union([z.enum(grades), z.number().check(z.minimum(0), z.maximum(1))]);

/** Where a rule applies. */
const scope = {
  /** ISO 3166-1 alpha-2 codes (UK and GB both mean the United Kingdom), or every market. */
  markets: z.union([
    z.literal('all'),
    z.array(z.string().check(z.regex(/^[A-Z]{2}$/, 'is not ISO 3166-1 alpha-2'))).check(z.minLength(1)),
  ]),
  languages: z.array(z.enum(PACK_LANGUAGES)).check(z.minLength(1)),
  /**
   * Copy categories (lower-case slugs), or every category. A copy whose text is about a category (its
   * pack's `topics`) is in that category too, whatever the CMS sent.
   */
  categories: z.union([z.literal('all'), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]),
  /** Categories the rule never applies to (medicines may name the disease they treat). */
  exceptCategories: z.optional(z.array(z.string().check(z.minLength(1)))),
};

/**
 * A text people read, in every locale the product speaks (shared/i18n/locales.ts): a rule without all three
 * fails validation, a shipped one and legal's own alike.
 */
const LocalizedPhrase = z.strictObject({ en: Phrase, 'zh-CN': Phrase, vi: Phrase });

const grading = {
  probability: Rating(PROBABILITY_GRADES),
  impact: Rating(IMPACT_GRADES),
  /** The legal basis, cited. */
  basis: Phrase,
  /** Why this is a problem, in a sentence a marketer understands, in every locale. */
  message: LocalizedPhrase,
  /** How to rewrite it, in every locale (an example rewrite stays in the copy's language). */
  suggestion: LocalizedPhrase,
};

const regexIssue = (source: string): string | undefined => {
  try {
    new RegExp(source, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/** A context the matched phrase needs right before it (a time span before 美白: "7天美白"). */
export const ContextRequirementSchema = z.strictObject({
  /** A regular expression tested against the normalised text that ends where the phrase starts. */
  before: z.string().check(
    z.superRefine((source: string, ctx) => {
      const issue = regexIssue(source);
      if (issue !== undefined)
        ctx.addIssue({ code: 'custom', message: `is not a regular expression: ${issue}` });
    }),
  ),
  window: z.number().check(z.int(), z.minimum(1), z.maximum(32)),
});

const claimRuleFields = {
  /** Stable id, `<pack>.<topic>`. */
  id: z.string().check(z.regex(RULE_ID, 'must look like "<pack>.<topic>"')),
  /** The law area (absolute-terms, disease-claim, alcohol …), for reports and filters. */
  area: z.optional(z.string().check(z.minLength(1))),
  ...scope,
  /** Fixed phrases that are the claim ("最佳", "miracle cure"). */
  patterns: z.optional(Phrases),
  /**
   * A claim made of two parts in one clause, in either order, other words between ("reverses type 2
   * diabetes", "多年的失眠彻底治好了"): an act (cure, 治好) and what it acts on (a disease). A predicate
   * written with " … " is split around its object: "sent … packing" reads "sent my sciatica packing".
   */
  predicates: z.optional(Phrases),
  objects: z.optional(Phrases),
  /** At most this many normalised characters between a predicate and its object (default: zh 12, vi 24, en 28). */
  window: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(80))),
  /**
   * How many consecutive sentences a predicate and its object may span (default 1: the same sentence).
   * 2 lets a claim run on into the next sentence ("FREE smartwatch! Just pay €19.95 for handling.").
   */
  sentences: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(3))),
  /** Innocent phrases that contain a claim phrase (第一次 holds 第一); a match inside one is no claim. */
  exceptions: z.optional(Phrases),
  /** Phrases that, anywhere in the copy, show the claim is substantiated as the law asks: no finding. */
  unlessPresent: z.optional(Phrases),
  /**
   * Phrases that, anywhere in the copy, make the claim lawful only if their source holds (a named survey
   * and its year): the finding is an advisory, green, "verify the source".
   */
  exemptions: z.optional(Phrases),
  requires: z.optional(ContextRequirementSchema),
  /** False when a negation before the phrase does not make it innocent. Default true. */
  negatable: z.optional(z.boolean()),
  /**
   * False when a debunking cue does not make the claim innocent: in a disparagement the "debunk" is the
   * denigration itself (别家的面膜都是智商税, "their so-called imported ingredients"). Default true.
   */
  debunkable: z.optional(z.boolean()),
  ...grading,
};

type ClaimRuleShape = {
  readonly patterns?: readonly string[] | undefined;
  readonly predicates?: readonly string[] | undefined;
  readonly objects?: readonly string[] | undefined;
};
const claimRuleIssues = (rule: ClaimRuleShape, ctx: z.core.$RefinementCtx): void => {
  const fixed = (rule.patterns ?? []).length > 0;
  const paired = (rule.predicates ?? []).length > 0 && (rule.objects ?? []).length > 0;
  if (!fixed && !paired) {
    ctx.addIssue({
      code: 'custom',
      message: 'needs patterns, or predicates and objects',
      path: ['patterns'],
    });
  }
  if ((rule.predicates ?? []).length > 0 !== (rule.objects ?? []).length > 0) {
    ctx.addIssue({ code: 'custom', message: 'predicates and objects go together', path: ['objects'] });
  }
};

export const ClaimRuleSchema = z.strictObject(claimRuleFields).check(z.superRefine(claimRuleIssues));
export type ClaimRule = z.infer<typeof ClaimRuleSchema>;

/**
 * Content a copy in some market × category must carry (本品不能代替药物). Without `triggers` the need
 * arises from the category alone; with them, from what the copy says.
 */
const requiredFields = {
  id: z.string().check(z.regex(RULE_ID, 'must look like "<pack>.required.<topic>"')),
  area: z.optional(z.string().check(z.minLength(1))),
  ...scope,
  /** Any one of these satisfies the requirement. */
  accepted: Phrases.check(z.minLength(1)),
  triggers: z.optional(Phrases),
  /**
   * With `triggers`: the copy's own category (one of `categories`) requires the content too, a trigger or
   * not (a health-food ad says what it is by its category; the triggers point at the words when it does not).
   */
  categoryAlone: z.optional(z.boolean()),
  ...grading,
};
export const RequiredContentRuleSchema = z.strictObject(requiredFields);
export type RequiredContentRule = z.infer<typeof RequiredContentRuleSchema>;

/** Negation cues of a language; pseudo-cues look like negation but are not (不仅, "not only"). */
export const NegationCuesSchema = z.strictObject({
  cues: Phrases,
  pseudo: Phrases,
  /**
   * Cue forms that state an outcome when the condition follows them (không còn mụn, ko còn đau, 不再失眠:
   * the acne, the pain, the insomnia is gone): before the object of a predicate × object claim they negate
   * nothing, so "không còn mụn chỉ sau 7 ngày" claims as "hết mụn" does. Anywhere else they stay cues
   * ("không còn là số 1" denies the ranking).
   */
  outcomes: z.optional(Phrases),
  /** A cue at most this many characters (Chinese) or words (others) before a phrase negates it. */
  maxGap: z.number().check(z.int(), z.minimum(0)),
});
export type NegationCues = z.infer<typeof NegationCuesSchema>;

const packFields = {
  id: z.string().check(z.regex(/^[a-z0-9]+$/)),
  version: Phrase,
  title: Phrase,
  language: z.enum(PACK_LANGUAGES),
  /** The markets whose law this pack covers; copy in a market no pack covers gets a coverage finding. */
  markets: z.array(z.string().check(z.regex(/^[A-Z]{2}$/))).check(z.minLength(1)),
  negation: NegationCuesSchema,
  /**
   * Legal notices that contain claim words but make no claim ("not intended to diagnose, treat, cure…"),
   * and quotation or debunking frames (别再相信, "don't believe"): no claim of this pack inside one.
   */
  disclaimers: z.optional(Phrases),
  /**
   * Cues that refute what they frame: a claim quoted in the same sentence as one, or right next to one,
   * is no claim (别再相信“三天美白”这种神话; don't believe "miracle cure" ads).
   */
  debunking: z.optional(Phrases),
  /**
   * A yes/no question about a claim makes none (có chắc chắn đậu không?, liệu có khỏi được không?): a claim
   * in a sentence that ends with a question mark, with one of `opens` before it in its clause and one of
   * `closes` as the last word before the mark, is no claim (words, matched as negation cues are).
   */
  questions: z.optional(z.strictObject({ opens: Phrases, closes: Phrases })),
  /**
   * What copy is about, by category: a copy that says 电子烟 is a tobacco ad whatever category it was
   * sent with. The category field narrows rule selection; it never blinds it.
   */
  topics: z.optional(z.record(z.string().check(z.minLength(1)), Phrases)),
};

const uniqueIds = (ids: readonly string[], ctx: z.core.$RefinementCtx): void => {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `rule id ${id} is used twice` });
    seen.add(id);
  }
};

const ownIds = (pack: { id: string }, ids: readonly string[], ctx: z.core.$RefinementCtx): void => {
  for (const id of ids) {
    if (!id.startsWith(`${pack.id}.`)) {
      ctx.addIssue({ code: 'custom', message: `rule id ${id} must start with "${pack.id}."` });
    }
  }
};

const packIssues = (
  pack: { id: string; rules: readonly { id: string }[]; required?: readonly { id: string }[] | undefined },
  ctx: z.core.$RefinementCtx,
): void => {
  const ids = [...pack.rules, ...(pack.required ?? [])].map((rule) => rule.id);
  uniqueIds(ids, ctx);
  ownIds(pack, ids, ctx);
};

/** A pack as the engine loads it. */
export const RulePackSchema = z
  .object({
    ...packFields,
    rules: z.array(ClaimRuleSchema),
    required: z.optional(z.array(RequiredContentRuleSchema)),
  })
  .check(z.superRefine(packIssues));
export type RulePack = z.infer<typeof RulePackSchema>;

/**
 * A rule's own specification, beside it in the YAML: texts it must flag, texts it must leave alone and
 * (optionally) texts it must return as an advisory. For a required-content rule, `positive` are copies in
 * scope that lack the content.
 */
export const ClaimExamplesSchema = z.strictObject({
  positive: z.array(Phrase).check(z.minLength(1, 'must hold at least one text the rule flags')),
  negative: z.array(Phrase).check(z.minLength(1, 'must hold at least one text the rule leaves alone')),
  advisory: z.optional(z.array(Phrase)),
});
export type ClaimExamples = z.infer<typeof ClaimExamplesSchema>;
/** Each rule's examples by rule id. */
export type RuleExamples = Readonly<Record<string, ClaimExamples>>;

/** A claim rule as legal writes it: the engine's rule with its examples beside it (a pack's YAML, a policy). */
export const ClaimRuleSourceSchema = z
  .strictObject({ ...claimRuleFields, examples: ClaimExamplesSchema })
  .check(z.superRefine(claimRuleIssues));
export type ClaimRuleSource = z.infer<typeof ClaimRuleSourceSchema>;

/** Literal phrases as a rule lists them (`{a|b}` expands to alternatives). */
export const PhrasesSchema = Phrases;

/** A pack as legal writes it (YAML): the engine's pack with each rule's examples beside it. */
export const RulePackSourceSchema = z
  .object({
    ...packFields,
    rules: z.array(ClaimRuleSourceSchema),
    required: z.optional(z.array(z.strictObject({ ...requiredFields, examples: ClaimExamplesSchema }))),
  })
  .check(z.superRefine(packIssues));
export type RulePackSource = z.infer<typeof RulePackSourceSchema>;
