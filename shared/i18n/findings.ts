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

const isFinding = (value: object): value is Finding =>
  'texts' in value && typeof (value as { ruleId?: unknown }).ruleId === 'string';

/**
 * Every finding anywhere in a response body (a case, a page of cases, a review, a batch of results, a policy
 * test) rendered in `locale`; everything else as it was. One pass over the body.
 *
 * @example localizeFindings({ items: [riskCase] }, 'zh-CN')
 */
export const localizeFindings = (body: unknown, locale: Locale): unknown => {
  if (Array.isArray(body)) return body.map((item) => localizeFindings(item, locale));
  if (body === null || typeof body !== 'object') return body;
  const source = isFinding(body) ? localizeFinding(body, locale) : body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    out[key] = key === 'texts' || typeof value !== 'object' ? value : localizeFindings(value, locale);
  }
  return out;
};

/** An assessment with every finding in `locale`. @example localizeAssessment(assessment, 'vi') */
export const localizeAssessment = <A extends { readonly findings: readonly Finding[] }>(
  assessment: A,
  locale: Locale,
): A => ({ ...assessment, findings: assessment.findings.map((finding) => localizeFinding(finding, locale)) });
