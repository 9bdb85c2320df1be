import type { Language } from '#shared/schemas/events.ts';
import { MEDICAL } from '../categories.ts';
import type { ClaimExamples, ClaimRule, RuleExamples } from '../types.ts';

/**
 * Disease claims as a table: disease groups × the verbs that claim to treat, cure or prevent them. One
 * rule per group and language, so a finding names the kind of disease ("a cardiovascular disease claim")
 * and legal can tune a group without touching the others. Medicines, medical devices and medical services
 * are out of scope: they may name what they are approved for.
 *
 * Why verbs × names and not the names alone: naming a disease is not a claim ("糖尿病患者请遵医嘱",
 * "not suitable for people with diabetes"); claiming to act on it is.
 */

/** A group of diseases, named in each language as copy writes them. */
export interface DiseaseGroup {
  readonly slug: string;
  /** How the finding names the group, e.g. "a cardiovascular disease". */
  readonly label: string;
  readonly names: Readonly<Record<Language, readonly string[]>>;
}

/** The diseases. Lay names first: copy uses them more than clinical ones. */
export const DISEASE_GROUPS: readonly DiseaseGroup[] = [
  {
    slug: 'cancer',
    label: 'cancer',
    names: {
      zh: ['癌症', '肿瘤', '癌细胞', '白血病', '乳腺癌', '肺癌', '肝癌', '胃癌'],
      vi: ['ung thư', 'khối u', 'tế bào ung thư', 'ung bướu', 'bệnh bạch cầu'],
      en: ['cancer', 'cancers', 'tumors', 'tumours', 'cancer cells', 'leukemia'],
    },
  },
  {
    slug: 'cardiovascular',
    label: 'a heart or blood-pressure disease',
    names: {
      zh: ['高血压', '冠心病', '心脏病', '动脉硬化', '心脑血管疾病', '中风', '脑梗', '血栓'],
      vi: ['cao huyết áp', 'huyết áp cao', 'bệnh tim', 'tim mạch', 'đột quỵ', 'tai biến', 'xơ vữa động mạch'],
      en: [
        'high blood pressure',
        'hypertension',
        'heart disease',
        'heart attacks',
        'strokes',
        'stroke',
        'blood clots',
      ],
    },
  },
  {
    slug: 'metabolic',
    label: 'a metabolic disease (diabetes, cholesterol, gout)',
    names: {
      zh: ['糖尿病', '高血脂', '高血糖', '痛风', '高尿酸', '肥胖症', '三高'],
      vi: ['tiểu đường', 'đái tháo đường', 'mỡ máu', 'máu nhiễm mỡ', 'gút', 'gout', 'bệnh gout'],
      en: ['diabetes', 'high cholesterol', 'gout', 'obesity', 'insulin resistance'],
    },
  },
  {
    slug: 'respiratory',
    label: 'a respiratory or viral disease',
    names: {
      zh: ['感冒', '流感', '新冠', '肺炎', '哮喘', '支气管炎', '鼻炎', '咽炎'],
      vi: [
        'cảm cúm',
        'cúm',
        'covid',
        'viêm phổi',
        'hen suyễn',
        'viêm phế quản',
        'viêm mũi',
        'viêm xoang',
        'viêm họng',
      ],
      en: [
        'colds',
        'the flu',
        'flu',
        'covid',
        'covid-19',
        'coronavirus',
        'pneumonia',
        'asthma',
        'bronchitis',
        'sinusitis',
      ],
    },
  },
  {
    slug: 'digestive',
    label: 'a digestive or liver disease',
    names: {
      zh: ['胃炎', '胃溃疡', '肠炎', '结肠炎', '幽门螺杆菌', '脂肪肝', '肝炎', '肝硬化'],
      vi: [
        'viêm dạ dày',
        'đau dạ dày',
        'dạ dày',
        'viêm đại tràng',
        'đại tràng',
        'viêm gan',
        'gan nhiễm mỡ',
        'xơ gan',
      ],
      en: [
        'ulcers',
        'stomach ulcers',
        'ibs',
        "crohn's disease",
        'colitis',
        'fatty liver',
        'hepatitis',
        'cirrhosis',
      ],
    },
  },
  {
    slug: 'skin',
    label: 'a skin disease',
    names: {
      zh: ['湿疹', '皮炎', '银屑病', '牛皮癣', '白癜风', '痤疮', '荨麻疹', '脚气', '灰指甲', '疱疹'],
      vi: [
        'chàm',
        'viêm da',
        'vảy nến',
        'vẩy nến',
        'á sừng',
        'bạch biến',
        'mề đay',
        'nấm da',
        'nấm móng',
        'zona',
      ],
      en: [
        'eczema',
        'psoriasis',
        'rosacea',
        'dermatitis',
        'acne',
        'vitiligo',
        'herpes',
        'cold sores',
        'fungal infections',
      ],
    },
  },
  {
    slug: 'musculoskeletal',
    label: 'a joint or bone disease',
    names: {
      zh: ['关节炎', '风湿', '类风湿', '骨质疏松', '颈椎病', '腰椎间盘突出', '骨质增生'],
      vi: [
        'viêm khớp',
        'thoái hóa khớp',
        'xương khớp',
        'loãng xương',
        'thoát vị đĩa đệm',
        'gai cột sống',
        'đau thần kinh tọa',
      ],
      en: ['arthritis', 'osteoporosis', 'rheumatism', 'osteoarthritis', 'sciatica', 'joint pain'],
    },
  },
  {
    slug: 'neurological',
    label: 'a neurological or mental illness',
    names: {
      zh: ['失眠', '抑郁症', '焦虑症', '老年痴呆', '阿尔茨海默', '帕金森', '偏头痛', '癫痫'],
      vi: [
        'mất ngủ',
        'trầm cảm',
        'rối loạn lo âu',
        'suy giảm trí nhớ',
        'alzheimer',
        'parkinson',
        'đau nửa đầu',
        'rối loạn tiền đình',
        'động kinh',
      ],
      en: [
        'insomnia',
        'depression',
        'anxiety',
        "alzheimer's",
        'dementia',
        "parkinson's",
        'migraines',
        'adhd',
        'autism',
      ],
    },
  },
  {
    slug: 'eye',
    label: 'an eye disease',
    names: {
      zh: ['近视', '弱视', '白内障', '青光眼', '老花眼', '飞蚊症'],
      vi: ['cận thị', 'viễn thị', 'đục thủy tinh thể', 'tăng nhãn áp', 'thoái hóa điểm vàng'],
      en: ['myopia', 'cataracts', 'glaucoma', 'macular degeneration', 'poor eyesight'],
    },
  },
  {
    slug: 'reproductive',
    label: 'a sexual or reproductive disorder',
    names: {
      zh: ['阳痿', '早泄', '前列腺炎', '不孕不育', '妇科炎症', '宫颈糜烂', '乳腺增生'],
      vi: [
        'yếu sinh lý',
        'rối loạn cương dương',
        'xuất tinh sớm',
        'vô sinh',
        'hiếm muộn',
        'viêm tuyến tiền liệt',
        'phì đại tiền liệt tuyến',
        'viêm phụ khoa',
      ],
      en: ['erectile dysfunction', 'impotence', 'infertility', 'prostatitis', 'enlarged prostate', 'bph'],
    },
  },
  {
    slug: 'kidney',
    label: 'a kidney or urinary disease',
    names: {
      zh: ['肾炎', '肾结石', '尿毒症', '肾衰竭', '尿路感染'],
      vi: ['sỏi thận', 'suy thận', 'viêm thận', 'viêm đường tiết niệu', 'tiểu đêm'],
      en: ['kidney stones', 'kidney disease', 'urinary tract infections', 'utis', 'incontinence'],
    },
  },
  {
    slug: 'infection',
    label: 'an infection',
    names: {
      zh: ['乙肝', '艾滋病', '病毒感染', '细菌感染', '真菌感染', '炎症'],
      vi: ['viêm gan b', 'hiv', 'nhiễm khuẩn', 'nhiễm trùng', 'nhiễm virus', 'nhiễm nấm', 'viêm nhiễm'],
      en: ['infections', 'viral infections', 'bacterial infections', 'hiv', 'lyme disease', 'inflammation'],
    },
  },
  {
    slug: 'hair-loss',
    label: 'a hair-loss disease',
    names: {
      zh: ['斑秃', '脂溢性脱发', '雄激素性脱发', '秃顶'],
      vi: ['hói đầu', 'rụng tóc từng mảng', 'hói'],
      en: ['baldness', 'alopecia', 'male pattern baldness', 'hair loss'],
    },
  },
  {
    slug: 'anaemia',
    label: 'anaemia or a blood disorder',
    names: {
      zh: ['贫血', '缺铁性贫血', '血小板减少', '白细胞减少'],
      vi: ['thiếu máu', 'thiếu máu não', 'giảm tiểu cầu'],
      en: ['anemia', 'anaemia', 'iron deficiency anemia'],
    },
  },
  {
    slug: 'allergy',
    label: 'an allergic disease',
    names: {
      zh: ['过敏性鼻炎', '花粉症', '过敏性哮喘', '过敏症'],
      vi: ['dị ứng', 'viêm mũi dị ứng', 'dị ứng thời tiết'],
      en: ['allergies', 'hay fever', 'allergic rhinitis', 'food allergies'],
    },
  },
  {
    slug: 'haemorrhoids',
    label: 'haemorrhoids',
    names: {
      zh: ['痔疮', '内痔', '外痔', '肛裂'],
      vi: ['trĩ', 'bệnh trĩ', 'trĩ nội', 'trĩ ngoại'],
      en: ['hemorrhoids', 'haemorrhoids', 'piles'],
    },
  },
  {
    slug: 'thyroid',
    label: 'a thyroid disease',
    names: {
      zh: ['甲亢', '甲减', '甲状腺结节', '甲状腺炎'],
      vi: ['bướu cổ', 'cường giáp', 'suy giáp', 'u tuyến giáp'],
      en: ['hypothyroidism', 'hyperthyroidism', 'thyroid disease', 'goiter'],
    },
  },
  {
    slug: 'addiction',
    label: 'an addiction',
    names: {
      zh: ['烟瘾', '酒瘾', '毒瘾', '网瘾'],
      vi: ['nghiện rượu', 'nghiện thuốc lá', 'nghiện ma túy'],
      en: ['addiction', 'alcoholism', 'smoking addiction', 'opioid addiction'],
    },
  },
];

