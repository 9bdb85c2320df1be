import { realSubjectKey } from '#shared/domain/drill-key.ts';
import type { Subject } from '#shared/domain/subject.ts';
import { VOCABULARY_EN, type VocabularyId } from './catalogues/vocabulary/en.ts';
import { VOCABULARY_VI } from './catalogues/vocabulary/vi.ts';
import { VOCABULARY_ZH_CN } from './catalogues/vocabulary/zh-CN.ts';
import { formatNumber, formatPercent } from './formats.ts';
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
 * A domain word in `locale`: a level (`red`), a risk type (`budget`), a matrix label (`high`) or the name of a
 * finding's number (`plannedBudget`); a word the catalogue does not know as written (a manager's own label),
 * or, for a number, its key humanized in English (`someNewNumber` → "Some new number").
 *
 * @example domainWord('vi', 'grade', 'severe') // 'Nghiêm trọng'
 * @example domainWord('zh-CN', 'grade', 'Very high') // 'Very high'
 * @example domainWord('zh-CN', 'metric', 'plannedBudget') // '计划预算'
 */
export const domainWord = (
  locale: Locale,
  kind: 'level' | 'riskType' | 'grade' | 'metric',
  word: string,
): string => {
  const id = `${kind}.${word}`;
  if (known(id)) return translate(locale, id);
  return kind === 'metric' ? humanize(word) : word;
};

/** `plannedBudget` → "Planned budget": a key no catalogue names, readable at least in English. */
export const humanize = (key: string): string => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * A finding's number as people read it, by its key: overruns as signed percentages (`+30%`), shares as
 * percentages, ratios as multiples, tiny p-values in scientific notation (0.00002 must not read "0"),
 * amounts and counts of 100 and more without decimals. A sentiment finding states its line (`threshold`)
 * and its change (`delta`) as shares too, which its `siblings` (the finding's other numbers) tell.
 *
 * @example metricValue('vi', 'overrunRatio', 0.3) // '+30%'
 * @example metricValue('en', 'actualSpend', 13000) // '13,000'
 */
export const metricValue = (
  locale: Locale,
  key: string,
  value: number,
  siblings: Readonly<Record<string, number>> = {},
): string => {
  if (/overrun/i.test(key)) return formatPercent(locale, value, { signed: true });
  if (/pvalue$/i.test(key))
    return value > 0 && value < 0.001 ? value.toExponential(1) : formatNumber(locale, value);
  if (/share$/i.test(key)) return formatPercent(locale, value);
  if (/ratio$/i.test(key)) return `${formatNumber(locale, value)}×`;
  const aboutShares = Object.keys(siblings).some((name) => /share$/i.test(name));
  if (aboutShares && key === 'threshold') return formatPercent(locale, value);
  if (aboutShares && key === 'delta') return formatPercent(locale, value, { signed: true });
  // Coverages and confidence levels (0.9, 0.95) read as percentages.
  if (key === 'interval' || key === 'confidence') return formatPercent(locale, value);
  return formatNumber(locale, value, Math.abs(value) >= 100 ? 0 : 2);
};

/**
 * A finding's numbers on one line, each named in the reader's language (the notifications' numbers line):
 * `Planned budget: 10,000; Actual spend: 13,000`, `计划预算：10,000；实际花费：13,000`.
 */
export const metricsLine = (locale: Locale, metrics: Readonly<Record<string, number>>): string =>
  Object.entries(metrics)
    .map(([key, value]) =>
      translate(locale, 'metricPair', {
        name: domainWord(locale, 'metric', key),
        value: metricValue(locale, key, value, metrics),
      }),
    )
    .join(translate(locale, 'metricSeparator'));

/** The parts of a subject its words are made of. */
type SubjectParts = Omit<Subject, 'key' | 'label'>;

/**
 * What a case is about, in the reader's words, from its subject's parts: `campaign cmp-1 on facebook`,
 * `facebook 投放活动 cmp-1`, `mẫu quảng cáo c-1 của Acme (VN)`. A subject of an unknown kind keeps its stored
 * label.
 *
 * @example subjectText('vi', { key: 'spend|cmp-1|facebook', label: '…', campaignId: 'cmp-1', channel: 'facebook' })
 */
export const subjectText = (locale: Locale, subject: Subject): string =>
  subjectWords(locale, realSubjectKey(subject.key).split('|')[0] ?? '', subject) ?? subject.label;

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
