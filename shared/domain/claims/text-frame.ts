import type { NormalisedText } from './normaliser.ts';
import { markupMask, withVowelI } from './normaliser.ts';
import { countAtMost } from './sorted.ts';

/**
 * Where the sentences and quotations of a copy are, per unit of its normalised text: a predicate and its
 * object must share a sentence, and a claim quoted to be refuted (别再相信“三天美白”这种神话) is none.
 * Built in one pass over the original text.
 */
export interface TextFrame {
  /** The index of the sentence that holds normalised unit `unit`. */
  sentenceOf(unit: number): number;
  /** Whether a span lies inside a title in 《》 (a film, a book, a law: 《最好的我们》 makes no claim). */
  inTitle(span: { readonly start: number; readonly end: number }): boolean;
  /**
   * Whether a span is one capitalised word in the middle of a sentence after another capitalised word,
   * or the first word of the copy before another capitalised one: a name (Quán Phở Nhất, Nhất Phương shop),
   * not a claim.
   */
  isName(span: { readonly start: number; readonly end: number }): boolean;
  /** Whether a span is a house number: "No. 1 High Street", "số 1 Lê Lợi" (a capitalised name follows). */
  isAddress(span: { readonly start: number; readonly end: number }): boolean;
  /**
   * Whether a clause ends between two spans of one sentence (a comma, semicolon or colon between them):
   * 白头发全变黑了，脱发也止住了 pairs 脱发 with 止住, not with 变黑 across the comma.
   */
  clauseBreakBetween(
    first: { readonly start: number; readonly end: number },
    second: { readonly start: number; readonly end: number },
  ): boolean;
  /**
   * Whether a span opens its sentence: it stands in the sentence's first clause, at most a few units after
   * its start (我的鼻炎十几年了，…).
   */
  opensSentence(span: { readonly start: number; readonly end: number }): boolean;
  /**
   * Whether a span closes its clause: a clause or sentence ends right after it, or after one final particle
   * (现在都好了。 晚上不咳了， 彻底好啦).
   */
  closesClause(span: { readonly start: number; readonly end: number }): boolean;
  /**
   * Where the question mark that ends the sentence holding unit `unit` stands in the original (the first
   * mark of a run: "không?!"), or undefined when that sentence is no question.
   */
  questionMarkOf(unit: number): number | undefined;
  /**
   * Whether a debunking cue (别再相信, "don't believe", "myth") frames the span: in its sentence, or right
   * after it when the span is asked as a question and the cue answers it (减肥药？我们不卖。).
   */
  debunks(
    cue: { readonly start: number; readonly end: number },
    span: { readonly start: number; readonly end: number },
  ): boolean;
}

// Sentence ends. A full stop ends a sentence only before a space or the end ("No.1", "3.5" go on), and not
// after a dotted abbreviation the sentence goes on from (U.S. and …).
const SENTENCE_END = new Set([...'。！？!?；;\n…'].map((ch) => ch.charCodeAt(0)));
const FULL_STOP = '.'.charCodeAt(0);
const isSpaceOrNewline = (code: number): boolean => code === 32 || code === 10;
const OPENING = new Set([...'“「『‘《"\''].map((ch) => ch.charCodeAt(0)));
const CLOSING: ReadonlyMap<number, number> = new Map(
  [
    ['“', '”'],
    ['「', '」'],
    ['『', '』'],
    ['‘', '’'],
    ['《', '》'],
    ['"', '"'],
    ["'", "'"],
  ].map(([open = '', close = '']) => [open.charCodeAt(0), close.charCodeAt(0)]),
);
// A cue refutes a claim at most this many normalised units before it ("别再相信三天美白") or after it
// (“三天美白”这种神话, "miracle cure" myths) when the claim is not in quotes.
const NEAR_BEFORE = 12;
// "No. 1", "No 1", "số 1", "N° 1": a ranking, or a house number when a street name follows.
const NUMBER_ONE = /^(?:no\.?|n°|số)\s*1$/iu;
const STREET =
  /\b(?:street|st|road|rd|avenue|ave|place|square|lane|way|boulevard|blvd)\b|đường|phố|ngõ|hẻm|quận|phường/iu;
const ADDRESS_BEFORE = /(?:\bat|\bfrom|\bnear|\bto|tại|ở|địa chỉ|số nhà)\s*:?\s*$/iu;
const NEAR_AFTER = 6;
// How far into a copy a name may open it (after an emoji or a bullet or two).
const NAME_OPENING = 24;
// A claim asked as a question and refused right after it (考前押题？不存在的。): the refusal starts at most
// this many normalised units after the question's end.
const NEAR_REFUSAL = 4;
const QUESTION_MARKS = new Set([...'?？'].map((ch) => ch.charCodeAt(0)));
// What ends a clause inside a sentence.
const CLAUSE_END = /[，,；;：:]/;
// What ends a clause or a sentence: what may follow a span that closes its clause (closesClause).
const CLAUSE_OR_SENTENCE_END =
  /^(?:[\s\p{Extended_Pictographic}]|\ufe0f)*(?:[，,；;：:。！？!?…~～]|\.(?:\s|$)|\n|$)/u;
