import { describe, expect, it } from 'vitest';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import type { RulePack } from '#shared/domain/claims/types.ts';
import { testRule } from './support.ts';

// Predicate × object claims of a pack of its own: what the clause reader does, whatever the default packs hold.
const rule = testRule;

const PACK: RulePack = {
  id: 'cl',
  version: '1.0.0',
  title: 'Clause test pack',
  language: 'en',
  markets: ['US'],
  negation: { cues: ['not', 'never'], pseudo: ['not only'], maxGap: 3 },
  debunking: ["don't believe", 'myth'],
  rules: [
    rule('cl.cure', {
      predicates: ['cures', 'reverses', 'sent … packing', '{put|puts} … to bed'],
      objects: ['diabetes', 'eczema'],
    }),
    rule('cl.free-costs', { predicates: ['free'], objects: ['just pay', 'handling fee'], sentences: 2 }),
    rule('cl.disparage', { patterns: ['their cream is fake'], debunkable: false }),
    rule('cl.miracle', { patterns: ['miracle'], exceptions: ['miracle monday'] }),
  ],
};
const matcher = compileMatcher([PACK]);
const hits = (text: string) => matcher.find(text).map((hit) => [hit.rule.id, hit.text]);

describe('Class: ClaimMatcher — predicate × object inside a clause', () => {
  it.each([
    ['words between', 'Our tea reverses type 2 diabetes', 'reverses type 2 diabetes'],
    ['the object first', 'Stubborn eczema, this balm finally cures it', 'eczema, this balm finally cures'],
  ])('pairs them with %s', (_case, text, span) => {
    expect(hits(text).map(([, found]) => found)).toContain(span);
  });

  it.each([
    ['a sentence end between them', 'It cures. Diabetes is common.'],
    ['a negation before the predicate', 'It does not cure or reverse diabetes, it never reverses diabetes'],
    ['a debunked claim in quotes', 'Don\'t believe "cures eczema" ads'],
  ])('does not pair them across %s', (_case, text) => {
    expect(hits(text).filter(([id]) => id === 'cl.cure')).toEqual([]);
  });

  it('takes a claim asked as a question and refused right after it as none', () => {
    // Act
    const refused = hits('It cures eczema? Myth. Our balm soothes dry skin.');
    const stated = hits('It cures eczema. Myth-busting tips inside.');

    // Assess: only a question is answered by the next sentence
    expect(refused).toEqual([]);
    expect(stated).toEqual([['cl.cure', 'cures eczema']]);
  });

  it('takes every claim of a question refused right after it as none, not only the last', () => {
    // Act
    const refused = hits('Think it cures eczema and reverses diabetes? Myth.');

    // Assess
    expect(refused).toEqual([]);
  });

  it('pairs an object with the predicate of its own clause before a nearer one across a comma', () => {
    // Act
    const found = hits('Eczema it cures, diabetes it reverses');

    // Assess: both claims, each with its own predicate
    expect(found).toEqual([
      ['cl.cure', 'Eczema it cures'],
      ['cl.cure', 'diabetes it reverses'],
    ]);
  });

  it('ends no sentence at a dotted abbreviation the sentence goes on from (U.S. and …)', () => {
    // Act
    const within = hits('It cures the U.S. and U.K. diabetes epidemic');
    const ended = hits('It cures the U.S. Diabetes is common there.');

    // Assess
    expect(within).toEqual([['cl.cure', 'cures the U.S. and U.K. diabetes']]);
    expect(ended.filter(([id]) => id === 'cl.cure')).toEqual([]);
  });

  it('reads a run of sentence-end marks as one sentence end (sentences: 2 still reaches the next)', () => {
    expect(hits('Get it FREE!! Just pay the handling fee.')).toEqual([
      ['cl.free-costs', 'FREE!! Just pay the handling fee'],
    ]);
  });

  it('keeps a claim its rule says no debunking clears (a disparagement wrapped in a refutation)', () => {
    expect(hits('Don\'t believe "their cream is fake" — it is, and ours is not')).toEqual([
      ['cl.disparage', 'their cream is fake'],
    ]);
  });

  it('lets an innocent phrase clear a claim only inside one sentence', () => {
    // Act
    const inside = hits('Miracle Monday: 30 % off all towels');
    const across = hits('A skin miracle. Monday to Friday, twice a day');

    // Assess
    expect(inside).toEqual([]);
    expect(across).toEqual([['cl.miracle', 'miracle']]);
  });

  it('reads a pseudo-negation as none ("not only … cures")', () => {
    expect(hits('Not only soothes, it cures eczema')).toEqual([['cl.cure', 'cures eczema']]);
  });

  it('pairs across the next sentence only for a rule that says so (sentences: 2)', () => {
    // Act
    const free = hits('FREE smartwatch! Just pay $19.95 shipping.');
    const cure = hits('It cures! Eczema patients love it.');

    // Assess
    expect(free).toEqual([['cl.free-costs', 'FREE smartwatch! Just pay']]);
    expect(cure).toEqual([]);
  });

  it('pairs the condition of a question that opens the copy with the outcome of the next sentence', () => {
    // Act
    const answered = hits('Eczema? This balm cures it in a week.');
    const later = hits('New in store. Eczema? This balm cures it in a week.');
    const stated = hits('Eczema is common. This balm cures it in a week.');

    // Assess: only a question, and only the one that opens the copy
    expect([answered, later, stated]).toEqual([[['cl.cure', 'Eczema? This balm cures']], [], []]);
  });

  it('reads a predicate split around its object (verb … particle) as one claim, and its head alone as none', () => {
    // Act
    const found = [
      hits('This balm sent my eczema packing'),
      hits('It puts stubborn eczema to bed for good.'),
      hits("We sent my gran's eczema cream back. It went to bed early."),
      hits('It sent my eczema. Packing tips inside.'),
    ];

    // Assess
    expect(found).toEqual([
      [['cl.cure', 'sent my eczema packing']],
      [['cl.cure', 'puts stubborn eczema to bed']],
      [],
      [],
    ]);
  });

  it('reads an ellipsis before a lower-case word as a pause, before a capital as a sentence end', () => {
    // Act
    const paused = [
      hits('Stubborn eczema… this balm cures it'),
      hits('Stubborn eczema... this balm cures it'),
    ];
    const ended = [
      hits('Stubborn eczema… This balm cures it'),
      hits('Stubborn eczema... This balm cures it'),
    ];

    // Assess
    expect(paused).toEqual([
      [['cl.cure', 'eczema… this balm cures']],
      [['cl.cure', 'eczema... this balm cures']],
    ]);
    expect(ended).toEqual([[], []]);
  });

  it('does not reach two sentences on', () => {
    expect(hits('FREE smartwatch! Great battery. Just pay $19.95 shipping.')).toEqual([]);
  });
});

