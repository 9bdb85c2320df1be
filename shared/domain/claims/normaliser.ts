import type { DictGroup, DictLike } from 'opencc-js/core';
import { ConverterBuilder } from 'opencc-js/core';
import { confusableOf, PINYIN_GRAM_MAX, pinyinFold } from './evasions.ts';
import { readPackData } from './packs/data.ts';

/**
 * A text in the form the matcher scans, with a map back to the original. Each UTF-16 unit `k` of `text`
 * came from the original code point `original.slice(starts[k], ends[k])`, so any range of `text` maps
 * back to an exact, code-point-aligned substring of the original.
 */
export interface NormalisedText {
  readonly original: string;
  /** NFKC, lower case, simplified Chinese, Latin diacritics folded; separators and invisibles removed. */
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /**
   * What stood before unit `k` in the original: 0 nothing (or only invisibles and markup), `GAP_HARD` a
   * separator (space, punctuation), `GAP_SOFT` an emoji or Markdown emphasis between two letters
   * (gu✨aranteed, TO**P1**): a word edge for a phrase that starts there, but no split of a word;
   * `GAP_DECIMAL` a decimal point between digits (no word edge).
   */
  readonly gapBefore: Uint8Array;
}

const LATIN = /\p{Script=Latin}/u;
const MARKS = /\p{M}/gu;
const INVISIBLE = /^[\p{Cf}\p{M}]$/u;
const MARK = /^\p{M}$/u;
// Spacing and punctuation inside a phrase are the cheapest evasions (最 佳, 最-佳, c.u.r.e), so they are
// removed, but these symbols carry meaning in claims (#1, 100%) and stay.
const SEPARATOR = /^[\s\p{Z}\p{P}\p{Extended_Pictographic}~^|`]$/u;
const KEPT_SYMBOLS = new Set(['#', '%', '&', '@']);
// Emoji and Markdown emphasis (**, __, ~~, `) are decoration: between two letters they split no word.
// A lone underscore is no emphasis inside a word (CommonMark) but the space of a hashtag
// (#chữa_gan_nhiễm_mỡ): a separator.
const DECORATION = /^[\p{Extended_Pictographic}*~`]$/u;

/**
 * `gapBefore` values: a separator stood there, only decoration between two letters, or a decimal point
 * (99.9%: one number, so no word starts after the point and "0.1%" holds no "1%").
 */
export const GAP_HARD = 1;
export const GAP_SOFT = 2;
export const GAP_DECIMAL = 3;
// A full stop or comma after a digit, until `foldEvasions` reads what follows it (see `addSeparator`):
// never in a normalised text.
const GAP_IN_NUMBER = 4;

/**
 * Whether a `gapBefore` value is the edge of a word (a phrase may start or end there).
 *
 * @example
 * isWordEdge(normalise('0.1%').gapBefore[1]); // false
 */
export const isWordEdge = (gap: number | undefined): boolean => gap === GAP_HARD || gap === GAP_SOFT;

// Only the dictionaries of the one conversion used (Taiwan-standard traditional → mainland simplified):
// OpenCC's t2cn preset also carries the Hong Kong and Japanese ones, which the Lambda bundle would carry
// for nothing.
// `npm run packs` writes them to compiled/opencc.json (packs/data.ts); they are read on the first Chinese text.
interface Preset {
  readonly from: { readonly tw: readonly DictGroup[] };
  readonly to: { readonly cn: readonly DictGroup[] };
}
const isPreset = (value: unknown): value is Preset =>
  typeof value === 'object' &&
  value !== null &&
  'from' in value &&
  'to' in value &&
  Array.isArray((value.from as { tw?: unknown }).tw) &&
  Array.isArray((value.to as { cn?: unknown }).cn);
const unpackPreset = (): Preset => {
  const preset = readPackData('opencc.json');
  if (!isPreset(preset))
    throw new TypeError('compiled/opencc.json does not hold the OpenCC preset (run npm run packs)');
  return preset;
};

const dictEntries = (dict: DictLike): (readonly [string, string])[] =>
  typeof dict === 'string'
    ? dict.split('|').map((line): readonly [string, string] => {
        const [from = '', to = ''] = line.split(' ');
        return [from, to];
      })
    : [...dict];

const FROM = 'tw' as const;
const TO = 'cn' as const;

/**
 * Code points of which every OpenCC rewrite needs at least one: a text without any of them converts to
 * itself, so the conversion (~35 µs per 300 characters) is skipped for copy already written in simplified
 * Chinese. Each dictionary key is run through the converter itself (the chain round-trips some variants,
 * 温 → 溫 → 温); a phrase that changes while none of its characters does (a transliterated name)
 * contributes the characters it changes, or one of its own when its length changes.
 */
const convertibleCodePoints = (convert: (text: string) => string): ReadonlySet<number> => {
  const preset = presetOf();
  const dicts = [...preset.from[FROM], ...preset.to[TO]].flat();
  const keys = [...new Set(dicts.flatMap(dictEntries).map(([from]) => from))];
  const found = new Set<string>();
  for (const key of keys) {
    const source = [...key];
    if (source.length === 1 && convert(key) !== key) found.add(key);
  }
  for (const key of keys) {
    const source = [...key];
    if (source.length === 1 || source.some((ch) => found.has(ch))) continue;
    const target = [...convert(key)];
    if (target.join('') === key) continue;
    const changed = source.filter((ch, k) => source.length !== target.length || target[k] !== ch);
    const own = source.length === target.length ? changed : source.filter((ch) => !target.includes(ch));
    for (const ch of own.length > 0 ? own : source) found.add(ch);
  }
  return new Set([...found].map((ch) => ch.codePointAt(0) ?? 0));
};

let preset: Preset | undefined;
const presetOf = (): Preset => {
  preset ??= unpackPreset();
  return preset;
};

// Built on first use, then kept for the life of the process: a cache that is safe to lose.
interface ChineseConverter {
  readonly convert: (text: string) => string;
  /** One flag per code point below U+10000; see `convertibleCodePoints`. */
  readonly convertible: Uint8Array;
  readonly convertibleAstral: ReadonlySet<number>;
}
let converter: ChineseConverter | undefined;
const chineseConverter = (): ChineseConverter => {
  if (converter === undefined) {
    const convert = ConverterBuilder(presetOf())({ from: FROM, to: TO });
    const codePoints = convertibleCodePoints(convert);
    const convertible = new Uint8Array(0x10000);
    for (const code of codePoints) if (code < 0x10000) convertible[code] = 1;
    converter = {
      convert,
      convertible,
      convertibleAstral: new Set([...codePoints].filter((c) => c >= 0x10000)),
    };
  }
  return converter;
};
const isConvertible = (c: ChineseConverter, code: number): boolean =>
  code < 0x10000 ? c.convertible[code] === 1 : c.convertibleAstral.has(code);

// Han characters start at U+2E80 (radicals); anything below needs no conversion.
const FIRST_HAN = 0x2e80;
// A native scan first: Latin-script copy has no unit this high and skips the loop below.
const MAY_BE_HAN = /[\u2e80-\uffff]/;

// Phrases in OpenCC's dictionaries are short; this much context on each side converts a traditional
// character with the phrase it belongs to (乾燥 → 干燥, 乾隆 stays).
const CONTEXT = 8;

/**
 * Traditional → simplified Chinese with OpenCC, code point for code point, or undefined when nothing
 * would change. Only windows around convertible characters are converted, so simplified copy costs one
 * pass of set look-ups. When a window's conversion would change its length, each character is converted
 * alone so offsets hold.
 */
const simplifiedCodePoints = (text: string): readonly string[] | undefined => {
  if (!MAY_BE_HAN.test(text)) return undefined;
  const chinese = chineseConverter();
  let codePoints: string[] | undefined;
  let windowEnd = 0;
  let index = 0;
  for (let k = 0; k < text.length; index++) {
    const unit = text.charCodeAt(k);
    if (unit < FIRST_HAN) {
      k++;
      continue;
    }
    const code = text.codePointAt(k) ?? unit;
    k += code > 0xffff ? 2 : 1;
    if (index < windowEnd || !isConvertible(chinese, code)) continue;
    codePoints ??= [...text];
    const from = Math.max(windowEnd, index - CONTEXT);
    windowEnd = Math.min(codePoints.length, index + CONTEXT + 1);
    while (
      windowEnd < codePoints.length &&
      isConvertible(chinese, codePoints[windowEnd]?.codePointAt(0) ?? 0)
    ) {
      windowEnd = Math.min(codePoints.length, windowEnd + CONTEXT);
    }
    const window = codePoints.slice(from, windowEnd);
    const converted = [...chinese.convert(window.join(''))];
    const aligned =
      converted.length === window.length
        ? converted
        : window.map((ch) => {
            const alone = [...chinese.convert(ch)];
            return alone.length === 1 ? (alone[0] ?? ch) : ch;
          });
    codePoints.splice(from, aligned.length, ...aligned);
  }
  return codePoints;
};

/**
 * Whether a text is plain ASCII (nothing to fold, or written without diacritics).
 *
 * @example
 * isAscii('tot nhat'); // true
 */
export const isAscii = (text: string): boolean => {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 0x7f) return false;
  return true;
};

/**
 * Removes Latin diacritics (Vietnamese tốt nhất → tot nhat; đ → d).
 *
 * @example
 * stripDiacritics('tốt nhất'); // 'tot nhat'
 */
export const stripDiacritics = (text: string): string =>
  isAscii(text)
    ? text
    : text.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

/** How the normaliser treats one folded character. */
const KEEP = 0;
const GAP = 1;
const ATTACH = 2;
const DROP = 3;
const SOFT = 4;
type Kind = typeof KEEP | typeof GAP | typeof ATTACH | typeof DROP | typeof SOFT;
type Piece = readonly [string, Kind];

const kindOf = (ch: string): Kind => {
  if (KEPT_SYMBOLS.has(ch)) return KEEP;
  if (DECORATION.test(ch)) return SOFT;
  if (SEPARATOR.test(ch)) return GAP;
  if (MARK.test(ch)) return ATTACH;
  return INVISIBLE.test(ch) ? DROP : KEEP;
};

/** NFKC (full-width, circled, stylised letters), lower case and Latin folding of one code point. */
const foldCodePoint = (cp: string): readonly Piece[] => {
  const lowered = (confusableOf(cp) ?? cp).normalize('NFKC').toLowerCase();
  const folded = LATIN.test(lowered) ? stripDiacritics(lowered) : lowered;
  return [...folded].map((ch): Piece => [ch, kindOf(ch)]);
};

// ASCII is most of every copy: one table lookup instead of NFKC and regular expressions. Built on first
// use, not at import: the Unicode-property expressions it runs cost milliseconds of every cold start,
// and functions that never normalise (most of them) load this module all the same.
interface AsciiTables {
  readonly pieces: readonly (readonly Piece[])[];
  /** The same table as plain numbers, for the inner loop: how each ASCII character is treated… */
  readonly kind: Uint8Array;
  /** …and what it becomes. */
  readonly folded: Uint16Array;
}
let asciiTables: AsciiTables | undefined;
const ascii = (): AsciiTables => {
  if (asciiTables !== undefined) return asciiTables;
  const pieces = Array.from({ length: 128 }, (_, code) => foldCodePoint(String.fromCharCode(code)));
  asciiTables = {
    pieces,
    kind: Uint8Array.from(pieces, (p) => (p.length === 1 ? (p[0]?.[1] ?? DROP) : DROP)),
    folded: Uint16Array.from(pieces, (p, code) => p[0]?.[0].charCodeAt(0) ?? code),
  };
  return asciiTables;
};

// Other code points fold the same way every time; the cache is bounded so hostile input cannot grow it.
const FOLD_CACHE_LIMIT = 20_000;
const foldCache = new Map<string, readonly Piece[]>();
const fold = (cp: string): readonly Piece[] => {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const pieces = foldCodePoint(cp);
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(cp, pieces);
  return pieces;
};

// The same, as flat tables over the Basic Multilingual Plane, for the inner loop: most code points of a
// copy (Vietnamese letters, Chinese punctuation, full-width forms) fold to one unit, a separator or
// decoration, so `fold`'s strings and pieces are built once per code point and then read as numbers.
// Filled on first sight of each code point; 192 KB, allocated on the first non-ASCII text.
const FOLD_UNSEEN = 0;
const FOLD_UNIT = 1;
const FOLD_GAP = 2;
const FOLD_SOFT = 3;
const FOLD_NOTHING = 4;
/** Anything else (an expansion, a combining mark): read through `fold`. */
const FOLD_PIECES = 5;
interface BmpTables {
  readonly kind: Uint8Array;
  readonly unit: Uint16Array;
}
let bmpTables: BmpTables | undefined;
const bmpKindOf = (tables: BmpTables, code: number): number => {
  const pieces = fold(String.fromCharCode(code));
  let kind = FOLD_PIECES;
  const [only] = pieces;
  if (pieces.length === 0) kind = FOLD_NOTHING;
  else if (pieces.length === 1 && only !== undefined) {
    const [ch, pieceKind] = only;
    if (pieceKind === KEEP && ch.length === 1) {
      kind = FOLD_UNIT;
      tables.unit[code] = ch.charCodeAt(0);
    } else if (pieceKind === GAP) kind = FOLD_GAP;
    else if (pieceKind === SOFT) kind = FOLD_SOFT;
    else if (pieceKind === DROP) kind = FOLD_NOTHING;
  }
  tables.kind[code] = kind;
  return kind;
};

/** Adds one code point below U+10000 (a lone surrogate included), as `addPieces(fold(…))` would. */
const addBmp = (out: Builder, code: number, start: number, end: number): void => {
  bmpTables ??= { kind: new Uint8Array(0x10000), unit: new Uint16Array(0x10000) };
  let kind = bmpTables.kind[code] ?? FOLD_PIECES;
  if (kind === FOLD_UNSEEN) kind = bmpKindOf(bmpTables, code);
  if (kind === FOLD_UNIT) emitUnit(out, bmpTables.unit[code] ?? code, start, end);
  else if (kind === FOLD_GAP) out.pendingGap = GAP_HARD;
  else if (kind === FOLD_SOFT) out.pendingGap ||= GAP_SOFT;
  else if (kind === FOLD_PIECES) addPieces(out, fold(String.fromCharCode(code)), start, end);
};

/** Typed arrays sized for the common case (one unit per original unit), grown when NFKC expands. */
interface Builder {
  units: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  gapBefore: Uint8Array;
  length: number;
  pendingGap: number;
}

const newBuilder = (capacity: number): Builder => ({
  units: new Uint16Array(capacity),
  starts: new Int32Array(capacity),
  ends: new Int32Array(capacity),
  gapBefore: new Uint8Array(capacity),
  length: 0,
  pendingGap: 0,
});

const grow = (out: Builder): void => {
  const bigger = newBuilder(out.units.length * 2 + 16);
  bigger.units.set(out.units);
  bigger.starts.set(out.starts);
  bigger.ends.set(out.ends);
  bigger.gapBefore.set(out.gapBefore);
  out.units = bigger.units;
  out.starts = bigger.starts;
  out.ends = bigger.ends;
  out.gapBefore = bigger.gapBefore;
};

// One scratch builder for the process (normalising is synchronous); results are copied out of it.
let scratch = newBuilder(1_024);
const builder = (): Builder => {
  scratch.length = 0;
  scratch.pendingGap = 0;
  return scratch;
};

const emitUnit = (out: Builder, unit: number, start: number, end: number): void => {
  if (out.length === out.units.length) grow(out);
  const k = out.length++;
  out.units[k] = unit;
  out.starts[k] = start;
  out.ends[k] = end;
  out.gapBefore[k] = out.pendingGap;
  out.pendingGap = 0;
};

const emit = (out: Builder, ch: string, start: number, end: number): void => {
  const gap = out.pendingGap;
  for (let unit = 0; unit < ch.length; unit++) {
    out.pendingGap = unit === 0 ? gap : 0;
    emitUnit(out, ch.charCodeAt(unit), start, end);
  }
};

// A combining mark belongs to the character before it: evidence must not cut it off.
const attachMark = (out: Builder, start: number, end: number): void => {
  for (let k = out.length - 1; k >= 0 && out.ends[k] === start; k--) out.ends[k] = end;
};

const addPieces = (out: Builder, pieces: readonly Piece[], start: number, end: number): void => {
  for (const [ch, kind] of pieces) {
    if (kind === KEEP) emit(out, ch, start, end);
    else if (kind === GAP) out.pendingGap = GAP_HARD;
    else if (kind === SOFT) out.pendingGap ||= GAP_SOFT;
    else if (kind === ATTACH) attachMark(out, start, end);
  }
};

// Pictographs Chinese copy writes for a word of a regulated product (电子🚬, 🚬弹, 🍺畅饮): read as that word,
// its units mapped to the pictograph, rather than dropped as decoration. Only pictographs with one sense.
const PICTOGRAPH_WORDS: ReadonlyMap<string, string> = new Map([
  ['🚬', '烟'],
  ['🍺', '啤酒'],
  ['🍻', '啤酒'],
]);

/** Adds one code point above U+FFFF (an emoji, a CJK extension character). */
const addAstral = (out: Builder, cp: string, start: number, end: number): void => {
  const word = PICTOGRAPH_WORDS.get(cp);
  if (word === undefined) addPieces(out, fold(cp), start, end);
  else emit(out, word, start, end);
};

const addCodePoint = (out: Builder, cp: string, start: number, end: number): void => {
  const code = cp.charCodeAt(0);
  // CJK unified ideographs are NFKC-stable and have no case: the common path for Chinese copy.
  if (code >= 0x4e00 && code <= 0x9fff) emitUnit(out, code, start, end);
  else if (code < 0x80) addPieces(out, ascii().pieces[code] ?? [], start, end);
  else if (cp.length === 1) addBmp(out, code, start, end);
  else addAstral(out, cp, start, end);
};

const isDigit = (unit: number | undefined): boolean => unit !== undefined && unit >= 0x30 && unit <= 0x39;

/**
 * A full stop or comma right after a digit may be part of a number: `foldEvasions` decides once the
 * digits on both sides are read (full-width ones, or with invisibles, markup or emphasis between them, as
 * much as plain ones). A thousands separator (1,000, Vietnamese 10.000đ: exactly three digits follow) is
 * dropped so both spellings read alike, and a decimal point (0.1%, 99.9%, Vietnamese 4,2%) leaves a
 * `GAP_DECIMAL`, so "0.1%" never holds "1%" nor "99.9%" "9%". Anywhere else it is a separator (c.u.r.e,
 * No.1).
 */
const addSeparator = (out: Builder, unit: number): void => {
  out.pendingGap =
    (unit === 0x2e || unit === 0x2c) &&
    out.pendingGap === 0 &&
    out.length > 0 &&
    isDigit(out.units[out.length - 1])
      ? GAP_IN_NUMBER
      : GAP_HARD;
};

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

const CHUNK = 4_096;
// Node's UTF-16 decoding copies code units as they are (a lone surrogate stays one), several times faster
// than `String.fromCharCode.apply` over a copy's worth of units; a short run (a word) is cheaper the old way.
// Typed arrays hold the platform's byte order: only a little-endian one reads as UTF-16LE.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const DECODE_FROM = 48;
const textOf = (units: Uint16Array, length: number): string => {
  if (LITTLE_ENDIAN && length >= DECODE_FROM)
    return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
  let text = '';
  for (let k = 0; k < length; k += CHUNK) {
    // `apply` over a typed array reads it directly; spreading it would iterate (ten times slower).
    text += String.fromCharCode.apply(
      null,
      units.subarray(k, Math.min(length, k + CHUNK)) as unknown as number[],
    );
  }
  return text;
};

/**
 * Normalises a text for claim matching so that evasions do not beat the matcher: full-width and
 * stylised letters (ＣＵＲＥ, Ⓒ, ①), case, traditional Chinese (極品 → 极品), spaces, punctuation and
 * zero-width characters inside a phrase (最 佳, c.u.r.e), and Vietnamese without diacritics.
 *
 * @example
 * const n = normalise('最 佳');
 * n.text; // '最佳'
 * n.original.slice(n.starts[0], n.ends[1]); // '最 佳'
 */
export const normalise = (original: string): NormalisedText => {
  const out = normaliseToScratch(withVowelI(original));
  const { length } = out;
  // One buffer for the three maps: a typed array of a copy's size lives outside the heap, and each such
  // buffer costs an allocation and a finaliser.
  const buffer = new ArrayBuffer(length * 9);
  const starts = new Int32Array(buffer, 0, length);
  const ends = new Int32Array(buffer, length * 4, length);
  const gapBefore = new Uint8Array(buffer, length * 8, length);
  starts.set(out.starts.subarray(0, length));
  ends.set(out.ends.subarray(0, length));
  gapBefore.set(out.gapBefore.subarray(0, length));
  return { original, text: textOf(out.units, length), starts, ends, gapBefore };
};

// "!" or "1" written for the vowel i of a Vietnamese word (tr! dứt đ!ểm v!êm xoang, tr1 mụn): right after the
// consonants that open a word (a Vietnamese syllable always holds a vowel) and before a lower-case letter, or
// ending a word after a two-letter opening (tr!, th!, ch!; a lone b1 or F1 stays a code).
const I_STAND_IN = /(?<![\p{L}\p{M}\p{N}])([bcdđghklmnpqrstvx]{1,3})[!1](?=(\p{L})?)/giu;
const WORD_OPENINGS: ReadonlySet<string> = new Set(['ch', 'gh', 'kh', 'ng', 'nh', 'ph', 'th', 'tr', 'ngh']);
const LOWER_CASE = /\p{Ll}/u;
const STAND_IN_MARK = /[!1]/;

/**
 * A Vietnamese copy with "!" or "1" for the vowel i, that vowel put back, same length (each stand-in is one
 * unit, so every offset still points at the copy as written); any other text as it is.
 *
 * @example
 * withVowelI('tr! dứt đ!ểm'); // 'tri dứt điểm'
 */
export const withVowelI = (original: string): string =>
  STAND_IN_MARK.test(original) && VIETNAMESE.test(original)
    ? original.replace(I_STAND_IN, (whole: string, opening: string, next: string | undefined) =>
        (next !== undefined && LOWER_CASE.test(next)) ||
        (next === undefined && WORD_OPENINGS.has(opening.toLowerCase()))
          ? `${opening}i`
          : whole,
      )
    : original;

/** What a rule phrase compiles from; see `phraseKey`. */
export interface PhraseKey {
  /** The phrase as `normalise` folds it. */
  readonly text: string;
  /** Offsets in `text` (after the first) where a separator stood (`GAP_HARD`). */
  readonly gaps: readonly number[];
  /** Offsets in `text` where a decimal point stood (`GAP_DECIMAL`). */
  readonly decimals: readonly number[];
}

/**
 * `normalise` without the map back to the original: the packs compile tens of thousands of phrases, and
 * only their text and gaps are needed.
 *
 * @example
 * phraseKey('tốt nhất'); // { text: 'totnhat', gaps: [3], decimals: [] }
 */
export const phraseKey = (phrase: string): PhraseKey => {
  const out = normaliseToScratch(phrase);
  const gaps: number[] = [];
  const decimals: number[] = [];
  for (let k = 0; k < out.length; k++) {
    const gap = out.gapBefore[k];
    if (gap === GAP_HARD && k > 0) gaps.push(k);
    if (gap === GAP_DECIMAL) decimals.push(k);
  }
  return { text: textOf(out.units, out.length), gaps, decimals };
};

/** The fast path: no markup and nothing to convert, so code units are read in place. */
const addInPlace = (out: Builder, original: string): void => {
  const { kind: asciiKind, folded: asciiFolded } = ascii();
  for (let offset = 0; offset < original.length; ) {
    const code = original.charCodeAt(offset);
    if (code >= 0x4e00 && code <= 0x9fff) emitUnit(out, code, offset, offset + 1);
    else if (code < 0x80) {
      const kind = asciiKind[code];
      if (kind === KEEP) emitUnit(out, asciiFolded[code] ?? code, offset, offset + 1);
      else if (kind === GAP) addSeparator(out, code);
      else if (kind === SOFT) out.pendingGap ||= GAP_SOFT;
    } else if (code < 0xd800 || code > 0xdbff || !isLowSurrogate(original.charCodeAt(offset + 1))) {
      addBmp(out, code, offset, offset + 1);
    } else {
      const cp = String.fromCodePoint(original.codePointAt(offset) ?? code);
      addAstral(out, cp, offset, offset + cp.length);
      offset += cp.length;
      continue;
    }
    offset++;
  }
};

// What a block tag (<p>, <br>) reads as in the decoded text: a paragraph separator, a gap.
const BLOCK_BREAK = '\u2029';

/**
 * Copy with markup: tags dropped (a block tag is a line break), each character reference replaced by the
 * character it stands for and spanning the whole reference, then traditional characters converted with
 * the decoded text around them, so 包&#36942; reads 包过 as 包過 does.
 */
const addDecoded = (out: Builder, original: string, markup: readonly Markup[]): void => {
  const cps: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  let next = 0;
  for (const cp of original) {
    const end = offset + cp.length;
    const mark = markup[next];
    if (mark !== undefined && offset >= mark.start) {
      // Markup inside a phrase (最<b>佳</b>, &#26368;佳) is no separator; a block tag is a line break.
      if (offset === mark.start) {
        const stands = mark.text === undefined ? (mark.gap ? BLOCK_BREAK : '') : mark.text;
        for (const ch of stands) {
          cps.push(ch);
          starts.push(mark.start);
          ends.push(mark.end);
        }
      }
      if (end >= mark.end) next++;
    } else {
      cps.push(cp);
      starts.push(offset);
      ends.push(end);
    }
    offset = end;
  }
  const simplified = simplifiedCodePoints(cps.join(''));
  for (let k = 0; k < cps.length; k++) {
    const cp = cps[k] ?? '';
    if (cp === '.' || cp === ',') addSeparator(out, cp.charCodeAt(0));
    else addCodePoint(out, simplified?.[k] ?? cp, starts[k] ?? 0, ends[k] ?? 0);
  }
};

/** Normalises into the scratch builder, valid until the next call. */
const normaliseToScratch = (original: string): Builder => {
  const markup = markupOf(original);
  const out = builder();
  if (markup.length > 0) addDecoded(out, original, markup);
  else {
    const simplified = simplifiedCodePoints(original);
    if (simplified === undefined) addInPlace(out, original);
    else {
      let offset = 0;
      let index = 0;
      for (const cp of original) {
        const end = offset + cp.length;
        if (cp === '.' || cp === ',') addSeparator(out, cp.charCodeAt(0));
        else addCodePoint(out, simplified[index] ?? cp, offset, end);
        offset = end;
        index++;
      }
    }
  }
  foldEvasions(out, original);
  if (MAY_BE_HAN.test(original) && ASCII_LETTER.test(original)) foldPinyin(out, original);
  const dialect = VIETNAMESE.test(original) ? withDialect(out, original) : out;
  scratch = dialect;
  return dialect;
};

// Latin letters with diacritics (Vietnamese writes them in nearly every word; English copy has none).
const VIETNAMESE = /[\u00c0-\u00ff\u0102-\u01b0\u1ea0-\u1ef9]/u;
// Chat and southern spellings of "không" (not): hok tái phát, ko tác dụng phụ, hông hiệu quả. As read (any
// look-alike, full-width or entity spelling folded), and "hong" only where written hông or hổng (hồng is pink).
const SLANG_WORDS: ReadonlySet<string> = new Set(['hok', 'khum', 'ko']);
const SOUTHERN_KHONG = /^h[ôổ]ng$/u;
const KHONG = 'khong';
const LOWER_H = 0x68;
const LOWER_K = 0x6b;

/**
 * Vietnamese copy with "không" spelt as chat or dialect writes it (hok, ko, hông, hổng, khum), each such
 * word, lower case as written, read as "khong"; every unit of it maps back to the whole word as written.
 * The result is a new builder when something changed (a word grows), else `out`.
 */
const withDialect = (out: Builder, original: string): Builder => {
  let result: Builder | undefined;
  for (let read = 0; read < out.length; ) {
    let end = read;
    // A word: letters with nothing or only decoration between them (k**hông is one word, not k and hông),
    // or a word spelt out one letter at a time with punctuation between them (h.o.k).
    if (
      isLetter(out.units[read]) &&
      (read === 0 || !touches(out.gapBefore[read]) || !isLetter(out.units[read - 1]))
    ) {
      end = read + 1;
      while (end < out.length && isLetter(out.units[end]) && touches(out.gapBefore[end])) end++;
      if (end === read + 1)
        while (end < out.length && spacedLetter(out, end) && punctuationBefore(out, original, end)) end++;
    }
    const from = out.starts[read] ?? 0;
    const to = out.ends[end - 1] ?? 0;
    // Every spelling starts with h or k: most words are not read as a string at all.
    const first = out.units[read];
    const read3 =
      end - read >= 2 && end - read <= 4 && (first === LOWER_H || first === LOWER_K)
        ? textOf(out.units.subarray(read, end), end - read)
        : '';
    const written = read3 === '' ? '' : original.slice(from, to).normalize('NFC');
    const slang =
      read3 !== '' &&
      (end >= out.length || !touches(out.gapBefore[end]) || !isLetter(out.units[end])) &&
      !UPPER.test(written) &&
      (SLANG_WORDS.has(read3) || (read3 === 'hong' && SOUTHERN_KHONG.test(written)));
    if (slang) {
      result ??= copyOf(out, read);
      for (let k = 0; k < KHONG.length; k++) {
        result.pendingGap = k === 0 ? (out.gapBefore[read] ?? 0) : 0;
        emitUnit(result, KHONG.charCodeAt(k), from, to);
      }
      read = end;
      continue;
    }
    const stop = Math.max(end, read + 1);
    if (result !== undefined)
      for (let k = read; k < stop; k++) {
        result.pendingGap = out.gapBefore[k] ?? 0;
        emitUnit(result, out.units[k] ?? 0, out.starts[k] ?? 0, out.ends[k] ?? 0);
      }
    read = stop;
  }
  if (result === undefined) return out;
  result.pendingGap = 0;
  return result;
};

/** Whether exactly one punctuation mark, no space, stands before unit `k` (the "." of h.o.k). */
const punctuationBefore = (out: Builder, original: string, k: number): boolean => {
  const from = out.ends[k - 1] ?? 0;
  return (out.starts[k] ?? 0) - from === 1 && !SPACE.test(original[from] ?? ' ');
};

/** A new builder holding the first `length` units of `out`. */
const copyOf = (out: Builder, length: number): Builder => {
  const copy = newBuilder(out.length + 16);
  copy.units.set(out.units.subarray(0, length));
  copy.starts.set(out.starts.subarray(0, length));
  copy.ends.set(out.ends.subarray(0, length));
  copy.gapBefore.set(out.gapBefore.subarray(0, length));
  copy.length = length;
  return copy;
};

/** An HTML tag or character reference in a copy: what it stands for, and whether it separates words. */
interface Markup {
  readonly start: number;
  readonly end: number;
  /** The character an entity stands for; undefined for a tag. */
  readonly text: string | undefined;
  readonly gap: boolean;
}

// A tag is a name and attributes (name, name=value, name="value"), as HTML writes them: "<A. tốt nhất >" is
// prose between angle brackets, not a tag, and must not hide the claim inside it.
const TAG_OR_ENTITY =
  /<\/?([a-z][a-z0-9]*)(?:\s+[a-z_:][-a-z0-9_:.]{0,40}(?:\s*=\s*(?:"[^"<>]{0,200}"|'[^'<>]{0,200}'|[^\s"'=<>`]{1,200}))?){0,20}\s*\/?>|&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
