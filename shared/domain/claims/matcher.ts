import type { Automaton } from './automaton.ts';
import { compileAutomaton } from './automaton.ts';
import type { NegationCheck } from './negation.ts';
import { negationCheck } from './negation.ts';
import type { NormalisedText } from './normaliser.ts';
import { normalise, originalRange } from './normaliser.ts';
import { packsVersion, validatePacks } from './pack.ts';
import type { CompiledPattern } from './pattern.ts';
import {
  accentsAgree,
  compilePattern,
  expandPattern,
  hasPlausibleGaps,
  hasWordBoundaries,
} from './pattern.ts';
import type { ClaimRule, RequiredContentRule, RulePack } from './types.ts';

/** A claim found in a text: the rule and the exact original substring. */
export interface ClaimHit {
  readonly rule: ClaimRule;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Required content a text lacks, with the phrases that made it required (if any) as evidence. */
export interface MissingContent {
  readonly rule: RequiredContentRule;
  readonly evidence: readonly { readonly start: number; readonly end: number; readonly text: string }[];
}

/** What one scan of a copy found. */
export interface CopyInspection {
  /** Claims, non-overlapping, in text order. */
  readonly claims: readonly ClaimHit[];
  /** Required content missing from the copy. */
  readonly missing: readonly MissingContent[];
}

/** Selects the rules that apply to a copy (its language, market and category). */
export type RuleFilter = (rule: ClaimRule | RequiredContentRule) => boolean;

/** The compiled form of some packs: one automaton for every phrase, built once per pack version. */
export interface ClaimMatcher {
  readonly version: string;
  readonly rules: readonly ClaimRule[];
  readonly required: readonly RequiredContentRule[];
  /** The number of phrases (after `{a|b}` expansion) the automaton holds. */
  readonly phrases: number;
  /** Claims in `text` of the rules `applies` selects; non-overlapping, in text order. */
  find(text: string, applies?: RuleFilter): ClaimHit[];
  /** Claims and missing required content in one scan. */
  inspect(text: string, applies?: RuleFilter): CopyInspection;
}

interface CompiledRule {
  readonly rule: ClaimRule | RequiredContentRule;
  readonly negated: NegationCheck;
  readonly requires: { readonly before: RegExp; readonly window: number } | undefined;
}

type EntryKind = 'claim' | 'exception' | 'cancel' | 'disclaimer' | 'accepted' | 'trigger';
const BLOCKING: ReadonlySet<EntryKind> = new Set(['exception', 'cancel', 'disclaimer']);

interface Entry {
  readonly pack: number;
  /** The rule a phrase belongs to; a pack's disclaimers belong to no rule. */
  readonly rule: CompiledRule | undefined;
  readonly kind: EntryKind;
  readonly pattern: CompiledPattern;
}

interface Candidate {
  readonly entry: Entry;
  readonly start: number;
  readonly end: number;
}

const isClaimRule = (rule: ClaimRule | RequiredContentRule): rule is ClaimRule => 'patterns' in rule;

const compileRule = (pack: RulePack, rule: ClaimRule | RequiredContentRule): CompiledRule => {
  const requires = isClaimRule(rule) ? rule.requires : undefined;
  return {
    rule,
    negated: negationCheck(pack.negation, pack.language),
    requires: requires && { before: new RegExp(`(?:${requires.before})$`, 'u'), window: requires.window },
  };
};

const entriesOf = (packs: readonly RulePack[]): Entry[] =>
  packs.flatMap((pack, index) => {
    const entries = (rule: CompiledRule | undefined, kind: EntryKind, phrases?: readonly string[]) =>
      (phrases ?? [])
        .flatMap(expandPattern)
        .map((phrase): Entry => ({ pack: index, rule, kind, pattern: compilePattern(phrase) }));
    const claimEntries = pack.rules.flatMap((rule) => {
      const compiled = compileRule(pack, rule);
      return [
        ...entries(compiled, 'claim', rule.patterns),
        ...entries(compiled, 'exception', rule.exceptions),
        ...entries(compiled, 'cancel', rule.unlessPresent),
      ];
    });
    const requiredEntries = (pack.required ?? []).flatMap((rule) => {
      const compiled = compileRule(pack, rule);
      return [
        ...entries(compiled, 'accepted', rule.accepted),
        ...entries(compiled, 'trigger', rule.triggers),
      ];
    });
    return [...claimEntries, ...requiredEntries, ...entries(undefined, 'disclaimer', pack.disclaimers)];
  });

const isAccepted = (n: NormalisedText, candidate: Candidate): boolean => {
  const { start, end, entry } = candidate;
  if (!hasWordBoundaries(n, start, end) || !hasPlausibleGaps(n, start, end, entry.pattern)) return false;
  const range = originalRange(n, start, end);
  return accentsAgree(n.original.slice(range.start, range.end), entry.pattern);
};

type Span = Pick<Candidate, 'start' | 'end'>;

const inside = (inner: Span, outer: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;

// A required context (a time span before 美白) must be there; the evidence then covers it too.
const withContext = (n: NormalisedText, claim: Candidate): Candidate[] => {
  if (claim.entry.rule === undefined) return [];
  const { requires, negated, rule } = claim.entry.rule;
  let start = claim.start;
  if (requires !== undefined) {
    const window = n.text.slice(Math.max(0, start - requires.window), start);
    const found = requires.before.exec(window);
    if (found === null) return [];
    start = start - window.length + found.index;
  }
  const negatable = !isClaimRule(rule) || rule.negatable !== false;
  return negatable && negated(n, start) ? [] : [{ ...claim, start }];
};

// Longest match wins: "tốt nhất" is one claim, not "tốt nhất" and "nhất".
const longestFirst = (claims: readonly Candidate[]): Candidate[] => {
  const chosen: Candidate[] = [];
  const byLength = [...claims].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const claim of byLength) {
    if (chosen.every((other) => claim.end <= other.start || other.end <= claim.start)) chosen.push(claim);
  }
  return chosen.sort((a, b) => a.start - b.start);
};

// An exception around the phrase, a substantiation anywhere in the copy, or a legal notice of the pack
// around it ("not intended to … cure …") makes a phrase no claim.
const isBlocked = (claim: Candidate, blockers: readonly Candidate[]): boolean => {
  for (const other of blockers) {
    const { kind, rule, pack } = other.entry;
    if (kind === 'disclaimer') {
      if (pack === claim.entry.pack && inside(claim, other)) return true;
    } else if (rule === claim.entry.rule && (kind === 'cancel' || inside(claim, other))) return true;
  }
  return false;
};

const spanOf = (n: NormalisedText, c: Candidate) => {
  const range = originalRange(n, c.start, c.end);
  return { ...range, text: n.original.slice(range.start, range.end) };
};

const missingContent = (
  n: NormalisedText,
  required: readonly RequiredContentRule[],
  candidates: readonly Candidate[],
  applies: RuleFilter,
): MissingContent[] =>
  required.flatMap((rule) => {
    if (!applies(rule)) return [];
    const own = candidates.filter((c) => c.entry.rule?.rule === rule);
    if (own.some((c) => c.entry.kind === 'accepted')) return [];
    const triggers = own.filter((c) => c.entry.kind === 'trigger').flatMap((c) => withContext(n, c));
    if (rule.triggers !== undefined && triggers.length === 0) return [];
    return [{ rule, evidence: longestFirst(triggers).map((c) => spanOf(n, c)) }];
  });

const build = (packs: readonly RulePack[]): ClaimMatcher => {
  const all = entriesOf(validatePacks(packs));
  const automaton: Automaton = compileAutomaton(all.map((entry) => entry.pattern.key));
  const required = packs.flatMap((pack) => pack.required ?? []);

  const inspect = (text: string, applies: RuleFilter = () => true): CopyInspection => {
    const n = normalise(text);
    const verdicts = new Map<ClaimRule | RequiredContentRule, boolean>();
    const inScope = (rule: ClaimRule | RequiredContentRule): boolean => {
      let verdict = verdicts.get(rule);
      if (verdict === undefined) {
        verdict = applies(rule);
        verdicts.set(rule, verdict);
      }
      return verdict;
    };
    const candidates: Candidate[] = [];
    for (const hit of automaton.scan(n.text)) {
      const entry = all[hit.keyword];
      if (entry === undefined) continue;
      if (entry.rule !== undefined && !inScope(entry.rule.rule)) continue;
      const candidate = { entry, start: hit.start, end: hit.end };
      if (isAccepted(n, candidate)) candidates.push(candidate);
    }
    const blockers = candidates.filter(({ entry }) => BLOCKING.has(entry.kind));
    const claims = candidates
      .filter((c) => c.entry.kind === 'claim' && !isBlocked(c, blockers))
      .flatMap((c) => withContext(n, c));
    return {
      claims: longestFirst(claims).flatMap((c) => {
        const rule = c.entry.rule?.rule;
        return rule !== undefined && isClaimRule(rule) ? [{ rule, ...spanOf(n, c) }] : [];
      }),
      missing: missingContent(n, required, candidates, inScope),
    };
  };

  return {
    version: packsVersion(packs),
    rules: packs.flatMap((pack) => pack.rules),
    required,
    phrases: all.length,
    find: (text, applies) => [...inspect(text, applies).claims],
    inspect,
  };
};

// FNV-1a over the packs' content: the cache must not serve an old automaton when a pack was edited
// without a version bump (in a test, or by mistake).
const fingerprint = (packs: readonly RulePack[]): string => {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(packs)) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  return (hash >>> 0).toString(16);
};

const cache = new Map<string, ClaimMatcher>();

/**
 * The matcher for some packs, validated and compiled once per pack version and content, then reused
 * (a per-process cache that is safe to lose).
 *
 * @example
 * compileMatcher(DEFAULT_PACKS).find('本店最佳产品').map((hit) => hit.text); // ['最佳']
 */
export const compileMatcher = (packs: readonly RulePack[]): ClaimMatcher => {
  const key = `${packsVersion(packs)}#${fingerprint(packs)}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const matcher = build(packs);
  cache.set(key, matcher);
  return matcher;
};
