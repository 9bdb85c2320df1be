import { describe, expect, it } from 'vitest';
import {
  normalise,
  originalRange,
  phraseKey,
  stripDiacritics,
  withVowelI,
} from '#shared/domain/claims/normaliser.ts';

describe('Function: normalise', () => {
  it.each([
    ['full-width letters and digits', 'ＣＵＲＥ １００％', 'cure100%'],
    ['circled and stylised letters', 'Ⓒⓤⓡⓔ ① 𝐜𝐮𝐫𝐞', 'cure1cure'],
    ['case', 'CuRe', 'cure'],
    ['traditional Chinese (OpenCC)', '極品 國家級 藥到病除', '极品国家级药到病除'],
    ['spaces and punctuation inside a phrase', '最 佳、最-佳, c.u.r.e', '最佳最佳cure'],
    ['zero-width characters and soft hyphens', 'cu\u200bre 最\u200d佳 cu\u00adre', 'cure最佳cure'],
    ['Vietnamese diacritics and đ', 'Tốt nhất Đẹp', 'totnhatdep'],
    ['decomposed diacritics', 'nha\u0302\u0301t', 'nhat'],
    ['ideographic space and full-width punctuation', '最　佳！', '最佳'],
    ['the symbols claims need', '#1 100% A&B @home', '#1100%a&b@home'],
  ])('folds %s', (_case, text, expected) => {
    expect(normalise(text).text).toBe(expected);
  });

  it.each([
    ['最 佳', 0, 2, '最 佳'],
    ['c.u.r.e now', 0, 4, 'c.u.r.e'],
    ['😀 ＣＵＲＥ', 0, 4, 'ＣＵＲＥ'],
    ['try 𝐜𝐮𝐫𝐞', 3, 7, '𝐜𝐮𝐫𝐞'],
    ['nha\u0302\u0301t!', 0, 4, 'nha\u0302\u0301t'],
  ])('maps a range of %j back to the exact original substring', (text, start, end, expected) => {
    // Act
    const n = normalise(text);
    const range = originalRange(n, start, end);

    // Assess
    expect(text.slice(range.start, range.end)).toBe(expected);
  });

  it('folds a code point the same the second time it is seen (read from the table, not folded again)', () => {
    // Prepare
    const text = 'Ｔốt\u00a0nhấ\u200bt，ｃｕ✨ｒｅ ＃１ 𝐜ure nha\u0302\u0301t \ud800 ﬁ';
    const first = normalise(text);

    // Act
    const second = normalise(text);

    // Assess
    expect(first.text).toBe('totnhatcure#1curenhat\ud800fi');
    expect(second.text).toBe(first.text);
    expect([...second.starts]).toEqual([...first.starts]);
    expect([...second.ends]).toEqual([...first.ends]);
    expect([...second.gapBefore]).toEqual([...first.gapBefore]);
  });

  it('reads a copy-length text alike unit for unit, a lone surrogate kept, each map of its own length', () => {
    // Prepare
    const word = 'Tốt nhất \ud800 cure 最佳 ';
    const text = word.repeat(8);

    // Act
    const n = normalise(text);
    const one = normalise(word);

    // Assess
    expect(n.text).toBe(one.text.repeat(8));
    expect(n.text).toContain('\ud800');
    expect([n.starts.length, n.ends.length, n.gapBefore.length]).toEqual(Array(3).fill(n.text.length));
    expect(n.ends[n.text.length - 1]).toBe(text.length - 1);
  });

  it('records where a separator was removed', () => {
    expect([...normalise('ab c').gapBefore]).toEqual([0, 0, 1]);
  });

  it('keeps one normalised unit per original code point for Chinese, so offsets hold', () => {
    const n = normalise('這是極品');
    expect(n.text).toBe('这是极品');
    expect([...n.starts]).toEqual([0, 1, 2, 3]);
  });
});

describe('Function: stripDiacritics', () => {
  it.each([
    ['tốt nhất', 'tot nhat'],
    ['Đẹp', 'Dep'],
    ['nhạt', 'nhat'],
  ])('folds %s to %s', (text, expected) => {
    expect(stripDiacritics(text)).toBe(expected);
  });
});

describe('Function: phraseKey', () => {
  it.each([
    ['tốt nhất', 'totnhat', [3], []],
    ['4.8 g', '48g', [2], [1]],
    ['最 佳、最-佳', '最佳最佳', [1, 2, 3], []],
    ['gu✨aranteed', 'guaranted', [], []],
  ])('folds %j as normalise does, with its spaces and decimal points', (phrase, text, gaps, decimals) => {
    // Act
    const key = phraseKey(phrase);

    // Assess
    expect(key).toEqual({ text, gaps, decimals });
    expect(key.text).toBe(normalise(phrase).text);
  });
});

describe('Function: withVowelI', () => {
  it.each([
    ['"!" inside a word', 'đ!ểm v!êm xoang', 'điểm viêm xoang'],
    ['"!" ending a word after a two-letter opening', 'tr! dứt', 'tri dứt'],
    ['"1" ending a word after a two-letter opening', 'tr1 mụn', 'tri mụn'],
  ])('puts back the vowel i written as %s in Vietnamese copy', (_case, text, expected) => {
    expect(withVowelI(text)).toBe(expected);
  });

  it.each([
    ['an exclamation after a word with its vowel', 'Mua ngay! Giảm giá sốc'],
    ['a code of one letter and a digit', 'Bằng lái hạng B1, giống F1 tốt'],
    ['a capital after the mark', 'Đặt ngay!Giá tốt'],
    ['copy that is not Vietnamese', 'tr! d!em, v1em'],
  ])('leaves %s as it is', (_case, text) => {
    expect(withVowelI(text)).toBe(text);
  });

  it('lets normalise read the stand-in as the vowel, its range still the copy as written', () => {
    // Act
    const n = normalise('Thuốc tr! dứt đ!ểm');
    const range = originalRange(n, n.text.indexOf('tri'), n.text.length);

    // Assess
    expect(n.text).toBe(normalise('Thuốc trị dứt điểm').text);
    expect(n.original.slice(range.start, range.end)).toBe('tr! dứt đ!ểm');
  });
});