describe('Class: ClaimMatcher — names in Vietnamese copy', () => {
  const VI_PACK: RulePack = {
    id: 'clvi',
    version: '1.0.0',
    title: 'Name test pack',
    language: 'vi',
    markets: ['VN'],
    negation: { cues: ['không'], pseudo: [], maxGap: 2 },
    rules: [
      rule('clvi.best', { languages: ['vi'], area: 'absolute-terms', patterns: ['nhất'] }),
      rule('clvi.spirits', { languages: ['vi'], area: 'alcohol', patterns: ['chivas', 'johnnie walker'] }),
    ],
  };
  const viHits = (text: string) =>
    compileMatcher([VI_PACK])
      .find(text)
      .map((hit) => [hit.rule.id, hit.text]);

  it('reads a claim word inside a name as no claim (Quán Phở Nhất)', () => {
    expect(viHits('Ghé Quán Phở Nhất ăn sáng')).toEqual([]);
  });

  it('reads a capitalised claim word that opens the copy before another capitalised word as a name', () => {
    // Act
    const names = [viHits('Nhất Phương shop áo dài may đo'), viHits('🌟 Nhất Nam Furniture – nội thất gỗ')];
    const claims = [viHits('Nhất trên thị trường'), viHits('Giá Tốt. Nhất Định Phải Thử')];

    // Assess
    expect(names).toEqual([[], []]);
    expect(claims).toEqual([[['clvi.best', 'Nhất']], [['clvi.best', 'Nhất']]]);
  });

  it('still finds a product named by its brand, capitalised in the middle of a sentence', () => {
    // Act
    const found = [viHits('Chai Chivas 18 sang trọng làm quà'), viHits('Mua ngay Johnnie Walker giá tốt')];

    // Assess
    expect(found).toEqual([[['clvi.spirits', 'Chivas']], [['clvi.spirits', 'Johnnie Walker']]]);
  });
});

