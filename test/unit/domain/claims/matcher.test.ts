import { describe, expect, it } from 'vitest';
import { copySignals } from '#shared/domain/claims/evaluate-copy.ts';
import { compileMatcher, withPinyin } from '#shared/domain/claims/matcher.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { expandPattern } from '#shared/domain/claims/pattern.ts';
import type { RulePack } from '#shared/domain/claims/types.ts';
import type { Language } from '#shared/schemas/events.ts';
import { packOf, testRule } from './support.ts';

const CN_AD_LAW_PACK = packOf('cn');

const matcher = compileMatcher(DEFAULT_PACKS);
const MARKET = { zh: 'CN', vi: 'VN', en: 'US' } as const;

const findingsOf = (lang: Language, text: string, category = 'cosmetics') =>
  copySignals({ text, lang, market: MARKET[lang], category }, matcher);
const ruleIds = (lang: Language, text: string, category?: string) =>
  findingsOf(lang, text, category).map((signal) => signal.ruleId);
const evidenceOf = (lang: Language, text: string) =>
  findingsOf(lang, text).flatMap((signal) => signal.evidence ?? []);

describe('Class: ClaimMatcher', () => {
  describe('Method: find — evasions do not beat it', () => {
    it.each([
      ['zh', '效果最佳', 'cn.absolute.best', '最佳'],
      ['zh', '效果最佳（繁體）', 'cn.absolute.best', '最佳'],
      ['zh', '送禮極品', 'cn.absolute.highest', '極品'],
      ['zh', '這款乾燥肌面霜，效果極佳無副作用', 'cn.safety-guarantee', '無副作用'],
      ['zh', '效果最 佳', 'cn.absolute.best', '最 佳'],
      ['zh', '效果最-佳', 'cn.absolute.best', '最-佳'],
      ['zh', '效果最\u200b佳', 'cn.absolute.best', '最\u200b佳'],
      ['zh', '１００％有效', 'cn.efficacy-guarantee', '１００％有效'],
      ['en', 'It c.u.r.e.s acne', 'en.disease.skin', 'c.u.r.e.s acne'],
      ['en', 'It c.u.r.e.s everything', 'en.disease-cure', 'c.u.r.e.s'],
      ['en', '𝐜𝐮𝐫𝐞𝐬 eczema', 'en.disease.skin', '𝐜𝐮𝐫𝐞𝐬 eczema'],
      ['en', 'ＣＵＲＥ for acne', 'en.disease.skin', 'ＣＵＲＥ for acne'],
      ['en', 'Ⓒⓤⓡⓔ for acne', 'en.disease.skin', 'Ⓒⓤⓡⓔ for acne'],
      ['en', "America's  #1 serum", 'en.number-one', '#1'],
      ['vi', 'San pham tot nhat', 'vn.superlative.best', 'tot nhat'],
      ['vi', 'Sản phẩm TỐT NHẤT', 'vn.superlative.best', 'TỐT NHẤT'],
      ['vi', 'Sản phẩm tot nhat', 'vn.superlative.best', 'tot nhat'],
      ['vi', 'Sản phẩm tốt nhat', 'vn.superlative.best', 'tốt nhat'],
      ['vi', 'chua khoi benh tieu duong', 'vn.disease.metabolic', 'chua khoi benh tieu duong'],
    ] as const)('%s: finds %j as %s', (lang, text, ruleId, evidence) => {
      // Act
      const findings = findingsOf(lang, text);

      // Assess
      expect(findings.map((f) => [f.ruleId, f.evidence?.map((e) => e.text)])).toContainEqual([
        ruleId,
        [evidence],
      ]);
    });
  });

  describe('Method: find — innocent words are not claims', () => {
    it.each([
      ['zh', '第一次使用请先做皮肤测试'],
      ['zh', '下单后第一时间发货'],
      ['zh', '最近很多顾客回购'],
      ['zh', '第一 次使用'],
      ['vi', 'Nhất là vào mùa hè'],
      ['vi', 'nhat la vao mua he'],
      ['vi', 'Vị nhạt, dễ uống'],
      ['vi', 'Cập nhật bảng giá'],
      ['en', 'Try our cured ham platter'],
      ['en', 'Guaranteed delivery before Christmas'],
      ['en', 'Secure checkout'],
      ['en', 'Step cu re'],
      ['en', 'See footnote #12'],
    ] as const)('%s: %j has no finding', (lang, text) => {
      expect(ruleIds(lang, text)).toEqual([]);
    });
  });

  describe('Method: find — context', () => {
    it('lets the longest match win', () => {
      // "tốt nhất" is one claim of the named-superlatives rule, not also a bare "nhất".
      expect(ruleIds('vi', 'Dịch vụ tốt nhất')).toEqual(['vn.superlative.best']);
      expect(ruleIds('zh', '效果最佳')).toEqual(['cn.absolute.best']);
      expect(ruleIds('en', 'Cures eczema fast')).toEqual(['en.disease.skin']);
    });

    it.each([
      ['zh', '本品不能代替药物'],
      ['zh', '本品不能治愈任何疾病'],
      ['en', 'This product does not cure acne.'],
      ['en', 'This product is not intended to diagnose, treat, cure, or prevent any disease.'],
      ['en', 'It is no miracle'],
      ['vi', 'Thực phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh.'],
      ['zh', '「本品不能代替药物」'],
      [
        'en',
        'These statements have not been evaluated by the FDA. Not intended to diagnose, treat, cure or prevent any disease.',
      ],
      ['en', '"This product is not intended to diagnose, treat, cure, or prevent any disease."'],
    ] as const)('%s: a negated claim or legal disclaimer %j is no claim', (lang, text) => {
      expect(findingsOf(lang, text, 'health-food').filter((f) => !f.ruleId.includes('.required.'))).toEqual(
        [],
      );
    });

    it.each([
      ['zh', '不仅效果最佳', 'cn.absolute.best'],
      ['zh', '不含激素，第一品牌', 'cn.absolute.first'],
      ['en', 'No parabens. Cures acne', 'en.disease.skin'],
      ['vi', 'Cam kết giá tốt nhất', 'vn.superlative.cheapest'],
      ['vi', 'Dung dịch vệ sinh tốt nhất', 'vn.superlative.best'],
    ] as const)('%s: a pseudo-negation or one in another clause does not hide %j', (lang, text, ruleId) => {
      expect(ruleIds(lang, text)).toContain(ruleId);
    });

    it('requires the time span of a time-bound efficacy claim and covers it in the evidence', () => {
      expect(evidenceOf('zh', '坚持使用，7天美白')).toContainEqual({ text: '7天美白', start: 5, end: 9 });
      expect(evidenceOf('zh', '一周内即可见效')).toContainEqual({ text: '一周内即可见效', start: 0, end: 7 });
      expect(ruleIds('zh', '美白精华全新上市')).toEqual([]);
    });
  });

  describe('Method: find — scope', () => {
    it('applies a pack only to its language and market, and says when none covers the copy', () => {
      expect(
        copySignals({ text: '效果最佳', lang: 'zh', market: 'TW', category: 'food' }, matcher).map((s) => [
          s.ruleId,
          s.outcome,
        ]),
      ).toEqual([['coverage.no-pack', 'coverage']]);
      expect(
        copySignals({ text: 'cures acne', lang: 'vi', market: 'VN', category: 'food' }, matcher),
      ).toEqual([]);
    });

    it('lets medicines name what they treat, and not cosmetics', () => {
      expect(ruleIds('en', 'Treats eczema', 'Medicine')).toEqual([]);
      expect(ruleIds('en', 'Treats eczema', 'cosmetics')).toEqual(['en.disease.skin']);
    });

    it('applies category-bound rules only to their categories', () => {
      expect(ruleIds('en', 'FDA approved formula', 'cosmetics')).toEqual(['en.fda-approved']);
      expect(ruleIds('en', 'FDA approved formula', 'medical-device')).toEqual([]);
    });
  });

  describe('Method: find — evidence', () => {
    it.each([
      ['zh', '本产品采用国家級配方，效果最 佳！'],
      ['en', '😀 ＣＵＲＥＳ acne, c.u.r.e, 𝐜𝐮𝐫𝐞 and #1'],
      ['vi', 'Đây là sản phẩm tốt nhất, duy nhất, số 1'],
    ] as const)('%s: every evidence span of %j is the exact original substring', (lang, text) => {
      // Act
      const evidence = evidenceOf(lang, text);

      // Assess
      expect(evidence.length).toBeGreaterThan(1);
      for (const span of evidence) expect(text.slice(span.start, span.end)).toBe(span.text);
    });

    it('reports one finding per rule with every phrase as evidence, in text order', () => {
      // Act
      const [finding] = findingsOf('zh', '国家级配方，世界级工艺');

      // Assess
      expect(finding?.evidence).toEqual([
        { text: '国家级', start: 0, end: 3 },
        { text: '世界级', start: 6, end: 9 },
      ]);
      expect(finding?.message).toContain('“国家级”');
      expect(finding?.basis).toContain('《广告法》第九条第（三）项');
    });
  });
});

