import { brotliDecompressSync } from 'node:zlib';
import { readPackData } from './packs/data.ts';

/**
 * The evasion tables `npm run packs` derives from Unicode's confusables data and from pinyin-pro
 * (scripts/evasion-tables.ts): only these compact tables ship, never the libraries.
 */
export interface EvasionTables {
  /** Look-alike characters (`from`, code point by code point) and what they imitate (`to`). */
  readonly confusables: { readonly from: string; readonly to: string };
  /** `<han><toneless pinyin>` pairs separated by spaces, for the Han characters the packs use. */
  readonly pinyin: string;
  /**
   * Every two adjacent characters of the Chinese packs' phrases with at least one Han character (a digit
   * written 0), concatenated and Brotli-compressed (base64): what tells which 立/力/理 "li" stands for in
   * "li省30%".
   */
  readonly pinyinPairs?: string;
}

const isEvasionTables = (value: unknown): value is EvasionTables =>
  typeof value === 'object' &&
  value !== null &&
  'confusables' in value &&
  typeof value.confusables === 'object' &&
  'pinyin' in value &&
  typeof value.pinyin === 'string';

let loaded: EvasionTables | undefined;
/** The tables, read on first use (compiled/evasions.json, see packs/data.ts). */
const evasionTables = (): EvasionTables => {
  if (loaded === undefined) {
    const value = readPackData('evasions.json');
    if (!isEvasionTables(value))
      throw new TypeError('compiled/evasions.json does not hold the evasion tables (run npm run packs)');
    loaded = value;
  }
  return loaded;
};

let folds: ReadonlyMap<string, string> | undefined;
/**
 * The character a look-alike imitates (Cyrillic с → c, small capital ᴄ → c, katakana ー → 一), or
 * undefined.
 *
 * @example
 * confusableOf('ᴄ'); // 'c'
 */
export const confusableOf = (ch: string): string | undefined => {
  if (folds === undefined) {
    const from = [...evasionTables().confusables.from];
    const to = [...evasionTables().confusables.to];
    folds = new Map(from.map((ch, k) => [ch, to[k] ?? ch]));
  }
  return folds.get(ch);
};

let readings: ReadonlyMap<string, string> | undefined;
/**
 * The toneless pinyin of a Han character a pack uses, or undefined.
 *
 * @example
 * pinyinOf('最'); // 'zui'
 */
export const pinyinOf = (ch: string): string | undefined => {
  readings ??= new Map(
    evasionTables()
      .pinyin.split(' ')
      .filter((pair) => pair.length > 1)
      .map((pair) => {
        const [han = ''] = [...pair];
        return [han, pair.slice(han.length)];
      }),
  );
  return readings.get(ch);
};

const HAN = /^\p{Script=Han}$/u;

/**
 * A Chinese phrase with one of its characters written in pinyin (zui佳, bao过), and a two-character word
 * written wholly in pinyin (zhiyu, baoguo): how copy dodges a word list. Phrases of one character, or
 * without pinyin, have none (a lone syllable is too many other words).
 *
 * @example
 * halfPinyin('最佳'); // ['zui佳', '最jia', 'zuijia']
 */
export const halfPinyin = (phrase: string): string[] => {
  const chars = [...phrase];
  if (chars.filter((ch) => HAN.test(ch)).length < 2) return [];
  const readings = chars.map((ch) => (HAN.test(ch) ? pinyinOf(ch) : undefined));
  const half = chars.flatMap((_, k) => {
    const reading = readings[k];
    return reading === undefined ? [] : [[...chars.slice(0, k), reading, ...chars.slice(k + 1)].join('')];
  });
  const whole = readings.every((reading) => reading !== undefined) && chars.length === 2;
  return whole ? [...half, readings.join('')] : half;
};

let syllables: ReadonlyMap<string, readonly string[]> | undefined;
let pairs: ReadonlySet<string> | undefined;
const DIGIT = /[0-9]/g;

/**
 * The Han character of the packs that a pinyin syllable written beside another character stands for: the
 * one whose reading it is and that makes, with that neighbour, two characters some pack phrase holds
 * ("li" before 省 is 立 of 立省, "tian" after 7 is 天 of 7天), else a character that is a phrase on its own
(zui香: 最) unless `pairOnly`. Undefined when no such character exists: a
 * Latin word beside Chinese (app, ins, wifi) stays what it is.
 *
 * @example
 * pinyinFold('li', undefined, '省'); // '立'
 */
export const pinyinFold = (
  syllable: string,
  before: string | undefined,
  after: string | undefined,
  pairOnly = false,
): string | undefined => {
  if (syllables === undefined) {
    const bySyllable = new Map<string, string[]>();
    for (const pair of evasionTables().pinyin.split(' ')) {
      const [han = ''] = [...pair];
      const reading = pair.slice(han.length);
      if (han === '' || reading === '') continue;
      bySyllable.set(reading, [...(bySyllable.get(reading) ?? []), han]);
    }
    syllables = bySyllable;
  }
  const candidates = syllables.get(syllable);
  if (candidates === undefined) return undefined;
  if (pairs === undefined) {
    const packed = evasionTables().pinyinPairs ?? '';
    const text = packed === '' ? '' : brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');
    const found = new Set<string>();
    const chars = [...text];
    for (let k = 0; k + 1 < chars.length; k += 2) found.add(`${chars[k]}${chars[k + 1]}`);
    pairs = found;
  }
  const left = before?.replace(DIGIT, '0');
  const right = after?.replace(DIGIT, '0');
  const known = pairs;
  const fits = (han: string, side: 'before' | 'after'): boolean =>
    side === 'before'
      ? left !== undefined && known.has(`${left}${han}`)
      : right !== undefined && known.has(`${han}${right}`);
  return (
    candidates.find((han) => fits(han, 'before') && fits(han, 'after')) ??
    // A syllable most often stands for the first character of a word (zui佳, bao过, di一).
    candidates.find((han) => fits(han, 'after')) ??
    candidates.find((han) => fits(han, 'before')) ??
    (pairOnly ? undefined : candidates.find((han) => known.has(`${han}*`)))
  );
};
