import { describe, expect, it } from 'vitest';
import { foldText, indexTerms, MAX_TERM_LENGTH, queryTerms } from '#shared/search/tokenise.ts';

describe('Function: foldText', () => {
  it.each([
    ['Vietnamese tone marks and đ', 'Nguyên nhân gốc: Đại lý', 'nguyen nhan goc: dai ly'],
    ['accents of other languages', 'Café CRÈME', 'cafe creme'],
    ['full-width letters and digits', 'ＳＰＦ５０', 'spf50'],
  ])('folds %s', (_name, text, folded) => {
    // Act
    const result = foldText(text);

    // Assess
    expect(result).toBe(folded);
  });
});

describe('Function: indexTerms', () => {
  it('indexes each English word once, lower case, without stop words', () => {
    // Act
    const terms = indexTerms('The supplier faked the click data; the Supplier was replaced.');

    // Assess
    expect(terms).toEqual(['supplier', 'faked', 'click', 'data', 'replaced']);
  });

  it('indexes a Chinese run as its characters and the pairs of neighbouring characters', () => {
    // Act
    const terms = indexTerms('美白三天见效');

    // Assess
    expect(terms).toEqual(['美', '白', '三', '天', '见', '效', '美白', '白三', '三天', '天见', '见效']);
  });

  it('keeps a number whole whatever its separators, and splits ids at punctuation', () => {
    // Act
    const terms = indexTerms('Spend 11,500 of 10.000 on cmp-7 (cn.absolute-terms)');

    // Assess
    expect(terms).toEqual(['spend', '11500', '10000', 'cmp', '7', 'cn', 'absolute', 'terms']);
  });

  it('separates Chinese from the Latin letters around it', () => {
    // Act
    const terms = indexTerms('Serum X在微博');

    // Assess
    expect(terms).toEqual(['serum', 'x', '在', '微', '博', '在微', '微博']);
  });

  it('cuts a very long word to the term length', () => {
    // Act
    const [term] = indexTerms('x'.repeat(200));

    // Assess
    expect(term).toHaveLength(MAX_TERM_LENGTH);
  });
});

describe('Function: queryTerms', () => {
  it('finds Vietnamese written without diacritics in text written with them', () => {
    // Prepare
    const indexed = new Set(indexTerms('Nguyên nhân gốc rễ: đối tác giả mạo số liệu'));

    // Act
    const terms = queryTerms('doi tac gia mao');

    // Assess
    expect(terms).toEqual(['doi', 'tac', 'gia', 'mao']);
    expect(terms.every((term) => indexed.has(term))).toBe(true);
  });

  it('asks a Chinese phrase for its character pairs and one character for itself', () => {
    // Act
    const phrase = queryTerms('三天见效');
    const single = queryTerms('效');

    // Assess
    expect(phrase).toEqual(['三天', '天见', '见效']);
    expect(single).toEqual(['效']);
  });

  it('does not find a Chinese phrase in a text that only has its characters apart', () => {
    // Prepare
    const indexed = new Set(indexTerms('三月见到天效'));

    // Act
    const terms = queryTerms('三天');

    // Assess
    expect(terms.every((term) => indexed.has(term))).toBe(false);
  });

  it('matches case- and width-insensitively', () => {
    // Act
    const terms = queryTerms('ＳＵＰＰＬＩＥＲ Budget');

    // Assess
    expect(terms).toEqual(['supplier', 'budget']);
  });

  it('has nothing to look for in stop words and punctuation', () => {
    // Act
    const terms = queryTerms('the — of, to!');

    // Assess
    expect(terms).toEqual([]);
  });
});
