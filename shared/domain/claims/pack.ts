import { failOnIssues, issueMessage } from '../config-error.ts';
import { compileAutomaton } from './automaton.ts';
import type { Chain } from './chain.ts';
import { ChainScan, chainParts } from './chain.ts';
import type { ClaimRule, RuleExamples, RulePack } from './pack-schema.ts';
import { RulePackSchema } from './pack-schema.ts';
import { compilePattern, expandPattern } from './pattern.ts';

const phrasesOf = (rule: ClaimRule): readonly string[] => [
  ...(rule.patterns ?? []),
  ...(rule.predicates ?? []),
  ...(rule.objects ?? []),
];

// Normalises every phrase: the part of validation that costs, run when the matcher is compiled. A phrase
// matched as a chain (chain.ts) has no empty literal (it would not be chained if every part could be absent).
const emptyPhraseIssues = (rule: ClaimRule): string[] =>
  [...phrasesOf(rule), ...(rule.exceptions ?? [])].flatMap((phrase) =>
    chainParts(phrase) !== undefined
      ? []
      : expandPattern(phrase).flatMap((literal) =>
          compilePattern(literal).key === '' ? [`"${literal}" is empty after normalisation`] : [],
        ),
  );

// The literals of a chained phrase that stand for it in a check that would otherwise expand it: its first,
// middle and last expansions, each option of every part appearing in one of them only when parts are short.
const representatives = (phrase: string): string[] => {
  const parts = chainParts(phrase) ?? [];
  const pick = (at: (options: readonly string[]) => string | undefined): string =>
    parts.map((part) => at(part.options) ?? '').join('');
  return [
    ...new Set([
      pick((options) => options[0]),
      pick((options) => options[Math.floor(options.length / 2)]),
      pick((options) => options.at(-1)),
    ]),
  ];
};

// An exception that contains none of the rule's phrases can never apply: almost certainly a typo. Linear:
// one automaton of the rule's phrases (chains as their parts) reads each exception, rather than every
// phrase being sought in every exception. A chained exception is checked through its representatives.
const exceptionIssues = (rule: ClaimRule): string[] => {
  const exceptions = (rule.exceptions ?? []).flatMap((exception) =>
    chainParts(exception) === undefined ? expandPattern(exception) : representatives(exception),
  );
  if (exceptions.length === 0) return [];
  const phrases = phrasesOf(rule);
  const keywords: { key: string; link?: { chain: Chain<string>; part: number; option: number } }[] = [];
  for (const phrase of phrases) {
    const parts = chainParts(phrase);
    if (parts === undefined) {
      for (const literal of expandPattern(phrase)) keywords.push({ key: compilePattern(literal).key });
      continue;
    }
    const chain: Chain<string> = { parts, target: phrase };
    parts.forEach((part, p) => {
      part.keys.forEach((key, option) => {
        if (key !== '') keywords.push({ key, link: { chain, part: p, option } });
      });
    });
  }
  // An empty phrase is in every exception (and is reported as empty).
  if (keywords.some(({ key }) => key === '')) return [];
  const automaton = compileAutomaton(keywords.map(({ key }) => key));
  return exceptions.flatMap((exception) => {
    let found = false;
    const chains = new ChainScan<string>(() => {
      found = true;
    });
    automaton.each(compilePattern(exception).key, (keyword, start, end) => {
      const link = keywords[keyword]?.link;
      if (link === undefined) found = true;
      else chains.hit(link.chain, link.part, link.option, start, end);
    });
    return found ? [] : [`exception "${exception}" contains no phrase`];
  });
};

/**
 * What the matcher cannot compile in a rule whose structure is valid: a phrase empty after normalisation, an
 * exception that contains none of the rule's phrases. Empty when all is well.
 *
 * @example
 * ruleIssues({ ...rule, exceptions: ['unrelated'] }); // ['exception "unrelated" contains no phrase']
 */
