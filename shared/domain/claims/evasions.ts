import EVASIONS from './packs/compiled/evasions.json' with { type: 'json' };

/**
 * The evasion tables `npm run packs` derives from Unicode's confusables data and from pinyin-pro
 * (scripts/evasion-tables.ts): only these compact tables ship, never the libraries.
 */
export interface EvasionTables {
  /** Look-alike characters (`from`, code point by code point) and what they imitate (`to`). */
  readonly confusables: { readonly from: string; readonly to: string };
  /** `<han><toneless pinyin>` pairs separated by spaces, for the Han characters the packs use. */
  readonly pinyin: string;
}

const tables: EvasionTables = EVASIONS;

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
    const from = [...tables.confusables.from];
    const to = [...tables.confusables.to];
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
    tables.pinyin
      .split(' ')
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
