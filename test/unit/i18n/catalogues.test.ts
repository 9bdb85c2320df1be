import { describe, expect, it } from 'vitest';
import { FINDING_CATALOGUES } from '#shared/i18n/findings.ts';
import { domainWord, VOCABULARY_CATALOGUES } from '#shared/i18n/vocabulary.ts';
import { catalogueProblems, expectCompleteCatalogues } from '../../support/catalogues.ts';

describe('Message catalogues', () => {
  it('gives the findings sentences in every locale with the English placeholders', () => {
    expectCompleteCatalogues('findings', FINDING_CATALOGUES);
  });

  it('gives the domain’s words in every locale, and a manager’s own label as written', () => {
    expectCompleteCatalogues('vocabulary', VOCABULARY_CATALOGUES);
    expect(domainWord('vi', 'grade', 'severe')).toBe('Nghiêm trọng');
    expect(domainWord('zh-CN', 'level', 'red')).toBe('红色');
    expect(domainWord('zh-CN', 'grade', 'Very high')).toBe('Very high');
  });

  it('names a missing id, an extra id, a broken message and a placeholder that differs', () => {
    // Prepare
    const catalogues = {
      en: { a: 'Spent {amount}', b: '{n, plural, one {# case} other {# cases}}' },
      'zh-CN': { a: '已花费 {amount}', c: '多余' },
      vi: { a: 'Đã chi {amuont}', b: '{n, plural, other {# hồ sơ}' },
    };

    // Act
    const problems = catalogueProblems(catalogues);

    // Assess
    expect(problems).toEqual([
      'zh-CN: missing b',
      'zh-CN: extra c',
      'vi: a uses {amuont} where English uses {amount}',
      expect.stringMatching(/^vi: b is not ICU MessageFormat/),
    ]);
  });
});