/** Verbs that claim to treat, cure or prevent, before (and for some languages after) the disease name. */
const VERBS: Readonly<
  Record<Language, { readonly before: readonly string[]; readonly after: readonly string[] }>
> = {
  zh: {
    before: [
      '治疗',
      '治愈',
      '根治',
      '医治',
      '治好',
      '专治',
      '主治',
      '防治',
      '预防',
      '远离',
      '告别',
      '消除',
      '缓解',
      '改善',
      '抑制',
      '逆转',
      '击退',
      '攻克',
      '对抗',
      '抵抗',
      '杀灭',
      '消灭',
    ],
    after: ['克星', '患者福音', '一扫而光', '不再复发', '不复发', '全消', '痊愈', '康复', '特效'],
  },
  vi: {
    before: [
      'chữa',
      'chữa khỏi',
      'chữa trị',
      'chữa dứt điểm',
      'điều trị',
      'trị',
      'đặc trị',
      'trị dứt điểm',
      'trị tận gốc',
      'phòng ngừa',
      'ngăn ngừa',
      'phòng chống',
      'đẩy lùi',
      'đánh bay',
      'khỏi',
      'hết',
      'khỏi hẳn',
      'hết hẳn',
      'chấm dứt',
      'tiêu diệt',
      'ngừa',
    ],
    after: ['dứt điểm', 'tận gốc', 'khỏi hẳn', 'hết hẳn', 'không tái phát'],
  },
  en: {
    before: [
      'cure',
      'cures',
      'curing',
      'treat',
      'treats',
      'treating',
      'heal',
      'heals',
      'healing',
      'prevent',
      'prevents',
      'preventing',
      'reverse',
      'reverses',
      'reversing',
      'eliminate',
      'eliminates',
      'beat',
      'beats',
      'fight',
      'fights',
      'fighting',
      'combat',
      'combats',
      'protect against',
      'protects against',
      'protection against',
      'reduce the risk of',
      'reduces the risk of',
      'lower the risk of',
      'lowers the risk of',
      'get rid of',
      'say goodbye to',
      'relief from',
      'relieve',
      'relieves',
      'kill',
      'kills',
    ],
    after: ['cure', 'remedy', 'treatment', 'killer'],
  },
};