const BLOCK_TAGS = new Set([
  'p',
  'br',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
]);
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  shy: '\u00ad',
  zwj: '\u200d',
  zwnj: '\u200c',
};

const entityText = (ref: string): string | undefined => {
  if (!ref.startsWith('#')) return NAMED[ref.toLowerCase()];
  const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
    ? String.fromCodePoint(code)
    : undefined;
};

const markupMasks = new WeakMap<NormalisedText, Uint8Array | undefined>();

/**
 * Which UTF-16 units of a normalised text's original lie inside an HTML tag or character reference
 * (1), or undefined when it has none: the ";" of &#30496; or the "." of an attribute ends no sentence or
 * clause. Computed once per text.
 *
 * @example
 * markupMask(normalise('失&#30496;'))?.[2]; // 1
 */
export const markupMask = (n: NormalisedText): Uint8Array | undefined => {
  // Copy without "<" or "&" has no markup (see `markupOf`): no entry in the WeakMap for it.
  if (!n.original.includes('<') && !n.original.includes('&')) return undefined;
  if (markupMasks.has(n)) return markupMasks.get(n);
  const markup = markupOf(n.original);
  let mask: Uint8Array | undefined;
  if (markup.length > 0) {
    mask = new Uint8Array(n.original.length);
    for (const { start, end } of markup) mask.fill(1, start, end);
  }
  markupMasks.set(n, mask);
  return mask;
};