export const ruleIssues = (rule: ClaimRule): string[] => [
  ...emptyPhraseIssues(rule),
  ...exceptionIssues(rule),
];

/** The wording of schema issues lives with the configuration errors; re-exported for the pack's callers. */
export { issueMessage };

// "rule en.disease-cure: markets.0 is not ISO 3166-1 alpha-2": legal finds the rule by its id, not its index.
const located = (pack: RulePack, path: readonly PropertyKey[], message: string): string => {
  const [list, index, ...rest] = path;
  const rules: readonly { readonly id?: unknown }[] | undefined =
    list === 'rules' ? pack.rules : list === 'required' ? pack.required : undefined;
  const rule = typeof index === 'number' ? rules?.[index] : undefined;
  if (rule !== undefined) return `rule ${String(rule.id)}: ${[...rest.map(String), message].join(' ')}`;
  return `${path.map(String).join('.') || 'pack'}: ${message}`;
};

const subjectOf = (pack: RulePack): string => `rule pack "${pack.id}@${pack.version}"`;

/** How much of a pack to check: everything, or all but what needs every phrase normalised. */
export interface PackValidation {
  /**
   * False skips the checks that normalise every phrase (a phrase empty after normalisation, an exception
   * containing no phrase of its rule): the matcher runs them when it is compiled. Default true.
   */
  readonly phrases?: boolean;
}

/**
 * Checks a rule pack against the pack schema (`pack-schema.ts`); a broken pack fails loudly with an
 * `InvalidRiskConfigError` listing every issue with its path.
 *
 * @example
 * validatePack(DEFAULT_PACKS[0]);
 */
export const validatePack = <P extends RulePack>(pack: P, { phrases = true }: PackValidation = {}): P => {
  const parsed = RulePackSchema.safeParse(pack);
  failOnIssues(
    subjectOf(pack),
    parsed.success ? [] : parsed.error.issues.map((issue) => located(pack, issue.path, issueMessage(issue))),
  );
  if (phrases) validatePackPhrases(pack);
  return pack;
};

// Packs whose phrases `npm run packs` has checked: the compiled default packs (see `markPhrasesChecked`).
const phrasesChecked = new WeakSet<RulePack>();

/**
 * The checks of `validatePack` that normalise every phrase of a structurally valid pack: a phrase empty
 * after normalisation, an exception containing no phrase of its rule. The matcher runs them when it
 * compiles the pack, unless `npm run packs` has run them on it.
 *
 * @example
 * validatePackPhrases(DEFAULT_PACKS[0]);
 */
export const validatePackPhrases = <P extends RulePack>(pack: P): P => {
  if (phrasesChecked.has(pack)) return pack;
  failOnIssues(
    subjectOf(pack),
    pack.rules.flatMap((rule) => ruleIssues(rule).map((issue) => `rule ${rule.id}: ${issue}`)),
  );
  return pack;
};

/**
 * Records packs whose phrases `npm run packs` has checked (it fails on any issue, and a test proves the
 * committed compiled packs are what it writes), so the first ad-copy evaluation does not normalise every
 * phrase a second time. Only for the compiled default packs.
 *
 * @example
 * markPhrasesChecked(DEFAULT_PACKS);
 */
export const markPhrasesChecked = (packs: readonly RulePack[]): void => {
  for (const pack of packs) phrasesChecked.add(pack);
};

const duplicates = (ids: readonly string[]): string[] => ids.filter((id, k) => ids.indexOf(id) !== k);

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
    duplicates(packs.map((pack) => pack.id)).map((id) => `pack id ${id} is used twice`),
  );
  for (const pack of packs) validatePack(pack, validation);
  return packs;
};

/**
 * Examples for a rule no pack has (a typo). The schema already requires every rule in a YAML pack to carry
 * both kinds of example. Empty when all is well.
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

export { packsVersion } from './packs-version.ts';
