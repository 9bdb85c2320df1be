import {
  type DescribedPolicy,
  FIELD_DESCRIPTIONS,
  type FieldPath,
  fieldPattern,
} from '../../../../../shared/domain/policy-fields.ts';
import type { Locale } from '../../../../../shared/i18n/locales.ts';
import type { Catalogues } from '../../../../../shared/i18n/translator.ts';
import { POLICY_FIELDS_VI } from './vi.ts';
import { POLICY_FIELDS_ZH_CN } from './zh-CN.ts';

/**
 * What each field of the matrix and of the spend and sentiment thresholds means, in every locale, keyed
 * `<policy>.<pattern>` (`spend.overrunBands.*.above`). The English source is shared/domain/policy-fields.ts,
 * the one place the sentences are written; zh-CN.ts and vi.ts translate each (a missing one fails
 * test/unit/i18n/policies-catalogues.test.ts). Plain sentences, no placeholders.
 */
export const POLICY_FIELD_CATALOGUES: Catalogues<string> = {
  en: Object.fromEntries(
    Object.entries(FIELD_DESCRIPTIONS).flatMap(([policy, sentences]) =>
      Object.entries(sentences).map(([pattern, sentence]) => [`${policy}.${pattern}`, sentence]),
    ),
  ),
  'zh-CN': POLICY_FIELDS_ZH_CN,
  vi: POLICY_FIELDS_VI,
};

/**
 * `describeField` in the reader's language: what a field means and what raising or lowering it does;
 * undefined for a path the policy does not have.
 *
 * @example describeFieldIn('vi', 'spend', ['pacing', 'interval']) // 'Dự báo phải chắc chắn đến đâu …'
 */
export const describeFieldIn = (
  locale: Locale,
  policy: DescribedPolicy,
  path: FieldPath,
): string | undefined => {
  const pattern = fieldPattern(policy, path);
  if (pattern === undefined) return undefined;
  const id = `${policy}.${pattern}`;
  return POLICY_FIELD_CATALOGUES[locale][id] ?? POLICY_FIELD_CATALOGUES.en[id];
};
