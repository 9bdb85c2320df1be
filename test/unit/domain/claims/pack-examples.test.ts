import { describe, expect, it } from 'vitest';
import { copySignals } from '#shared/domain/claims/evaluate-copy.ts';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import type { RuleScope } from '#shared/domain/claims/types.ts';

// Every rule carries its own specification, as textlint-prh specs do: the positives must be flagged by
// this rule, the negatives must not be. The copy is placed where the rule applies. Where two rules of one
// law area claim the same words (a general disease rule and a disease group's), one stretch of text goes to
// one of them, the longest: a positive flagged by another rule of the same pack and area is flagged.
const matcher = compileMatcher(DEFAULT_PACKS);

const scopeOf = (rule: RuleScope) => ({
  lang: rule.languages[0] ?? 'en',
  market: rule.markets === 'all' ? 'US' : (rule.markets[0] ?? 'US'),
  category: rule.categories === 'all' ? 'general' : (rule.categories[0] ?? 'general'),
});

const signalsFor = (rule: RuleScope, text: string) => copySignals({ ...scopeOf(rule), text }, matcher);
const ruleIdsFor = (rule: RuleScope, text: string): string[] =>
  signalsFor(rule, text)
    .filter((signal) => signal.outcome === 'violation')
    .map((signal) => signal.ruleId);

const rules = DEFAULT_PACKS.flatMap((pack) => [...pack.rules, ...(pack.required ?? [])]);
const areaOf = new Map(rules.map((rule) => [rule.id, rule.area ?? rule.id]));
const packOf = (id: string): string => id.split('.')[0] ?? id;
/** The rule itself, or a rule of its pack and law area. */
const sameArea = (id: string) => (other: string) =>
  other === id || (packOf(other) === packOf(id) && areaOf.get(other) === areaOf.get(id));
const examplesOf = (id: string) => DEFAULT_RULE_EXAMPLES[id] ?? { positive: [], negative: [] };
const positives = rules.flatMap((rule) =>
  examplesOf(rule.id).positive.map((text) => [rule.id, text, rule] as const),
);
const negatives = rules.flatMap((rule) =>
  examplesOf(rule.id).negative.map((text) => [rule.id, text, rule] as const),
);

const advisories = rules.flatMap((rule) =>
  (examplesOf(rule.id).advisory ?? []).map((text) => [rule.id, text, rule] as const),
);

describe('Rule packs: every rule’s own examples', () => {
  it.each(advisories)(
    '%s returns %j as an advisory (verify the source), not a violation',
    (id, text, rule) => {
      const signals = signalsFor(rule, text).filter((signal) => signal.ruleId === id);

      expect(signals.map((signal) => signal.outcome)).toEqual(['advisory']);
    },
  );

  it.each(positives)('%s flags %j', (id, text, rule) => {
    // Act
    const ids = ruleIdsFor(rule, text);

    // Assess
    expect(
      ids.filter(sameArea(id)),
      `${id} or a rule of its area flags it (fired: ${ids.join(', ')})`,
    ).not.toEqual([]);
  });

  it.each(negatives)('%s leaves %j alone', (id, text, rule) => {
    // Act
    const ids = ruleIdsFor(rule, text);

    // Assess
    expect(ids).not.toContain(id);
  });

  it('holds at least 150 claim rules across the three packs', () => {
    expect(DEFAULT_PACKS.flatMap((pack) => pack.rules).length).toBeGreaterThanOrEqual(150);
  });

  it.each(DEFAULT_PACKS.map((pack) => [pack.id, pack] as const))(
    'pack %s has required-content rules and a rule family per topic',
    (_id, pack) => {
      expect(pack.rules.length).toBeGreaterThanOrEqual(40);
      expect(pack.required?.length ?? 0).toBeGreaterThanOrEqual(1);
    },
  );
});
