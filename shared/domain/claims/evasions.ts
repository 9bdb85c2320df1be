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
   * Every run of two or three adjacent characters of the Chinese packs' phrases with at least one Han
   * character (a digit written 0), and `<han>*` for a phrase of one character, each followed by its weight
   * (how many pack phrases hold it, 1–9), space-separated and Brotli-compressed (base64): what tells which 立/力/理 "li" stands for in "li省30%", and that "bi" before
   * 吃药 is 比 (比吃药…) rather than 必 (必吃).
   */
  readonly pinyinGrams?: string;
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

/** A spelling of a phrase with pinyin in it: the text, and the one character it writes in pinyin (if one). */
export interface PinyinSpelling {
  readonly text: string;
  /** The index of the character written in pinyin, and its reading; absent when the whole phrase is. */
  readonly at?: number;
  readonly reading?: string;
}

/**
 * A Chinese phrase with one of its characters written in pinyin (zui佳, bao过), and a two-character word
 * written wholly in pinyin (zhiyu, baoguo): how copy dodges a word list. Phrases of one character, or
 * without pinyin, have none (a lone syllable is too many other words).
 *
 * @example
 * halfPinyin('最佳').map((spelling) => spelling.text); // ['zui佳', '最jia', 'zuijia']
 */
export const halfPinyin = (phrase: string): PinyinSpelling[] => {
  const chars = [...phrase];
  if (chars.filter((ch) => HAN.test(ch)).length < 2) return [];
  const readings = chars.map((ch) => (HAN.test(ch) ? pinyinOf(ch) : undefined));
  const half = chars.flatMap((_, k): PinyinSpelling[] => {
    const reading = readings[k];
    return reading === undefined
      ? []
      : [{ text: [...chars.slice(0, k), reading, ...chars.slice(k + 1)].join(''), at: k, reading }];
  });
  const whole = readings.every((reading) => reading !== undefined) && chars.length === 2;
  return whole ? [...half, { text: readings.join('') }] : half;
};

/** Whether every character of a phrase is a Han character. */
export const isAllHan = (chars: readonly string[]): boolean => chars.every((ch) => HAN.test(ch));

let syllables: ReadonlyMap<string, readonly string[]> | undefined;
let grams: ReadonlyMap<string, number> | undefined;
const DIGIT = /[0-9]/g;
/** The longest run of characters, the syllable's own with its neighbours, that `pinyinFold` weighs. */
export const PINYIN_GRAM_MAX = 3;
// A numeral in pinyin (wu分钟, san天) also reads as a digit before a pack phrase written with digits.
const NUMERALS = new Set('一二两三四五六七八九十');

const gramsOf = (): ReadonlyMap<string, number> => {
  if (grams === undefined) {
    const packed = evasionTables().pinyinGrams ?? '';
    const text = packed === '' ? '' : brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');
    const found = new Map<string, number>();
    for (const entry of text.split(' '))
      if (entry.length > 1) found.set(entry.slice(0, -1), Number(entry.slice(-1)));
    grams = found;
  }
  return grams;
};

interface Fit {
  /** How many characters after it it continues a pack phrase into (0: it makes no pair with them). */
  readonly after: number;
  /** How many characters before it a pack phrase runs into it from. */
  readonly before: number;
  /** Whether a pack phrase holds it with both its neighbours. */
  readonly across: boolean;
  /** How many pack phrases hold the grams it makes: the last tie-break (包治 over 保治). */
  readonly weight: number;
}

/**
 * How a candidate character for a syllable fits the characters around it: the longest gram of the packs'
 * phrases it starts with those after it, the longest it ends with those before it, and one across it.
 */
const fitOf = (han: string, left: string, right: string): Fit => {
  const known = gramsOf();
  const forms = [han];
  // A numeral counts what follows it (wu分钟, san天): only there does it also read as a digit.
  const counting = NUMERALS.has(han) ? [han, '0'] : forms;
  let weight = 0;
  const longest = (side: 'before' | 'after'): number => {
    const room = Math.min(PINYIN_GRAM_MAX - 1, side === 'after' ? right.length : left.length);
    // A longer gram holds the pair beside the syllable: without that pair, none (most candidates).
    const pairs = (side === 'after' ? counting : forms).some((form) =>
      known.has(side === 'after' ? `${form}${right.slice(0, 1)}` : `${left.slice(-1)}${form}`),
    );
    if (room === 0 || !pairs) return 0;
    for (let size = room; size > 0; size--)
      for (const form of side === 'after' ? counting : forms) {
        const gram = side === 'after' ? `${form}${right.slice(0, size)}` : `${left.slice(-size)}${form}`;
        const found = known.get(gram);
        if (found !== undefined) {
          weight += found;
          return size;
        }
      }
    return 0;
  };
  const after = longest('after');
  const before = longest('before');
  const across =
    PINYIN_GRAM_MAX >= 3 &&
    left !== '' &&
    right !== '' &&
    known.has(`${left.slice(-1)}${han}${right.slice(0, 1)}`);
  return { after, before, across, weight };
};