// Only copy that has a "<" or "&" pays for the scan.
const markupOf = (original: string): Markup[] => {
  if (!original.includes('<') && !original.includes('&')) return [];
  const found: Markup[] = [];
  for (const match of original.matchAll(TAG_OR_ENTITY)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[1] !== undefined) {
      found.push({ start, end, text: undefined, gap: BLOCK_TAGS.has(match[1].toLowerCase()) });
    } else {
      const text = entityText(match[2] ?? '');
      if (text !== undefined) found.push({ start, end, text, gap: false });
    }
  }
  return found;
};

const A = 0x61;
const Z = 0x7a;
const isLetter = (unit: number | undefined): boolean => unit !== undefined && unit >= A && unit <= Z;
// Digits and symbols that stand for letters inside a word (cl1nically, gu4ranteed, r3verses, $ave).
const LEET: ReadonlyMap<number, number> = new Map(
  [...('0o1i3e4a5s7t@a$s'.match(/../g) ?? [])].map((pair) => [pair.charCodeAt(0), pair.charCodeAt(1)]),
);
// Chinese financial numerals (大写数字) are the everyday digits in disguise: 第壹 is 第一.
const FINANCIAL: ReadonlyMap<number, number> = new Map(
  [...('壹一贰二叁三肆四伍五陆六柒七捌八玖九拾十'.match(/../gu) ?? [])].map((pair) => [
    pair.charCodeAt(0),
    pair.charCodeAt(1),
  ]),
);

