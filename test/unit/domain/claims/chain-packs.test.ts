import { describe, expect, it } from 'vitest';
import { chainParts } from '#shared/domain/claims/chain.ts';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import { markPhrasesChecked } from '#shared/domain/claims/pack.ts';
import type { ClaimRule, RulePack } from '#shared/domain/claims/pack-schema.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { expandPattern } from '#shared/domain/claims/pattern.ts';

/**
 * The default packs' products of alternatives are matched as chains (chain.ts). A chain must find what its
 * expansion finds: for every chained claim phrase, some of its literals are checked as copy, against the
 * same rule holding those literals written out instead.
 */

const SAMPLES = 3;

// The same literals on every run: the first, the last and one in the middle of the expansion.
const samplesOf = (phrase: string): string[] => {
  const all = expandPattern(phrase);
  return [...new Set([all[0], all[Math.floor(all.length / 2)], all[all.length - 1]])].filter(
    (literal): literal is string => literal !== undefined,
  );
};

// The rule alone, with `patterns` in place of its own. Its exceptions may name literals the samples do not
// hold, which validation would refuse as a typo: the phrases are the default packs', checked by
// `npm run packs`, so these packs are marked checked as the default packs are.
const onlyRule = (pack: RulePack, rule: ClaimRule, patterns: readonly string[]): RulePack[] => {
  const packs = [{ ...pack, rules: [{ ...rule, patterns: [...patterns] }], required: [] }];
  markPhrasesChecked(packs);
  return packs;
};

const hitsOf = (packs: readonly RulePack[], text: string) =>
  compileMatcher(packs)
    .find(text)
    .map((hit) => ({ rule: hit.rule.id, text: hit.text, start: hit.start, outcome: hit.outcome }));

const chained = DEFAULT_PACKS.flatMap((pack) =>
  pack.rules.flatMap((rule) =>
    (rule.patterns ?? [])
      // A Chinese claim phrase is expanded with its pinyin spellings, never chained.
      .filter((phrase) => pack.language !== 'zh' && chainParts(phrase) !== undefined)
      .map((phrase) => ({ pack, rule, phrase })),
  ),
);

describe('Chains in the default packs', () => {
  it('holds chained claim phrases in every language whose phrases have no pinyin spellings', () => {
    expect(new Set(chained.map(({ pack }) => pack.language))).toEqual(new Set(['vi', 'en']));
    expect(chained.length).toBeGreaterThan(50);
  });

  it('finds in copy what the phrase written out as literals finds, rule by rule', () => {
    let checked = 0;
    let found = 0;
    for (const { pack, rule, phrase } of chained) {
      const samples = samplesOf(phrase);
      const asChain = onlyRule(pack, rule, [phrase]);
      const asLiterals = onlyRule(pack, rule, samples);
      for (const copy of samples) {
        const expected = hitsOf(asLiterals, copy);
        expect(hitsOf(asChain, copy), `${rule.id}: "${copy}"`).toEqual(expected);
        checked++;
        if (expected.length > 0) found++;
      }
    }
    // Most literals are claims on their own (the rest are cancelled by their rule's own exceptions).
    expect(checked).toBeGreaterThan(SAMPLES * 50);
    expect(found / checked).toBeGreaterThan(0.8);
  });
});
