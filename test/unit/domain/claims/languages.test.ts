import { describe, expect, it } from 'vitest';
import { languagesOf } from '#shared/domain/claims/languages.ts';

describe('languagesOf', () => {
  it('finds an English sentence inside Vietnamese copy, as well as a slogan inside Chinese copy', () => {
    // Prepare
    const vietnamese = 'Kem dưỡng trắng da tốt nhất. Best whitening cream, clinically proven to cure acne';
    const chinese = '限时特惠 best seller in the world';

    // Act
    const found = [languagesOf(vietnamese, 'vi'), languagesOf(chinese, 'zh')];

    // Assess
    expect(found).toEqual([
      ['vi', 'en'],
      ['zh', 'en'],
    ]);
  });

  it('does not take Vietnamese typed without its marks, or one English brand word, for English', () => {
    // Prepare
    const unmarked = 'Kem duong trang da tot nhat, tri mun than toc, giao hang tan noi, the thanh vien';
    const brand = 'Serum Lumière Glow cho làn da sáng mịn';

    // Act
    const found = [languagesOf(unmarked, 'vi'), languagesOf(brand, 'vi')];

    // Assess
    expect(found).toEqual([['vi'], ['vi']]);
  });
});
