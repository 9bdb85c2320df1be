import type { Language } from '../event.ts';
import type { Automaton } from './automaton.ts';
import { compileAutomaton } from './automaton.ts';
import type { Chain } from './chain.ts';
import { ChainScan, chainParts } from './chain.ts';
import { halfPinyin, isAllHan, PINYIN_GRAM_MAX, type PinyinSpelling, pinyinFold } from './evasions.ts';
import type { NegationCheck, QuestionCheck } from './negation.ts';
import { negationCheck, questionCheck } from './negation.ts';
import type { NormalisedText } from './normaliser.ts';
import { normalise, originalRange } from './normaliser.ts';
import { packsVersion, validatePackPhrases, validatePacks } from './pack.ts';
import type { ClaimRule, RequiredContentRule, RulePack } from './pack-schema.ts';
import type { CompiledPattern } from './pattern.ts';
import {
  accentsAgree,
  compilePattern,
  doublesAgree,
  expandPattern,
  hasPlausibleGaps,
  hasWordBoundaries,
} from './pattern.ts';
import { countAtMost } from './sorted.ts';
import type { TextFrame } from './text-frame.ts';
import { textFrame } from './text-frame.ts';

/** What a matched claim means: a breach, or a lawful claim only if its cited source holds. */
export type HitOutcome = 'violation' | 'advisory';

/** A claim found in a text: the rule and the exact original substring. */
export interface ClaimHit {
  readonly rule: ClaimRule;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly outcome: HitOutcome;
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
  /** The categories the copy is about, from the packs' topics (电子烟 → tobacco). */
  readonly topics: ReadonlySet<string>;
}

/** What a rule filter may look at besides the rule: what the copy is about. */
export interface CopyContext {
  readonly topics: ReadonlySet<string>;
}

/** Selects the rules that apply to a copy (its language, market, category and topics). */
export type RuleFilter = (rule: ClaimRule | RequiredContentRule, context: CopyContext) => boolean;

/**
 * What the caller knows of a copy beyond its text. `languages`: the languages the copy holds; the caller
 * promises that a rule none of whose languages is listed never passes its filter, so the packs whose rules
 * are all in other languages are neither compiled nor scanned (a Chinese copy never builds the Vietnamese
 * automaton). Their topics are still found.
 */
export interface CopyHints {
  readonly languages?: readonly Language[];
}

/** Counts the steps of an inspection after the scan, so a test can prove it linear without a clock. */
export interface WorkMeter {
  steps: number;
}

/**
 * The compiled form of some packs: one automaton per pack for its phrases and one for every pack's topics,
 * each built on first use and kept for the pack version.
 */
export interface ClaimMatcher {
  readonly version: string;
  readonly packs: readonly RulePack[];
  readonly rules: readonly ClaimRule[];
  readonly required: readonly RequiredContentRule[];
  /**
   * The number of phrases (after `{a|b}` expansion and evasion variants) the automata hold; reading it
   * compiles every pack.
   */
  readonly phrases: number;
  /** Claims in `text` of the rules `applies` selects; non-overlapping, in text order. */
  find(text: string, applies?: RuleFilter): ClaimHit[];
  /** Claims, missing required content and topics in one scan. */
  inspect(text: string, applies?: RuleFilter, meter?: WorkMeter, hints?: CopyHints): CopyInspection;
}

interface CompiledRule {
  readonly rule: ClaimRule | RequiredContentRule;
  readonly pack: number;
  readonly negated: NegationCheck;
  readonly requires: { readonly before: RegExp; readonly window: number } | undefined;
  readonly window: number;
}

type EntryKind =
  | 'claim'
  | 'predicate'
  | 'head'
  | 'tail'
  | 'object'
  | 'exception'
  | 'cancel'
  | 'exemption'
  | 'disclaimer'
  | 'debunk'
  | 'topic'
  | 'accepted'
  | 'trigger';

interface Entry {
  readonly pack: number;
  /** The rule a phrase belongs to; a pack's disclaimers, debunking cues and topics belong to none. */
  readonly rule: CompiledRule | undefined;
  readonly kind: EntryKind;
  readonly pattern: CompiledPattern;
  /** For a topic: the category it puts the copy in. */
  readonly topic?: string;
  /** For the head and tail of a split predicate ("sent … packing"): which predicate they are parts of. */
  readonly split?: number;
  /**
   * For one option of one part of a phrase matched as a chain (see `chain.ts`): the hit is a step of the
   * chain, and the chain's whole match is the candidate, with the literal it matched as its pattern.
   */
  readonly link?: { readonly chain: Chain<Entry>; readonly part: number; readonly option: number };
}

interface Candidate {
  readonly entry: Entry;
  readonly start: number;
  readonly end: number;
  /** For a predicate × object claim: where its predicate starts (negation is judged there). */
  readonly anchor?: number;
  /** How many units the claim's own words cover (a longer disease name wins a tie: 过敏性鼻炎 over 鼻炎). */
  readonly weight?: number;
}

const isClaimRule = (rule: ClaimRule | RequiredContentRule): rule is ClaimRule => !('accepted' in rule);

// Normalised characters allowed between a predicate and its object when a rule does not say.
const DEFAULT_WINDOW = { zh: 12, vi: 24, en: 28 } as const;

