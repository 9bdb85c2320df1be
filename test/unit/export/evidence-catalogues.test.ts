import { describe, expect, it } from 'vitest';
import { EVIDENCE_CATALOGUES, exportText } from '#shared/export/labels.ts';
import { expectCompleteCatalogues } from '../../support/catalogues.ts';

describe('Export catalogue (CSV headers, evidence-pack labels)', () => {
  it('has every message in every locale with the English placeholders', () => {
    expectCompleteCatalogues('evidence', EVIDENCE_CATALOGUES);
  });

  it.each([
    ['en', 'brand {brand}, rule {ruleId}, only the phrase “全国第一”'],
    ['zh-CN', '品牌 {brand}，规则 {ruleId}，仅限用语“全国第一”'],
  ] as const)('states an exception limited to a phrase in %s', (locale, expected) => {
    const text = exportText(locale, 'pdf.exception.scopeValue', {
      brand: '{brand}',
      ruleId: '{ruleId}',
      phrase: '全国第一',
    });
    expect(text).toBe(expected);
  });
});
