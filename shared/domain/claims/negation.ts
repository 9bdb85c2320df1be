import type { Language } from '../event.ts';
import type { NormalisedText } from './normaliser.ts';
import { isAscii, markupMask, normalise, stripDiacritics } from './normaliser.ts';
import type { NegationCues } from './types.ts';

/**
 * Decides whether the phrase starting at unit `start` of a normalised text is negated. `condition`: the
 * phrase is the condition a predicate × object claim acts on (mụn, 失眠), so a cue that states an outcome
 * before it (không còn mụn, 不再失眠: the acne is gone) negates nothing (the pack's `negation.outcomes`).
 */
export type NegationCheck = (n: NormalisedText, start: number, condition?: boolean) => boolean;

const LOOK_BACK = 48;
const CLAUSE_END = new Set([...'。！？；，、,.!?;:\n'].map((ch) => ch.charCodeAt(0)));

/**
 * The first unit of the clause that holds unit `start`: negation does not cross a clause, so
 * "不含激素，第一品牌" and "No parabens, cures acne" still claim. Looks back at most `LOOK_BACK` characters.
 */
const clauseStart = (n: NormalisedText, start: number): number => {
  const at = n.starts[start] ?? n.original.length;
  let boundary = Math.max(0, at - LOOK_BACK);
  const markup = markupMask(n);
  for (let k = at - 1; k >= boundary; k--) {
    if (CLAUSE_END.has(n.original.charCodeAt(k)) && markup?.[k] !== 1) {
      boundary = k + 1;
      break;
    }
  }
  let unit = start;
  while (unit > 0 && (n.starts[unit - 1] ?? 0) >= boundary) unit--;
  return unit;
};

const hanCheck = (negation: NegationCues): NegationCheck => {
  const cues = negation.cues.map((cue) => normalise(cue).text);
  const pseudo = negation.pseudo.map((cue) => normalise(cue).text);
  const outcomes = [...pseudo, ...(negation.outcomes ?? []).map((cue) => normalise(cue).text)];
  const reach =
    Math.max(...cues.map((c) => c.length), ...outcomes.map((p) => p.length), 0) * 2 + negation.maxGap;
  const negates = (window: string) => (cue: string) => {
    const at = window.lastIndexOf(cue);
    return at >= 0 && window.length - (at + cue.length) <= negation.maxGap;
  };
  return (n, start, condition = false) => {
    let window = n.text.slice(Math.max(clauseStart(n, start), start - reach), start);
    // Most phrases have no cue before them at all: decide that before blanking pseudo-cues.
    if (!cues.some(negates(window))) return false;
    for (const phrase of condition ? outcomes : pseudo)
      window = window.replaceAll(phrase, '\u0000'.repeat(phrase.length));
    return cues.some(negates(window));
  };
};