// Every financial numeral is a CJK unified ideograph.
const FIRST_CJK = 0x4e00;
if ([...FINANCIAL.keys()].some((code) => code < FIRST_CJK) || [...LEET.keys()].some((code) => code >= 0x80))
  throw new Error('normaliser: a LEET key must be ASCII and a FINANCIAL key CJK');
// The same two tables as arrays read once per unit (0: not a disguise), instead of a Map look-up per unit
// of every copy.
const LEET_UNITS = new Uint8Array(0x80);
for (const [code, letter] of LEET) LEET_UNITS[code] = letter;
const FINANCIAL_UNITS = new Uint16Array(0x10000);
for (const [code, digit] of FINANCIAL) FINANCIAL_UNITS[code] = digit;

const LOWER_L = 0x6c;
// "#" before a number (America's #1): an "l" right after it is the digit (#l).
const NUMBER_SIGN = 0x23;

/** Whether unit `k` is a letter standing alone between separators. */
const spacedLetter = (out: Builder, k: number): boolean =>
  k >= 0 &&
  k < out.length &&
  isLetter(out.units[k]) &&
  (k === 0 || out.gapBefore[k] !== 0) &&
  (k + 1 >= out.length || out.gapBefore[k + 1] !== 0);

/** How many digits follow from unit `k` on, nothing or only decoration between them (at most 4). */
const digitsFrom = (out: Builder, k: number): number => {
  let end = k;
  while (
    end < out.length &&
    end < k + 4 &&
    isDigit(out.units[end]) &&
    (end === k || out.gapBefore[end] === 0 || out.gapBefore[end] === GAP_SOFT)
  )
    end++;
  return end - k;
};

