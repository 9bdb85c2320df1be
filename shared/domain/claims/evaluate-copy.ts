import { findingText, sentence } from '#shared/i18n/findings.ts';
import type { AdCopy, Language } from '../event.ts';
import type { Signal } from '../signal.ts';
import { CATEGORIES, canonicalCategory } from './categories.ts';
import type { Citation } from './citations.ts';
import { citationsOf, isSubstantiable, mayCite } from './citations.ts';
import { languagesOf } from './languages.ts';
import { marketIn } from './markets.ts';
import type {
  ClaimHit,
  ClaimMatcher,
  CopyContext,
  MissingContent,
  RuleFilter,
  WorkMeter,
} from './matcher.ts';
import type { ClaimRule, RuleScope } from './types.ts';

/** What selects the rules for a copy. */
export type CopyScope = Pick<AdCopy, 'lang' | 'market' | 'category'>;

/** At most this many evidence spans per finding; the rest are counted in `moreEvidence`. */
export const EVIDENCE_CAP = 20;

/**
 * Categories arrive as free text from each CMS; compare them as canonical lower-case slugs.
 *
 * @example
 * categoryKey(' Health Food '); // 'health-food'
 * categoryKey('Dietary Supplement'); // 'health-food'
 */
export const categoryKey = (category: string): string => canonicalCategory(category);

/** The scope a rule is judged against: the copy's market and category, the languages it holds, its topics. */
export interface ScopeOfCopy {
  readonly market: string;
  readonly category: string;
  readonly languages: readonly Language[];
  readonly topics?: ReadonlySet<string>;
}

const scopeOf = (scope: CopyScope | ScopeOfCopy): ScopeOfCopy =>
  'languages' in scope ? scope : { market: scope.market, category: scope.category, languages: [scope.lang] };

/**
 * Whether a rule applies to a copy: one of its languages is present, its market is the copy's (UK = GB;
 * EU rules in member states), and its categories hold the copy's category or a category the copy is
 * about (a beer ad sent as `general`): the category field narrows, it never blinds. A copy sent under a
 * category no rule knows (general) is also left out of a rule by what it is about (`exceptCategories`).
 *
 * @example
 * appliesTo(rule, { lang: 'zh', market: 'CN', category: 'cosmetics' }); // true
 */
export const appliesTo = (rule: RuleScope, copy: CopyScope | ScopeOfCopy): boolean => {
  const scope = scopeOf(copy);
  const { categories, excluded } = categoryKeysOf(rule);
  const category = categoryKey(scope.category);
  const about = (slug: string) => categories === 'all' || categories.has(slug);
  if (!rule.languages.some((lang) => scope.languages.includes(lang))) return false;
  if (!marketIn(scope.market, rule.markets) || excluded.has(category)) return false;
  // Sent under no category the rules know (general, health), a copy is what it is about, also when a rule
  // leaves that out: a registered-medicine ad (Số đăng ký VD-…) sent as general may name what it treats.
  if (!KNOWN_CATEGORIES.has(category))
    for (const topic of scope.topics ?? []) if (excluded.has(topic)) return false;
  if (about(category)) return true;
  for (const topic of scope.topics ?? []) if (about(topic)) return true;
  return false;
};

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(Object.values(CATEGORIES));

// A rule's categories as canonical keys, once per rule (a cache that is safe to lose).
const categoryKeys = new WeakMap<
  RuleScope,
  { categories: ReadonlySet<string> | 'all'; excluded: ReadonlySet<string> }
>();
const categoryKeysOf = (rule: RuleScope) => {
  let keys = categoryKeys.get(rule);
  if (keys === undefined) {
    keys = {
      categories: rule.categories === 'all' ? 'all' : new Set(rule.categories.map(categoryKey)),
      excluded: new Set((rule.exceptCategories ?? []).map(categoryKey)),
    };
    categoryKeys.set(rule, keys);
  }
  return keys;
};

/**
 * A rule finding's message, suggestion and texts: the sentence quoting what matched around the rule's own
 * message in every locale; `message` and `suggestion` in English, as the API answers by default.
 */
const ruleTexts = (
  rule: ClaimRule,
  id: 'claim.violation' | 'claim.advisory' | 'claim.missing',
  matched: string,
): Pick<Signal, 'message' | 'suggestion' | 'texts'> => {
  const message = sentence(id, { quoted: matched, message: rule.message });
  const suggestion = rule.suggestion;
  return {
    message: findingText('en', message),
    suggestion: suggestion.en,
    texts: { message, suggestion },
  };
};

const quoted = (hits: readonly Pick<ClaimHit, 'text'>[]): string =>
  [...new Set(hits.slice(0, EVIDENCE_CAP).map((hit) => `“${hit.text}”`))].join(', ');

type Span = { readonly text: string; readonly start: number; readonly end: number };
const evidenceOf = (spans: readonly Span[]): Pick<Signal, 'evidence' | 'moreEvidence'> => ({
  evidence: spans.slice(0, EVIDENCE_CAP).map(({ text, start, end }) => ({ text, start, end })),
  ...(spans.length > EVIDENCE_CAP ? { moreEvidence: spans.length - EVIDENCE_CAP } : {}),
});

const signalOf = (
  rule: ClaimRule,
  language: Language,
  hits: readonly ClaimHit[],
  cited: () => boolean,
): Signal => {
  // A claim the law allows with proof (a ranking, a superlative, a statistic) is an advisory when the copy
  // cites its source, as its rule's own exemptions would make it.
  const advisory = hits.every((hit) => hit.outcome === 'advisory') || (isSubstantiable(rule.area) && cited());
  return {
    ruleId: rule.id,
    riskType: 'compliance',
    outcome: advisory ? 'advisory' : 'violation',
    language,
    ...(rule.area === undefined ? {} : { area: rule.area }),
    probability: rule.probability,
    impact: rule.impact,
    ...ruleTexts(rule, advisory ? 'claim.advisory' : 'claim.violation', quoted(hits)),
    basis: rule.basis,
    ...evidenceOf(hits),
  };
};