const compileRule = (pack: RulePack, index: number, rule: ClaimRule | RequiredContentRule): CompiledRule => {
  const claim = isClaimRule(rule) ? rule : undefined;
  const requires = claim?.requires;
  return {
    rule,
    pack: index,
    negated: negationCheck(pack.negation, pack.language),
    requires: requires && { before: new RegExp(`(?:${requires.before})$`, 'u'), window: requires.window },
    window: claim?.window ?? DEFAULT_WINDOW[pack.language],
  };
};

// A claim phrase of a Chinese pack (and what makes a notice required, and what a copy is about) also matches
// with one character in pinyin (zui佳, bao过, wu化弹).
const MATCHED_WITH_VARIANTS: ReadonlySet<EntryKind> = new Set([
  'claim',
  'predicate',
  'head',
  'tail',
  'object',
  'trigger',
]);

// A predicate split around its object ("sent … packing", "put … to bed"): its head and tail phrases.
const SPLIT = /\s*…\s*/u;
let splits = 0;
const splitPredicates = (
  rule: CompiledRule,
  phrases: readonly string[] | undefined,
  entries: (rule: CompiledRule, kind: EntryKind, phrases?: readonly string[]) => Entry[],
): Entry[] =>
  (phrases ?? [])
    .flatMap((written) => (SPLIT.test(written) ? expandPattern(written) : [written]))
    .flatMap((phrase) => {
      const [head, tail, ...more] = phrase.split(SPLIT);
      if (tail === undefined || more.length > 0 || head === undefined)
        return entries(rule, 'predicate', [phrase]);
      const split = splits++;
      return [
        ...entries(rule, 'head', [head]).map((entry) => ({ ...entry, split })),
        ...entries(rule, 'tail', [tail]).map((entry) => ({ ...entry, split })),
      ];
    });

// The phrases of one pack but its topics, in the order the matcher has always listed them (rules, required
// content, disclaimers, debunking cues): ties between claims of equal length are broken by this order.
const LATIN_LETTER = /[a-z]/;

/**
 * A Chinese phrase and its pinyin spellings (zui佳, 国qi). A spelling whose syllable the normaliser folds
 * back into a Han character (it does when some pack phrase pairs that character with the neighbour) is the
 * phrase again or another word — 国qi reads 国企 once a phrase holds 国企, and 国企 is no 国旗 — so only
 * spellings that stay pinyin once normalised are kept.
 */
export const withPinyin = (phrase: string, everySpelling = false): CompiledPattern[] => {
  const base = compilePattern(phrase);
  const chars = [...phrase];
  // Most spellings fold back (97 % of the shipped packs'): in a phrase of Han characters already in the
  // normaliser's form, a syllable of two to six letters that `pinyinFold` reads as a character beside the
  // same neighbours the normaliser gives it is known to fold without normalising the spelling. The others
  // are normalised and kept if they stay pinyin (the test checks this shortcut against normalising them all).
  const plain = !everySpelling && base.key === phrase && isAllHan(chars);
  const folds = ({ at, reading }: PinyinSpelling): boolean =>
    plain &&
    at !== undefined &&
    reading !== undefined &&
    reading.length >= 2 &&
    reading.length <= MAX_FOLDED_SYLLABLE &&
    chars.slice(Math.max(0, at - CONTEXT), at + 1 + CONTEXT).every(standsAlone) &&
    pinyinFold(
      reading,
      chars.slice(Math.max(0, at - CONTEXT), at).join(''),
      chars.slice(at + 1, at + 1 + CONTEXT).join(''),
    ) !== undefined;
  return [
    base,
    ...halfPinyin(phrase)
      .filter((spelling) => !folds(spelling))
      .map((spelling) => compilePattern(spelling.text))
      .filter((pattern) => LATIN_LETTER.test(pattern.key)),
  ];
};
// What the normaliser folds in one piece (a longer run is read syllable by syllable) and how many
// characters on each side it weighs (see `foldPinyin` and `PINYIN_GRAM_MAX`).
const MAX_FOLDED_SYLLABLE = 6;
// A character the normaliser keeps as it is when it stands alone (怎么 keeps 么, a lone 么 becomes 幺: the
// Taiwan → mainland dictionaries read words): only beside such characters is the shortcut sure.
const standingAlone = new Map<string, boolean>();
const standsAlone = (ch: string): boolean => {
  let alone = standingAlone.get(ch);
  if (alone === undefined) {
    alone = compilePattern(ch).key === ch;
    standingAlone.set(ch, alone);
  }
  return alone;
};
const CONTEXT = PINYIN_GRAM_MAX - 1;

// One keyword per option of each part of a chain; the chain's target is the entry its whole match becomes
// (its pattern is replaced by the literal matched).
const chainEntries = (
  base: Pick<Entry, 'pack' | 'rule' | 'kind'>,
  parts: NonNullable<ReturnType<typeof chainParts>>,
): Entry[] => {
  const chain: Chain<Entry> = {
    parts,
    target: { ...base, pattern: compilePattern(parts.map((p) => p.options[0]).join('')) },
  };
  return parts.flatMap((part, partIndex) =>
    part.options.flatMap((option, optionIndex): Entry[] =>
      part.keys[optionIndex] === ''
        ? []
        : [
            {
              ...base,
              pattern: compilePattern(option),
              link: { chain, part: partIndex, option: optionIndex },
            },
          ],
    ),
  );
};