describe('Class: ClaimMatcher — Vietnamese written with "!" for i', () => {
  const VI_PACK: RulePack = {
    id: 'clvii',
    version: '1.0.0',
    title: 'Stand-in test pack',
    language: 'vi',
    markets: ['VN'],
    negation: { cues: ['không'], pseudo: [], maxGap: 2 },
    rules: [rule('clvii.cure', { languages: ['vi'], predicates: ['trị dứt điểm'], objects: ['viêm xoang'] })],
  };
  const viHits = (text: string) =>
    compileMatcher([VI_PACK])
      .find(text)
      .map((hit) => [hit.rule.id, hit.text]);

  it('reads "tr! dứt đ!ểm v!êm xoang" as the claim, the "!" ending no sentence', () => {
    expect(viHits('Thuốc nam tr! dứt đ!ểm v!êm xoang')).toEqual([['clvii.cure', 'tr! dứt đ!ểm v!êm xoang']]);
  });

  it('still ends a sentence at an exclamation after a whole word', () => {
    expect(viHits('Mua ngay để trị dứt điểm! Viêm xoang hay tái phát')).toEqual([]);
  });
});

describe('Class: ClaimMatcher — Vietnamese hashtags written without separators', () => {
  const VI_PACK: RulePack = {
    id: 'clht',
    version: '1.0.0',
    title: 'Hashtag test pack',
    language: 'vi',
    markets: ['VN'],
    negation: { cues: ['không'], pseudo: [], maxGap: 2 },
    rules: [
      rule('clht.cure', { languages: ['vi'], predicates: ['chữa khỏi'], objects: ['tiểu đường'] }),
      rule('clht.slim', { languages: ['vi'], patterns: ['giảm cân'] }),
      rule('clht.farm', { languages: ['vi'], patterns: ['canh tác hiệu quả'] }),
    ],
  };
  const viHits = (text: string) =>
    compileMatcher([VI_PACK])
      .find(text)
      .map((hit) => [hit.rule.id, hit.text]);

  it('reads the syllables of a hashtag as words, with or without diacritics', () => {
    // Act
    const found = [viHits('Trà thảo mộc #chuakhoitieuduong'), viHits('#chữakhỏitiểuđường #giảmcânhiệuquả')];

    // Assess
    expect(found).toEqual([
      [['clht.cure', 'chuakhoitieuduong']],
      [
        ['clht.cure', 'chữakhỏitiểuđường'],
        ['clht.slim', 'giảmcân'],
      ],
    ]);
  });

  it('leaves words joined outside a hashtag, and a phrase cut across a syllable, alone', () => {
    expect([viHits('Trà chuakhoitieuduong'), viHits('#thugiamcanh')]).toEqual([[], []]);
  });
});

describe('Class: ClaimMatcher — doubled consonants in Vietnamese copy', () => {
  const EN_PACK: RulePack = {
    id: 'cldbl',
    version: '1.0.0',
    title: 'Doubled consonant test pack',
    language: 'en',
    markets: ['US', 'VN'],
    negation: { cues: ['not'], pseudo: [], maxGap: 2 },
    topics: { 'health-food': ['maca'] },
    rules: [rule('cldbl.spa', { patterns: ['massage cures'] })],
  };
  const matcher = compileMatcher([EN_PACK]);
  const topicsOf = (text: string) => [...matcher.inspect(text).topics];

  it('reads a consonant written twice in Vietnamese copy as another word (macca is no maca)', () => {
    expect(topicsOf('Hạt dinh dưỡng mix hạnh nhân, óc chó, macca – ăn vặt lành mạnh')).toEqual([]);
  });

  it('still matches the phrase as written, and a doubled consonant outside Vietnamese copy', () => {
    // Act
    const found = [
      topicsOf('Bột maca Peru nguyên chất, dinh dưỡng'),
      topicsOf('Organic macca powder'),
      matcher.find('Dịch vụ: massage cures đau lưng').map((hit) => hit.text),
    ];

    // Assess
    expect(found).toEqual([['health-food'], ['health-food'], ['massage cures']]);
  });
});

