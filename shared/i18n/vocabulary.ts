import { VOCABULARY_EN, type VocabularyId } from './catalogues/vocabulary/en.ts';
import { VOCABULARY_VI } from './catalogues/vocabulary/vi.ts';
import { VOCABULARY_ZH_CN } from './catalogues/vocabulary/zh-CN.ts';
import type { Locale } from './locales.ts';
import { type Catalogues, translator } from './translator.ts';

export const VOCABULARY_CATALOGUES: Catalogues<VocabularyId> = {
  en: VOCABULARY_EN,
  'zh-CN': VOCABULARY_ZH_CN,
  vi: VOCABULARY_VI,
};

const translate = translator(VOCABULARY_CATALOGUES);

const known = (id: string): id is VocabularyId => id in VOCABULARY_EN;

/**
 * A domain word in `locale`: a level (`red`), a risk type (`budget`) or a matrix label (`high`); a word the
 * catalogue does not know (a manager's own label) as written.
 *
 * @example domainWord('vi', 'grade', 'severe') // 'Nghiêm trọng'
 * @example domainWord('zh-CN', 'grade', 'Very high') // 'Very high'
 */
export const domainWord = (locale: Locale, kind: 'level' | 'riskType' | 'grade', word: string): string => {
  const id = `${kind}.${word}`;
  return known(id) ? translate(locale, id) : word;
};