// A final particle a clause may end with after its outcome (好了呀, 不疼了呢).
const FINAL_PARTICLE = /^(?:了|啦|呀|啊|呢|哦|喔|嘛|的)/u;
// How far into its sentence a span that opens it may start (我的, 多年的, an emoji before it).
const OPENING_LEAD = 6;

// What each code unit may do in the frame, one table read instead of three set look-ups per unit (most
// units do nothing): built on first use.
const ENDS_SENTENCE = 1;
const OPENS = 2;
const ASKS = 4;
let roles: Uint8Array | undefined;
const rolesTable = (): Uint8Array => {
  if (roles === undefined) {
    roles = new Uint8Array(0x10000);
    for (const code of SENTENCE_END) roles[code] = (roles[code] ?? 0) | ENDS_SENTENCE;
    for (const code of OPENING) roles[code] = (roles[code] ?? 0) | OPENS;
    for (const code of QUESTION_MARKS) roles[code] = (roles[code] ?? 0) | ASKS;
  }
  return roles;
};
const ELLIPSIS = 0x2026;
const LOWER_CASE = /\p{Ll}/u;
/**
 * Whether the mark at `k` is an ellipsis ("…", "...") that pauses a sentence rather than ending it: a
 * lower-case word goes on after it ("the heartburn just… stopped"). Looks at most a few spaces ahead.
 */
const pausesSentence = (original: string, k: number): boolean => {
  const code = original.charCodeAt(k);
  const ellipsis = code === ELLIPSIS || (code === FULL_STOP && k >= 2 && original.startsWith('..', k - 2));
  if (!ellipsis) return false;
  let next = k + 1;
  while (next < original.length && next - k <= 3 && original.charCodeAt(next) === 32) next++;
  return LOWER_CASE.test(original[next] ?? '');
};
// An abbreviation of letters each with its full stop (U.S., U.K., e.g., i.e.) ending at `k`.
const DOTTED_ABBREVIATION = /(?:^|[^\p{L}])(?:\p{L}\.){2,}$/u;
/**
 * Whether the full stop at `k` closes such an abbreviation inside a sentence: the sentence goes on in lower
 * case or with a number ("Made in USA of U.S. and imported parts").
 */
const inAbbreviation = (original: string, k: number): boolean => {
  if (!DOTTED_ABBREVIATION.test(original.slice(Math.max(0, k - 9), k + 1))) return false;
  let next = k + 1;
  while (next < original.length && next - k <= 3 && original.charCodeAt(next) === 32) next++;
  return /[\p{Ll}\p{N}]/u.test(original[next] ?? '');
};
const QUOTED = 1;
const TITLED = 2;

/**
 * The frame of a normalised text.
 *
 * @example
 * textFrame(normalise('Cures acne. Not really.')).sentenceOf(0); // 0
 */