describe('Function: compileMatcher', () => {
  it('builds once per pack version and content', () => {
    expect(compileMatcher(DEFAULT_PACKS)).toBe(matcher);
    expect(compileMatcher([...DEFAULT_PACKS])).toBe(matcher);
  });

  it('rebuilds when a pack changes even without a version bump', () => {
    // Prepare
    const edited = {
      ...CN_AD_LAW_PACK,
      rules: CN_AD_LAW_PACK.rules.filter((rule) => rule.id !== 'cn.absolute.best'),
    };

    // Act
    const other = compileMatcher([edited]);

    // Assess
    expect(other).not.toBe(compileMatcher([CN_AD_LAW_PACK]));
    expect(other.find('效果最佳').map((hit) => hit.rule.id)).toEqual(['cn.absolute.zui']);
  });

  it('stamps the combined pack version', () => {
    expect(matcher.version).toBe('cn@3.8.0+en@3.8.0+vn@3.8.0');
  });
});

describe('Function: copySignals — required content', () => {
  const signalsOf = (lang: Language, market: string, category: string, text: string) =>
    copySignals({ text, lang, market, category }, matcher);

  it.each([
    ['zh', 'CN', 'health-food', '增强免疫力，适宜免疫力低下者', 'cn.required.health-food-notice'],
    ['zh', 'CN', '保健食品', '增强免疫力', 'cn.required.health-food-notice'],
    ['zh', 'CN', 'medical-device', '家用血压计', 'cn.required.medical-device-notice'],
  ] as const)('%s %s %s: %j lacks its notice', (lang, market, category, text, ruleId) => {
    // Act
    const finding = signalsOf(lang, market, category, text).find((signal) => signal.ruleId === ruleId);

    // Assess: nothing in the text is wrong, so there is no span to point at.
    expect(finding?.evidence).toEqual([]);
    expect(finding?.message).toMatch(/must/);
  });

  it('raises no notice by what a copy is about when that sits in the clause of a debunking cue', () => {
    // Prepare: a pack whose notice a topic or a trigger makes required
    const notice = {
      ...testRule('tn.notice', { languages: ['vi'] }),
      categories: ['health-food'],
      accepted: ['không phải là thuốc'],
    };
    const pack: RulePack = {
      id: 'tn',
      version: '1.0.0',
      title: 'Notice test pack',
      language: 'vi',
      markets: ['VN'],
      negation: { cues: ['không'], pseudo: [], maxGap: 2 },
      debunking: ['đừng tin'],
      topics: { 'health-food': ['thực phẩm chức năng'] },
      rules: [],
      required: [notice, { ...notice, id: 'tn.trigger', categories: 'all', triggers: ['viên uống'] }],
    };
    const own = compileMatcher([pack]);
    const missing = (text: string) =>
      own
        .inspect(text, (rule, context) => rule.categories === 'all' || context.topics.has('health-food'))
        .missing.map((m) => [m.rule.id, m.evidence.map((span) => span.text)]);

    // Act
    const advice = missing(
      'Đừng tin quảng cáo “khỏi bệnh” – hỏi bác sĩ trước khi dùng thực phẩm chức năng hay viên uống',
    );
    const ad = missing('Đừng tin lời đồn, thực phẩm chức năng và viên uống X giúp ngủ ngon');

    // Assess: after a comma the same words are the ad again
    expect(advice).toEqual([]);
    expect(ad).toEqual([
      ['tn.notice', ['thực phẩm chức năng']],
      ['tn.trigger', ['viên uống']],
    ]);
  });

  it("requires a notice with triggers by the copy's own category too when the rule says so (categoryAlone)", () => {
    // Prepare: the same notice with and without categoryAlone; the copy is sent as health-food
    const notice = {
      ...testRule('tc.notice', { languages: ['vi'] }),
      categories: ['health-food'],
      accepted: ['không phải là thuốc'],
      triggers: ['viên uống'],
    };
    const packWith = (categoryAlone?: boolean): RulePack => ({
      id: 'tc',
      version: '1.0.0',
      title: 'Category notice test pack',
      language: 'vi',
      markets: ['VN'],
      negation: { cues: ['không'], pseudo: [], maxGap: 2 },
      rules: [],
      required: [categoryAlone === undefined ? notice : { ...notice, categoryAlone }],
    });
    const sentAsHealthFood = () => true;
    const missing = (pack: RulePack, text: string) =>
      compileMatcher([pack])
        .inspect(text, sentAsHealthFood)
        .missing.map((m) => [m.rule.id, m.evidence.map((span) => span.text)]);

    // Act
    const byCategory = missing(packWith(true), 'Bổ sung vitamin giúp tăng cường sức khỏe');
    const byTrigger = missing(packWith(true), 'Viên uống bổ sung vitamin');
    const triggersOnly = missing(packWith(), 'Bổ sung vitamin giúp tăng cường sức khỏe');

    // Assess
    expect(byCategory).toEqual([['tc.notice', []]]);
    expect(byTrigger).toEqual([['tc.notice', ['Viên uống']]]);
    expect(triggersOnly).toEqual([]);
  });

  it('points at the words that make a Vietnamese copy a functional-food ad lacking its notice', () => {
    // Act
    const finding = signalsOf('vi', 'VN', 'Functional Food', 'Viên uống bổ sung vitamin C').find(
      (signal) => signal.ruleId === 'vn.required.health-food-notice',
    );

    // Assess
    expect(finding?.evidence?.map((span) => span.text)).toEqual(['Viên uống']);
    expect(finding?.message).toMatch(/must/);
  });

  it('points at the structure/function claim that makes the DSHEA notice necessary', () => {
    // Act
    const finding = signalsOf(
      'en',
      'US',
      'Dietary Supplement',
      'Zinc supports healthy immune function.',
    ).find((signal) => signal.ruleId === 'en.required.dshea-disclaimer');

    // Assess
    expect(finding?.evidence).toEqual([{ text: 'supports healthy immune function', start: 5, end: 37 }]);
  });

  it.each([
    ['zh', 'CN', 'health-food', '增强免疫力。本 品 不 能 代 替 药 物'],
    ['zh', 'CN', 'health-food', '增強免疫力。本品不能代替藥物'],
    [
      'vi',
      'VN',
      'health-food',
      'Bo sung vitamin. Thuc pham nay khong phai la thuoc, khong co tac dung thay the thuoc chua benh.',
    ],
    ['en', 'US', 'supplements', 'Great taste, 30 servings'],
    ['zh', 'CN', 'cosmetics', '温和保湿'],
  ] as const)('%s %s %s: %j needs no more', (lang, market, category, text) => {
    expect(signalsOf(lang, market, category, text).filter((s) => s.ruleId.includes('.required.'))).toEqual(
      [],
    );
  });
});