// ASCII is NFKC-stable: most clauses skip the normalisation.
const words = (text: string): string[] =>
  (isAscii(text) ? text : text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .match(/[\p{L}\p{N}\p{M}']+/gu) ?? [];

/** A cue or a word of the copy, with its bare form computed once. */
interface Word {
  readonly text: string;
  readonly bare: string;
}
const BARE_CACHE_LIMIT = 10_000;
const bareForms = new Map<string, string>();
const wordOf = (text: string): Word => {
  let bare = bareForms.get(text);
  if (bare === undefined) {
    bare = stripDiacritics(text);
    if (bareForms.size < BARE_CACHE_LIMIT) bareForms.set(text, bare);
  }
  return { text, bare };
};

// A clause written without diacritics matches a cue by its bare form ("khong" is không). In a clause
// that has diacritics a bare word is a real word of its own ("Cam kết" is not cấm, "dung dịch" is not
// đừng), and an accented word must match exactly (dùng "use" is not đừng "don't").
const sameWord = (word: Word, cue: Word, bareClause: boolean): boolean =>
  word.text === cue.text || (bareClause && word.bare === word.text && cue.bare === word.text);

const EMPTY: Word = { text: '', bare: '' };

const blankPseudo = (tokens: Word[], pseudo: readonly (readonly Word[])[], bareClause: boolean): Word[] => {
  const out = [...tokens];
  for (const phrase of pseudo) {
    for (let k = 0; k + phrase.length <= out.length; k++) {
      if (phrase.every((word, j) => sameWord(out[k + j] ?? EMPTY, word, bareClause))) {
        out.fill(EMPTY, k, k + phrase.length);
      }
    }
  }
  return out;
};

const wordCheck = (negation: NegationCues): NegationCheck => {
  const cues = negation.cues.map((cue) => wordOf(cue.normalize('NFC').toLowerCase()));
  const pseudo = negation.pseudo.map((phrase) => words(phrase).map(wordOf));
  const outcomes = [...pseudo, ...(negation.outcomes ?? []).map((phrase) => words(phrase).map(wordOf))];
  // `sameWord` against every cue, as two set look-ups: a word is a cue, or (in a bare clause) a bare
  // word is some cue's bare form.
  const cueTexts = new Set(cues.map((cue) => cue.text));
  const cueBares = new Set(cues.map((cue) => cue.bare));
  return (n, start, condition = false) => {
    const from = n.starts[clauseStart(n, start)] ?? 0;
    const clause = n.original.slice(from, n.starts[start] ?? n.original.length);
    const tokens = words(clause);
    const bareClause = isAscii(clause);
    const negates = (word: Word) =>
      cueTexts.has(word.text) || (bareClause && word.bare === word.text && cueBares.has(word.text));
    // Most phrases have no cue before them at all: decide that before blanking pseudo-cues. A bare clause
    // is ASCII, so each of its words is its own bare form: the words are looked up as they are.
    let cueNear = false;
    for (let k = Math.max(0, tokens.length - (negation.maxGap + 1)); k < tokens.length && !cueNear; k++) {
      const token = tokens[k] ?? '';
      cueNear = cueTexts.has(token) || (bareClause && cueBares.has(token));
    }
    if (!cueNear) return false;
    return blankPseudo(
      tokens.slice(-(negation.maxGap + 8)).map(wordOf),
      condition ? outcomes : pseudo,
      bareClause,
    )
      .slice(-(negation.maxGap + 1))
      .some(negates);
  };
};

/**
 * A negation check for a language: within the clause before a phrase, a cue at most `maxGap`
 * characters (Chinese) or words (others) away negates it ("本品不能代替药物", "does not cure").
 *
 * @example
 * negationCheck(EN_FTC_EU_PACK.negation, 'en')(normalise('This does not cure acne'), 13); // true
 */
export const negationCheck = (negation: NegationCues, language: Language): NegationCheck =>
  language === 'zh' ? hanCheck(negation) : wordCheck(negation);

/** Decides whether a span of a normalised text is asked in a yes/no question ending at original unit `mark`. */
export type QuestionCheck = (
  n: NormalisedText,
  span: { start: number; end: number },
  mark: number,
) => boolean;

// The words between a claim and its question mark that a yes/no question may hold ("được không?").
const QUESTION_TAIL = 40;

const hasPhrase = (tokens: readonly Word[], phrases: readonly (readonly Word[])[], bare: boolean): boolean =>
  phrases.some((phrase) =>
    tokens.some((_, k) => phrase.every((word, j) => sameWord(tokens[k + j] ?? EMPTY, word, bare))),
  );

/**
 * A check for yes/no questions (pack `questions`): the claim's clause opens with one of `opens` before it,
 * and one of `closes` is the last word before the question mark, at most a few words after the claim.
 *
 * @example
 * questionCheck({ opens: ['có'], closes: ['không'] })(normalise('Có chắc chắn đậu không?'), { start: 2, end: 13 }, 22); // true
 */
export const questionCheck = (
  questions: {
    readonly opens: readonly string[];
    readonly closes: readonly string[];
  },
  language?: Language,
): QuestionCheck => {
  if (language === 'zh') return hanQuestionCheck(questions);
  const opens = questions.opens.map((phrase) => words(phrase).map(wordOf));
  const closes = questions.closes.map((phrase) => words(phrase).map(wordOf));
  return (n, span, mark) => {
    const to = n.ends[span.end - 1] ?? 0;
    if (mark < to || mark - to > QUESTION_TAIL) return false;
    const tail = words(n.original.slice(to, mark)).map(wordOf);
    const from = n.starts[clauseStart(n, span.start)] ?? 0;
    const clause = n.original.slice(from, n.starts[span.start] ?? from);
    const bare = isAscii(clause + n.original.slice(to, mark));
    const last = tail.slice(-1);
    return (
      last.length === 1 &&
      closes.some((phrase) => phrase.length === 1 && sameWord(last[0] ?? EMPTY, phrase[0] ?? EMPTY, bare)) &&
      hasPhrase(words(clause).map(wordOf), opens, bare)
    );
  };
};

const SPACES = /\s+/gu;

/**
 * The same for Chinese, written without spaces: the particle that closes the question is fused to the word
 * before it (能治疗腰椎病吗？), so the text before the question mark ends with one of `closes`, and the
 * claim's clause holds one of `opens` before it.
 *
 * @example
 * hanQuestionCheck({ opens: ['能'], closes: ['吗'] })(normalise('这款枕头能治好颈椎病吗？'), { start: 5, end: 9 }, 11); // true
 */
const hanQuestionCheck = (questions: {
  readonly opens: readonly string[];
  readonly closes: readonly string[];
}): QuestionCheck => {
  const opens = questions.opens.map((phrase) => phrase.replace(SPACES, ''));
  const closes = questions.closes.map((phrase) => phrase.replace(SPACES, ''));
  return (n, span, mark) => {
    const to = n.ends[span.end - 1] ?? 0;
    if (mark < to || mark - to > QUESTION_TAIL) return false;
    const tail = n.original.slice(to, mark).replace(SPACES, '');
    const from = n.starts[clauseStart(n, span.start)] ?? 0;
    const clause = n.original.slice(from, n.starts[span.start] ?? from);
    return (
      closes.some((close) => close !== '' && tail.endsWith(close)) &&
      opens.some((open) => open !== '' && clause.includes(open))
    );
  };
};
