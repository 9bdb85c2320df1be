import { describe, expect, it } from 'vitest';
import { fitSms, isGsm7, smsLength, smsSegments, withoutDiacritics } from '#shared/i18n/sms.ts';

describe('Function: smsLength', () => {
  it.each([
    ['160 GSM characters', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 GSM characters', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['306 GSM characters (two parts of 153)', 'a'.repeat(306), 'GSM-7', 306, 2],
    ['307 GSM characters', 'a'.repeat(307), 'GSM-7', 307, 3],
    ['80 euro signs (two septets each)', '€'.repeat(80), 'GSM-7', 160, 1],
    ['81 euro signs', '€'.repeat(81), 'GSM-7', 162, 2],
    ['70 Chinese characters', '风'.repeat(70), 'UCS-2', 70, 1],
    ['71 Chinese characters', '风'.repeat(71), 'UCS-2', 71, 2],
    ['134 Chinese characters (two parts of 67)', '风'.repeat(134), 'UCS-2', 134, 2],
    ['135 Chinese characters', '风'.repeat(135), 'UCS-2', 135, 3],
    ['one Vietnamese tone mark among GSM text', `${'a'.repeat(69)}ạ`, 'UCS-2', 70, 1],
    ['an empty text', '', 'GSM-7', 0, 0],
  ] as const)('counts %s', (_name, text, encoding, units, segments) => {
    // Act
    const length = smsLength(text);

    // Assess
    expect(length).toEqual({ encoding, units, segments });
    expect(smsSegments(text)).toBe(segments);
  });

  it('counts an extension character as two septets: 159 letters and a euro sign take two segments', () => {
    expect(smsLength(`${'a'.repeat(159)}€`)).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
  });

  it('never splits an escape pair between parts: 152 letters, a euro sign and one more letter make three parts of a 307-septet text', () => {
    // Prepare: the euro sign's two septets would straddle the first part's boundary (152 + 2 > 153).
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;

    // Act
    const length = smsLength(text);

    // Assess: 306 septets would fit two parts of 153, but the pair moves to the second part.
    expect(length.units).toBe(306);
    expect(length.segments).toBe(3);
  });

  it('counts UTF-16 code units: an emoji costs two and is never split between parts', () => {
    expect(smsLength('🚨'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsLength(`${'风'.repeat(66)}🚨${'风'.repeat(66)}`)).toEqual({
      encoding: 'UCS-2',
      units: 134,
      segments: 3,
    });
  });
});

describe('Function: isGsm7', () => {
  it('knows the GSM alphabet (URLs, accented Latin it has) from what it lacks (Vietnamese, Chinese, the ellipsis)', () => {
    expect(isGsm7('[RED] https://x.example.com/cases/a-1?b=c_d é à ü Ñ €')).toBe(true);
    expect(isGsm7('Rủi ro')).toBe(false);
    expect(isGsm7('风险')).toBe(false);
    expect(isGsm7('…')).toBe(false);
  });
});

describe('Function: withoutDiacritics', () => {
  it('writes Vietnamese without its marks, as Vietnamese SMS are, leaving GSM text', () => {
    // Act
    const plain = withoutDiacritics('[ĐỎ] Rủi ro ngân sách: chiến dịch Tết trên Zalo, đã vượt');

    // Assess
    expect(plain).toBe('[DO] Rui ro ngan sach: chien dich Tet tren Zalo, da vuot');
    expect(isGsm7(plain)).toBe(true);
  });
});

describe('Function: fitSms', () => {
  const link = ' https://radar.example.com/cases/0b6f2c1e-7d1a-4d3b-9a55-3f1e2d4c5b6a';

  it('keeps the whole text when it fits one segment', () => {
    const text = fitSms([
      { head: '[RED] budget risk: ', cuttable: 'campaign cmp-1 on facebook', tail: link },
      { head: '[RED]', cuttable: '', tail: link },
    ]);
    expect(text).toBe(`[RED] budget risk: campaign cmp-1 on facebook${link}`);
  });

  it('cuts the cuttable part to fit one segment and keeps the link whole', () => {
    // Prepare
    const long = `campaign ${'x'.repeat(200)} on facebook`;

    // Act
    const text = fitSms([
      { head: '[RED] budget risk: ', cuttable: long, tail: link },
      { head: '[RED]', cuttable: '', tail: link },
    ]);

    // Assess
    // 158 characters: the brackets of [RED] are in the extension table, two septets each.
    expect(smsLength(text)).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(text.length).toBe(158);
    expect(text).toMatch(/^\[RED\] budget risk: campaign x+\.\.\. https:/);
    expect(text.endsWith(link)).toBe(true);
  });

  it('falls back to the shorter variant when too little of the cut part would be left', () => {
    // Prepare: in UCS-2 the head and the link leave room for one character of the subject.
    const chineseLink = ' https://radar.cn/cases/0b6f2c1e-7d1a-4d3b-9a55-3f1e2d4c5b6a';

    // Act
    const text = fitSms([
      { head: '【红色】预算风险：', cuttable: '抖音 投放活动 春节大促', tail: chineseLink },
      { head: '【红色】预算风险', cuttable: '', tail: chineseLink },
      { head: '【红色】', cuttable: '', tail: chineseLink },
    ]);

    // Assess
    expect(text).toBe(`【红色】预算风险${chineseLink}`);
    expect(smsSegments(text)).toBe(1);
  });

  it('keeps to the segments the floor needs when even the floor takes two, and says so through smsSegments', () => {
    // Prepare: a Chinese level and an 80-character link cannot share one UCS-2 segment.
    const cloudFront = ' https://d1a2b3c4d5e6f7.cloudfront.net/cases/0b6f2c1e-7d1a-4d3b-9a55-3f1e2d4c5b6a';

    // Act
    const text = fitSms([
      { head: '【红色】预算风险：', cuttable: '抖音 投放活动 '.repeat(20), tail: cloudFront },
      { head: '【红色】', cuttable: '', tail: cloudFront },
    ]);

    // Assess
    expect(smsSegments(`【红色】${cloudFront}`)).toBe(2);
    expect(smsSegments(text)).toBe(2);
    expect(text.length).toBeGreaterThan(120);
    expect(text).toMatch(/…/);
    expect(text.endsWith(cloudFront)).toBe(true);
  });
});