describe('Function: copySignals — substantiation and scope', () => {
  it('stays silent on a statistic when the copy cites its source', () => {
    expect(ruleIds('zh', '研究表明，每天一杯更健康')).toContain('cn.unsourced-data');
    expect(ruleIds('zh', '研究表明，每天一杯更健康（数据来源：XX大学，2025）')).not.toContain(
      'cn.unsourced-data',
    );
  });

  it('maps category synonyms onto the canonical categories', () => {
    expect(ruleIds('en', 'Waterproof sunscreen', 'Skin Care')).toContain('en.sunscreen');
    expect(ruleIds('zh', '保本保息', 'Investment')).toContain('cn.finance.guarantee');
  });

  it('scopes rules of one legal system to its markets', () => {
    const gb = copySignals(
      { text: 'Paraben-free cream', lang: 'en', market: 'GB', category: 'cosmetics' },
      matcher,
    );
    expect(gb.map((s) => s.ruleId)).toContain('en.free-from-denigration');
    expect(ruleIds('en', 'Paraben-free cream')).not.toContain('en.free-from-denigration');
  });

  it('converts traditional characters with their phrase, and keeps offsets exact', () => {
    // Act
    const evidence = evidenceOf('zh', '這款乾燥肌專用面霜，效果最佳，絕對安全');

    // Assess
    expect(evidence.map((e) => e.text)).toEqual(['最佳', '絕對安全']);
    for (const span of evidence) {
      expect('這款乾燥肌專用面霜，效果最佳，絕對安全'.slice(span.start, span.end)).toBe(span.text);
    }
  });
});