const packEntries = (pack: RulePack, index: number): Entry[] => {
  const entries = (rule: CompiledRule | undefined, kind: EntryKind, phrases?: readonly string[]) =>
    (phrases ?? []).flatMap((written): Entry[] => {
      const pinyin = pack.language === 'zh' && MATCHED_WITH_VARIANTS.has(kind);
      // A product of many alternatives is matched as a chain; pinyin spellings are made per literal.
      const parts = pinyin ? undefined : chainParts(written);
      if (parts !== undefined) return chainEntries({ pack: index, rule, kind }, parts);
      return expandPattern(written).flatMap((phrase): Entry[] =>
        (pinyin ? withPinyin(phrase) : [compilePattern(phrase)]).map((pattern) => ({
          pack: index,
          rule,
          kind,
          pattern,
        })),
      );
    });
  const claimEntries = pack.rules.flatMap((rule) => {
    const compiled = compileRule(pack, index, rule);
    return [
      ...entries(compiled, 'claim', rule.patterns),
      ...splitPredicates(compiled, rule.predicates, entries),
      ...entries(compiled, 'object', rule.objects),
      ...entries(compiled, 'exception', rule.exceptions),
      ...entries(compiled, 'cancel', rule.unlessPresent),
      ...entries(compiled, 'exemption', rule.exemptions),
    ];
  });
  const requiredEntries = (pack.required ?? []).flatMap((rule) => {
    const compiled = compileRule(pack, index, rule);
    return [...entries(compiled, 'accepted', rule.accepted), ...entries(compiled, 'trigger', rule.triggers)];
  });
  return [
    ...claimEntries,
    ...requiredEntries,
    ...entries(undefined, 'disclaimer', pack.disclaimers),
    ...entries(undefined, 'debunk', pack.debunking),
  ];
};

const topicEntries = (packs: readonly RulePack[]): Entry[] =>
  packs.flatMap((pack, index) =>
    Object.entries(pack.topics ?? {}).flatMap(([topic, phrases]) =>
      phrases
        .flatMap(expandPattern)
        .flatMap((phrase) => (pack.language === 'zh' ? withPinyin(phrase) : [compilePattern(phrase)]))
        .map((pattern): Entry => ({ pack: index, rule: undefined, kind: 'topic', topic, pattern })),
    ),
  );

/** Phrases and the automaton that finds them all in one pass. */
interface Scanner {
  readonly entries: readonly Entry[];
  readonly automaton: Automaton;
}

const scannerOf = (entries: readonly Entry[]): Scanner => ({
  entries,
  automaton: compileAutomaton(entries.map((entry) => entry.pattern.key)),
});

const isAccepted = (n: NormalisedText, candidate: Candidate, joints?: Uint8Array): boolean => {
  const { start, end, entry } = candidate;
  if (!hasWordBoundaries(n, start, end, joints) || !hasPlausibleGaps(n, start, end, entry.pattern))
    return false;
  if (!doublesAgree(n, start, end, entry.pattern)) return false;
  const range = originalRange(n, start, end);
  return accentsAgree(n.original.slice(range.start, range.end), entry.pattern);
};

/**
 * Spans that contain others, answered in O(log n) each: sorted by start with a running maximum of ends,
 * so "is this claim inside any exception of its rule" never compares every pair.
 */
class Containers {
  private readonly starts: number[] = [];
  private readonly maxEnds: number[] = [];
  private readonly startAt = (k: number): number => this.starts[k] ?? 0;

