/**
 * The words search matches on, for the index and for the query alike, so the two cannot disagree:
 *
 * - letters and digits fold to one form: Unicode compatibility (full-width `ＡＢＣ１` = `ABC1`), lower case,
 *   no diacritics (`Nguyên nhân` = `nguyen nhan`, `đ` = `d`, `café` = `cafe`), so a Vietnamese reader who
 *   types without tone marks finds the text written with them;
 * - a run of Chinese (or Japanese) characters has no spaces between words, so it is indexed as its
 *   characters and its overlapping character pairs (bigrams, the classic CJK indexing of Lucene's CJK
 *   analyser): a query of one character matches the character, a longer one all of its pairs;
 * - a number keeps its digits whole (`10,000` and `10.000` are both `10000`);
 * - a few English function words (`the`, `of`, …) are not indexed: every case has them.
 *
 * Pure and linear in the text.
 */

/** Longer words (URLs, hashes) are cut to this many characters, in the index and in the query alike. */
export const MAX_TERM_LENGTH = 64;

/** Lucene's English stop words: in every English sentence, so a posting list of them finds nothing. */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'for',
  'if',
  'in',
  'into',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'such',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'they',
  'this',
  'to',
  'was',
  'will',
  'with',
]);

/** Scripts written without spaces between words. */
const IDEOGRAPHIC = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;

/**
 * A run of ideographs or kana, or a run of other letters and digits (a `.` or `,` between digits stays in
 * the number).
 */
const RUNS = new RegExp(
  String.raw`([${IDEOGRAPHIC}]+)|((?:[[\p{L}\p{N}]--[${IDEOGRAPHIC}]]|(?<=\p{N})[.,](?=\p{N}))+)`,
  'gv',
);

/** Compatibility form, lower case, no combining marks (`đ` has none to strip, so it is spelled out). */
export const foldText = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd').normalize('NFC');

const cut = (term: string): string => [...term].slice(0, MAX_TERM_LENGTH).join('');

/** A word of letters and digits as a term; a number's separators dropped; undefined for a stop word. */
const wordTerm = (word: string): string | undefined => {
  const term = /^\p{N}/u.test(word) ? word.replace(/[.,]/g, '') : word;
  if (term === '' || STOP_WORDS.has(term)) return undefined;
  return cut(term);
};

const characters = (run: string): string[] => [...run];

/**
 * The terms a text is indexed under: each word once, each ideograph and each pair of neighbouring
 * ideographs once, in order of first appearance.
 *
 * @example indexTerms('Nguyên nhân: 美白三天') // ['nguyen', 'nhan', '美', '白', '三', '天', '美白', '白三', '三天']
 */
export const indexTerms = (text: string): string[] => {
  const terms = new Set<string>();
  for (const match of foldText(text).matchAll(RUNS)) {
    const [, ideographs, word] = match;
    if (ideographs !== undefined) {
      const chars = characters(ideographs);
      for (const char of chars) terms.add(char);
      for (let i = 0; i + 1 < chars.length; i += 1) terms.add(`${chars[i]}${chars[i + 1]}`);
    } else if (word !== undefined) {
      const term = wordTerm(word);
      if (term !== undefined) terms.add(term);
    }
  }
  return [...terms];
};

/**
 * The terms a query needs, all of them: its words, and for a run of ideographs its pairs (a single
 * ideograph itself). Empty when the query holds only stop words or punctuation.
 *
 * @example queryTerms('Ngân sách 美白') // ['ngan', 'sach', '美白']
 * @example queryTerms('白') // ['白']
 */
export const queryTerms = (query: string): string[] => {
  const terms = new Set<string>();
  for (const match of foldText(query).matchAll(RUNS)) {
    const [, ideographs, word] = match;
    if (ideographs !== undefined) {
      const chars = characters(ideographs);
      if (chars.length === 1) terms.add(ideographs);
      for (let i = 0; i + 1 < chars.length; i += 1) terms.add(`${chars[i]}${chars[i + 1]}`);
    } else if (word !== undefined) {
      const term = wordTerm(word);
      if (term !== undefined) terms.add(term);
    }
  }
  return [...terms];
};