describe('Class: ClaimMatcher — Vietnamese outcomes and questions', () => {
  const VI_PACK: RulePack = {
    id: 'clvo',
    version: '1.0.0',
    title: 'Outcome test pack',
    language: 'vi',
    markets: ['VN'],
    negation: { cues: ['không', 'chẳng'], pseudo: [], outcomes: ['không còn', 'chẳng còn'], maxGap: 3 },
    rules: [
      rule('clvo.time', { languages: ['vi'], predicates: ['7 ngày'], objects: ['mụn', 'nám'] }),
      rule('clvo.best', { languages: ['vi'], patterns: ['số 1'] }),
    ],
  };
  const viHits = (text: string, pack: RulePack = VI_PACK) =>
    compileMatcher([pack])
      .find(text)
      .map((hit) => [hit.rule.id, hit.text]);

  it('reads "không còn" + the condition as an outcome, not a negation of the claim', () => {
    // Act
    const found = [
      viHits('Không còn mụn chỉ sau 7 ngày'),
      viHits('ko còn 1 nốt mụn sau 7 ngày'),
      viHits('chẳng còn nám sau 7 ngày'),
    ];

    // Assess
    expect(found).toEqual([
      [['clvo.time', 'mụn chỉ sau 7 ngày']],
      [['clvo.time', 'mụn sau 7 ngày']],
      [['clvo.time', 'nám sau 7 ngày']],
    ]);
  });

  it('still reads the outcome forms as negation of anything but a condition, and a plain cue as one', () => {
    // Act
    const found = [viHits('Không còn là số 1 nữa'), viHits('Không có mụn sau 7 ngày thì hoàn tiền')];

    // Assess
    expect(found).toEqual([[], []]);
  });

  it('leaves the outcome forms cues in a pack that does not list them', () => {
    // Prepare
    const plain = { ...VI_PACK, negation: { ...VI_PACK.negation, outcomes: [] } };

    // Act
    const found = viHits('Không còn mụn chỉ sau 7 ngày', plain);

    // Assess
    expect(found).toEqual([]);
  });
});

describe('Class: ClaimMatcher — Vietnamese yes/no questions', () => {
  const VI_PACK: RulePack = {
    id: 'clvq',
    version: '1.0.0',
    title: 'Question test pack',
    language: 'vi',
    markets: ['VN'],
    negation: { cues: ['không'], pseudo: [], maxGap: 3 },
    questions: { opens: ['có', 'liệu'], closes: ['không', 'chưa'] },
    rules: [rule('clvq.pass', { languages: ['vi'], patterns: ['chắc chắn đậu', 'khỏi'] })],
  };
  const viHits = (text: string, pack: RulePack = VI_PACK) =>
    compileMatcher([pack])
      .find(text)
      .map((hit) => [hit.rule.id, hit.text]);

  it('reads a claim asked in a yes/no question as none', () => {
    // Act
    const found = [
      viHits('Hồ sơ visa của em có chắc chắn đậu không? Tùy hồ sơ của bạn.'),
      viHits('Liệu có khỏi được không?'),
      viHits('co chac chan dau khong?'),
    ];

    // Assess
    expect(found).toEqual([[], [], []]);
  });

  it('still reads the claim of a statement, of a question without the opener or closer, and of the answer', () => {
    // Act
    const found = [
      viHits('Cam kết chắc chắn đậu 100%.'),
      viHits('Chắc chắn đậu không?'),
      viHits('Có chắc chắn đậu?'),
      viHits('Có khỏi được không? Có ạ, khỏi hẳn sau 1 tuần.'),
    ];

    // Assess
    expect(found).toEqual([
      [['clvq.pass', 'chắc chắn đậu']],
      [['clvq.pass', 'Chắc chắn đậu']],
      [['clvq.pass', 'chắc chắn đậu']],
      [['clvq.pass', 'khỏi']],
    ]);
  });

  it('leaves questions alone in a pack that lists no question words', () => {
    // Prepare
    const { questions: _questions, ...plain } = VI_PACK;

    // Act
    const found = viHits('Liệu có khỏi được không?', plain);

    // Assess
    expect(found).toEqual([['clvq.pass', 'khỏi']]);
  });
});