/** Whether a number starts at unit `k` and ends a word (l00% is 100%; l0st is lost, not 10st). */
const numberFollows = (out: Builder, k: number): boolean => {
  let end = k;
  while (end < out.length && isDigit(out.units[end]) && (end === k || out.gapBefore[end] !== GAP_HARD)) end++;
  return end > k && !(end < out.length && out.gapBefore[end] === 0 && isLetter(out.units[end]));
};

const SPACE = /\s/;
/**
 * Whether the single letter at unit `k` is one letter of a word spelt out with punctuation between its
 * letters (the l of "l.á"): a punctuation mark, not a space, joins it to another lone letter.
 */
const inSpacedWord = (out: Builder, original: string, k: number): boolean => {
  const before = original[(out.starts[k] ?? 0) - 1];
  const after = original[out.ends[k] ?? 0];
  return (
    (after !== undefined && !SPACE.test(after) && spacedLetter(out, k + 1)) ||
    (before !== undefined && !SPACE.test(before) && spacedLetter(out, k - 1))
  );
};
const ONE = 0x31;
const ZERO = 0x30;
const LOWER_O = 0x6f;
const LING = 0x96f6; // 零
/** Whether the unit before (`previous`, joined or not) continues a word or a number. */
const joinedToWord = (previous: number | undefined, joined: boolean): boolean =>
  joined && (isLetter(previous) || isDigit(previous));
