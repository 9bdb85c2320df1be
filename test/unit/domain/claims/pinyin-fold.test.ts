import { describe, expect, it } from 'vitest';
import { pinyinFold } from '#shared/domain/claims/evasions.ts';
import { normalise, originalRange } from '#shared/domain/claims/normaliser.ts';

describe('Function: normalise — a pinyin syllable written for a Chinese character', () => {
  it.each([
    ['a syllable before the rest of its word', '这款面霜zui好用', '这款面霜最好用'],
    ['a syllable after a number', '7tian瘦一圈', '7天瘦一圈'],
    ['two syllables of one phrase, one with its tone mark', 'jiang三gāo神器', '降三高神器'],
    ['a syllable before a percentage', '装上li省30%油费', '装上立省30%油费'],
    ['a syllable before a number with a Han character after it', 'di1品牌', '第1品牌'],
    ['a syllable joined by Markdown emphasis', '全网di**一**', '全网第一'],
    ['full-width letters', 'ｚｕｉ好用', '最好用'],
    ['a syllable before Chinese spelt out with spaces', 'zui 优 惠 的', '最优惠的'],
    ['two syllables before the rest of their word', '全网ｚｕｉdi价', '全网最低价'],
    ['two syllables of a three-character word', '降xueya神器', '降血压神器'],
    ['a syllable after a Latin word (the word stays)', '8minzhi达', '8min直达'],
    ['a syllable after capitals', 'XXbu委推荐', 'x部委推荐'],
    ['a syllable after a zero (the numeral 零)', '0feng险', '零风险'],
    ['a syllable into the longer phrase after it (比吃药, not 必吃)', 'bi吃药还管用', '比吃药还管用'],
    ['a syllable into the longer phrase after it (雾化弹, not 无化)', 'wu化弹买二送一', '雾化弹买二送一'],
    ['a syllable into the longer phrase after it (第一品牌, not 低一)', '台湾di一品牌', '台湾第一品牌'],
    ['a syllable into the longer phrase after it (无痛无疤, not 唔痛)', '双眼皮wu痛无疤', '双眼皮无痛无疤'],
    [
      'a syllable into the longer phrase rather than two pairs (国家级, not 用过 + 过家)',
      '采用guo家级标准',
      '采用国家级标准',
    ],
    ['a syllable into the pair more pack phrases hold (包治, not 保治)', '祛痘bao治', '祛痘包治'],
    ['a numeral before what it counts (五天, as 0天 with a digit)', 'wu天见效', '五天见效'],
  ])('folds %s', (_case, text, expected) => {
    // Act
    const n = normalise(text);

    // Assess
    expect(n.text).toBe(expected);
  });

  it.each([
    ['capitals (an acronym)', 'AI控温技术', 'ai控温技术'],
    ['a Latin word that is no syllable', 'ins风的包包', 'ins风的包包'],
    ['a Latin word beside Chinese', 'wifi密码在前台', 'wifi密码在前台'],
    ['a syllable with a space before the Chinese', 'bao 过', 'bao过'],
    ['Latin copy without Chinese', 'bao guo tian', 'baoguotian'],
    ['a Latin word ending in a syllable', 'online课程 shopping店', 'online课程shoping店'],
  ])('leaves %s as it is', (_case, text, expected) => {
    // Act
    const n = normalise(text);

    // Assess
    expect(n.text).toBe(expected);
  });

  it('maps the folded character back to the whole syllable as written', () => {
    // Prepare
    const text = '全网ｚｕｉ低价';

    // Act
    const n = normalise(text);
    const range = originalRange(n, 2, 4);

    // Assess
    expect(n.text).toBe('全网最低价');
    expect(text.slice(range.start, range.end)).toBe('ｚｕｉ低');
  });
});

describe('Function: pinyinFold', () => {
  it('chooses the character that makes a pack word with its neighbour', () => {
    // Act
    const folds = [
      pinyinFold('li', undefined, '省'),
      pinyinFold('tian', '7', '瘦'),
      pinyinFold('zui', '网', '香'),
    ];

    // Assess
    expect(folds).toEqual(['立', '天', '最']);
  });

  it('weighs the characters beyond the neighbour: the longest pack phrase the syllable continues', () => {
    // Act
    const folds = [pinyinFold('guo', '用', '家'), pinyinFold('guo', '采用', '家级')];

    // Assess: 用过 and 过家 are pack pairs on both sides of 过; 国家级 is one phrase of three characters
    expect(folds).toEqual(['过', '国']);
  });

  it('answers undefined for a syllable no pack character reads as, or a Latin word', () => {
    // Act
    const folds = [pinyinFold('wifi', undefined, '密'), pinyinFold('xyz', '网', undefined)];

    // Assess
    expect(folds).toEqual([undefined, undefined]);
  });
});

describe('Function: normalise — zeros and hashtags', () => {
  it.each([
    ['a zero opening a word of letters', 'T0DAY 0NLY', 'todayonly'],
    ['a zero before a Chinese character', '0风险 0添加', '零风险零添加'],
    ['a zero before Markdown emphasis of Chinese', '0**风险**', '零风险'],
    ['the underscores of a hashtag', '#chữa_gan', '#chuagan'],
  ])('folds %s', (_case, text, expected) => {
    // Act
    const n = normalise(text);

    // Assess
    expect(n.text).toBe(expected);
  });

  it.each([
    ['a zero inside a number', '10风险 2020年', '10风险2020年'],
    ['a zero after a letter', 'E0级', 'e0级'],
    ['a zero before fewer than three letters', '0kg 0mg', '0kg0mg'],
  ])('leaves %s as it is', (_case, text, expected) => {
    // Act
    const n = normalise(text);

    // Assess
    expect(n.text).toBe(expected);
  });

  it('splits hashtag words where the underscores stood', () => {
    // Act
    const n = normalise('#chữa_gan');

    // Assess
    expect([...n.gapBefore]).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
  });
});

describe('Function: normalise — Vietnamese chat spellings of "không"', () => {
  it.each([
    ['hok spelt out', 'thoái hóa, h.o.k tái phát', 'thoaihoakhongtaiphat'],
    ['không split by Markdown emphasis (one word, not k and hông)', 'k**hông lấy tiền', 'khonglaytien'],
    ['hok', 'thoái hóa hok tái phát', 'thoaihoakhongtaiphat'],
    ['ko', 'ko tác dụng phụ', 'khongtacdungphu'],
    ['hông', 'hông hiệu quả', 'khonghieuqua'],
    ['hok in full-width letters', 'ｈｏｋ tái phát', 'khongtaiphat'],
    ['hok with a Cyrillic о', 'h\u043ek lỗ đâu', 'khonglodau'],
  ])('reads %s as không', (_case, text, expected) => {
    // Act
    const n = normalise(text);

    // Assess
    expect(n.text).toBe(expected);
  });

  it('maps each unit of the folded word back to the word as written', () => {
    // Prepare
    const text = 'thoái hóa hok tái phát';

    // Act
    const n = normalise(text);
    const range = originalRange(n, 8, 13);

    // Assess
    expect(text.slice(range.start, range.end)).toBe('hok');
  });

  it.each([
    ['hồng (pink, a rose)', 'hoa hồng tươi', 'hoahongtuoi'],
    ['ko in copy without Vietnamese letters', 'KO knockout ko', 'koknockoutko'],
    ['a longer word', 'hoka được', 'hokaduoc'],
  ])('leaves %s alone', (_case, text, expected) => {
    // Act
    const n = normalise(text);

    // Assess
    expect(n.text).toBe(expected);
  });
});
