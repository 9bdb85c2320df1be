import type { DictLike } from 'opencc-js/core';
import { ConverterBuilder } from 'opencc-js/core';
import FROM_TAIWAN_STANDARD from 'opencc-js/from/tw';
import TO_MAINLAND_SIMPLIFIED from 'opencc-js/to/cn';

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
  /** 1 when a visible separator (space, punctuation, emoji) stood before unit `k` in the original. */
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

// Only the dictionaries of the one conversion used (Taiwan-standard traditional → mainland simplified):
// OpenCC's t2cn preset also carries the Hong Kong and Japanese ones, which the Lambda bundle would carry
// for nothing.
const PRESET = { from: { tw: FROM_TAIWAN_STANDARD }, to: { cn: TO_MAINLAND_SIMPLIFIED } } as const;

const dictEntries = (dict: DictLike): (readonly [string, string])[] =>
  typeof dict === 'string'
    ? dict.split('|').map((line): readonly [string, string] => {
        const [from = '', to = ''] = line.split(' ');
        return [from, to];
      })
    : [...dict];

const FROM = 'tw';
const TO = 'cn';

/**
 * Code points of which every OpenCC rewrite needs at least one: a text without any of them converts to
 * itself, so the conversion (~35 µs per 300 characters) is skipped for copy already written in simplified
 * Chinese. Each dictionary key is run through the converter itself (the chain round-trips some variants,
 * 温 → 溫 → 温); a phrase that changes while none of its characters does (a transliterated name)
 * contributes the characters it changes, or one of its own when its length changes.
 */
const convertibleCodePoints = (convert: (text: string) => string): ReadonlySet<number> => {
  const dicts = [...(PRESET.from[FROM] ?? []), ...(PRESET.to[TO] ?? [])].flat();
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
    const convert = ConverterBuilder(PRESET)({ from: FROM, to: TO });
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
type Kind = typeof KEEP | typeof GAP | typeof ATTACH | typeof DROP;
type Piece = readonly [string, Kind];

const kindOf = (ch: string): Kind => {
  if (KEPT_SYMBOLS.has(ch)) return KEEP;
  if (SEPARATOR.test(ch)) return GAP;
  if (MARK.test(ch)) return ATTACH;
  return INVISIBLE.test(ch) ? DROP : KEEP;
};

/** NFKC (full-width, circled, stylised letters), lower case and Latin folding of one code point. */
const foldCodePoint = (cp: string): readonly Piece[] => {
  const lowered = cp.normalize('NFKC').toLowerCase();
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
    else if (kind === GAP) out.pendingGap = 1;
    else if (kind === ATTACH) attachMark(out, start, end);
  }
};

const addCodePoint = (out: Builder, cp: string, start: number, end: number): void => {
  const code = cp.charCodeAt(0);
  // CJK unified ideographs are NFKC-stable and have no case: the common path for Chinese copy.
  if (code >= 0x4e00 && code <= 0x9fff) emitUnit(out, code, start, end);
  else addPieces(out, code < 0x80 ? (ascii().pieces[code] ?? []) : fold(cp), start, end);
};

const CHUNK = 4_096;
const textOf = (units: Uint16Array, length: number): string => {
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
  const simplified = simplifiedCodePoints(original);
  const out = builder();
  if (simplified === undefined) {
    // The fast path: no conversion, so code units are read in place.
    const { kind: asciiKind, folded: asciiFolded } = ascii();
    for (let offset = 0; offset < original.length; ) {
      const code = original.charCodeAt(offset);
      if (code >= 0x4e00 && code <= 0x9fff) emitUnit(out, code, offset, offset + 1);
      else if (code < 0x80) {
        const kind = asciiKind[code];
        if (kind === KEEP) emitUnit(out, asciiFolded[code] ?? code, offset, offset + 1);
        else if (kind === GAP) out.pendingGap = 1;
      } else {
        const cp = String.fromCodePoint(original.codePointAt(offset) ?? code);
        addPieces(out, fold(cp), offset, offset + cp.length);
        offset += cp.length;
        continue;
      }
      offset++;
    }
  } else {
    let offset = 0;
    let index = 0;
    for (const cp of original) {
      const end = offset + cp.length;
      addCodePoint(out, simplified[index] ?? cp, offset, end);
      offset = end;
      index++;
    }
  }
  scratch = out;
  return {
    original,
    text: textOf(out.units, out.length),
    starts: out.starts.slice(0, out.length),
    ends: out.ends.slice(0, out.length),
    gapBefore: out.gapBefore.slice(0, out.length),
  };
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
  [...text.normalize('NFKC').toLowerCase()].filter(
    (ch) => KEPT_SYMBOLS.has(ch) || !(SEPARATOR.test(ch) || INVISIBLE.test(ch)),
  );