// A syllable most often stands for the first character of a word (zui佳, bao过, di一): how far it runs
// into the characters after it counts first, then how far a phrase before it runs into it.
const compare = (a: Fit, b: Fit): number =>
  a.after - b.after || a.before - b.before || Number(a.across) - Number(b.across) || a.weight - b.weight;

/**
 * The Han character of the packs that a pinyin syllable written beside other characters stands for: of the
 * characters it reads as, the one that runs furthest into the characters after it as a pack phrase does
 * ("bi" before 吃药 is 比 of 比吃药…, not 必 of 必吃; "guo" before 家级 is 国 of 国家级, not 过 of 过家; "li"
 * before 省 is 立 of 立省) — a syllable most often stands for the first character of a word — then the one
 * a pack phrase before it runs furthest into ("tian" after 7 is 天 of 7天), then the one both its
 * neighbours hold in one phrase, then the one more pack phrases hold so (包治 over 保治). When two
 * characters fit exactly alike, none: the syllable stays as written. Without any pair, a character that is a phrase on its own (zui香: 最) unless `pairOnly`.
 * `before` and `after` are the characters beside the syllable, nearest last and first (digits allowed).
 * Undefined when no such character exists: a Latin word beside Chinese (app, ins, wifi) stays what it is.
 *
 * @example
 * pinyinFold('li', undefined, '省'); // '立'
 * pinyinFold('bi', undefined, '吃药'); // '比'
 */
export const pinyinFold = (
  syllable: string,
  before: string | undefined,
  after: string | undefined,
  pairOnly = false,
): string | undefined => {
  const candidates = syllableTable().get(syllable);
  if (candidates === undefined) return undefined;
  const left = before?.replace(DIGIT, '0') ?? '';
  const right = after?.replace(DIGIT, '0') ?? '';
  // Compiling the packs folds the same syllable beside the same characters many times over.
  const key = `${syllable} ${left} ${right} ${pairOnly ? 1 : 0}`;
  const known = foldCache.get(key);
  if (known !== undefined) return known === '' ? undefined : known;
  const han = foldAmong(syllable, candidates, left, right, pairOnly);
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(key, han ?? '');
  return han;
};

const FOLD_CACHE_LIMIT = 50_000;
const foldCache = new Map<string, string>();

/** The pack characters each toneless syllable reads as. */
const syllableTable = (): ReadonlyMap<string, readonly string[]> => {
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
  return syllables;
};

let pairs: ReadonlyMap<string, ReadonlySet<string>> | undefined;

/**
 * The characters of a syllable that make a pair of the packs with a neighbour: `zui>佳` holds 最 (最佳),
 * `国<qi` holds 企 (国企). Every other candidate makes no gram at all with that neighbour, so `fitOf` would
 * weigh it 0 and 0: looked up once instead of weighing every candidate of the syllable.
 */
const pairTable = (): ReadonlyMap<string, ReadonlySet<string>> => {
  if (pairs === undefined) {
    const readings = new Map<string, string[]>();
    for (const [syllable, hans] of syllableTable())
      for (const han of hans) readings.set(han, [...(readings.get(han) ?? []), syllable]);
    const table = new Map<string, Set<string>>();
    const add = (key: string, han: string): void => {
      const found = table.get(key);
      if (found === undefined) table.set(key, new Set([han]));
      else found.add(han);
    };
    for (const gram of gramsOf().keys()) {
      const [first = '', second = '', ...rest] = [...gram];
      if (rest.length > 0 || second === '') continue;
      for (const reading of readings.get(first) ?? []) add(`${reading}>${second}`, first);
      for (const reading of readings.get(second) ?? []) add(`${first}<${reading}`, second);
    }
    pairs = table;
  }
  return pairs;
};

const foldAmong = (
  syllable: string,
  candidates: readonly string[],
  left: string,
  right: string,
  pairOnly: boolean,
): string | undefined => {
  let best: { han: string; fit: Fit } | undefined;
  let tied = false;
  const next = right.slice(0, 1);
  const previous = left.slice(-1);
  // A numeral in pinyin also reads as a digit before what it counts (wu天: the gram 0天).
  const numeralPairs = next !== '' && gramsOf().has(`0${next}`);
  const pairedAfter = next === '' ? undefined : pairTable().get(`${syllable}>${next}`);
  const pairedBefore = previous === '' ? undefined : pairTable().get(`${previous}<${syllable}`);
  const paired = (han: string): boolean =>
    pairedAfter?.has(han) === true || pairedBefore?.has(han) === true || (numeralPairs && NUMERALS.has(han));
  for (const han of pairedAfter !== undefined || pairedBefore !== undefined || numeralPairs
    ? candidates
    : []) {
    if (!paired(han)) continue;
    const fit = fitOf(han, left, right);
    if (fit.after + fit.before === 0) continue;
    const order = best === undefined ? 1 : compare(fit, best.fit);
    if (order > 0) best = { han, fit };
    tied = order === 0 || (tied && order < 0);
  }
  // Two characters the context fits exactly alike: the syllable stays as written, and each pack phrase's
  // own pinyin spelling (bao分, see `halfPinyin`) finds it.
  if (best !== undefined) return tied ? undefined : best.han;
  return pairOnly ? undefined : candidates.find((han) => gramsOf().has(`${han}*`));
};
