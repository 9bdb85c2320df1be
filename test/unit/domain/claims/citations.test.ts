import { describe, expect, it } from 'vitest';
import { citationsOf, isSubstantiable, mayCite } from '#shared/domain/claims/citations.ts';

describe('Function: citationsOf', () => {
  it.each([
    [
      'zh, a source note with its period',
      '全国销量第一（数据来源：尼尔森零售监测，2024年1—12月）',
      '数据来源：尼尔森零售监测，2024',
    ],
    [
      'zh, 据 a named report',
      '据中国家电协会《2023年度行业报告》，本品市场占有率第二',
      '据中国家电协会《2023',
    ],
    ['zh, an award and its year', '荣获2023年度省级质量奖', '荣获2023'],
    ['zh, a test report number (no year needed)', '经第三方检测（报告编号AB12345），除菌率99%', '报告编号A'],
    [
      'vi, theo khảo sát of a named firm',
      'Số 1 về thị phần năm 2024 theo khảo sát của Nielsen Việt Nam',
      '2024 theo khảo sát',
    ],
    ['vi, a vote and its year', 'Thương hiệu được người tiêu dùng bình chọn năm 2025', 'bình chọn năm 2025'],
    [
      'en, a parenthesised panel and period',
      "America's #1 peanut butter (NielsenIQ, unit sales, 52 weeks ending June 2025)",
      '(NielsenIQ, unit sales, 52 weeks ending June 2025)',
    ],
    [
      'en, a study and its sample',
      'Results of a consumer study: 89% of 120 women agreed',
      'study: 89% of 120 women',
    ],
    ['en, a registration number', 'Kills 99.9% of germs (EPA Reg. No. 1234-56)', 'Reg. No. 1'],
    [
      'vi, a name in brackets right after the limited claim',
      'Hãng bay đúng giờ nhất năm 2024 (Cirium)',
      '2024 (Cirium)',
    ],
    ['en, a named firm’s report', 'Top-selling brand in 2024 (Euromonitor report)', 'Euromonitor report'],
  ])('finds %s', (_case, text, expected) => {
    // Act
    const found = citationsOf(text);

    // Assess: the citation holds the expected words, and its offsets are exact
    expect(found.map((citation) => citation.text).join(' | ')).toContain(expected);
    for (const citation of found) expect(text.slice(citation.start, citation.end)).toBe(citation.text);
  });

  it.each([
    ['hearsay (据说)', '据说这是2024年最好的面霜'],
    ['a year with no source', '2024新款 全网最低价'],
    ['a source with no period or scope', '根据你的肤质推荐最好的精华'],
    ['theo dõi ("follow"), not theo a source', 'Theo dõi fanpage để nhận ưu đãi 2025'],
    ['a collection year', 'Our 2025 collection is here — the best yet'],
    ['report as a verb: users report, no source', '3 out of 4 users report better sleep in 2025'],
    [
      'a bracketed name far from any limit',
      'Founded in 2019, our studio has grown a lot since then. Best tea (Oolong)',
    ],
  ])('finds none in %s', (_case, text) => {
    expect(citationsOf(text)).toEqual([]);
  });
});

describe('Function: isSubstantiable', () => {
  it.each([
    ['absolute-terms', true],
    ['statistics-unsourced', true],
    ['disease-claim', false],
    ['guarantee', false],
    [undefined, false],
  ])('%s: %s', (area, expected) => {
    expect(isSubstantiable(area)).toBe(expected);
  });
});

describe('Function: mayCite', () => {
  it.each([
    ['Best seller 2024', true],
    ['证书编号123', true],
    ['全网最低价', false],
  ])('%j: %s', (text, expected) => {
    expect(mayCite(text)).toBe(expected);
  });
});
