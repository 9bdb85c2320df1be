import AhoCorasick from 'modern-ahocorasick';
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
import type { ClaimRule, RulePack } from './types.ts';

/** A claim found in a text: the rule and the exact original substring. */
export interface ClaimHit {
  readonly rule: ClaimRule;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The compiled form of some packs: one automaton for every rule, built once per pack version. */
export interface ClaimMatcher {
  readonly version: string;
  readonly rules: readonly ClaimRule[];
  /** Claims in `text` of the rules `applies` selects; non-overlapping, in text order. */
  find(text: string, applies?: (rule: ClaimRule) => boolean): ClaimHit[];
}

interface CompiledRule {
  readonly rule: ClaimRule;
  readonly negated: NegationCheck;
  readonly requires: { readonly before: RegExp; readonly window: number } | undefined;
}

interface Entry {
  readonly rule: CompiledRule;
  readonly kind: 'claim' | 'exception';
  readonly pattern: CompiledPattern;
}

interface Candidate {
  readonly entry: Entry;
  readonly start: number;
  readonly end: number;
}

const compileRule = (pack: RulePack, rule: ClaimRule): CompiledRule => ({
  rule,
  negated: negationCheck(pack.negation, pack.language),
  requires: rule.requires && {
    before: new RegExp(`(?:${rule.requires.before})$`, 'u'),
    window: rule.requires.window,
  },
});

const entriesOf = (packs: readonly RulePack[]): Entry[] =>
  packs.flatMap((pack) =>
    pack.rules.flatMap((rule) => {
      const compiled = compileRule(pack, rule);
      const entry = (kind: Entry['kind']) => (phrase: string) => ({
        rule: compiled,
        kind,
        pattern: compilePattern(phrase),
      });
      return [
        ...rule.patterns.flatMap(expandPattern).map(entry('claim')),
        ...(rule.exceptions ?? []).flatMap(expandPattern).map(entry('exception')),
      ];
    }),
  );

const isAccepted = (n: NormalisedText, candidate: Candidate): boolean => {
  const { start, end, entry } = candidate;
  if (!hasWordBoundaries(n, start, end) || !hasPlausibleGaps(n, start, end, entry.pattern)) return false;
  const range = originalRange(n, start, end);
  return accentsAgree(n.original.slice(range.start, range.end), entry.pattern);
};

const isExcepted = (claim: Candidate, exceptions: readonly Candidate[]): boolean =>
  exceptions.some((x) => x.entry.rule === claim.entry.rule && x.start <= claim.start && claim.end <= x.end);

// A required context (a time span before 美白) must be there; the evidence then covers it too.
const withContext = (n: NormalisedText, claim: Candidate): Candidate[] => {
  const { requires, negated, rule } = claim.entry.rule;
  let start = claim.start;
  if (requires !== undefined) {
    const window = n.text.slice(Math.max(0, start - requires.window), start);
    const found = requires.before.exec(window);
    if (found === null) return [];
    start = start - window.length + found.index;
  }
  const negatable = rule.negatable !== false;
  return negatable && negated(n.original, originalRange(n, start, claim.end).start)
    ? []
    : [{ ...claim, start }];
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

const build = (packs: readonly RulePack[]): ClaimMatcher => {
  const entries = entriesOf(validatePacks(packs));
  const automaton = new AhoCorasick(entries.map((entry) => entry.pattern.key));
  const find = (text: string, applies: (rule: ClaimRule) => boolean = () => true): ClaimHit[] => {
    const n = normalise(text);
    const candidates = automaton.search(n.text).flatMap((hit): Candidate[] => {
      const entry = entries[hit.patternIndex];
      if (entry === undefined || !applies(entry.rule.rule)) return [];
      const candidate = { entry, start: hit.start, end: hit.end };
      return isAccepted(n, candidate) ? [candidate] : [];
    });
    const exceptions = candidates.filter((c) => c.entry.kind === 'exception');
    const claims = candidates
      .filter((c) => c.entry.kind === 'claim' && !isExcepted(c, exceptions))
      .flatMap((c) => withContext(n, c));
    return longestFirst(claims).map((c) => {
      const range = originalRange(n, c.start, c.end);
      return { rule: c.entry.rule.rule, ...range, text: text.slice(range.start, range.end) };
    });
  };
  return { version: packsVersion(packs), rules: packs.flatMap((pack) => pack.rules), find };
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
