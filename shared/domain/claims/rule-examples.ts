import { copySignals } from './evaluate-copy.ts';
import type { ClaimMatcher } from './matcher.ts';
import type { RuleExamples, RulePack } from './pack-schema.ts';
import type { RuleScope } from './types.ts';

/**
 * Every rule carries its own specification, as textlint-prh specs do: the positives must be flagged, the
 * negatives must not be, the advisories must come back as an advisory ("verify the source"). One owner of
 * what "an example passes" means, for `npm test` over the shipped packs and for legal's policy drafts
 * before they are published.
 */

export type ExampleKind = 'positive' | 'negative' | 'advisory';

/** What the rule's example expects, and what the copy got from the rule (or its law area). */
export interface ExampleVerdict {
  readonly ruleId: string;
  readonly kind: ExampleKind;
  readonly text: string;
  readonly ok: boolean;
  /** What the rule (for a positive: the rule or a rule of its area) did with the text. */
  readonly got: 'flagged' | 'clean' | 'advisory';
  /** The rules whose violation fired on the text. */
  readonly ruleIds: readonly string[];
}

/**
 * Where an example is placed: the rule's first language, market and category (US and `general` when the rule
 * applies to all).
 *
 * @example
 * exampleScope({ languages: ['zh'], markets: ['CN'], categories: 'all' }); // { lang: 'zh', market: 'CN', category: 'general' }
 */
export const exampleScope = (rule: RuleScope) => ({
  lang: rule.languages[0] ?? 'en',
  market: rule.markets === 'all' ? 'US' : (rule.markets[0] ?? 'US'),
  category: rule.categories === 'all' ? 'general' : (rule.categories[0] ?? 'general'),
});

const packOf = (id: string): string => id.split('.')[0] ?? id;

/**
 * The verdict on every example of every rule of `packs`. Where two rules of one law area claim the same words
 * (a general disease rule and a disease group's), one stretch of text goes to one of them, the longest: a
 * positive flagged by another rule of the same pack and area counts as flagged. Linear in the examples.
 *
 * @example
 * exampleVerdicts(DEFAULT_PACKS, DEFAULT_RULE_EXAMPLES, compileMatcher(DEFAULT_PACKS)).filter((v) => !v.ok); // []
 */
export const exampleVerdicts = (
  packs: readonly RulePack[],
  examples: RuleExamples,
  matcher: ClaimMatcher,
): ExampleVerdict[] => {
  const rules = packs.flatMap((pack) => [...pack.rules, ...(pack.required ?? [])]);
  const areaOf = new Map(rules.map((rule) => [rule.id, rule.area ?? rule.id]));
  const sameArea = (id: string, other: string): boolean =>
    other === id || (packOf(other) === packOf(id) && areaOf.get(other) === areaOf.get(id));
  return rules.flatMap((rule) => {
    const own = examples[rule.id];
    if (own === undefined) return [];
    const judge = (kind: ExampleKind, text: string): ExampleVerdict => {
      const signals = copySignals({ ...exampleScope(rule), text }, matcher);
      const ruleIds = signals
        .filter((signal) => signal.outcome === 'violation')
        .map((signal) => signal.ruleId);
      const mine = signals.filter((signal) => signal.ruleId === rule.id).map((signal) => signal.outcome);
      if (kind === 'positive') {
        const flagged = ruleIds.some((id) => sameArea(rule.id, id));
        return { ruleId: rule.id, kind, text, ok: flagged, got: flagged ? 'flagged' : 'clean', ruleIds };
      }
      const got = ruleIds.includes(rule.id) ? 'flagged' : mine.includes('advisory') ? 'advisory' : 'clean';
      const ok =
        kind === 'negative' ? !ruleIds.includes(rule.id) : mine.length === 1 && mine[0] === 'advisory';
      return { ruleId: rule.id, kind, text, ok, got, ruleIds };
    };
    return [
      ...own.positive.map((text) => judge('positive', text)),
      ...own.negative.map((text) => judge('negative', text)),
      ...(own.advisory ?? []).map((text) => judge('advisory', text)),
    ];
  });
};
