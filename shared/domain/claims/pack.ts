import { failOnIssues, issueAt } from '../config-error.ts';
import { IMPACT_GRADES, PROBABILITY_GRADES, ratingIssue } from '../rating.ts';
import { compilePattern, expandPattern } from './pattern.ts';
import type { ClaimRule, RuleExamples, RulePack } from './types.ts';

const LANGUAGES: readonly string[] = ['zh', 'vi', 'en'];
const RULE_ID = /^[a-z0-9]+(\.[a-z0-9-]+)+$/;
const MARKET = /^[A-Z]{2}$/;

const text = (path: string, value: string): string[] =>
  value.trim() === '' ? [`${path} must not be empty`] : [];

const braceIssues = (path: string, phrases: readonly string[]): string[] =>
  phrases.flatMap((phrase, k) =>
    /[{}]/.test(phrase.replace(/\{[^{}]*\}/g, '')) ? [`${path}[${k}] "${phrase}" has unbalanced braces`] : [],
  );

// Normalises every phrase: the part of validation that costs (~0.1 s for the default packs).
const emptyPhraseIssues = (path: string, phrases: readonly string[]): string[] =>
  phrases.flatMap((phrase, k) =>
    braceIssues(path, [phrase]).length > 0
      ? []
      : expandPattern(phrase).flatMap((literal) =>
          compilePattern(literal).key === ''
            ? [`${path}[${k}] "${literal}" is empty after normalisation`]
            : [],
        ),
  );

const keys = (phrases: readonly string[]): string[] =>
  phrases.flatMap(expandPattern).map((phrase) => compilePattern(phrase).key);

// An exception that contains none of the rule's phrases can never apply: almost certainly a typo.
const exceptionIssues = (rule: ClaimRule): string[] => {
  const patterns = keys(rule.patterns);
  return (rule.exceptions ?? []).flatMap(expandPattern).flatMap((exception) => {
    const key = compilePattern(exception).key;
    return patterns.some((pattern) => key.includes(pattern))
      ? []
      : [`exception "${exception}" contains no pattern`];
  });
};

const requiresIssues = (rule: ClaimRule): string[] => {
  if (rule.requires === undefined) return [];
  const { before, window } = rule.requires;
  const issues =
    Number.isInteger(window) && window >= 1 && window <= 32 ? [] : ['requires.window must be 1..32'];
  try {
    new RegExp(before, 'u');
    return issues;
  } catch (error) {
    return [...issues, `requires.before is not a valid regular expression: ${(error as Error).message}`];
  }
};

const scopeIssues = (rule: ClaimRule): string[] => [
  ...(rule.languages.length === 0 ? ['languages must not be empty'] : []),
  ...rule.languages.filter((lang) => !LANGUAGES.includes(lang)).map((lang) => `unknown language "${lang}"`),
  ...(rule.markets === 'all'
    ? []
    : rule.markets.filter((m) => !MARKET.test(m)).map((m) => `market "${m}" is not ISO 3166-1 alpha-2`)),
  ...(rule.markets !== 'all' && rule.markets.length === 0 ? ['markets must not be empty (use "all")'] : []),
  ...(rule.categories !== 'all' && rule.categories.length === 0
    ? ['categories must not be empty (use "all")']
    : []),
];

const ruleIssues = (pack: RulePack, rule: ClaimRule, phrases: boolean): string[] => [
  ...(RULE_ID.test(rule.id) && rule.id.startsWith(`${pack.id}.`)
    ? []
    : [`id must look like "${pack.id}.topic"`]),
  ...scopeIssues(rule),
  ...(rule.patterns.length === 0 ? ['patterns must not be empty'] : []),
  ...braceIssues('patterns', rule.patterns),
  ...braceIssues('exceptions', rule.exceptions ?? []),
  ...(phrases
    ? [
        ...emptyPhraseIssues('patterns', rule.patterns),
        ...emptyPhraseIssues('exceptions', rule.exceptions ?? []),
        ...exceptionIssues(rule),
      ]
    : []),
  ...requiresIssues(rule),
  ...issueAt('probability', ratingIssue(PROBABILITY_GRADES, rule.probability)),
  ...issueAt('impact', ratingIssue(IMPACT_GRADES, rule.impact)),
  ...text('basis', rule.basis),
  ...text('message', rule.message),
  ...text('suggestion', rule.suggestion),
];