// "bệnh" (disease) often stands before the name in Vietnamese: "chữa khỏi bệnh tiểu đường".
const VI_DISEASE = '{|bệnh }';

interface Wording {
  readonly prefix: string;
  readonly basis: string;
  readonly message: (label: string) => string;
  readonly suggestion: string;
}

const WORDING: Readonly<Record<Language, Wording>> = {
  zh: {
    prefix: 'cn',
    basis: '《广告法》第十七条；第十八条第一款第（二）项（保健食品）；《食品安全法》第七十三条第一款',
    message: (label) =>
      `This copy claims to treat or prevent ${label}; outside medicine and medical-device ads Chinese law bans any disease claim.`,
    suggestion:
      '删除疾病名称与治疗、预防字样，只描述经批准或备案的功能，如“有助于维持血脂健康水平”（保健食品）或“保湿滋润”（化妆品）。',
  },
  vi: {
    prefix: 'vn',
    basis:
      'Luật Quảng cáo 2012, Điều 8 khoản 9; Nghị định 15/2018/NĐ-CP (thực phẩm bảo vệ sức khỏe); Thông tư 06/2011/TT-BYT (mỹ phẩm)',
    message: (label) =>
      `This copy claims to treat or prevent ${label}; in Vietnam only medicines may make such claims.`,
    suggestion:
      'Bỏ tên bệnh và các từ chữa, trị, phòng ngừa; chỉ mô tả công dụng đã công bố, ví dụ “hỗ trợ tăng cường sức khỏe”.',
  },
  en: {
    prefix: 'en',
    basis:
      'FD&C Act § 201(g)(1) (a product intended to cure, treat or prevent disease is a drug); FTC Act §§ 5, 12; EU Regulation 1169/2011 Art. 7(3) (food); EU Regulation 1223/2009 Art. 20 (cosmetics)',
    message: (label) =>
      `This copy claims to cure, treat or prevent ${label}, which makes a cosmetic, food or supplement an unapproved drug.`,
    suggestion:
      'Remove the disease and describe a cosmetic or lawful structure/function effect you can support, e.g. “supports restful sleep” or “soothes dry skin”.',
  },
};

