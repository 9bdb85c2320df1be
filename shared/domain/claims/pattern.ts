import { hasVietnameseLetters } from './languages.ts';
import type { NormalisedText } from './normaliser.ts';
import {
  accentKey,
  GAP_DECIMAL,
  isAscii,
  isWordEdge,
  normalise,
  phraseKey,
  stripDiacritics,
} from './normaliser.ts';

/** A rule phrase ready to match: its normalised key and what the matcher needs to judge a hit. */
export interface CompiledPattern {
  readonly source: string;
  /** The phrase as the matcher scans it (see `normalise`). */
  readonly key: string;
  /** Offsets in `key` where the phrase itself has a space ("tốt nhất" → 3). */
  readonly gaps: ReadonlySet<number>;
  /** Offsets in `key` where the phrase has a decimal point ("4.8 g" → 2): a hit must have one there too. */
  readonly decimals: ReadonlySet<number>;
  /** The phrase's letters with diacritics, when it has any; see `accentsAgree`. */
  readonly accents: readonly string[] | undefined;
  /** Offsets in `key` where the phrase writes a consonant twice ("massage" → 2); see `doublesAgree`. */
  readonly doubled: ReadonlySet<number>;
}

const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{Script=Latin}\p{N}]/u;
// Whether each UTF-16 unit is a Latin letter or a digit, asked for every unit of every hit: one table read
// (0 not yet known, 1 a word character, 2 not), filled on first sight of a unit, 64 KB at most.
const WORD_UNKNOWN = 0;
const WORD_YES = 1;
const WORD_NO = 2;
let wordUnits: Uint8Array | undefined;
const isWordUnit = (text: string, at: number): boolean => {
  if (at < 0 || at >= text.length) return false;
  wordUnits ??= new Uint8Array(0x10000);
  const code = text.charCodeAt(at);
  let known = wordUnits[code] ?? WORD_UNKNOWN;
  if (known === WORD_UNKNOWN) {
    known = WORD.test(String.fromCharCode(code)) ? WORD_YES : WORD_NO;
    wordUnits[code] = known;
  }
  return known === WORD_YES;
};

/**
 * Expands `{a|b}` alternatives in a rule phrase, so legal can write one line per idea.
 *
 * @example
 * expandPattern('{cure|cures} {acne|eczema}'); // ['cure acne', 'cure eczema', 'cures acne', 'cures eczema']
 */
export const expandPattern = (pattern: string): string[] => {
  const group = /\{([^{}]*)\}/.exec(pattern);
  if (group === null) return [pattern];
  const before = pattern.slice(0, group.index);
  const after = pattern.slice(group.index + group[0].length);
  return (group[1] ?? '').split('|').flatMap((option) => expandPattern(`${before}${option}${after}`));
};

// A letter can only carry a diacritic if the phrase has a non-ASCII Latin letter or a combining mark: most
// phrases (English, Chinese) skip the per-character work below, a third of the build of the default packs.
const MAY_HAVE_ACCENTS = /(?!\p{ASCII})\p{Script=Latin}|\p{M}/u;
// Whether a character reads the same without its diacritics: asked for each letter of every Vietnamese
// phrase when the packs compile and of every hit, so each character is folded once (a bounded cache).
const BARE_LIMIT = 20_000;
const bareCache = new Map<string, boolean>();
const isBare = (ch: string): boolean => {
  let bare = bareCache.get(ch);
  if (bare === undefined) {
    bare = stripDiacritics(ch) === ch;
    if (bareCache.size < BARE_LIMIT) bareCache.set(ch, bare);
  }
  return bare;
};
const accentsOf = (source: string): readonly string[] | undefined => {
  if (isAscii(source) || !MAY_HAVE_ACCENTS.test(source)) return undefined;
  const accents = accentKey(source);
  return accents.some((ch) => LATIN.test(ch) && !isBare(ch)) ? accents : undefined;
};

// Most phrases have no decimal point, and Chinese ones no space: one shared empty set for them all.
const NO_OFFSETS: ReadonlySet<number> = new Set();
const setOf = (offsets: readonly number[]): ReadonlySet<number> =>
  offsets.length === 0 ? NO_OFFSETS : new Set(offsets);

// A consonant written twice in a row (the normaliser reads a run of a letter once: cuuures is cures).
const DOUBLE_CONSONANT = /([b-df-hj-np-tv-z])\1/i;
const isDoubleConsonant = (written: string): boolean =>
  written.length === 2 && DOUBLE_CONSONANT.test(written);

/** The offsets in a phrase's key where it writes a consonant twice (most phrases: none, not normalised). */
const doubledOf = (source: string): ReadonlySet<number> => {
  if (!DOUBLE_CONSONANT.test(source)) return NO_OFFSETS;
  const n = normalise(source);
  const offsets: number[] = [];
  for (let k = 0; k < n.text.length; k++)
    if (isDoubleConsonant(source.slice(n.starts[k] ?? 0, n.ends[k] ?? 0))) offsets.push(k);
  return setOf(offsets);
};

// Whether each normalised copy holds Vietnamese letters, asked once per copy (not per hit).
const vietnameseCopies = new WeakMap<NormalisedText, boolean>();
const isVietnameseCopy = (n: NormalisedText): boolean => {
  let vietnamese = vietnameseCopies.get(n);
  if (vietnamese === undefined) {
    vietnamese = hasVietnameseLetters(n.original);
    vietnameseCopies.set(n, vietnamese);
  }
  return vietnamese;
};

