import type { Language } from '#shared/schemas/events.ts';
import { normalise, stripDiacritics } from './normaliser.ts';
import type { NegationCues } from './types.ts';

/** Decides whether the phrase starting at `start` (UTF-16 offset into `original`) is negated. */
export type NegationCheck = (original: string, start: number) => boolean;

const LOOK_BACK = 48;
const CLAUSE_END = /[。！？；，、,.!?;:\n]/u;

// Negation does not cross a clause: "不含激素，第一品牌" and "No parabens, cures acne" still claim.
const clauseBefore = (text: string, start: number): string => {
  const window = text.slice(Math.max(0, start - LOOK_BACK), start);
  for (let k = window.length - 1; k >= 0; k--) {
    if (CLAUSE_END.test(window[k] ?? '')) return window.slice(k + 1);
  }
  return window;
};

const hanCheck = (negation: NegationCues): NegationCheck => {
  const cues = negation.cues.map((cue) => normalise(cue).text);
  const pseudo = negation.pseudo.map((cue) => normalise(cue).text);
  return (original, start) => {
    let window = normalise(clauseBefore(original, start)).text;
    for (const phrase of pseudo) window = window.replaceAll(phrase, '\u0000'.repeat(phrase.length));
    return cues.some((cue) => {
      const at = window.lastIndexOf(cue);
      return at >= 0 && window.length - (at + cue.length) <= negation.maxGap;
    });
  };
};

const words = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .match(/[\p{L}\p{N}\p{M}']+/gu) ?? [];

// Text written without diacritics matches a cue by its bare form ("khong" is không), but an accented
// word must match exactly (dùng "use" is not đừng "don't").
const sameWord = (word: string, cue: string): boolean =>
  word === cue || (stripDiacritics(word) === word && stripDiacritics(cue) === word);

const blankPseudo = (tokens: string[], pseudo: readonly (readonly string[])[]): string[] => {
  const out = [...tokens];
  for (const phrase of pseudo) {
    for (let k = 0; k + phrase.length <= out.length; k++) {
      if (phrase.every((word, j) => sameWord(out[k + j] ?? '', word))) out.fill('', k, k + phrase.length);
    }
  }
  return out;
};

const wordCheck = (negation: NegationCues): NegationCheck => {
  const cues = negation.cues.map((cue) => cue.normalize('NFC').toLowerCase());
  const pseudo = negation.pseudo.map(words);
  return (original, start) => {
    const tokens = blankPseudo(words(clauseBefore(original, start)), pseudo);
    return tokens.slice(-(negation.maxGap + 1)).some((word) => cues.some((cue) => sameWord(word, cue)));
  };
};

/**
 * A negation check for a language: within the clause before a phrase, a cue at most `maxGap`
 * characters (Chinese) or words (others) away negates it ("本品不能代替药物", "does not cure").
 *
 * @example
 * negationCheck(EN_FTC_EU_PACK.negation, 'en')('This does not cure acne', 14); // true
 */
export const negationCheck = (negation: NegationCues, language: Language): NegationCheck =>
  language === 'zh' ? hanCheck(negation) : wordCheck(negation);