const isCapital = (unit: number): boolean =>
  (unit >= 0x41 && unit <= 0x5a) || (unit >= 0xff21 && unit <= 0xff3a);
/**
 * Whether the units before `write` are a word of two or more letters written in capitals (TOP of TOPl: a
 * lower-case l after it is the digit 1, as no word is written so).
 */
const afterCapitals = (out: Builder, original: string, write: number): boolean => {
  let k = write - 1;
  while (k >= 0 && isLetter(out.units[k]) && isCapital(original.charCodeAt(out.starts[k] ?? 0))) {
    if (out.gapBefore[k] !== 0 || k === 0) return write - k >= 2;
    k--;
  }
  return k < 0 ? false : write - 1 - k >= 2 && !isLetter(out.units[k]);
};

/** Whether `count` letters follow from unit `k` on, with nothing between them. */
const lettersFollow = (out: Builder, k: number, count: number): boolean => {
  for (let j = k; j < k + count; j++)
    if (j >= out.length || !isLetter(out.units[j]) || out.gapBefore[j] !== 0) return false;
  return true;
};

/**
 * Folds the evasions that live between characters, in place: a digit standing for a letter inside a
 * Latin word (cl1nically → clinically, N0.1 → no1), a lower-case "l" standing for the digit 1 (số l, top l,
 * #l, l00%), a letter stretched by repeating it (cuuures; every run of a letter is kept once, in phrases too,
 * so "guaranteed" and "guaranteeeed" both read guaranted, and spaced out: g.u.a.r.a.n.t.e.e.d), and
 * Chinese financial numerals. A dropped repeat's original span joins the letter it repeats, so evidence
 * still covers the whole written word. Decoration between two letters stays a soft gap; anywhere else
 * (beside a digit: 9🔥9% is two numbers) it separates like a space.
 */
const foldEvasions = (out: Builder, original: string): void => {
  const { units, starts, ends, gapBefore } = out;
  const length = out.length;
  let write = 0;
  for (let read = 0; read < length; read++) {
    let unit = units[read] ?? 0;
    let gap = gapBefore[read] ?? 0;
    const joined = gap === 0;
    const previous = write > 0 ? units[write - 1] : undefined;
    const next = read + 1 < length ? units[read + 1] : undefined;
    const nextJoined = next !== undefined && gapBefore[read + 1] === 0;
    // Both tables' keys are ASCII (LEET) or CJK (FINANCIAL): most units skip the look-up.
    const leet = unit < 0x80 ? LEET_UNITS[unit] || undefined : undefined;
    if (leet !== undefined && joined && isLetter(previous)) {
      const before2 = write > 1 && gapBefore[write - 1] === 0 ? units[write - 2] : undefined;
      const wordEnd = !nextJoined || !isLetter(next);
      if (
        (nextJoined && isLetter(next)) ||
        (wordEnd && isLetter(before2) && (unit === 0x30 || unit === 0x33)) ||
        (unit === 0x30 && previous === 0x6e && (write === 1 || gapBefore[write - 1] !== 0))
      ) {
        unit = leet;
      }
    } else if (unit === ZERO && !joinedToWord(previous, joined)) {
      // A zero opening a word stands for the letter (0NLY, T0DAY 0NLY) before three letters, and for 零
      // before a Chinese character (0风险, 0添加): the numeral copy writes instead.
      if (lettersFollow(out, read + 1, 3)) unit = LOWER_O;
      else if (
        (nextJoined || gapBefore[read + 1] === GAP_SOFT) &&
        next !== undefined &&
        next >= FIRST_CJK &&
        next <= 0x9fff
      )
        unit = LING;
    } else if (
      unit === LOWER_L &&
      original.charCodeAt(starts[read] ?? 0) === LOWER_L &&
      (write === 0 ||
        (gap === GAP_HARD && !isDigit(previous)) ||
        (joined &&
          (isHanUnit(previous) || previous === NUMBER_SIGN || afterCapitals(out, original, write)))) &&
      (next === undefined ||
        gapBefore[read + 1] === GAP_HARD ||
        (nextJoined && (numberFollows(out, read + 1) || isHanUnit(next)))) &&
      !inSpacedWord(out, original, read)
    ) {
      unit = ONE;
    }
    if (unit >= FIRST_CJK) unit = FINANCIAL_UNITS[unit] || unit;
    // Decoration inside a word or a number (gu✨aranteed, 10**0%) may split it or not; anywhere else it
    // separates like a space.
    if (gap === GAP_SOFT && !(isLetter(previous) && isLetter(unit)) && !(isDigit(previous) && isDigit(unit)))
      gap = GAP_HARD;
    // A full stop or comma between digits: a thousands separator before exactly three digits, else a
    // decimal point; after a digit that was a letter in disguise (N0.1), a separator after all.
    if (gap === GAP_IN_NUMBER)
      gap = !(isDigit(previous) && isDigit(unit)) ? GAP_HARD : digitsFrom(out, read) === 3 ? 0 : GAP_DECIMAL;
    const spacedOut =
      gap === GAP_HARD &&
      (write === 1 || (write > 1 && gapBefore[write - 1] !== 0)) &&
      (next === undefined || !nextJoined);
    // Decoration inside a word (cigaret**tes) joins the letters around it like nothing at all.
    if ((joined || gap === GAP_SOFT || spacedOut) && isLetter(unit) && unit === previous && write > 0) {
      ends[write - 1] = Math.max(ends[write - 1] ?? 0, ends[read] ?? 0);
      continue;
    }
    units[write] = unit;
    starts[write] = starts[read] ?? 0;
    ends[write] = ends[read] ?? 0;
    gapBefore[write] = gap;
    write++;
  }
  out.length = write;
};

