import { describe, expect, it } from 'vitest';
import { examplesIssues, packsVersion, validatePack, validatePacks } from '#shared/domain/claims/pack.ts';
import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { expandPattern } from '#shared/domain/claims/pattern.ts';
import type { ClaimRule, RulePack } from '#shared/domain/claims/types.ts';
import { InvalidRiskConfigError } from '#shared/domain/config-error.ts';
import { packOf } from './support.ts';

const EN_FTC_EU_PACK = packOf('en');

const [firstRule] = EN_FTC_EU_PACK.rules;
const withRule = (override: Partial<ClaimRule>): RulePack => ({
  ...EN_FTC_EU_PACK,
  rules: [{ ...firstRule, ...override } as ClaimRule],
});

describe('Function: validatePack', () => {
  it('accepts every default pack', () => {
    expect(validatePacks(DEFAULT_PACKS)).toBe(DEFAULT_PACKS);
  });

  it.each([
    [
      'an empty pattern list',
      { patterns: [] },
      'rule en.disease-cure: patterns needs patterns, or predicates and objects',
    ],
    ['a pattern that normalises to nothing', { patterns: [' - '] }, 'rule en.disease-cure: " - " is empty'],
    ['a predicate without objects', { predicates: ['cure'] }, 'predicates and objects go together'],
    ['unbalanced braces', { patterns: ['{cure|cures'] }, 'has unbalanced braces'],
    [
      'an exception that contains no pattern',
      { exceptions: ['cured ham'], patterns: ['miracle'] },
      'exception "cured ham" contains no phrase',
    ],
    [
      'an invalid context expression',
      { requires: { before: '(\\d+', window: 8 } },
      'rule en.disease-cure: requires before is not a regular expression',
    ],
    ['an unknown probability', { probability: 'likely' as never }, 'rule en.disease-cure: probability'],
    ['a missing legal basis', { basis: '' }, 'rule en.disease-cure: basis must not be empty'],
    ['an id outside the pack', { id: 'cn.cure' }, 'rule id cn.cure must start with "en."'],
    ['a bad market code', { markets: ['usa'] }, 'rule en.disease-cure: markets 0 is not ISO 3166-1 alpha-2'],
    ['an unknown field (a typo)', { patern: ['cure'] } as never, 'rule en.disease-cure: Unrecognized key'],
    [
      'a message without its Vietnamese',
      { message: { en: 'Cure claims are banned.', 'zh-CN': '禁止宣称治愈。' } as never },
      'rule en.disease-cure: message vi',
    ],
    [
      'a suggestion in English only',
      { suggestion: 'Say what it does instead.' as never },
      'rule en.disease-cure: suggestion',
    ],
    [
      'an empty Chinese message',
      { message: { en: 'Cure claims are banned.', 'zh-CN': ' ', vi: 'Cấm tuyên bố chữa khỏi.' } },
      'rule en.disease-cure: message zh-CN must not be empty',
    ],
  ])('fails loudly, naming the rule, on %s', (_case, override, message) => {
    expect(() => validatePack(withRule(override))).toThrow(InvalidRiskConfigError);
    expect(() => validatePack(withRule(override))).toThrow(message);
  });

  it('reads a product of alternatives as a chain: an exception holding one of its literals is fine', () => {
    // Prepare: 6 × 6 × 4 = 144 literals, matched as a chain (chain.ts)
    const patterns = [
      '{cures|heals|reverses|ends|beats|fixes} {acne|eczema|asthma|gout|lupus|rosacea} {fast|today|for good|in days}',
    ];

    // Act / Assess
    expect(validatePack(withRule({ patterns, exceptions: ['never beats gout for good'] })).id).toBe('en');
    expect(() => validatePack(withRule({ patterns, exceptions: ['beats gout slowly'] }))).toThrow(
      'exception "beats gout slowly" contains no phrase',
    );
    // A chained exception is checked through its first, middle and last literals.
    expect(() =>
      validatePack(
        withRule({
          patterns,
          exceptions: [
            '{no|never|not} {cure|heal|fix|end|beat|reverse} {acne|eczema|gout|lupus} {fast|soon|today}',
          ],
        }),
      ),
    ).toThrow('contains no phrase');
  });

  it('leaves the checks that normalise every phrase to the matcher when asked, but not the rest', () => {
    expect(validatePack(withRule({ patterns: [' - '] }), { phrases: false }).id).toBe('en');
    expect(() => validatePack(withRule({ patterns: ['{cure|cures'] }), { phrases: false })).toThrow(
      'has unbalanced braces',
    );
    expect(() => validatePack(withRule({ basis: '' }), { phrases: false })).toThrow(
      'basis must not be empty',
    );
  });

  it('derives the types from one schema: a YAML pack and a run-time pack are checked alike', () => {
    expect(() => validatePack({ ...EN_FTC_EU_PACK, markets: [] })).toThrow('markets');
  });

  it('rejects a rule id used twice', () => {
    const pack = { ...EN_FTC_EU_PACK, rules: [firstRule, firstRule] } as RulePack;
    expect(() => validatePack(pack)).toThrow('rule id en.disease-cure is used twice');
  });

  it('rejects a pack id used twice', () => {
    expect(() => validatePacks([EN_FTC_EU_PACK, EN_FTC_EU_PACK])).toThrow('pack id en is used twice');
  });
});

describe('Function: examplesIssues', () => {
  it('finds both kinds of example for every rule of the default packs, and none for a rule they lack', () => {
    expect(examplesIssues(DEFAULT_PACKS, DEFAULT_RULE_EXAMPLES)).toEqual([]);
  });

  it('names a rule without a negative example, a rule without any, and examples of no rule', () => {
    const [cure, other] = EN_FTC_EU_PACK.rules;
    const pack: RulePack = {
      ...EN_FTC_EU_PACK,
      rules: [cure, other].filter((r) => r !== undefined),
      required: [],
    };
    const examples = {
      'en.disease-cure': { positive: ['Cures acne overnight'], negative: [] },
      'en.disease-cur': { positive: ['cures'], negative: ['nothing'] },
    };

    expect(examplesIssues([pack], examples)).toEqual([
      'rule en.disease-cure: examples.negative must hold at least one text it leaves alone',
      `rule ${other?.id}: examples.positive must hold at least one text it flags`,
      `rule ${other?.id}: examples.negative must hold at least one text it leaves alone`,
      'examples for en.disease-cur, which no pack has',
    ]);
  });
});

describe('Function: packsVersion', () => {
  it('combines pack versions independently of order', () => {
    expect(packsVersion([...DEFAULT_PACKS].reverse())).toBe(packsVersion(DEFAULT_PACKS));
    expect(packsVersion(DEFAULT_PACKS)).toBe('cn@3.8.0+en@3.8.0+vn@3.8.0');
  });
});

describe('Function: expandPattern', () => {
  it.each([
    ['cure', ['cure']],
    ['{cure|cures} acne', ['cure acne', 'cures acne']],
    ['{a|b}{c|d}', ['ac', 'ad', 'bc', 'bd']],
    ['cure{| or}', ['cure', 'cure or']],
  ])('expands %j', (pattern, expected) => {
    expect(expandPattern(pattern)).toEqual(expected);
  });
});
