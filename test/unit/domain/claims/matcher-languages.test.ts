import { describe, expect, it } from 'vitest';
import { appliesTo } from '#shared/domain/claims/evaluate-copy.ts';
import { languagesOf } from '#shared/domain/claims/languages.ts';
import type { RuleFilter } from '#shared/domain/claims/matcher.ts';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import type { RulePack } from '#shared/domain/claims/types.ts';
import { InvalidRiskConfigError } from '#shared/domain/config-error.ts';
import type { Language } from '#shared/schemas/events.ts';
import { packOf } from './support.ts';

const MARKET = { zh: 'CN', vi: 'VN', en: 'US' } as const;

// The filter copySignals uses: a rule applies to the languages the copy holds, in its market and category.
const filterFor =
  (languages: readonly Language[], market: string, category: string): RuleFilter =>
  (rule, { topics }) =>
    appliesTo(rule, { market, category, languages, topics });

// A Vietnamese pack whose one rule has a phrase that is empty once normalised: it fails when compiled.
const flawedVietnamese = (): RulePack => {
  const pack = packOf('vn');
  const [rule] = pack.rules;
  if (rule === undefined) throw new Error('Expected a rule in the vn pack');
  return { ...pack, rules: [{ ...rule, patterns: [' - '], predicates: [], objects: [] }], required: [] };
};

describe('Method: ClaimMatcher.inspect — packs compiled per language', () => {
  it('never compiles the packs of languages a copy does not hold', () => {
    // Prepare
    const matcher = compileMatcher([packOf('cn'), flawedVietnamese()]);
    const chinese = filterFor(['zh'], 'CN', 'cosmetics');

    // Act
    const found = matcher.inspect('本店全网最佳面霜', chinese, undefined, { languages: ['zh'] });

    // Assess
    expect(found.claims.map((hit) => hit.text)).toContain('最佳');
    expect(() =>
      matcher.inspect('sản phẩm tốt nhất', filterFor(['vi'], 'VN', 'cosmetics'), undefined, {
        languages: ['vi'],
      }),
    ).toThrow(InvalidRiskConfigError);
    // Without hints every pack is needed.
    expect(() => compileMatcher([packOf('cn'), flawedVietnamese()]).inspect('全网最佳', chinese)).toThrow(
      /is empty after normalisation/,
    );
  });

  it('finds the same claims, missing notices and topics with and without the languages, mixed copy included', () => {
    // Prepare
    const matcher = compileMatcher(DEFAULT_PACKS);
    const examples = DEFAULT_PACKS.flatMap((pack) =>
      [...pack.rules, ...(pack.required ?? [])].flatMap((rule) => {
        const own = DEFAULT_RULE_EXAMPLES[rule.id];
        const category = rule.categories === 'all' ? 'general' : (rule.categories[0] ?? 'general');
        return [...(own?.positive ?? []), ...(own?.negative ?? [])].map((text) => ({
          text,
          lang: pack.language,
          category,
        }));
      }),
    );
    // Each example once alone and once after an example of another language.
    const copies = examples.flatMap((copy, k) => {
      const other = examples[(k * 7919) % examples.length];
      return other === undefined ? [copy] : [copy, { ...copy, text: `${other.text} ${copy.text}` }];
    });
    const summary = (found: ReturnType<typeof matcher.inspect>) => ({
      claims: found.claims.map((hit) => [hit.rule.id, hit.start, hit.end, hit.outcome]),
      missing: found.missing.map((gap) => [gap.rule.id, gap.evidence]),
      topics: [...found.topics].sort(),
    });

    for (const copy of copies) {
      const languages = languagesOf(copy.text, copy.lang);
      const applies = filterFor(languages, MARKET[copy.lang], copy.category);

      // Act
      const hinted = matcher.inspect(copy.text, applies, undefined, { languages });
      const unhinted = matcher.inspect(copy.text, applies);

      // Assess
      expect(summary(hinted), copy.text).toEqual(summary(unhinted));
    }
    expect(copies.length).toBeGreaterThan(1_000);
    // It compiles the default packs twice (per language and all together: ~750,000 phrases each time), ~30 s
    // at rest and twice that on a loaded CI box: more than the default 60 s would allow.
  }, 180_000);
});