// Latin letters, full-width ones included (ｚｕｉ佳): only a copy with some has a syllable to fold.
const ASCII_LETTER = /[a-zａ-ｚ]/i;
const UPPER = /\p{Lu}/u;
const isHanUnit = (unit: number | undefined): boolean =>
  unit !== undefined && ((unit >= 0x4e00 && unit <= 0x9fff) || (unit >= 0x3400 && unit <= 0x4dbf));
// Joined to the character beside it: nothing, markup or decoration (zui✨佳, di**一**) between them.
const touches = (gap: number | undefined): boolean => gap === 0 || gap === GAP_SOFT;
const ONLY_DECORATION = /^(?:[\p{Extended_Pictographic}\p{Cf}*_~`]|\ufe0f)*$/u;
const joinedAt = (out: Builder, original: string, k: number): boolean =>
  touches(out.gapBefore[k]) || ONLY_DECORATION.test(original.slice(out.ends[k - 1] ?? 0, out.starts[k] ?? 0));

const ONE_SPACE = /^\s$/u;
/**
 * Whether unit `k` is a Han character of Chinese spelt out with a space between characters (zui 优 惠 的, as
 * 最 优 惠 would be): one space before it and one space before the Han character after it.
 */
const inSpacedChinese = (out: Builder, original: string, k: number): boolean =>
  isHanUnit(out.units[k]) &&
  isHanUnit(out.units[k + 1]) &&
  ONE_SPACE.test(original.slice(out.ends[k - 1] ?? 0, out.starts[k] ?? 0)) &&
  ONE_SPACE.test(original.slice(out.ends[k] ?? 0, out.starts[k + 1] ?? 0));

/**
 * Folds a pinyin syllable written in place of a Chinese character (zui佳, 7tian瘦一圈, jiang三gāo, li省30%)
 * back into the character, in place: a run of lower-case Latin letters that touches a Han character (or a
 * digit beside one) and reads as the pinyin of a pack character that forms, with that neighbour, two
 * characters some pack phrase holds (`pinyinFold`). A run of several syllables (zuidi价, jiangxue压,
 * 8minzhi达) is read syllable by syllable from the Han character outwards, each folded while it forms a
 * pack pair with the character beside it; the rest stays as written. The character's original span is the
 * whole syllable, so evidence still covers what was written. Capitals (AI, CPA, TOP) and Latin words (app,
 * wifi) stay.
 */
const foldPinyin = (out: Builder, original: string): void => {
  const { units, starts, ends, gapBefore } = out;
  const length = out.length;
  let write = 0;
  const put = (unit: number, start: number, end: number, gap: number): void => {
    units[write] = unit;
    starts[write] = start;
    ends[write] = end;
    gapBefore[write] = gap;
    write++;
  };
  for (let read = 0; read < length; ) {
    let end = read;
    if (isLetter(units[read])) {
      end = read + 1;
      while (end < length && isLetter(units[end]) && touches(gapBefore[end])) end++;
    }
    // What stands before the run is what was written last (units before `write` may already be folded).
    // Only a run of two to twelve letters with a Han character or a digit beside it is looked at closely.
    const run = end - read;
    const near = run >= 2 && run <= MAX_PINYIN_RUN;
    const sideBefore = near && write > 0 ? units[write - 1] : undefined;
    const sideAfter = near && end < length ? units[end] : undefined;
    const before =
      (isHanUnit(sideBefore) || isDigit(sideBefore)) && joinedAt(out, original, read)
        ? sideBefore
        : undefined;
    const after =
      (isHanUnit(sideAfter) || isDigit(sideAfter)) &&
      (joinedAt(out, original, end) || inSpacedChinese(out, original, end))
        ? sideAfter
        : undefined;
    const nearHan =
      isHanUnit(before) ||
      isHanUnit(after) ||
      (isDigit(before) && isHanUnit(write > 1 ? units[write - 2] : undefined)) ||
      (isDigit(after) && isHanUnit(end + 1 < length ? units[end + 1] : undefined));
    // The characters on each side the syllable is read in (guo家级: 国 of 国家级, not 过 of 过家).
    const beforeText = nearHan && before !== undefined ? contextOf(out, write - 1, -1) : '';
    const afterText = nearHan && after !== undefined ? contextOf(out, end, 1) : '';
    let han: string | undefined;
    if (nearHan && run <= 6) {
      const written = original.slice(starts[read] ?? 0, ends[end - 1] ?? 0);
      if (!UPPER.test(written)) {
        han = pinyinFold(textOf(units.subarray(read, end), end - read), beforeText, afterText);
      }
    }
    if (han !== undefined) {
      zeroBeforeHan(out, original, write, read);
      put(han.charCodeAt(0), starts[read] ?? 0, ends[end - 1] ?? 0, gapBefore[read] ?? 0);
      read = end;
      continue;
    }
    const syllables =
      nearHan && run >= 3 ? syllablesOf(out, original, read, end, beforeText, afterText) : undefined;
    if (syllables !== undefined) {
      const { from, to, hans } = syllables;
      for (; read < from; read++)
        put(units[read] ?? 0, starts[read] ?? 0, ends[read] ?? 0, gapBefore[read] ?? 0);
      zeroBeforeHan(out, original, write, from);
      for (const [k, syllable] of hans.entries())
        put(
          syllable.han,
          starts[syllable.from] ?? 0,
          ends[syllable.to - 1] ?? 0,
          k === 0 ? (gapBefore[from] ?? 0) : 0,
        );
      read = to;
      continue;
    }
    const stop = Math.max(end, read + 1);
    for (; read < stop; read++)
      put(units[read] ?? 0, starts[read] ?? 0, ends[read] ?? 0, gapBefore[read] ?? 0);
  }
  out.length = write;
};

/**
 * The Han characters and digits that run on, joined, from unit `k` away from a syllable (`step` -1: before
 * it, nearest last; 1: after it), as many as `pinyinFold` weighs: guo家级 is 国 of 国家级, not 过 of 过家.
 */
const contextOf = (out: Builder, k: number, step: -1 | 1): string => {
  const { units, gapBefore } = out;
  let text = String.fromCharCode(units[k] ?? 0);
  for (
    let next = k + step;
    text.length < PINYIN_GRAM_MAX - 1 && next >= 0 && next < out.length;
    next += step
  ) {
    const unit = units[next];
    if (!(isHanUnit(unit) || isDigit(unit)) || !touches(gapBefore[step === 1 ? next : next + 1])) break;
    text = step === 1 ? text + String.fromCharCode(unit ?? 0) : String.fromCharCode(unit ?? 0) + text;
  }
  return text;
};

// The longest run of letters read as pinyin syllables, and the longest toneless syllable (zhuang).
const MAX_PINYIN_RUN = 12;
const MAX_SYLLABLE = 6;

interface Syllable {
  readonly from: number;
  readonly to: number;
  readonly han: number;
}

/**
 * A run of letters (units `read`..`end`) read as syllables from the Han character beside it outwards: from
 * its end when a character follows it (zuidi价 → 最低价, 8minzhi达 → 8min直达), else, or when nothing folds
 * so, from its start, then to its very end (降xueya神器 → 降血压神器). Each
 * syllable, the longest that folds first, is written in lower case and folds beside its neighbour: the
 * one touching the Han character only into a pack pair (`pinyinFold` with `pairOnly`: online课 stays),
 * the next ones also into a character that is a phrase alone (zuicong明 → 最聪明); reading stops at the
 * first that does not. Undefined when none
 * folds; else the units `from`..`to` the folded syllables cover.
 */
const syllablesOf = (
  out: Builder,
  original: string,
  read: number,
  end: number,
  before: string,
  after: string,
): { from: number; to: number; hans: Syllable[] } | undefined =>
  (isHanUnit(after.charCodeAt(0)) ? syllablesFrom(out, original, read, end, after, true) : undefined) ??
  (isHanUnit(before.charCodeAt(before.length - 1))
    ? syllablesFrom(out, original, read, end, before, false)
    : undefined);

const syllablesFrom = (
  out: Builder,
  original: string,
  read: number,
  end: number,
  context: string,
  fromEnd: boolean,
): { from: number; to: number; hans: Syllable[] } | undefined => {
  const { units, starts, ends } = out;
  // The characters beside the next syllable, the nearest first after it or last before it.
  let side = context;
  const hans: Syllable[] = [];
  let cut = fromEnd ? end : read;
  for (;;) {
    const left = fromEnd ? cut - read : end - cut;
    let found: Syllable | undefined;
    for (let size = Math.min(MAX_SYLLABLE, left); size >= 2 && found === undefined; size--) {
      const from = fromEnd ? cut - size : cut;
      const to = from + size;
      // The whole run was read as one syllable, with both its sides, before (foldPinyin).
      if (from === read && to === end) continue;
      if (UPPER.test(original.slice(starts[from] ?? 0, ends[to - 1] ?? 0))) continue;
      const han = pinyinFold(
        textOf(units.subarray(from, to), size),
        fromEnd ? undefined : side,
        fromEnd ? side : undefined,
        hans.length === 0,
      );
      if (han !== undefined) found = { from, to, han: han.charCodeAt(0) };
    }
    if (found === undefined) break;
    if (fromEnd) hans.unshift(found);
    else hans.push(found);
    side = fromEnd ? String.fromCharCode(found.han) + side : side + String.fromCharCode(found.han);
    cut = fromEnd ? found.from : found.to;
  }
  const first = hans[0];
  const last = hans[hans.length - 1];
  if (first === undefined || last === undefined) return undefined;
  // Read from its end, a run may start with a word that is no pinyin (8min直达, XX部委); read from its
  // start, it must be syllables to its end (能jiangtang is no 能驾 and "ngtang").
  if (!fromEnd && last.to !== end) return undefined;
  return { from: first.from, to: fromEnd ? end : last.to, hans };
};

/**
 * A zero standing alone before a syllable just folded into a Han character is the numeral 零 (0feng险 →
 * 零风险), as `foldEvasions` reads a zero before a Han character written as such.
 */
const zeroBeforeHan = (out: Builder, original: string, write: number, read: number): void => {
  const k = write - 1;
  // foldEvasions may have read it as the letter o (0feng: a zero before three letters).
  const zero =
    out.units[k] === ZERO || (out.units[k] === LOWER_O && original.charCodeAt(out.starts[k] ?? 0) === ZERO);
  if (k < 0 || !zero || !touches(out.gapBefore[read])) return;
  const joined = out.gapBefore[k] === 0 && k > 0;
  if (!joinedToWord(out.units[k - 1], joined)) out.units[k] = LING;
};

/**
 * The original UTF-16 range of a range of the normalised text.
 *
 * @example
 * originalRange(normalise('c.u.r.e'), 0, 4); // { start: 0, end: 7 }
 */
export const originalRange = (
  n: NormalisedText,
  start: number,
  end: number,
): { start: number; end: number } => {
  const from = n.starts[start];
  const to = n.ends[end - 1];
  if (from === undefined || to === undefined || end <= start) {
    throw new RangeError(`No original range for ${start}..${end} of a ${n.text.length}-unit text`);
  }
  return { start: from, end: to };
};

/**
 * A phrase as written, for comparing diacritics: NFKC, lower case, separators and invisibles removed,
 * diacritics kept. One entry per code point.
 *
 * @example
 * accentKey('Tốt  nhất!'); // ['t', 'ố', 't', 'n', 'h', 'ấ', 't']
 */
export const accentKey = (text: string): string[] =>
  [...text.normalize('NFKC').toLowerCase()].filter(inAccentKey);

// Whether a character counts in an accent key: the packs compile tens of thousands of Vietnamese phrases
// through `accentKey`, so each character is classified once (a bounded cache).
const accentKeyCache = new Map<string, boolean>();
const inAccentKey = (ch: string): boolean => {
  let kept = accentKeyCache.get(ch);
  if (kept === undefined) {
    kept = KEPT_SYMBOLS.has(ch) || !(SEPARATOR.test(ch) || INVISIBLE.test(ch));
    if (accentKeyCache.size < FOLD_CACHE_LIMIT) accentKeyCache.set(ch, kept);
  }
  return kept;
};
