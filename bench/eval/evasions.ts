import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

/**
 * The tricks copywriters use to slip a banned claim past a filter, applied to the breach itself (the
 * corpus case's evidence) so `npm run eval` can re-test every flagged case under every kind. Each kind
 * rewrites the evidence substrings of a copy and says where they now stand, or is not applicable to that
 * copy (nothing to change).
 */

export type Lang = 'zh' | 'vi' | 'en';

/** A span of the rewritten copy that the engine must still flag. */
export interface Placed {
  readonly start: number;
  readonly end: number;
}

export interface Evaded {
  readonly text: string;
  readonly evidence: readonly Placed[];
}

export interface EvasionKind {
  readonly name: string;
  readonly languages: readonly Lang[];
  /** The rewritten evidence, or undefined when this kind leaves it as it is. */
  readonly rewrite: (evidence: string) => string | undefined;
}

const HAN = /\p{Script=Han}/u;
const LATIN_LETTER = /[A-Za-z]/;

const changed = (before: string, after: string): string | undefined => (after === before ? undefined : after);

/** Rewrites the first word of at least `min` Latin letters (diacritics allowed) with `f`. */
const firstWord = (evidence: string, min: number, f: (word: string) => string): string | undefined => {
  const match = new RegExp(`[\\p{L}]{${min},}`, 'u').exec(evidence);
  if (match === null) return undefined;
  const word = match[0];
  return changed(
    evidence,
    evidence.slice(0, match.index) + f(word) + evidence.slice(match.index + word.length),
  );
};

const midpoint = (evidence: string): number => {
  const chars = [...evidence];
  return chars.slice(0, Math.max(1, Math.floor(chars.length / 2))).join('').length;
};

const FULLWIDTH_OFFSET = 0xfee0;
const CONFUSABLE: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  A: 'Α',
  B: 'Β',
  E: 'Ε',
  H: 'Η',
  K: 'Κ',
  M: 'Μ',
  O: 'Ο',
  T: 'Τ',
  一: 'ー',
};
const SMALL_CAPS = 'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ';
const LEET: Readonly<Record<string, string>> = { i: '1', e: '3', a: '4', o: '0', s: '5' };
const CN_NUMERALS: Readonly<Record<string, string>> = {
  一: '壹',
  二: '贰',
  三: '叁',
  四: '肆',
  五: '伍',
  六: '陆',
  七: '柒',
  八: '捌',
  九: '玖',
  十: '拾',
};

let toTraditional: ((text: string) => string) | undefined;

