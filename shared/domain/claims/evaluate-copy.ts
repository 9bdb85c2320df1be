import type { AdCopy } from '#shared/schemas/events.ts';
import type { Signal } from '../signal.ts';
import { canonicalCategory } from './categories.ts';
import type { ClaimHit, ClaimMatcher, MissingContent } from './matcher.ts';
import type { ClaimRule, RuleScope } from './types.ts';

/** What selects the rules for a copy. */
export type CopyScope = Pick<AdCopy, 'lang' | 'market' | 'category'>;

/**
 * Categories arrive as free text from each CMS; compare them as canonical lower-case slugs.
 *
 * @example
 * categoryKey(' Health Food '); // 'health-food'
 * categoryKey('Dietary Supplement'); // 'health-food'
 */
export const categoryKey = (category: string): string => canonicalCategory(category);

/**
 * Whether a rule applies to a copy's language, market and category.
 *
 * @example
 * appliesTo(rule, { lang: 'zh', market: 'CN', category: 'cosmetics' }); // true
 */
export const appliesTo = (rule: RuleScope, scope: CopyScope): boolean => {
  const category = categoryKey(scope.category);
  return (
    rule.languages.includes(scope.lang) &&
    (rule.markets === 'all' || rule.markets.includes(scope.market)) &&
    (rule.categories === 'all' || rule.categories.map(categoryKey).includes(category)) &&
    !(rule.exceptCategories ?? []).map(categoryKey).includes(category)
  );
};

const quoted = (hits: readonly Pick<ClaimHit, 'text'>[]): string =>
  [...new Set(hits.map((hit) => `“${hit.text}”`))].join(', ');

const signalOf = (rule: ClaimRule, hits: readonly ClaimHit[]): Signal => ({
  ruleId: rule.id,
  riskType: 'compliance',
  probability: rule.probability,
  impact: rule.impact,
  message: `${quoted(hits)}: ${rule.message}`,
  basis: rule.basis,
  evidence: hits.map(({ text, start, end }) => ({ text, start, end })),
  suggestion: rule.suggestion,
});

const missingSignalOf = ({ rule, evidence }: MissingContent): Signal => ({
  ruleId: rule.id,
  riskType: 'compliance',
  probability: rule.probability,
  impact: rule.impact,
  message: evidence.length > 0 ? `${quoted(evidence)}: ${rule.message}` : rule.message,
  basis: rule.basis,
  evidence: evidence.map(({ text, start, end }) => ({ text, start, end })),
  suggestion: rule.suggestion,
});

/**
 * The compliance signals of an ad copy: one per rule broken, with every offending phrase as evidence, and
 * one per required notice the copy lacks.
 *
 * @example
 * copySignals({ text: '全网最佳', lang: 'zh', market: 'CN', category: 'cosmetics', ... }, matcher)[0]?.ruleId;
 * // 'cn.absolute-terms'
 */
export const copySignals = (copy: CopyScope & Pick<AdCopy, 'text'>, matcher: ClaimMatcher): Signal[] => {
  const byRule = new Map<ClaimRule, ClaimHit[]>();
  const { claims, missing } = matcher.inspect(copy.text, (rule) => appliesTo(rule, copy));
  for (const hit of claims) byRule.set(hit.rule, [...(byRule.get(hit.rule) ?? []), hit]);
  return [...[...byRule].map(([rule, hits]) => signalOf(rule, hits)), ...missing.map(missingSignalOf)];
};