/**
 * Vietnamese never writes a consonant twice, so in Vietnamese copy a doubled consonant is another word
 * (a loanword: macca, the macadamia, is no "maca"), not a stretched spelling of a phrase that writes it
 * once (stretching repeats vowels: cuuures). Elsewhere a doubled consonant is a spelling (labelled,
 * labeled) and agrees.
 *
 * @example
 * doublesAgree(normalise('hạt macca'), 4, 8, compilePattern('maca')); // false
 */
export const doublesAgree = (
  n: NormalisedText,
  start: number,
  end: number,
  pattern: CompiledPattern,
): boolean => {
  for (let k = start; k < end; k++) {
    const from = n.starts[k] ?? 0;
    const to = n.ends[k] ?? 0;
    if (
      to - from === 2 &&
      !pattern.doubled.has(k - start) &&
      isDoubleConsonant(n.original.slice(from, to)) &&
      isVietnameseCopy(n)
    )
      return false;
  }
  return true;
};

const COMPILED_LIMIT = 200_000;
const compiled = new Map<string, CompiledPattern>();

/**
 * Compiles one literal phrase (memoised: a phrase always compiles the same way).
 *
 * @example
 * compilePattern('tốt nhất').key; // 'totnhat'
 */
export const compilePattern = (source: string): CompiledPattern => {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  const { text, gaps, decimals } = phraseKey(source);
  const pattern = {
    source,
    key: text,
    gaps: setOf(gaps),
    decimals: setOf(decimals),
    accents: accentsOf(source),
    doubled: doubledOf(source),
  };
  // Validation and the matcher both compile every phrase; packs are reloaded only with a new version.
  if (compiled.size < COMPILED_LIMIT) compiled.set(source, pattern);
  return pattern;
};

/**
 * A Latin-script word or a number must start and end at a word boundary ("cure" is not in "secure",
 * "cured ham" is not "cure"); Chinese has no spaces between words, so its edges are not checked. `joints`
 * marks the units before which a word starts though nothing separates it (the syllables of a hashtag).
 *
 * @example
 * hasWordBoundaries(normalise('cured ham'), 0, 4); // false
 */
export const hasWordBoundaries = (
  n: NormalisedText,
  start: number,
  end: number,
  joints?: Uint8Array,
): boolean => {
  const cleanStart =
    joints?.[start] === 1 ||
    !isWordUnit(n.text, start) ||
    start === 0 ||
    isWordEdge(n.gapBefore[start]) ||
    !isWordUnit(n.text, start - 1);
  const cleanEnd =
    joints?.[end] === 1 ||
    !isWordUnit(n.text, end - 1) ||
    end >= n.text.length ||
    isWordEdge(n.gapBefore[end]) ||
    !isWordUnit(n.text, end);
  return cleanStart && cleanEnd;
};

/**
 * Separators inside a Latin-script word of a phrase are an evasion only when they split every letter of
 * that word (c.u.r.e, F.D.A.-approved), or every letter of its start or of its end, two at least, the rest
 * written together (c.u.r3s, c.u.r&shy;es, T0D.A.Y: a word spelt out until a disguise joins the rest), or
 * fall where the phrase has its own spaces; otherwise two innocent words that happen to spell a phrase
 * across a space ("cu re") would be flagged. Chinese phrases may be split anywhere. A decimal point must
 * stand where the phrase has one (4.8 g is not 48 g).
 *
 * @example
 * hasPlausibleGaps(normalise('c.u.r.e'), 0, 4, compilePattern('cure')); // true
 */
export const hasPlausibleGaps = (
  n: NormalisedText,
  start: number,
  end: number,
  pattern: CompiledPattern,
): boolean => {
  // Of the current word's inner boundaries: how many, how many split, where the first and last split are.
  let inner = 0;
  let split = 0;
  let firstSplit = -1;
  let lastSplit = -1;
  for (let k = 1; k <= end - start; k++) {
    // 4.8 is not 48: a decimal point stands where the phrase has one, and only there.
    if (k < end - start && (n.gapBefore[start + k] === GAP_DECIMAL) !== pattern.decimals.has(k)) return false;
    const wordGoesOn =
      k < end - start &&
      !pattern.gaps.has(k) &&
      isWordUnit(n.text, start + k - 1) &&
      isWordUnit(n.text, start + k);
    if (wordGoesOn) {
      if (n.gapBefore[start + k] === 1) {
        if (split === 0) firstSplit = inner;
        lastSplit = inner;
        split++;
      }
      inner++;
    } else {
      if (split > 0 && split < inner && !spelledAtAnEnd(inner, split, firstSplit, lastSplit)) return false;
      inner = 0;
      split = 0;
    }
  }
  return true;
};

/** Whether a word's splits are two or more in a row that start or end it (c|u|res, tod|a|y). */
const spelledAtAnEnd = (inner: number, split: number, firstSplit: number, lastSplit: number): boolean =>
  split >= 2 && lastSplit - firstSplit + 1 === split && (firstSplit === 0 || lastSplit === inner - 1);

/**
 * Folding diacritics lets "tot nhat" match tốt nhất but invites false hits (nhạt "bland" is not nhất
 * "most"). A hit stands when each letter is either as the phrase writes it or written bare.
 *
 * @example
 * accentsAgree('nhạt', compilePattern('nhất')); // false
 */
export const accentsAgree = (written: string, pattern: CompiledPattern): boolean => {
  if (pattern.accents === undefined) return true;
  const letters = accentKey(written);
  if (letters.length !== pattern.accents.length) return true;
  return letters.every((ch, k) => ch === pattern.accents?.[k] || isBare(ch));
};
