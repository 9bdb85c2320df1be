import { describe, expect, it } from 'vitest';
import { describeField } from '#shared/domain/policy-fields.ts';
import { translator } from '#shared/i18n/translator.ts';
import { POLICIES_EN } from '../../../web/src/i18n/catalogues/policies/en.ts';
import { POLICIES_VI } from '../../../web/src/i18n/catalogues/policies/vi.ts';
import { POLICIES_ZH_CN } from '../../../web/src/i18n/catalogues/policies/zh-CN.ts';
import {
  describeFieldIn,
  POLICY_FIELD_CATALOGUES,
} from '../../../web/src/i18n/catalogues/policy-fields/index.ts';
import { expectCompleteCatalogues } from '../../support/catalogues.ts';

const POLICIES = { en: POLICIES_EN, 'zh-CN': POLICIES_ZH_CN, vi: POLICIES_VI };

describe('The policy screens’ catalogues', () => {
  it('have every English id in zh-CN and vi, each ICU with the English placeholders', () => {
    expectCompleteCatalogues('policies', POLICIES);
  });

  it('explain every field of the matrix and the thresholds in zh-CN and vi, sentence for sentence', () => {
    expectCompleteCatalogues('policy fields', POLICY_FIELD_CATALOGUES);
  });

  it('find a field’s explanation by its path, any band or axis label, in the reader’s language', () => {
    // Act
    const en = describeFieldIn('en', 'spend', ['overrunBands', 2, 'above']);
    const zh = describeFieldIn('zh-CN', 'matrix', ['cells', 'likely', 'major']);
    const vi = describeFieldIn('vi', 'sentiment', ['spike', 'grade', 'impact']);
    const none = describeFieldIn('vi', 'spend', ['pacing', 'nothing']);

    // Assess
    expect(en).toBe(describeField('spend', ['overrunBands', 0, 'above']));
    expect(zh).toBe(POLICY_FIELD_CATALOGUES['zh-CN']['matrix.cells.{probability}.{impact}']);
    expect(vi).toContain('thiệt hại');
    expect(none).toBeUndefined();
  });

  it('count, select and quote in each language', () => {
    // Prepare
    const t = translator(POLICIES);

    // Act
    const failing = t('en', 'policies.test.examplesFailing', { failing: 1, total: 3 });
    const checked = t('vi', 'policies.test.checkedCases', { checked: 12, limited: 'yes' });
    const readOnly = t('zh-CN', 'policies.frame.readOnly', { owner: 'legal' });
    const braces = t('en', 'policies.rule.patternsHint');

    // Assess
    expect(failing).toBe('1 of 3 examples fails:');
    expect(checked).toBe('Đã đánh giá lại 12 hồ sơ rủi ro gần đây (những hồ sơ gần nhất; còn nữa).');
    expect(readOnly).toContain('法务');
    expect(braces.startsWith('{a|b} stands for either wording.')).toBe(true);
  });
});