const patternsFor = (lang: Language, names: readonly string[]): string[] => {
  const { before, after } = VERBS[lang];
  const disease = lang === 'vi' ? VI_DISEASE : '';
  const list = `{${names.join('|')}}`;
  const joiner = lang === 'zh' ? '' : ' ';
  return [
    `{${before.join('|')}}${joiner}${disease}${list}`,
    `${disease}${list}${joiner}{${after.join('|')}}`,
  ];
};

/**
 * One disease-claim rule per disease group for a language.
 *
 * @example
 * diseaseClaimRules('zh', ['CN']).map((rule) => rule.id); // ['cn.disease.cancer', 'cn.disease.cardiovascular', …]
 */
export const diseaseClaimRules = (lang: Language, markets: readonly string[] | 'all'): ClaimRule[] => {
  const wording = WORDING[lang];
  return DISEASE_GROUPS.map((group) => {
    const names = group.names[lang];
    return {
      id: `${wording.prefix}.disease.${group.slug}`,
      markets,
      languages: [lang],
      categories: 'all',
      exceptCategories: MEDICAL,
      patterns: patternsFor(lang, names),
      probability: 'high',
      impact: 'severe',
      basis: wording.basis,
      message: wording.message(group.label),
      suggestion: wording.suggestion,
    };
  });
};

// The examples of each group's rule, generated like the rules (see RuleExamples); only tests and
// GET /v1/rules read them, so they are kept apart from what the engine loads.
const EXAMPLES: Readonly<Record<Language, (names: readonly string[]) => ClaimExamples>> = {
  zh: (names) => ({
    positive: [`坚持服用，有效治疗${names[0]}`, `${names[1] ?? names[0]}克星，三天见效`, `根 治 ${names[0]}`],
    negative: [`${names[0]}患者请在医生指导下使用`, `本品不能治疗${names[0]}`],
  }),
  vi: (names) => ({
    positive: [`Giúp chữa khỏi ${names[0]} chỉ sau một liệu trình`, `Đặc trị bệnh ${names[1] ?? names[0]}`],
    negative: [`Người bị ${names[0]} nên hỏi ý kiến bác sĩ`, `Sản phẩm không điều trị ${names[0]}`],
  }),
  en: (names) => ({
    positive: [`Clinically shown to cure ${names[0]}`, `A natural way to prevent ${names[1] ?? names[0]}`],
    negative: [`Not suitable for people with ${names[0]}`, `This product does not treat ${names[0]}`],
  }),
};

/**
 * The examples of `diseaseClaimRules(lang, …)`, by rule id.
 *
 * @example
 * diseaseClaimExamples('en')['en.disease.cancer']?.positive[0]; // 'Clinically shown to cure cancer'
 */
export const diseaseClaimExamples = (lang: Language): RuleExamples =>
  Object.fromEntries(
    DISEASE_GROUPS.map((group) => [
      `${WORDING[lang].prefix}.disease.${group.slug}`,
      EXAMPLES[lang](group.names[lang]),
    ]),
  );