  constructor(spans: readonly Candidate[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    let maxEnd = -1;
    for (const span of sorted) {
      maxEnd = Math.max(maxEnd, span.end);
      this.starts.push(span.start);
      this.maxEnds.push(maxEnd);
    }
  }

  /** Whether some span starts at or before `start` and ends at or after `end`. */
  holds(start: number, end: number): boolean {
    const at = countAtMost(this.starts.length, this.startAt, start);
    return at > 0 && (this.maxEnds[at - 1] ?? -1) >= end;
  }
}

const groupBy = <K>(items: readonly Candidate[], key: (c: Candidate) => K): Map<K, Candidate[]> => {
  const groups = new Map<K, Candidate[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
};

// Longest match wins: "tốt nhất" is one claim, not "tốt nhất" and "nhất". Linear in the text: each unit
// of the text is claimed at most once (an occupancy map, not a comparison with every chosen claim).
// The occupancy map, shared by every call (matching is synchronous) and left all zero after each: a copy
// allocates none. Grown to the longest text seen.
let occupied = new Uint8Array(1_024);
const weightOf = (c: Candidate): number => c.weight ?? c.end - c.start;
const byLengthOrder = (a: Candidate, b: Candidate): number =>
  b.end - b.start - (a.end - a.start) || weightOf(b) - weightOf(a) || a.start - b.start;
const byStart = (a: Candidate, b: Candidate): number => a.start - b.start;
const acceptAll = (): boolean => true;

const longestFirst = (
  claims: readonly Candidate[],
  length: number,
  meter?: WorkMeter,
  accept: (claim: Candidate) => boolean = acceptAll,
): Candidate[] => {
  if (claims.length === 0) return [];
  if (occupied.length < length) occupied = new Uint8Array(Math.max(length, occupied.length * 2));
  const taken = occupied;
  const chosen: Candidate[] = [];
  const byLength = claims.length === 1 ? [...claims] : [...claims].sort(byLengthOrder);
  try {
    for (const claim of byLength) {
      let free = true;
      for (let k = claim.start; k < claim.end && free; k++) {
        if (meter !== undefined) meter.steps++;
        if (taken[k] === 1) free = false;
      }
      if (!free || !accept(claim)) continue;
      taken.fill(1, claim.start, claim.end);
      chosen.push(claim);
    }
  } finally {
    for (const claim of chosen) taken.fill(0, claim.start, claim.end);
  }
  return chosen.length > 1 ? chosen.sort(byStart) : chosen;
};

const spanOf = (n: NormalisedText, c: Pick<Candidate, 'start' | 'end'>) => {
  const range = originalRange(n, c.start, c.end);
  return { ...range, text: n.original.slice(range.start, range.end) };
};

// How many consecutive sentences a rule's predicate and object may span (pack-schema `sentences`).
const sentencesOf = (rule: ClaimRule | RequiredContentRule): number =>
  ('sentences' in rule ? rule.sentences : undefined) ?? 1;

/**
 * Whether a predicate answers a question that opens the copy and names the object (耳鸣嗡嗡响？这款贴敷一周就
 * 安静了; 失眠睡不着？喝了这个一觉到天亮): the condition asked, the outcome in the next sentence, one claim.
 */
const answersOpeningQuestion = (frame: TextFrame, pred: Candidate, object: Candidate): boolean =>
  frame.sentenceOf(object.start) === 0 &&
  frame.sentenceOf(pred.start) === 1 &&
  frame.questionMarkOf(object.start) !== undefined;

/**
 * Whether a predicate is the outcome of a condition its sentence opens with: a testimonial names the
 * condition first, then what was done, then the outcome in a clause of its own that ends with it (鼻炎十几年了，
 * 喝了这个茶三个月，现在都好了; 哮喘困扰多年，用了三个月，晚上不咳了). The condition opens the sentence's first
 * clause, the outcome comes in a later clause of the same sentence and closes it — a verb with an object of
 * its own after it (…，告别凉水) is about that object, not the condition.
 */
const outcomeOfTopic = (frame: TextFrame, pred: Candidate, object: Candidate): boolean =>
  pred.start >= object.end &&
  frame.sentenceOf(pred.start) === frame.sentenceOf(object.start) &&
  frame.opensSentence(object) &&
  frame.clauseBreakBetween(object, pred) &&
  frame.closesClause(pred);

// How many times its window a rule reaches from a condition to its outcome when the copy opens with the
// condition as a question or as the topic of a sentence: the steps taken between them make the distance.
const OUTCOME_REACH = 3;

/**
 * Predicate × object claims of one rule: each object with the nearest predicate in the same sentence (or
 * the rule's `sentences`), one in its own clause first,
 * before or after it, at most the rule's window apart ("reverses type 2 diabetes", "失眠彻底治好了").
 * Linear: both lists are in text order and walked once.
 */
const pairs = (
  rule: CompiledRule,
  predicates: readonly Candidate[],
  objects: readonly Candidate[],
  frame: TextFrame,
  meter?: WorkMeter,
): Candidate[] => {
  const out: Candidate[] = [];
  // By end: the predicates that end before an object are a prefix, and the last of them is the nearest.
  const byEnd = [...predicates].sort((a, b) => a.end - b.end || a.start - b.start);
  const byStart = [...predicates].sort((a, b) => a.start - b.start || b.end - a.end);
  let e = 0;
  let s = 0;
  for (const object of [...objects].sort((a, b) => a.start - b.start)) {
    while (e < byEnd.length && (byEnd[e]?.end ?? 0) <= object.start) e++;
    while (s < byStart.length && (byStart[s]?.start ?? 0) < object.end) s++;
    if (meter !== undefined) meter.steps++;
    // The nearest predicate before (the longest of those ending there: chữa khỏi, not khỏi) and after.
    let before = byEnd[e - 1];
    for (let k = e - 2; k >= 0 && before !== undefined && byEnd[k]?.end === before.end; k--)
      before = byEnd[k];
    // After it: the longest predicate in reach in the clause of the first one, the real outcome ("uống hết 2 hộp, hết
    // đau hẳn" pairs đau with "hết đau", not with the "hết" of the boxes); the first on a tie.
    const first = byStart[s];
    let after = first;
    const sentence = frame.sentenceOf(object.start);
    for (let k = s + 1; k < byStart.length && (byStart[k]?.start ?? 0) - object.end <= rule.window; k++) {
      const next = byStart[k];
      if (
        next === undefined ||
        first === undefined ||
        after === undefined ||
        frame.sentenceOf(next.start) !== sentence ||
        frame.clauseBreakBetween(first, next)
      )
        break;
      if (next.end - next.start > after.end - after.start) after = next;
    }
    const near = [before, after].filter((pred): pred is Candidate => {
      if (pred === undefined) return false;
      const apart = Math.max(pred.start - object.end, object.start - pred.end);
      if (apart > rule.window)
        return (
          apart <= rule.window * OUTCOME_REACH &&
          (answersOpeningQuestion(frame, pred, object) || outcomeOfTopic(frame, pred, object))
        );
      return (
        Math.abs(frame.sentenceOf(pred.start) - frame.sentenceOf(object.start)) < sentencesOf(rule.rule) ||
        answersOpeningQuestion(frame, pred, object)
      );
    });
    // The nearest in the object's own clause, else the nearest.
    const apart = (p: Candidate): number =>
      Math.abs(p.start - object.start) +
      (near.length > 1 && frame.clauseBreakBetween(p, object) ? rule.window + 1 : 0);
    const pred = near.sort((a, b) => apart(a) - apart(b))[0];
    if (pred === undefined) continue;
    out.push({
      entry: pred.entry,
      start: Math.min(pred.start, object.start),
      end: Math.max(pred.end, object.end),
      anchor: pred.start,
      weight: pred.end - pred.start + object.end - object.start,
    });
  }
  return out;
};

// How many tails after an object are tried for the head before it (a copy holds a few).
const TAILS_TRIED = 4;

/**
 * Claims of a predicate split around its object ("sent my sciatica packing", "put my insomnia to bed"): the
 * nearest head before each object and a tail of the same predicate after it, in one sentence, head to tail at
 * most the rule's window. A head alone ("we sent my gran's arthritis jar openers") claims nothing. Linear: the
 * lists are in text order and walked once; a few tails are tried per object.
 */
const around = (
  rule: CompiledRule,
  heads: readonly Candidate[],
  tails: readonly Candidate[],
  objects: readonly Candidate[],
  frame: TextFrame,
  meter?: WorkMeter,
): Candidate[] => {
  const out: Candidate[] = [];
  const byEnd = [...heads].sort((a, b) => a.end - b.end);
  const after = [...tails].sort((a, b) => a.start - b.start);
  let h = 0;
  let t = 0;
  for (const object of [...objects].sort((a, b) => a.start - b.start)) {
    while (h < byEnd.length && (byEnd[h]?.end ?? 0) <= object.start) h++;
    while (t < after.length && (after[t]?.start ?? 0) < object.end) t++;
    if (meter !== undefined) meter.steps++;
    const head = byEnd[h - 1];
    if (head === undefined) continue;
    const sentence = frame.sentenceOf(head.start);
    const tail = after
      .slice(t, t + TAILS_TRIED)
      .find(
        (c) =>
          c.entry.split === head.entry.split &&
          c.end - head.start <= rule.window + (object.end - object.start) &&
          frame.sentenceOf(c.end - 1) === sentence,
      );
    if (tail === undefined || frame.sentenceOf(object.start) !== sentence) continue;
    out.push({
      entry: head.entry,
      start: head.start,
      end: tail.end,
      anchor: head.start,
      weight: tail.end - head.start,
    });
  }
  return out;
};

// A required context (a time span before 美白) must be there; the evidence then covers it too. A negation
// before the claim (or its predicate) makes it none.
const withContext = (n: NormalisedText, claim: Candidate): Candidate[] => {
  if (claim.entry.rule === undefined) return [];
  const { requires, negated, rule } = claim.entry.rule;
  let start = claim.start;
  if (requires !== undefined && claim.anchor === undefined) {
    const window = n.text.slice(Math.max(0, start - requires.window), start);
    const found = requires.before.exec(window);
    if (found === null) return [];
    start = start - window.length + found.index;
  }
  const negatable = !isClaimRule(rule) || rule.negatable !== false;
  if (!negatable) return [{ ...claim, start }];
  // A pair that opens with its object (không còn mụn chỉ sau 7 ngày): the object is the condition, and an
  // outcome form before it negates neither it nor the predicate after it.
  const opensWithObject = claim.anchor !== undefined && claim.anchor !== start;
  const isNegated =
    negated(n, start, opensWithObject) || (opensWithObject && negated(n, claim.anchor ?? start, true));
  return isNegated ? [] : [{ ...claim, start }];
};

// The cues just before and just after a span (cues are sorted by start): the ones that can frame it.
const nearest = (cues: readonly Candidate[], span: Candidate): Candidate[] => {
  const before = countAtMost(cues.length, (k) => cues[k]?.start ?? 0, span.start - 1);
  return cues.slice(Math.max(0, before - 2), before + 2);
};

// What a copy is about when nothing is known of it (a rule filter asked for the category alone).
const NOTHING_ABOUT: CopyContext = { topics: new Set() };

/** Folded syllables of Vietnamese phrases, and the longest one's length. */
interface Syllables {
  readonly words: ReadonlySet<string>;
  readonly longest: number;
}
// A syllable of Vietnamese as folded (letters only, one to seven: nghieng).
const SYLLABLE = /^[a-z]{1,7}$/;
const HASHTAG = /#[\p{L}\p{M}\p{N}]+/gu;

/**
 * Where words start inside the hashtags of a copy written without separators (#chuakhoitieuduong,
 * #giảmcân, #khôngănkiêng): each hashtag is read left to right, the longest syllable of the packs that
 * leaves another after it first, and a word may start where one ends. Linear: at most `longest²` look-ups
 * per unit of a hashtag (7 × 7); a unit no syllable starts at is passed over.
 */
const hashtagJoints = (n: NormalisedText, syllables: Syllables): Uint8Array | undefined => {
  let joints: Uint8Array | undefined;
  for (const tag of n.original.matchAll(HASHTAG)) {
    const from = tag.index + 1;
    const to = tag.index + tag[0].length;
    let k = countAtMost(n.starts.length, (unit) => n.starts[unit] ?? 0, from - 1);
    const end = countAtMost(n.starts.length, (unit) => n.starts[unit] ?? 0, to - 1);
    // The longest syllable at `at` (0: none) that leaves a syllable, or the hashtag's end, after it
    // (can|hieu, not canh|ieu), else the longest.
    const syllableAt = (at: number, ahead: boolean): number => {
      let fallback = 0;
      for (let length = Math.min(syllables.longest, end - at); length > 0; length--) {
        if (!syllables.words.has(n.text.slice(at, at + length))) continue;
        if (!ahead || at + length === end || syllableAt(at + length, false) > 0) return length;
        fallback ||= length;
      }
      return fallback;
    };
    while (k < end) {
      const length = syllableAt(k, true);
      if (length === 0) {
        k++;
        continue;
      }
      joints ??= new Uint8Array(n.text.length + 1);
      joints[k] = 1;
      joints[k + length] = 1;
      k += length;
    }
  }
  return joints;
};

// Law areas of a product class whose ads are regulated as such: there a capitalised name (Chivas, Johnnie
// Walker) is the product itself, not a shop whose name holds a claim word (Quán Phở Nhất).
const PRODUCT_CLASS_AREAS: ReadonlySet<string> = new Set(['alcohol', 'tobacco']);
const namesTheProduct = (c: Candidate): boolean => {
  const area = c.entry.rule?.rule.area;
  return area !== undefined && PRODUCT_CLASS_AREAS.has(area);
};

const build = (packs: readonly RulePack[]): ClaimMatcher => {
  validatePacks(packs, { phrases: false });
  const required = packs.flatMap((pack) => pack.required ?? []);
  const questionChecks: (QuestionCheck | undefined)[] = packs.map((pack) =>
    pack.questions === undefined ? undefined : questionCheck(pack.questions, pack.language),
  );
  // Each pack's phrases, built the first time a copy needs the pack. The checks that normalise every
  // phrase (an empty phrase, an exception without a phrase of its rule) run then, once per pack: packs
  // compiled by `npm run packs` have passed them already.
  const phrasesOf: (readonly Entry[] | undefined)[] = packs.map(() => undefined);
  const packEntriesAt = (index: number): readonly Entry[] => {
    let entries = phrasesOf[index];
    if (entries === undefined) {
      const pack = packs[index] as RulePack;
      validatePackPhrases(pack);
      entries = packEntries(pack, index);
      phrasesOf[index] = entries;
    }
    return entries;
  };
  let topics: readonly Entry[] | undefined;
  const topicsOfPacks = (): readonly Entry[] => {
    topics ??= topicEntries(packs);
    return topics;
  };
  // The languages of each pack's rules: a copy in none of them needs none of the pack's phrases but its
  // topics (what the copy is about selects rules of other packs too).
  const packLanguages = packs.map(
    (pack) => new Set([...pack.rules, ...(pack.required ?? [])].flatMap((rule) => rule.languages)),
  );
  // One automaton per set of packs a copy needs (one language's packs, mostly; all of them without hints),
  // holding their phrases in pack order and every pack's topics: one pass over the text, and hits in the
  // order one automaton over all packs would report them.
  const scanners = new Map<string, Scanner>();
  const scannerFor = (languages: readonly Language[] | undefined): Scanner => {
    let key = '';
    for (let index = 0; index < packs.length; index++) {
      const own = packLanguages[index];
      if (languages === undefined || languages.some((lang) => own?.has(lang) === true)) key += `${index},`;
    }
    let scanner = scanners.get(key);
    if (scanner === undefined) {
      const needed = key.split(',').filter((index) => index !== '');
      scanner = scannerOf([...needed.flatMap((index) => packEntriesAt(Number(index))), ...topicsOfPacks()]);
      scanners.set(key, scanner);
    }
    return scanner;
  };

  // The syllables the Vietnamese packs write, folded (chua, khoi, tieu, duong), built on the first hashtag.
  let syllables: Syllables | undefined;
  const syllablesOf = (): Syllables => {
    if (syllables === undefined) {
      const words = new Set<string>();
      let longest = 0;
      packs.forEach((pack, index) => {
        if (pack.language !== 'vi') return;
        for (const { pattern } of packEntriesAt(index)) {
          let from = 0;
          for (const at of [...pattern.gaps, pattern.key.length].sort((a, b) => a - b)) {
            const word = pattern.key.slice(from, at);
            if (SYLLABLE.test(word)) {
              words.add(word);
              longest = Math.max(longest, word.length);
            }
            from = at;
          }
        }
      });
      syllables = { words, longest };
    }
    return syllables;
  };

  const inspect = (
    text: string,
    applies: RuleFilter = () => true,
    meter?: WorkMeter,
    hints: CopyHints = {},
  ): CopyInspection => {
    const n = normalise(text);
    const { entries, automaton } = scannerFor(hints.languages);
    const found: Candidate[] = [];
    const topics = new Set<string>();
    const topicSpans: Candidate[] = [];
    const joints =
      text.includes('#') && (hints.languages === undefined || hints.languages.includes('vi'))
        ? hashtagJoints(n, syllablesOf())
        : undefined;
    const admit = (entry: Entry, start: number, end: number): void => {
      const candidate = { entry, start, end };
      if (!isAccepted(n, candidate, joints)) return;
      if (entry.kind === 'topic' && entry.topic !== undefined) {
        topics.add(entry.topic);
        topicSpans.push(candidate);
      } else found.push(candidate);
    };
    // A chain's match is the literal it spells, judged as that literal would be if it had been expanded:
    // only where the text normalises to exactly that literal's key.
    const chains = new ChainScan<Entry>((chain, start, end, phrase) => {
      const pattern = compilePattern(phrase);
      if (n.text.slice(start, end) === pattern.key) admit({ ...chain.target, pattern }, start, end);
    });
    automaton.each(n.text, (keyword, start, end) => {
      const entry = entries[keyword];
      if (entry === undefined) return;
      if (entry.link === undefined) admit(entry, start, end);
      else chains.hit(entry.link.chain, entry.link.part, entry.link.option, start, end);
    });
    const context: CopyContext = { topics };
    const verdicts = new Map<ClaimRule | RequiredContentRule, boolean>();
    const inScope = (rule: ClaimRule | RequiredContentRule): boolean => {
      let verdict = verdicts.get(rule);
      if (verdict === undefined) {
        verdict = applies(rule, context);
        verdicts.set(rule, verdict);
      }
      return verdict;
    };
    // The phrases of rules in scope, sorted by what they are (one pass; each list keeps text order).
    const candidates: Candidate[] = [];
    const exceptionSpans: Candidate[] = [];
    const disclaimerSpans: Candidate[] = [];
    const debunkCues: Candidate[] = [];
    const claimParts: Candidate[] = [];
    const cancelled = new Set<CompiledRule | undefined>();
    const exempted = new Set<CompiledRule | undefined>();
    for (const c of found) {
      if (c.entry.rule !== undefined && !inScope(c.entry.rule.rule)) continue;
      candidates.push(c);
      const kind = c.entry.kind;
      if (kind === 'claim' || kind === 'predicate' || kind === 'object' || kind === 'head' || kind === 'tail')
        claimParts.push(c);
      else if (kind === 'exception') exceptionSpans.push(c);
      else if (kind === 'disclaimer') disclaimerSpans.push(c);
      else if (kind === 'debunk') debunkCues.push(c);
      else if (kind === 'cancel') cancelled.add(c.entry.rule);
      else if (kind === 'exemption') exempted.add(c.entry.rule);
    }
    // Most copies hold no claim at all: the sentence and quotation map is built only when one needs it.
    let built: TextFrame | undefined;
    const frameOf = (): TextFrame => {
      built ??= textFrame(n);
      return built;
    };

    // An innocent phrase is innocent for its own rule, and for any shorter claim of another rule of its pack
    // inside it: 最佳饮用温度 holds neither 最佳 nor 最 (but "guaranteed returns", an exception of one rule,
    // is still the whole claim of another).
    // …and only within one sentence: "LED. Cures cancer." holds no "LED cures" (gel that cures under a lamp).
    const inOneSentence = (c: Candidate): boolean =>
      frameOf().sentenceOf(c.start) === frameOf().sentenceOf(c.end - 1);
    const exceptions = exceptionSpans.filter(inOneSentence);
    const ownContainers = new Map(
      [...groupBy(exceptions, (c) => c.entry.rule)].map(([rule, spans]) => [rule, new Containers(spans)]),
    );
    const packContainers = new Map(
      [...groupBy(exceptions, (c) => c.entry.pack)].map(([pack, spans]) => [pack, new Containers(spans)]),
    );
    const excepted = (c: Candidate): boolean => {
      if (exceptions.length === 0) return false;
      if (ownContainers.get(c.entry.rule)?.holds(c.start, c.end) === true) return true;
      const pack = packContainers.get(c.entry.pack);
      return pack !== undefined && (pack.holds(c.start, c.end + 1) || pack.holds(c.start - 1, c.end));
    };
    const disclaimers = new Map(
      [...groupBy(disclaimerSpans, (c) => c.entry.pack)].map(([pack, spans]) => [
        pack,
        new Containers(spans),
      ]),
    );
    const debunks = groupBy(
      debunkCues.sort((a, b) => a.start - b.start),
      (c) => c.entry.pack,
    );

    const blocked = (c: Candidate): boolean => {
      if (meter !== undefined) meter.steps++;
      return excepted(c) || disclaimers.get(c.entry.pack)?.holds(c.start, c.end) === true;
    };
    const parts = claimParts.filter((c) => !blocked(c));
    const byRule = groupBy(parts, (c) => c.entry.rule);
    const claims: Candidate[] = [];
    for (const [rule, own] of byRule) {
      if (rule === undefined || cancelled.has(rule)) continue;
      claims.push(...own.filter((c) => c.entry.kind === 'claim'));
      const predicates = own.filter((c) => c.entry.kind === 'predicate');
      const objects = own.filter((c) => c.entry.kind === 'object');
      if (predicates.length > 0 && objects.length > 0)
        claims.push(...pairs(rule, predicates, objects, frameOf(), meter));
      const heads = own.filter((c) => c.entry.kind === 'head');
      if (heads.length > 0 && objects.length > 0)
        claims.push(
          ...around(
            rule,
            heads,
            own.filter((c) => c.entry.kind === 'tail'),
            objects,
            frameOf(),
            meter,
          ),
        );
    }
    // Quoted to be refuted (别再相信“三天美白”这种神话, don't believe "miracle cure" ads) is no claim.
    // Cues are few; only the nearest ones around a claim are tried, so this stays linear.
    const debunked = (c: Candidate): boolean =>
      nearest(debunks.get(c.entry.pack) ?? [], c).some((cue) => frameOf().debunks(cue, c));
    // A rule may say a debunking cue does not clear it (a disparagement: pack-schema `debunkable`).
    const isDebunkable = (c: Candidate): boolean => {
      const rule = c.entry.rule?.rule;
      return rule === undefined || !isClaimRule(rule) || rule.debunkable !== false;
    };
    // A claim stands unless debunked, in a title, a house number or a name; then its context must hold
    // (withContext). Both are judged only for the claims longestFirst reaches while their span is still
    // free, unless a required context moves the claim's start (and so its place in that order).
    // Asked in a yes/no question (có chắc chắn đậu không?): no claim, as a debunked one is none.
    const asked = (c: Candidate): boolean => {
      const check = questionChecks[c.entry.pack];
      if (check === undefined) return false;
      const mark = frameOf().questionMarkOf(c.start);
      return mark !== undefined && check(n, c, mark);
    };
    const stands = (c: Candidate): boolean =>
      !(isDebunkable(c) && (debunked(c) || asked(c))) &&
      !frameOf().inTitle(c) &&
      !frameOf().isAddress(c) &&
      !(packs[c.entry.pack]?.language === 'vi' && !namesTheProduct(c) && frameOf().isName(c));
    // What makes a notice required (a topic, a trigger) raises nothing in the clause of a debunking cue
    // before it (Đừng tin những quảng cáo “uống là khỏi bệnh” – hãy hỏi bác sĩ trước khi dùng thực phẩm chức
    // năng): a public-health message, not an ad of the class; after a comma it is the ad again (Đừng tin lời
    // đồn, thực phẩm chức năng X …). The cues are sorted by start by now: the nearest before is found, not all.
    const sober = (c: Candidate): boolean => {
      if (debunkCues.length === 0) return true;
      const before = countAtMost(debunkCues.length, (k) => debunkCues[k]?.start ?? 0, c.start - 1);
      const cue = debunkCues[before - 1];
      return (
        cue === undefined ||
        frameOf().sentenceOf(cue.start) !== frameOf().sentenceOf(c.start) ||
        frameOf().clauseBreakBetween(cue, c)
      );
    };
    const soberTopics = debunkCues.length === 0 ? topicSpans : topicSpans.filter(sober);
    // Built only when some topic sits in a debunking clause (most copies: none).
    const topicsOutsideDebunking: CopyContext =
      soberTopics.length === topicSpans.length
        ? context
        : {
            topics: new Set(soberTopics.flatMap((c) => (c.entry.topic === undefined ? [] : [c.entry.topic]))),
          };
    const requiredApplies = (rule: RequiredContentRule): boolean =>
      inScope(rule) && (soberTopics.length === topicSpans.length || applies(rule, topicsOutsideDebunking));
    // Whether a rule that says its category alone requires the content applies by the copy's own category
    // (pack-schema `categoryAlone`), whatever the copy is about.
    const ownCategory = (rule: RequiredContentRule): boolean =>
      rule.categoryAlone === true && rule.categories !== 'all' && applies(rule, NOTHING_ABOUT);
    const judged = new Set<Candidate>();
    const kept = claims.flatMap((c): Candidate[] => {
      if (c.entry.rule?.requires === undefined || c.anchor !== undefined) return [c];
      const placed = stands(c) ? withContext(n, c) : [];
      for (const p of placed) judged.add(p);
      return placed;
    });
    const accept = (c: Candidate): boolean => judged.has(c) || (stands(c) && withContext(n, c).length > 0);
    return {
      claims: longestFirst(kept, n.text.length, meter, accept).flatMap((c) => {
        const rule = c.entry.rule?.rule;
        if (rule === undefined || !isClaimRule(rule)) return [];
        const outcome: HitOutcome = exempted.has(c.entry.rule) ? 'advisory' : 'violation';
        return [{ rule, outcome, ...spanOf(n, c) }];
      }),
      missing: missingContent(
        n,
        required,
        candidates,
        requiredApplies,
        meter,
        soberTopics,
        sober,
        ownCategory,
      ),
      topics,
    };
  };

  return {
    version: packsVersion(packs),
    packs,
    rules: packs.flatMap((pack) => pack.rules),
    required,
    get phrases() {
      return packs.reduce((sum, _, index) => sum + packEntriesAt(index).length, topicsOfPacks().length);
    },
    find: (text, applies) => [...inspect(text, applies).claims],
    inspect,
  };
};

const missingContent = (
  n: NormalisedText,
  required: readonly RequiredContentRule[],
  candidates: readonly Candidate[],
  applies: (rule: RequiredContentRule) => boolean,
  meter?: WorkMeter,
  topicSpans: readonly Candidate[] = [],
  sober: (c: Candidate) => boolean = () => true,
  byCategory: (rule: RequiredContentRule) => boolean = () => false,
): MissingContent[] => {
  const own = groupBy(
    candidates.filter((c) => c.entry.kind === 'accepted' || c.entry.kind === 'trigger'),
    (c) => c.entry.rule?.rule,
  );
  return required.flatMap((rule) => {
    if (!applies(rule)) return [];
    const mine = own.get(rule) ?? [];
    if (mine.some((c) => c.entry.kind === 'accepted')) return [];
    const triggers = mine
      .filter((c) => c.entry.kind === 'trigger' && sober(c))
      .flatMap((c) => withContext(n, c));
    // Triggers make a notice required by the copy's words; with `categoryAlone`, so does the copy's category.
    if (rule.triggers !== undefined && triggers.length === 0 && !byCategory(rule)) return [];
    // Required by what the copy is about: the phrases that say so (保健食品, TPBVSK) are the evidence.
    const about =
      rule.triggers === undefined && rule.categories !== 'all'
        ? topicSpans.filter((c) => c.entry.topic !== undefined && rule.categories.includes(c.entry.topic))
        : [];
    const evidence = triggers.length > 0 ? triggers : about;
    return [{ rule, evidence: longestFirst(evidence, n.text.length, meter).map((c) => spanOf(n, c)) }];
  });
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