export const EVASION_KINDS: readonly EvasionKind[] = [
  {
    name: 'fullwidth',
    languages: ['zh', 'vi', 'en'],
    rewrite: (evidence) =>
      changed(
        evidence,
        evidence.replace(/[A-Za-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + FULLWIDTH_OFFSET)),
      ),
  },
  {
    name: 'traditional',
    languages: ['zh'],
    rewrite: (evidence) => {
      const convert = toTraditional ?? OpenCC.Converter({ from: 'cn', to: 'tw' });
      toTraditional = convert;
      return changed(evidence, convert(evidence));
    },
  },
  {
    name: 'pinyin',
    languages: ['zh'],
    rewrite: (evidence) => {
      const chars = [...evidence];
      const at = chars.findIndex((ch) => HAN.test(ch));
      if (at < 0) return undefined;
      const syllable = pinyin(chars[at] ?? '', { toneType: 'none', type: 'string' });
      return changed(evidence, [...chars.slice(0, at), syllable, ...chars.slice(at + 1)].join(''));
    },
  },
  {
    name: 'spacing',
    languages: ['zh', 'vi', 'en'],
    rewrite: (evidence) =>
      HAN.test(evidence)
        ? changed(evidence, evidence.replace(/(\p{Script=Han})(?=\p{Script=Han})/gu, '$1 '))
        : firstWord(evidence, 3, (word) => [...word].join('.')),
  },
  {
    name: 'confusable',
    languages: ['zh', 'vi', 'en'],
    rewrite: (evidence) => changed(evidence, [...evidence].map((ch) => CONFUSABLE[ch] ?? ch).join('')),
  },
  {
    name: 'small-capitals',
    languages: ['vi', 'en'],
    rewrite: (evidence) =>
      firstWord(evidence, 3, (word) =>
        word.replace(/[a-z]/g, (ch) => SMALL_CAPS[ch.charCodeAt(0) - 97] ?? ch),
      ),
  },
  {
    name: 'leetspeak',
    languages: ['en'],
    rewrite: (evidence) =>
      changed(
        evidence,
        evidence.replace(/[A-Za-z]{4,}/g, (word) => {
          const at = [...word].findIndex((ch, k) => k > 0 && LEET[ch] !== undefined);
          return at < 0 ? word : word.slice(0, at) + (LEET[word[at] ?? ''] ?? '') + word.slice(at + 1);
        }),
      ),
  },
  {
    name: 'stretched',
    languages: ['vi', 'en'],
    rewrite: (evidence) =>
      firstWord(evidence, 4, (word) => word.replace(/[aeiouy]/i, (vowel) => vowel.repeat(3))),
  },
  {
    name: 'html-tag',
    languages: ['zh', 'vi', 'en'],
    rewrite: (evidence) => {
      const at = midpoint(evidence);
      return `${evidence.slice(0, at)}<b>${evidence.slice(at)}</b>`;
    },
  },
  {
    name: 'html-entity',
    languages: ['zh', 'vi', 'en'],
    rewrite: (evidence) => {
      const chars = [...evidence];
      const at = chars.findIndex((ch, k) => k > 0 && (HAN.test(ch) || LATIN_LETTER.test(ch)));
      if (at < 0) return undefined;
      return [...chars.slice(0, at), `&#${chars[at]?.codePointAt(0)};`, ...chars.slice(at + 1)].join('');
    },
  },
  {
    name: 'markdown',
    languages: ['zh', 'vi', 'en'],
    rewrite: (evidence) => {
      const at = midpoint(evidence);
      return `${evidence.slice(0, at)}**${evidence.slice(at)}**`;
    },
  },
  {
    name: 'zero-width',
    languages: ['zh', 'vi', 'en'],
    rewrite: (evidence) => {
      const at = midpoint(evidence);
      return at >= evidence.length ? undefined : `${evidence.slice(0, at)}\u200b${evidence.slice(at)}`;
    },
  },
  {
    name: 'no-diacritics',
    languages: ['vi'],
    rewrite: (evidence) =>
      changed(
        evidence,
        evidence
          .normalize('NFD')
          .replace(/\p{Mn}/gu, '')
          .replace(/đ/g, 'd')
          .replace(/Đ/g, 'D')
          .normalize('NFC'),
      ),
  },
  {
    name: 'emoji',
    languages: ['zh', 'vi'],
    rewrite: (evidence) => {
      const at = midpoint(evidence);
      return at >= evidence.length ? undefined : `${evidence.slice(0, at)}✨${evidence.slice(at)}`;
    },
  },
  {
    name: 'numeral',
    languages: ['zh', 'en', 'vi'],
    rewrite: (evidence) =>
      changed(
        evidence,
        evidence
          .replace(/[一二三四五六七八九十]/g, (ch) => CN_NUMERALS[ch] ?? ch)
          .replace(/\bNo\.?\s?1\b/g, 'N0.1')
          .replace(/(?<![\d.,])1(?![\d.,])/g, 'l'),
      ),
  },
];

/**
 * The copy with every evidence substring (its first free occurrence) rewritten by `kind`, and where the
 * rewritten evidence stands; undefined when the kind changes none of them.
 *
 * @example
 * evade('全网最佳', ['最佳'], pinyinKind); // { text: '全网zui佳', evidence: [{ start: 2, end: 6 }] }
 */
export const evade = (text: string, evidence: readonly string[], kind: EvasionKind): Evaded | undefined => {
  const taken: { start: number; end: number; replacement: string }[] = [];
  for (const phrase of evidence) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(phrase, from);
      if (start < 0) break;
      const end = start + phrase.length;
      if (taken.every((span) => end <= span.start || start >= span.end)) {
        taken.push({ start, end, replacement: kind.rewrite(phrase) ?? phrase });
        break;
      }
      from = start + 1;
    }
  }
  if (taken.every((span) => span.replacement === text.slice(span.start, span.end))) return undefined;
  taken.sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  const placed: Placed[] = [];
  for (const span of taken) {
    out += text.slice(cursor, span.start);
    placed.push({ start: out.length, end: out.length + span.replacement.length });
    out += span.replacement;
    cursor = span.end;
  }
  out += text.slice(cursor);
  return { text: out, evidence: placed };
};
