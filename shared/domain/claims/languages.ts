import type { Language } from '../event.ts';

const HAN = /\p{Script=Han}/gu;
// Letters only Vietnamese uses among the languages packs cover (ă â đ ê ô ơ ư and the tone marks on them).
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;
const ENGLISH_WORDS = new Set(
  'and with your you our for this that are is of from will get free best new'.split(' '),
);
const LATIN_WORD = /[a-z']+/g;
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
  if (!ascii && declared !== 'zh' && (text.match(HAN)?.length ?? 0) >= 4) present.add('zh');
  if (!ascii && declared !== 'vi' && (text.match(VIETNAMESE)?.length ?? 0) >= 3) present.add('vi');
  if (declared !== 'en') {
    const english = (text.toLowerCase().match(LATIN_WORD) ?? []).filter((word) => ENGLISH_WORDS.has(word));
    if (english.length >= 2 && new Set(english).size >= 2) present.add('en');
  }
  return [...present];
};
