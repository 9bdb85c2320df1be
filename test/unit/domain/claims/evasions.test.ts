import { describe, expect, it } from 'vitest';
import { pinyinFold } from '#shared/domain/claims/evasions.ts';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import {
  GAP_DECIMAL,
  GAP_HARD,
  GAP_SOFT,
  markupMask,
  normalise,
  originalRange,
} from '#shared/domain/claims/normaliser.ts';
import type { RulePack } from '#shared/domain/claims/types.ts';
import { testRule } from './support.ts';

// A pack of its own, so these tests say what the normaliser and matcher do whatever the default packs hold.
const rule = testRule;

const PACK: RulePack = {
  id: 'ev',
  version: '1.0.0',
  title: 'Evasion test pack',
  language: 'en',
  markets: ['US'],
  negation: { cues: ['not'], pseudo: [], maxGap: 2 },
  rules: [
    rule('ev.one-percent', { patterns: ['1%'] }),
    rule('ev.nine-percent', { patterns: ['9%', '99%'] }),
    rule('ev.sugars', { patterns: ['sugars 4.8 g', 'sugars 12 g'] }),
    rule('ev.guaranteed', { patterns: ['guaranteed', 'better than', 'top 1', 'no. 1', 'only'] }),
    rule('ev.cure', { predicates: ['cures', 'treats'], objects: ['eczema', 'insomnia'] }),
  ],
};
const ZH_PACK: RulePack = {
  ...PACK,
  id: 'evzh',
  language: 'zh',
  markets: ['CN'],
  negation: { cues: ['不'], pseudo: [], maxGap: 2 },
  topics: { tobacco: ['电子烟'] },
  rules: [
    rule('evzh.best', { languages: ['zh'], patterns: ['最佳', '第一'] }),
    rule('evzh.cure', { languages: ['zh'], predicates: ['治好'], objects: ['失眠'] }),
  ],
};
const matcher = compileMatcher([PACK, ZH_PACK]);
const hits = (text: string) => matcher.find(text).map((hit) => [hit.rule.id, hit.text]);

describe('Function: normalise — evasions between characters', () => {
  it.each([
    ['a decimal point (the number goes on)', '0.1%', '01%', [0, GAP_DECIMAL, 0]],
    ['a Vietnamese decimal comma', '4,2%', '42%', [0, GAP_DECIMAL, 0]],
    [
      'thousands separators (dropped: 1,000 reads as 1000)',
      '1,000 10.000đ',
      '100010000d',
      [0, 0, 0, 0, GAP_HARD, 0, 0, 0, 0, 0],
    ],
    ['an emoji inside a word (soft)', 'gu✨ar', 'guar', [0, 0, GAP_SOFT, 0]],
    ['Markdown emphasis inside a word (soft)', 'TO**P**', 'top', [0, 0, GAP_SOFT]],
    ['an emoji between digits (soft: one number or two)', '9🔥9', '99', [0, GAP_SOFT]],
    ['Markdown emphasis inside a number (soft)', '10**0%', '100%', [0, 0, GAP_SOFT, 0]],
    ['thousands separators with a zero-width space after them', '1,20\u200b0', '1200', [0, 0, 0, 0]],
    ['thousands separators with a tag after them', '1,20<b>0', '1200', [0, 0, 0, 0]],
    ['a decimal point between full-width digits', '１６.９', '169', [0, 0, GAP_DECIMAL]],
    ['a full stop after a number (no decimal point)', '10. 5', '105', [0, 0, GAP_HARD]],
  ])('marks %s', (_case, text, expected, gaps) => {
    // Act
    const n = normalise(text);

    // Assess
    expect(n.text).toBe(expected);
    expect([...n.gapBefore]).toEqual(gaps);
  });

  it.each([
    ['letters spelt out, a doubled one among them', 'g.u.a.r.a.n.t.e.e.d', 'guaranted'],
    ['spaced out with spaces', 'b e t t e r', 'beter'],
    ['a doubled letter split by decoration', 'cigaret**tes', 'cigaretes'],
    ['a lower-case l standing for 1', 'số l, top l, giảm l00%', 'so1top1giam100%'],
    ['l kept: a letter of a spelt-out word, litres, a size', 'l.á 5 l size L', 'la5lsizel'],
    ['N0.1 (a zero for an o, then a point)', 'N0.1', 'no1'],
    ['leetspeak after an l (no 1 there: a word goes on)', 'l0st l1ke', 'lostlike'],
    ['small capitals, ꜰ among them (named in Unicode, in no confusables list)', 'ꜰʟᴜᴇɴᴛ ꜱᴀꜰᴇ', 'fluentsafe'],
    ['a lower-case l for 1 beside Chinese', '第l名 l次见效 买l送l', '第1名1次见效买1送1'],
    ['a lower-case l for 1 after a word in capitals', 'TOPl爆款 TOPl seller', 'top1爆款top1seler'],
    ['a pictograph written for the word of a regulated product', '电子🚬 🚬弹 🍺畅饮', '电子烟烟弹啤酒畅饮'],
    [
      'a lower-case l for 1 after a number sign (a hashtag stays)',
      "America's #l mattress #lol",
      'americas#1matres#lol',
    ],
    [
      'l kept inside words, after a digit, after a capitalised word',
      'Apple手机 all 3l水 Nol',
      'aple手机al3l水nol',
    ],
    [
      'an entity of a traditional character, converted with the text',
      '包&#36942;！香&#29017;禮盒',
      '包过香烟礼盒',
    ],
  ])('folds %s', (_case, text, expected) => {
    expect(normalise(text).text).toBe(expected);
  });

  it('masks the characters of markup, so an entity’s “;” ends nothing', () => {
    // Act
    const mask = markupMask(normalise('失&#30496;。'));

    // Assess
    expect([...(mask ?? [])]).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(markupMask(normalise('no markup'))).toBeUndefined();
  });
});

