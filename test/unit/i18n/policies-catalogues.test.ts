import { describe, expect, it } from 'vitest';
import { translator } from '#shared/i18n/translator.ts';
import { POLICIES_EN } from '../../../web/src/i18n/catalogues/policies/en.ts';
import { POLICIES_VI } from '../../../web/src/i18n/catalogues/policies/vi.ts';
import { POLICIES_ZH_CN } from '../../../web/src/i18n/catalogues/policies/zh-CN.ts';
import { expectCompleteCatalogues } from '../../support/catalogues.ts';

const POLICIES = { en: POLICIES_EN, 'zh-CN': POLICIES_ZH_CN, vi: POLICIES_VI };

describe('The policy screens’ catalogues', () => {
  it('have every English id in zh-CN and vi, each ICU with the English placeholders', () => {
    expectCompleteCatalogues('policies', POLICIES);
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
