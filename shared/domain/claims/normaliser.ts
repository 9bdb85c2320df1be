import * as OpenCC from 'opencc-js';

/**
 * A text in the form the matcher scans, with a map back to the original. Each UTF-16 unit `k` of `text`
 * came from the original code point `original.slice(starts[k], ends[k])`, so any range of `text` maps
 * back to an exact, code-point-aligned substring of the original.
 */
export interface NormalisedText {
  readonly original: string;
  /** NFKC, lower case, simplified Chinese, Latin diacritics folded; separators and invisibles removed. */
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** Whether a visible separator (space, punctuation, emoji) stood before unit `k` in the original. */
  readonly gapBefore: readonly boolean[];
}

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const MARKS = /\p{M}/gu;
const INVISIBLE = /^[\p{Cf}\p{M}]$/u;
const MARK = /^\p{M}$/u;
// Spacing and punctuation inside a phrase are the cheapest evasions (最 佳, 最-佳, c.u.r.e), so they are
// removed, but these symbols carry meaning in claims (#1, 100%) and stay.
const SEPARATOR = /^[\s\p{Z}\p{P}\p{Extended_Pictographic}~^|`]$/u;
const KEPT_SYMBOLS = new Set(['#', '%', '&', '@']);

// Built on first use (~20 ms), then kept for the life of the process: a cache that is safe to lose.
let converter: ((text: string) => string) | undefined;
const toSimplifiedChinese = (text: string): string => {
  const convert = converter ?? OpenCC.Converter({ from: 'tw', to: 'cn' });
  converter = convert;
  return convert(text);
};

const codePointCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

/**
 * Traditional → simplified Chinese with OpenCC, code point for code point. A whole-text conversion reads
 * phrases better; when it would change the length, each character is converted alone so offsets hold.
 */
const simplifiedCodePoints = (text: string): readonly string[] => {
  if (!HAN.test(text)) return [...text];
  const whole = toSimplifiedChinese(text);
  if (codePointCount(whole) === codePointCount(text)) return [...whole];
  return [...text].map((ch) => {
    const converted = HAN.test(ch) ? toSimplifiedChinese(ch) : ch;
    return codePointCount(converted) === 1 ? converted : ch;
  });
};

/**
 * Removes Latin diacritics (Vietnamese tốt nhất → tot nhat; đ → d).
 *
 * @example
 * stripDiacritics('tốt nhất'); // 'tot nhat'
 */
export const stripDiacritics = (text: string): string =>
  text.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

/** NFKC (full-width, circled, stylised letters), lower case and Latin folding of one code point. */
const foldCodePoint = (cp: string): string => {
  const code = cp.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : cp;
  if (code >= 0x4e00 && code <= 0x9fff) return cp; // CJK unified ideographs are NFKC-stable
  const lowered = cp.normalize('NFKC').toLowerCase();
  return LATIN.test(lowered) ? stripDiacritics(lowered) : lowered;
};

interface Builder {
  text: string;
  starts: number[];
  ends: number[];
  gapBefore: boolean[];
  pendingGap: boolean;
}

const emit = (out: Builder, ch: string, start: number, end: number): void => {
  for (let unit = 0; unit < ch.length; unit++) {
    out.starts.push(start);
    out.ends.push(end);
    out.gapBefore.push(unit === 0 && out.pendingGap);
  }
  out.text += ch;
  out.pendingGap = false;
};

// A combining mark belongs to the character before it: evidence must not cut it off.
const attachMark = (out: Builder, start: number, end: number): void => {
  for (let k = out.ends.length - 1; k >= 0 && out.ends[k] === start; k--) out.ends[k] = end;
};

const addCodePoint = (out: Builder, folded: string, start: number, end: number): void => {
  for (const ch of folded) {
    if (KEPT_SYMBOLS.has(ch)) emit(out, ch, start, end);
    else if (SEPARATOR.test(ch)) out.pendingGap = true;
    else if (MARK.test(ch)) attachMark(out, start, end);
    else if (!INVISIBLE.test(ch)) emit(out, ch, start, end);
  }
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
  const out: Builder = { text: '', starts: [], ends: [], gapBefore: [], pendingGap: false };
  let offset = 0;
  let index = 0;
  for (const cp of original) {
    const end = offset + cp.length;
    addCodePoint(out, foldCodePoint(simplified[index] ?? cp), offset, end);
    offset = end;
    index++;
  }
  return { original, text: out.text, starts: out.starts, ends: out.ends, gapBefore: out.gapBefore };
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
