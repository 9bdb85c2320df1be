import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  CITED_SOURCE_RULE_ID,
  copySignals,
  EVIDENCE_CAP,
} from '#shared/domain/claims/evaluate-copy.ts';
import type { WorkMeter } from '#shared/domain/claims/matcher.ts';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { testRule } from './support.ts';

const matcher = compileMatcher(DEFAULT_PACKS);
const copy = (text: string) => ({ text, lang: 'zh' as const, market: 'CN', category: 'cosmetics' });

const stepsFor = (text: string): number => {
  const meter: WorkMeter = { steps: 0 };
  copySignals(copy(text), matcher, meter);
  return meter.steps;
};

describe('Function: copySignals', () => {
  describe('on hostile input (issue #10: 20,000 × 最)', () => {
    it('caps the evidence of a finding and says how many more spans there were', () => {
      // Act
      const signals = copySignals(copy('最'.repeat(20_000)), matcher);

      // Assess
      const zui = signals.find((signal) => signal.ruleId === 'cn.absolute.zui');
      expect(zui?.evidence).toHaveLength(EVIDENCE_CAP);
      expect(zui?.moreEvidence).toBe(20_000 - EVIDENCE_CAP);
      expect(JSON.stringify(signals).length).toBeLessThan(20_000);
    });

    it.each([
      ['one phrase repeated', '最'],
      ['a phrase inside its exception, repeated', '最近最佳'],
      ['predicates and objects, repeated', '治疗失眠'],
      ['a mix with negation and quotes', '不是最好的，“最佳”'],
    ])('does work linear in the length of the copy: %s', (_case, unit) => {
      // Prepare: the same copy at two lengths
      const short = stepsFor(unit.repeat(1_000));
      const long = stepsFor(unit.repeat(4_000));

      // Assess: four times the text, at most a little over four times the steps (a quadratic pass is 16×)
      expect(short).toBeGreaterThan(0);
      expect(long).toBeLessThanOrEqual(short * 4.5);
    });
  });

  it('finds every evidence span as the exact submitted substring', () => {
    const text = '<b>最</b>佳 ｃｕｒｅ 第壹 zui佳';
    for (const signal of copySignals(copy(text), matcher)) {
      for (const span of signal.evidence ?? []) expect(text.slice(span.start, span.end)).toBe(span.text);
    }
  });

  it('selects rules by what the copy is about, not only by the category it was sent with', () => {
    // Prepare: a health-food ad sent as "general" must still carry the health-food notice
    const text = '鱼油软胶囊（保健食品），每日两粒';

    // Act
    const asGeneral = copySignals({ ...copy(text), category: 'general' }, matcher).map((s) => s.ruleId);
    const withNotice = copySignals({ ...copy(`${text}。本品不能代替药物`), category: 'general' }, matcher);

    // Assess
    expect(asGeneral).toContain('cn.required.health-food-notice');
    expect(
      copySignals({ ...copy(text), category: 'general' }, matcher)
        .find((s) => s.ruleId === 'cn.required.health-food-notice')
        ?.evidence?.map((span) => span.text),
    ).toEqual(['保健食品']);
    expect(withNotice.map((s) => s.ruleId)).not.toContain('cn.required.health-food-notice');
  });

  it('leaves a rule out by what a copy sent under no known category is about, never against its category', () => {
    // Prepare: a disease rule medicines are exempt from, and a medicine ad (its registration number a topic)
    const rule = testRule('t.disease', { languages: ['vi'], exceptCategories: ['medicine'] });
    const medicine = new Set(['medicine']);
    const scope = (category: string, topics: ReadonlySet<string>) => ({
      market: 'VN',
      category,
      languages: ['vi' as const],
      topics,
    });

    // Act
    const verdicts = [
      appliesTo(rule, scope('general', medicine)),
      appliesTo(rule, scope('general', new Set())),
      appliesTo(rule, scope('cosmetics', medicine)),
      appliesTo(rule, scope('medicine', new Set())),
    ];

    // Assess: only the category field of a known category stands over what the copy is about
    expect(verdicts).toEqual([false, true, true, false]);
  });

  it('checks copy mixing two languages with the packs of each', () => {
    const signals = copySignals(
      {
        text: 'Serum dưỡng da tốt nhất, the best choice for your skin and clinically proven',
        lang: 'vi',
        market: 'VN',
        category: 'cosmetics',
      },
      matcher,
    );

    expect(signals.map((s) => s.language)).toContain('vi');
    expect(signals.map((s) => s.language)).toContain('en');
    expect(signals.every((s) => s.outcome !== 'coverage')).toBe(true);
  });

  describe('leaves alone what the law says is fine', () => {
    const violations = (text: string, lang: 'zh' | 'vi' | 'en', market: string) =>
      copySignals({ text, lang, market, category: 'general' }, matcher)
        .filter((signal) => signal.outcome === 'violation')
        .map((signal) => signal.ruleId);

    it.each([
      ['a storage tip', '开封后冷藏，三日内饮用风味最佳', 'zh', 'CN'],
      ['a title in 《》', '电影《最好的时光》纪念海报', 'zh', 'CN'],
      ['a debunked myth in quotes', '别再相信“七天美白”这种神话，护肤要坚持', 'zh', 'CN'],
      ['a quoted law', '普通食品广告不得宣传疾病治疗功能', 'zh', 'CN'],
      ['a shop name', 'Tiệm bánh Hồng Nhất mở cửa từ 6 giờ sáng', 'vi', 'VN'],
      ['an address', 'Ghé cửa hàng tại số 1 Lê Lợi, quận 1', 'vi', 'VN'],
      ['an address in English', 'Visit us at No. 1 Market Street, Leeds', 'en', 'UK'],
      ['a service guarantee', 'Guaranteed next-day delivery on orders before 2 pm', 'en', 'US'],
      ['a non-medical cure', 'Our gel polish cures under the lamp in 60 seconds', 'en', 'US'],
    ] as const)('%s', (_case, text, lang, market) => {
      expect(violations(text, lang, market)).toEqual([]);
    });

    it.each([
      ['a disease claim with words between', 'Our tea reverses type 2 diabetes in weeks', 'en', 'US'],
      ['an object before its predicate', '多年的失眠彻底治好了', 'zh', 'CN'],
      ['leetspeak', 'Cl1nically pr0ven to cure acne', 'en', 'US'],
      ['look-alike letters', 'Сures аcne overnight', 'en', 'US'],
      ['half-pinyin', 'zui佳面霜', 'zh', 'CN'],
      ['a financial numeral', '销量第壹', 'zh', 'CN'],
      ['HTML inside a phrase', '全网最<b>佳</b>', 'zh', 'CN'],
      ['stretched letters', 'It cuuures acne fast', 'en', 'US'],
      ['an emoji inside a word', 'It cu✨res acne fast', 'en', 'US'],
      ['Markdown inside a word', 'It cu**res acne** fast', 'en', 'US'],
      ['a spelt-out word with a doubled letter', 'G.u.a.r.a.n.t.e.e.d r.e.s.u.l.t.s', 'en', 'US'],
      ['small capitals', 'ᴄᴜʀᴇꜱ ᴀᴄɴᴇ ꜰᴀꜱᴛ', 'en', 'US'],
      ['an HTML entity between a disease and its cure', '多年的失&#30496;彻底治好了', 'zh', 'CN'],
    ] as const)('but finds %s', (_case, text, lang, market) => {
      expect(violations(text, lang, market).length).toBeGreaterThan(0);
    });
  });

  describe('makes a claim the law allows with proof an advisory when the copy cites its source', () => {
    const outcomes = (text: string, lang: 'zh' | 'vi' | 'en', market: string) =>
      copySignals({ text, lang, market, category: 'general' }, matcher).map(
        (signal) => `${signal.ruleId}:${signal.outcome}`,
      );

    it.each([
      ['zh', 'CN', '全国销量第一（数据来源：尼尔森零售监测，2024年1—12月）', '全国销量第一'],
      ['vi', 'VN', 'Số 1 về thị phần năm 2024 theo khảo sát của Nielsen Việt Nam', 'Số 1 về thị phần'],
      [
        'en',
        'US',
        "America's #1 selling peanut butter (NielsenIQ, unit sales, 52 weeks ending June 2025)",
        "America's #1 selling peanut butter",
      ],
    ] as const)('%s: a ranking with its survey and period', (lang, market, sourced, bare) => {
      // Act
      const withSource = outcomes(sourced, lang, market);
      const without = outcomes(bare, lang, market);

      // Assess: the same rule fires; with the source it asks legal to verify, without it is a breach
      expect(without.some((outcome) => outcome.endsWith(':violation'))).toBe(true);
      expect(withSource.some((outcome) => outcome.endsWith(':advisory'))).toBe(true);
      expect(withSource.some((outcome) => outcome.endsWith(':violation'))).toBe(false);
    });

    it('keeps a disease claim a violation whatever study it cites', () => {
      expect(outcomes('三天治愈糖尿病（某医院2023年临床研究）', 'zh', 'CN')).toContain(
        'cn.disease.general:violation',
      );
    });

    it('says so when the copy cites a source for a claim no rule flagged (an award and its year)', () => {
      // Prepare
      const text = 'Winner of the Golden Spoon Award 2024 — try our new granola';

      // Act
      const signals = copySignals({ text, lang: 'en', market: 'US', category: 'food' }, matcher);

      // Assess
      const sourced = signals.find((signal) => signal.ruleId === CITED_SOURCE_RULE_ID);
      expect(sourced?.outcome).toBe('advisory');
      expect(sourced?.evidence?.map((span) => text.slice(span.start, span.end))).toEqual([
        'Winner of the Golden Spoon Award 2024',
      ]);
    });
  });
});
