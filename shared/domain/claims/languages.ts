import type { Language } from '../event.ts';

const HAN = /\p{Script=Han}/gu;
// Letters only Vietnamese uses among the languages packs cover (ă â đ ê ô ơ ư and the tone marks on them).
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;
const VIETNAMESE_LETTER = new RegExp(VIETNAMESE.source, 'iu');

/**
 * Whether a text holds a letter only Vietnamese writes (ă â đ ê ô ơ ư, the tone marks on them).
 *
 * @example
 * hasVietnameseLetters('hạt macca'); // true
 */
export const hasVietnameseLetters = (text: string): boolean => VIETNAMESE_LETTER.test(text);

/**
 * Frequent English words, function words and the commonest words of ad copy, none of which is also a
 * Vietnamese syllable typed without its marks (so no "to", "in", "the"-like "than", "day", "not", "but",
 * "can", "them"): two different ones mark English inside Chinese or Vietnamese copy.
 */
const ENGLISH_WORDS = new Set(
  [
    'and with your you our for this that are is of from will get free best new',
    'all more now just only off buy shop what when who how why they their have has had was were been',
    'one two three out about into over after before like make makes made take see look feel love real',
    'really every each any some most many very today week weeks month days time save sale order price',
    'results proven guaranteed clinically natural skin cream hair weight lose fast easy better world',
    'people year years use used works work help helps',
  ]
    .join(' ')
    .split(' '),
);
const NON_ASCII = /\P{ASCII}/u;

/**
 * The languages present in a copy: the one it was sent as, and any other the text plainly holds (a
 * Chinese copy with an English slogan, Vietnamese copy quoting Chinese): each is checked with its packs.
 *
 * @example
 * languagesOf('限时特惠 best seller in the world', 'zh'); // ['zh', 'en']
 */
export const languagesOf = (text: string, declared: Language): Language[] => {
  const present = new Set<Language>([declared]);
  // Plain ASCII holds neither Chinese nor Vietnamese letters: skip those scans (most English copy).
  const ascii = !NON_ASCII.test(text);
  if (!ascii && declared !== 'zh' && MAY_BE_HAN.test(text) && atLeast(HAN, text, 4)) present.add('zh');
  if (!ascii && declared !== 'vi' && atLeast(VIETNAMESE, text, 3)) present.add('vi');
  if (declared !== 'en' && hasEnglishWords(text.toLowerCase())) present.add('en');
  return [...present];
};

// Every Han character is at U+2E80 or above (or astral): a text without such a unit holds none.
const MAY_BE_HAN = /[\u2e80-\uffff]/;

// Whether a global expression matches `text` at least `count` times; stops counting there.
const atLeast = (expression: RegExp, text: string, count: number): boolean => {
  let found = 0;
  expression.lastIndex = 0;
  while (found < count && expression.exec(text) !== null) found++;
  expression.lastIndex = 0;
  return found >= count;
};

const ENGLISH_LENGTHS = [...ENGLISH_WORDS].map((word) => word.length);
const SHORTEST = Math.min(...ENGLISH_LENGTHS);
const LONGEST = Math.max(...ENGLISH_LENGTHS);
const APOSTROPHE = 39;

/**
 * Whether a lower-case text holds two different common English words: its runs of a–z and apostrophes
 * (the words `/[a-z']+/g` would match), read in place; only a run as long as some common word is compared.
 */
const hasEnglishWords = (lower: string): boolean => {
  let first: string | undefined;
  let start = -1;
  for (let k = 0; k <= lower.length; k++) {
    const code = k < lower.length ? lower.charCodeAt(k) : -1;
    if ((code >= 0x61 && code <= 0x7a) || code === APOSTROPHE) {
      if (start < 0) start = k;
      continue;
    }
    if (start < 0) continue;
    const length = k - start;
    if (length >= SHORTEST && length <= LONGEST) {
      const word = lower.slice(start, k);
      if (ENGLISH_WORDS.has(word)) {
        if (first !== undefined && first !== word) return true;
        first = word;
      }
    }
    start = -1;
  }
  return false;
};