describe('Class: ClaimMatcher — evasions and numbers', () => {
  it.each([
    ['0.1% of users', []],
    ['99.9% pure', []],
    ['sugars 4.8 g', [['ev.sugars', 'sugars 4.8 g']]],
    ['sugars 48 g (no decimal point where the phrase has one)', []],
    ['sugars 1.2 g (a decimal point where the phrase has none)', []],
    [
      'only 1% of users',
      [
        ['ev.guaranteed', 'only'],
        ['ev.one-percent', '1%'],
      ],
    ],
  ])('reads a number whole: %j', (text, expected) => {
    expect(hits(text)).toEqual(expected);
  });

  it.each([
    ['gu✨aranteed results', 'gu✨aranteed'],
    ['GUA**RANTEED**', 'GUA**RANTEED'],
    ['g.u.a.r.a.n.t.e.e.d', 'g.u.a.r.a.n.t.e.e.d'],
    ['B.e.t.t.e.r than theirs', 'B.e.t.t.e.r than'],
    ['TO✨P 1 seller', 'TO✨P 1'],
    ['N0.1 in town', 'N0.1'],
    ['ɢᴜᴀʀᴀɴᴛᴇᴇᴅ', 'ɢᴜᴀʀᴀɴᴛᴇᴇᴅ'],
    ['gu&#97;ranteed', 'gu&#97;ranteed'],
    ['g.u.a.r4nteed', 'g.u.a.r4nteed'],
    ['c.u.r&shy;es eczema', 'c.u.r&shy;es eczema'],
    ['T0D.A.Y treats insomnia', 'treats insomnia'],
    ['9**9% off', '9**9%'],
    ['sugars 4.8 g', 'sugars 4.8 g'],
  ])('still finds the claim in %j, with the exact written span', (text, span) => {
    expect(hits(text)).toEqual([[expect.stringMatching(/^ev\./), span]]);
  });

  it.each([
    ['a word split in two across a space', 'cu res eczema'],
    ['one letter split off', 'c ures eczema'],
    ['letters spelt out in the middle of a word', 'cu.r.es eczema'],
  ])('does not join words that only happen to spell a phrase: %s', (_case, text) => {
    expect(hits(text)).toEqual([]);
  });

  it('keeps a word edge at decoration between words (Giảm giá🔥only)', () => {
    expect(hits('deal🔥only today')).toEqual([['ev.guaranteed', 'only']]);
  });

  it.each([
    ['多年的失&#30496;彻底治好了', '失&#30496;彻底治好'],
    ['效果zu✨i佳', 'zu✨i佳'],
    ['效果zuijia', 'zuijia'],
    ['全网di**一**', 'di**一'],
  ])('pairs and finds Chinese claims through markup, pinyin and decoration: %j', (text, span) => {
    expect(hits(text).map(([, found]) => found)).toEqual([span]);
  });

  it('does not read another word in a pinyin spelling that folds back to Han: 国企 is no 国旗', () => {
    // Prepare: a rule on 国旗, and the shipped evasion tables, in which some phrase pairs 国 with 企 (保进国企),
    // so the spelling 国qi normalises to 国企 — or, where 国企 and 国旗 fit it alike, stays 国qi
    expect([undefined, '企']).toContain(pinyinFold('qi', '国', undefined));
    const flags = compileMatcher([
      { ...ZH_PACK, rules: [rule('evzh.flag', { languages: ['zh'], patterns: ['国旗'] })] },
    ]);

    // Act
    const found = (text: string) => flags.find(text).map((hit) => hit.text);

    // Assess: the company is no flag; the flag, and the flag in pinyin, still are
    expect(found('中国企业家峰会报名')).toEqual([]);
    expect(found('广告里用了国旗')).toEqual(['国旗']);
    expect(found('广告用guo旗图案')).toEqual(['guo旗']);
  });

  it('maps a pictograph read as a word back to the pictograph as written', () => {
    // Prepare
    const text = '电子🚬直播间';

    // Act
    const n = normalise(text);
    const range = originalRange(n, 0, 3);

    // Assess
    expect(n.text).toBe('电子烟直播间');
    expect(text.slice(range.start, range.end)).toBe('电子🚬');
  });

  it('finds what a copy is about with a character in pinyin (dian子烟)', () => {
    expect([...matcher.inspect('dian子烟 买二送一').topics]).toEqual(['tobacco']);
  });

  it('does not join a predicate and an object across an entity’s “;” as if it ended a sentence', () => {
    // Prepare: the same claim with a real sentence end between its parts
    const split = hits('失眠。彻底治好了');

    // Assess
    expect(split).toEqual([]);
    expect(hits('失&#30496;彻底治好了')).toHaveLength(1);
  });
});