describe('Class: ClaimMatcher — the real outcome as evidence', () => {
  const VI_PACK: RulePack = {
    id: 'clve',
    version: '1.0.0',
    title: 'Outcome evidence test pack',
    language: 'vi',
    markets: ['VN'],
    negation: { cues: ['không'], pseudo: [], maxGap: 3 },
    rules: [rule('clve.stomach', { languages: ['vi'], predicates: ['hết', 'hết đau'], objects: ['dạ dày'] })],
  };

  it('pairs the condition with the longest outcome after it in reach, not the first', () => {
    // Act
    const found = compileMatcher([VI_PACK])
      .find('Dạ dày lâu năm, uống hết 2 hộp là hết đau hẳn')
      .map((hit) => hit.text);

    // Assess
    expect(found).toEqual(['Dạ dày lâu năm, uống hết 2 hộp là hết đau']);
  });
});

describe('Class: ClaimMatcher — a Chinese condition and its outcome clauses apart', () => {
  const ZH_PACK: RulePack = {
    id: 'clzh',
    version: '1.0.0',
    title: 'Outcome test pack',
    language: 'zh',
    markets: ['CN'],
    negation: { cues: ['不能', '没有'], pseudo: [], maxGap: 2 },
    rules: [
      rule('clzh.cure', {
        languages: ['zh'],
        predicates: ['治好', '好了', '痊愈', '告别', '不咳了'],
        objects: ['鼻炎', '哮喘', '失眠'],
      }),
    ],
  };
  const zhHits = (text: string) =>
    compileMatcher([ZH_PACK])
      .find(text)
      .map((hit) => hit.text);

  it.each([
    ['a testimonial that opens with the condition', '鼻炎十几年了，朋友推荐喝了这个茶三个月，现在都好了'],
    ['the outcome after the steps, in one clause', '哮喘困扰我十几年，用了三个月晚上不咳了'],
    [
      'a question that opens the copy, answered in the next sentence',
      '总是失眠？试试我们家的酸枣仁膏，喝了两周好了',
    ],
  ])('pairs them beyond the window: %s', (_case, text) => {
    expect(zhHits(text)).toHaveLength(1);
  });

  it.each([
    ['a verb with an object of its own', '鼻炎季节到了，保温杯里泡上枸杞，从此告别凉水和冷饮'],
    ['a condition that does not open the sentence', '本店新品上市，鼻炎患者可咨询店员，买三盒送的小样都好了'],
    ['a condition named in a disclaimer', '鼻炎患者请遵医嘱用药，本品为普通食品，不能治好任何疾病'],
    [
      'a statement, not a question, before the next sentence',
      '很多人都失眠。试试我们家的酸枣仁膏，喝了两周好了',
    ],
  ])('does not pair them far apart: %s', (_case, text) => {
    expect(zhHits(text)).toEqual([]);
  });
});

describe('Class: ClaimMatcher — Chinese yes/no questions', () => {
  const ZH_PACK: RulePack = {
    id: 'clzhq',
    version: '1.0.0',
    title: 'Question test pack',
    language: 'zh',
    markets: ['CN'],
    negation: { cues: ['不能'], pseudo: [], maxGap: 2 },
    questions: { opens: ['能', '可以', '是否'], closes: ['吗', '么'] },
    rules: [
      rule('clzhq.cure', { languages: ['zh'], predicates: ['治疗', '治好'], objects: ['颈椎病', '腰椎病'] }),
    ],
  };
  const zhHits = (text: string) =>
    compileMatcher([ZH_PACK])
      .find(text)
      .map((hit) => hit.text);

  it('reads a claim asked with the particle fused to the word before it as none', () => {
    // Act
    const asked = [
      zhHits('问：这款按摩椅能治疗腰椎病吗？答：本产品不是医疗器械。'),
      zhHits('这款枕头能治好颈椎病吗？'),
    ];
    const stated = [zhHits('这款枕头治好颈椎病！'), zhHits('这款枕头治好颈椎病，你信吗？')];

    // Assess: a statement, and a question that does not open with the asking word, still claim
    expect(asked).toEqual([[], []]);
    expect(stated).toEqual([['治好颈椎病'], ['治好颈椎病']]);
  });
});