export const textFrame = (n: NormalisedText): TextFrame => {
  const { original } = n;
  const role = rolesTable();
  // Where sentences end (the unit that ends each), in order: unit k is in sentence (ends before k). A copy
  // has a few, so the frame holds them rather than a sentence number per unit.
  const breaks: number[] = [];
  // Quoted and titled units, allocated at the first quotation mark or title (most copy has neither).
  let marks: Uint8Array | undefined;
  let titleDepth = 0;
  let index = 0;
  let closing = -1;
  // The sentences that end with a question mark.
  const questions = new Set<number>();
  const markup = markupMask(n);
  // A "!" written for the vowel i (tr! dứt điểm) is a letter, as the normaliser reads it: it ends nothing.
  const read = withVowelI(original);
  for (let k = 0; k < original.length; k++) {
    const code = read.charCodeAt(k);
    // Inside a tag or an entity (&#30496;, &quot;) nothing opens, closes or ends.
    if (markup?.[k] === 1) continue;
    if (code === 0x300a) titleDepth++;
    else if (code === 0x300b) titleDepth = Math.max(0, titleDepth - 1);
    else if (titleDepth > 0) {
      marks ??= new Uint8Array(original.length + 1);
      marks[k] = (marks[k] ?? 0) | TITLED;
    }
    if (closing >= 0) {
      if (code === closing) closing = -1;
      else {
        marks ??= new Uint8Array(original.length + 1);
        marks[k] = (marks[k] ?? 0) | QUOTED;
      }
    } else if (((role[code] ?? 0) & OPENS) !== 0) {
      // An apostrophe inside a word ("don't") opens nothing.
      const inWord = code === 39 && /\p{L}/u.test(original[k - 1] ?? '');
      if (!inWord) closing = CLOSING.get(code) ?? -1;
    }
    if (
      (((role[code] ?? 0) & ENDS_SENTENCE) !== 0 ||
        (code === FULL_STOP &&
          (k + 1 === original.length || isSpaceOrNewline(original.charCodeAt(k + 1))) &&
          !inAbbreviation(original, k))) &&
      !pausesSentence(original, k)
    ) {
      // A run of marks ("!!", "?!", "。。。") ends one sentence.
      const run = breaks.length > 0 && breaks[breaks.length - 1] === k - 1;
      if (((role[code] ?? 0) & ASKS) !== 0) questions.add(run ? index - 1 : index);
      if (run) breaks[breaks.length - 1] = k;
      else {
        breaks.push(k);
        index++;
      }
      closing = -1;
    }
  }
  // The sentence of original unit `at`: how many sentences end before it.
  const breakAt = (k: number): number => breaks[k] ?? 0;
  const sentenceAt = (at: number): number => countAtMost(breaks.length, breakAt, at - 1);
  // The first normalised unit that comes from after original unit `at`.
  const startAt = (k: number): number => n.starts[k] ?? 0;
  const firstUnitAfter = (at: number): number => countAtMost(n.starts.length, startAt, at);
  const quoted = (at: number): boolean => ((marks?.[at] ?? 0) & QUOTED) !== 0;
  const titled = (at: number): boolean => ((marks?.[at] ?? 0) & TITLED) !== 0;
  const sentenceOf = (unit: number): number => sentenceAt(n.starts[unit] ?? original.length);
  const isQuoted = (span: { start: number; end: number }): boolean => {
    const from = n.starts[span.start];
    const to = n.ends[span.end - 1];
    if (from === undefined || to === undefined) return false;
    return quoted(from) && quoted(to - 1);
  };
  const originalSpan = (span: { start: number; end: number }) => ({
    from: n.starts[span.start] ?? 0,
    to: n.ends[span.end - 1] ?? 0,
  });
  return {
    sentenceOf,
    questionMarkOf: (unit) => {
      const sentence = sentenceOf(unit);
      const last = breaks[sentence];
      if (!questions.has(sentence) || last === undefined) return undefined;
      let mark = last;
      while (mark > 0 && ((role[original.charCodeAt(mark - 1)] ?? 0) & ENDS_SENTENCE) !== 0) mark--;
      return mark;
    },
    opensSentence: (span) => {
      const sentence = sentenceOf(span.start);
      const from = sentence === 0 ? 0 : (breaks[sentence - 1] ?? 0) + 1;
      const to = n.starts[span.start] ?? 0;
      if (to - from > OPENING_LEAD * 2) return false;
      const lead = original.slice(from, to);
      return !CLAUSE_END.test(lead) && [...lead.replace(/\s/gu, '')].length <= OPENING_LEAD;
    },
    closesClause: (span) => {
      let after = n.ends[span.end - 1] ?? original.length;
      if (FINAL_PARTICLE.test(original.slice(after, after + 1))) after += 1;
      return CLAUSE_OR_SENTENCE_END.test(original.slice(after, after + 8));
    },
    clauseBreakBetween: (first, second) => {
      const from = n.ends[Math.min(first.end, second.end) - 1] ?? 0;
      const to = n.starts[Math.max(first.start, second.start)] ?? 0;
      return to > from && CLAUSE_END.test(original.slice(from, to));
    },
    inTitle: (span) => {
      const { from, to } = originalSpan(span);
      return titled(from) && titled(to - 1);
    },
    isAddress: (span) => {
      const { from, to } = originalSpan(span);
      if (!NUMBER_ONE.test(original.slice(from, to))) return false;
      const after = original.slice(to, to + 40);
      if (!/^\s+\p{Lu}/u.test(after)) return false;
      return STREET.test(after) || ADDRESS_BEFORE.test(original.slice(Math.max(0, from - 16), from));
    },
    isName: (span) => {
      const { from, to } = originalSpan(span);
      const words = original.slice(from, to);
      if (!/^\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*$/u.test(words)) return false;
      // One capitalised word after another (Quán Phở Nhất), or capitalised words after a lower-case one
      // (Cửa hàng Duy Nhất): a name, in the middle of a sentence, not its first word.
      const before = /(\p{L}+)\s+$/u.exec(original.slice(Math.max(0, from - 24), from));
      // The first word of the copy, capitalised and followed by another capitalised word: a name that opens
      // it (Nhất Phương shop áo dài, Nhất Nam Furniture).
      if (before === null)
        return (
          from < NAME_OPENING &&
          !/\s/.test(words) &&
          !/\p{L}/u.test(original.slice(0, from)) &&
          /^\s+\p{Lu}\p{Ll}/u.test(original.slice(to, to + 8))
        );
      if (/[.!?:;–—-]\s*$/.test(original.slice(0, from - before[0].length))) return false;
      const single = !/\s/.test(words);
      return single ? /^\p{Lu}/u.test(before[1] ?? '') : true;
    },
    debunks: (cue, span) => {
      const asked = sentenceOf(span.start);
      // Refused right after the question: every claim the question asks (Think detox teas melt fat? They
      // don't.).
      if (sentenceOf(cue.start) === asked + 1 && questions.has(asked))
        return cue.start - firstUnitAfter(breaks[asked] ?? 0) <= NEAR_REFUSAL;
      if (sentenceOf(cue.start) !== asked) return false;
      if (isQuoted(span)) return true;
      if (cue.end <= span.start) return span.start - cue.end <= NEAR_BEFORE;
      return cue.start >= span.end && cue.start - span.end <= NEAR_AFTER;
    },
  };
};