const missingSignalOf = ({ rule, evidence }: MissingContent, language: Language): Signal => ({
  ruleId: rule.id,
  riskType: 'compliance',
  outcome: 'violation',
  language,
  ...(rule.area === undefined ? {} : { area: rule.area }),
  probability: rule.probability,
  impact: rule.impact,
  ...ruleTexts(rule, evidence.length > 0 ? 'claim.violation' : 'claim.missing', quoted(evidence)),
  basis: rule.basis,
  ...evidenceOf(evidence),
});

// The language of each rule's pack, once per matcher (a cache that is safe to lose).
const languagesByMatcher = new WeakMap<ClaimMatcher, ReadonlyMap<object, Language>>();
const packLanguages = (matcher: ClaimMatcher): ReadonlyMap<object, Language> => {
  let languages = languagesByMatcher.get(matcher);
  if (languages === undefined) {
    languages = new Map(
      matcher.packs.flatMap((pack) =>
        [...pack.rules, ...(pack.required ?? [])].map((rule): [object, Language] => [rule, pack.language]),
      ),
    );
    languagesByMatcher.set(matcher, languages);
  }
  return languages;
};

/** The id of the finding that says no pack covers a copy's market and language. */
export const COVERAGE_RULE_ID = 'coverage.no-pack';

const coverageSignal = (market: string, language: Language): Signal => ({
  ruleId: COVERAGE_RULE_ID,
  riskType: 'compliance',
  outcome: 'coverage',
  language,
  probability: 'medium',
  impact: 'moderate',
  message: `No rule pack covers ${language} copy for market ${market}: not checked automatically — review by hand.`,
  suggestion: 'Have legal review this copy by hand, or add a rule pack for this market and language.',
});

/** The id of the advisory that a copy cites a source for a claim no rule flagged (荣获2023年…金奖). */
export const CITED_SOURCE_RULE_ID = 'advisory.cited-source';

const citedSourceSignal = (citations: readonly Citation[], language: Language): Signal => ({
  ruleId: CITED_SOURCE_RULE_ID,
  riskType: 'compliance',
  outcome: 'advisory',
  language,
  probability: 'low',
  impact: 'minor',
  message: `${quoted(citations)}: the copy cites a source for what it claims — verify the source.`,
  basis:
    '市场监管总局《广告绝对化用语执法指南》第六条; Circular 10/2013/TT-BVHTTDL Art. 2; FTC Act § 5 (substantiation); Directive 2005/29/EC Art. 6; UK CAP Code 3.7',
  ...evidenceOf(citations),
  suggestion:
    'Keep the survey, report or award on file and check that it says what the copy claims, for this period.',
});

/**
 * The compliance signals of an ad copy: one per rule broken (at most `EVIDENCE_CAP` spans of evidence,
 * the rest counted), one per required notice the copy lacks, an advisory per claim whose cited source
 * legal must verify (a rule's own exemptions, or a citation for a claim the law allows with proof; one
 * `advisory.cited-source` when the copy cites a source and no rule found the claim), and a coverage signal when no pack covers the copy's market and language. Every
 * language present in the copy is checked with its packs for the market. Linear in the text.
 *
 * @example
 * copySignals({ text: '全网最佳', lang: 'zh', market: 'CN', category: 'cosmetics' }, matcher)[0]?.ruleId;
 * // 'cn.absolute.best'
 */
export const copySignals = (
  copy: CopyScope & Pick<AdCopy, 'text'>,
  matcher: ClaimMatcher,
  meter?: WorkMeter,
): Signal[] => {
  const languages = languagesOf(copy.text, copy.lang);
  const category = categoryKey(copy.category);
  const applies: RuleFilter = (rule, { topics }: CopyContext) =>
    appliesTo(rule, { market: copy.market, category, languages, topics });
  const { claims, missing } = matcher.inspect(copy.text, applies, meter, { languages });
  const languageOf = packLanguages(matcher);
  const byRule = new Map<ClaimRule, ClaimHit[]>();
  for (const hit of claims) {
    const own = byRule.get(hit.rule);
    if (own === undefined) byRule.set(hit.rule, [hit]);
    else own.push(hit);
  }
  const covered = matcher.packs.some(
    (pack) => pack.language === copy.lang && marketIn(copy.market, pack.markets),
  );
  // Scanned for citations once, and only when the copy names a year, a period, a sample or a reference.
  let citations: readonly Citation[] | undefined;
  const citationsOfCopy = (): readonly Citation[] => {
    citations ??= citationsOf(copy.text);
    return citations;
  };
  let isCited: boolean | undefined;
  const cited = (): boolean => {
    isCited ??= mayCite(copy.text) && citationsOfCopy().length > 0;
    return isCited;
  };
  const claimSignals = [...byRule].map(([rule, hits]) =>
    signalOf(rule, languageOf.get(rule) ?? copy.lang, hits, cited),
  );
  const sourced =
    !claimSignals.some((signal) => signal.outcome === 'advisory') && cited()
      ? [citedSourceSignal(citationsOfCopy(), copy.lang)]
      : [];
  return [
    ...claimSignals,
    ...sourced,
    ...missing.map((gap) => missingSignalOf(gap, languageOf.get(gap.rule) ?? copy.lang)),
    ...(covered ? [] : [coverageSignal(copy.market, copy.lang)]),
  ];
};
