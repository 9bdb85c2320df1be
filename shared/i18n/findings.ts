import type { Finding } from '#shared/domain/finding.ts';
import { FINDINGS_EN, type FindingMessageId } from './catalogues/findings/en.ts';
import { FINDINGS_VI } from './catalogues/findings/vi.ts';
import { FINDINGS_ZH_CN } from './catalogues/findings/zh-CN.ts';
import type { Locale } from './locales.ts';
import { renderText, type Text, type TextRef, type TextValue } from './texts.ts';
import { type Catalogues, type Translate, translator } from './translator.ts';

export const FINDING_CATALOGUES: Catalogues<FindingMessageId> = {
  en: FINDINGS_EN,
  'zh-CN': FINDINGS_ZH_CN,
  vi: FINDINGS_VI,
};

const translate = translator(FINDING_CATALOGUES) as Translate<string>;

/**
 * A catalogue sentence with its values, typed by the catalogue's ids: what a detector puts in a finding's
 * `texts`.
 *
 * @example sentence('exception.allowed', { id: 'ex-1', expiresOn: { date: '2027-03-01' }, … })
 */
export const sentence = (id: FindingMessageId, values?: Readonly<Record<string, TextValue>>): TextRef =>
  values === undefined ? { id } : { id, values };

/** A finding text in one locale. @example findingText('en', sentence('…', {…})) */
export const findingText = (locale: Locale, text: Text): string => renderText(translate, locale, text);

/**
 * A finding as a reader of `locale` sees it: its message and suggestion in that locale, from its `texts`.
 * A finding stored before it had texts, or whose sentence a later catalogue no longer has, keeps the
 * message it was stored with (English) rather than failing the read.
 *
 * @example localizeFinding(finding, 'vi').message
 */
export const localizeFinding = <F extends Finding>(finding: F, locale: Locale): F => {
  const texts = finding.texts;
  if (texts === undefined) return finding;
  try {
    const message = findingText(locale, texts.message);
    const suggestion =
      texts.suggestion === undefined ? finding.suggestion : findingText(locale, texts.suggestion);
    return suggestion === undefined ? { ...finding, message } : { ...finding, message, suggestion };
  } catch {
    return finding;
  }
};
