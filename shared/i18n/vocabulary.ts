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

/** The parts of a subject (shared/domain/case.ts `Subject`) its words are made of. */
interface SubjectParts {
  readonly brand?: string;
  readonly product?: string;
  readonly campaignId?: string;
  readonly channel?: string;
  readonly market?: string;
  readonly copyId?: string;
}

/**
 * What a case is about, in the reader's words, from its subject's parts: `campaign cmp-1 on facebook`,
 * `facebook 投放活动 cmp-1`, `mẫu quảng cáo c-1 của Acme (VN)`. A subject of an unknown kind keeps its stored
 * label.
 *
 * @example subjectText('vi', { key: 'spend|cmp-1|facebook', label: '…', campaignId: 'cmp-1', channel: 'facebook' })
 */
export const subjectText = (
  locale: Locale,
  subject: SubjectParts & { readonly key: string; readonly label: string },
): string => subjectWords(locale, subject.key.split('|')[0] ?? '', subject) ?? subject.label;

/**
 * The words for a subject of a kind (`spend`, `sentiment`, `ad-copy`), or undefined when a part it needs is
 * missing. The domain names new subjects with it in English (`subjectOf`).
 */
export const subjectWords = (locale: Locale, kind: string, parts: SubjectParts): string | undefined => {
  const { campaignId, channel, brand, product, copyId, market } = parts;
  if (kind === 'spend' && campaignId !== undefined && channel !== undefined) {
    return translate(locale, 'subject.spend', { campaignId, channel });
  }
  if (kind === 'sentiment' && brand !== undefined && channel !== undefined) {
    return product === undefined
      ? translate(locale, 'subject.sentiment', { brand, channel })
      : translate(locale, 'subject.sentimentProduct', { brand, product, channel });
  }
  if (kind === 'ad-copy' && brand !== undefined && copyId !== undefined && market !== undefined) {
    return translate(locale, 'subject.adCopy', { brand, copyId, market });
  }
  return undefined;
};