describe('Function: compileMatcher — cost does not grow with the rules', () => {
  it('scans once with one automaton however many phrases the packs hold', () => {
    expect(matcher.phrases).toBeGreaterThan(10_000);
    expect(matcher.rules.length).toBeGreaterThanOrEqual(150);
  });

  it('holds products of alternatives as chains, so the first copy of a language does not wait for them', () => {
    // The default packs' phrases expand to about 750,000 literals, which took 4–6 s to compile on the first
    // vi or en copy (a cold function's first request); as chains the automata hold about 100,000 keywords.
    expect(matcher.phrases).toBeLessThan(200_000);
  });
});

describe('Function: withPinyin', () => {
  /** Every phrase a Chinese pack writes, expanded: rules, required content, disclaimers, debunking cues, topics. */
  const chinesePhrases = (): string[] => {
    const phrases = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') for (const phrase of expandPattern(value)) phrases.add(phrase);
      else if (Array.isArray(value)) for (const item of value) collect(item);
      else if (value !== null && typeof value === 'object')
        for (const item of Object.values(value)) collect(item);
    };
    for (const pack of DEFAULT_PACKS.filter((candidate) => candidate.language === 'zh'))
      collect([pack.rules, pack.required, pack.disclaimers, pack.debunking, pack.topics]);
    return [...phrases].filter((phrase) => !phrase.includes('{'));
  };

  it('keeps, for every Chinese phrase of the shipped packs, exactly the pinyin spellings that normalising every spelling keeps', () => {
    // Prepare
    const phrases = chinesePhrases();
    const keys = (patterns: readonly { key: string }[]) => patterns.map((pattern) => pattern.key);

    // Act
    const differing = phrases.filter(
      (phrase) => keys(withPinyin(phrase)).join('|') !== keys(withPinyin(phrase, true)).join('|'),
    );

    // Assess
    expect(phrases.length).toBeGreaterThan(10_000);
    expect(differing).toEqual([]);
  });

  it('does not take the shortcut beside a character the normaliser reads differently alone (怎么 keeps 么, a lone 么 is 幺)', () => {
    // Act
    const spellings = withPinyin('怎么喝都').map((pattern) => pattern.key);

    // Assess
    expect(spellings).toEqual(withPinyin('怎么喝都', true).map((pattern) => pattern.key));
    expect(spellings).toContain('zen幺喝都');
  });
});