const duplicateIds = (ids: readonly string[]): string[] => ids.filter((id, k) => ids.indexOf(id) !== k);

/** How much of a pack to check: everything, or all but what needs every phrase normalised. */
export interface PackValidation {
  /**
   * False skips the checks that normalise every phrase (a phrase empty after normalisation, an exception
   * containing no pattern): the matcher runs them when it is compiled. Default true.
   */
  readonly phrases?: boolean;
}

/**
 * Checks a rule pack at load; a broken pack fails loudly, every issue prefixed with its rule id.
 *
 * @example
 * validatePack(CN_AD_LAW_PACK);
 */
export const validatePack = <P extends RulePack>(pack: P, { phrases = true }: PackValidation = {}): P => {
  failOnIssues(`rule pack "${pack.id}@${pack.version}"`, [
    ...text('version', pack.version),
    ...(LANGUAGES.includes(pack.language) ? [] : [`unknown language "${pack.language}"`]),
    ...(Number.isInteger(pack.negation.maxGap) && pack.negation.maxGap >= 0
      ? []
      : ['negation.maxGap must be ≥ 0']),
    ...duplicateIds(pack.rules.map((rule) => rule.id)).map((id) => `rule id ${id} is used twice`),
    ...pack.rules.flatMap((rule) =>
      ruleIssues(pack, rule, phrases).map((issue) => `rule ${rule.id}: ${issue}`),
    ),
  ]);
  return pack;
};

/**
 * Checks a set of packs: each pack, and no pack id twice.
 *
 * @example
 * validatePacks(DEFAULT_PACKS);
 */
export const validatePacks = <P extends readonly RulePack[]>(
  packs: P,
  validation: PackValidation = {},
): P => {
  failOnIssues(
    'rule packs',
    duplicateIds(packs.map((pack) => pack.id)).map((id) => `pack id ${id} is used twice`),
  );
  for (const pack of packs) validatePack(pack, validation);
  return packs;
};

/**
 * What is wrong with the examples of some packs' rules: every rule needs at least one text it flags and
 * one it leaves alone, and an example for a rule no pack has is a typo. Empty when all is well.
 *
 * @example
 * examplesIssues(DEFAULT_PACKS, DEFAULT_RULE_EXAMPLES); // []
 */
export const examplesIssues = (packs: readonly RulePack[], examples: RuleExamples): string[] => {
  const ids = packs.flatMap((pack) => [...pack.rules, ...(pack.required ?? [])].map((rule) => rule.id));
  const known = new Set(ids);
  return [
    ...ids.flatMap((id) => {
      const own = examples[id];
      return [
        ...((own?.positive.length ?? 0) === 0
          ? [`rule ${id}: examples.positive must hold at least one text it flags`]
          : []),
        ...((own?.negative.length ?? 0) === 0
          ? [`rule ${id}: examples.negative must hold at least one text it leaves alone`]
          : []),
      ];
    }),
    ...Object.keys(examples)
      .filter((id) => !known.has(id))
      .map((id) => `examples for ${id}, which no pack has`),
  ];
};

/**
 * The combined version of a set of packs, order-independent, e.g. `cn@2026.1+en@2026.1+vn@2026.1`.
 *
 * @example
 * packsVersion(DEFAULT_PACKS); // 'cn@…+en@…+vn@…'
 */
export const packsVersion = (packs: readonly RulePack[]): string =>
  packs
    .map((pack) => `${pack.id}@${pack.version}`)
    .sort()
    .join('+');
