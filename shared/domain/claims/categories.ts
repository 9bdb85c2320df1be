/**
 * The copy categories rules are written for. Pushers send free text from their CMS; `canonicalCategory`
 * maps common synonyms onto these slugs so that a rule for `health-food` also covers "Dietary Supplement"
 * and 保健食品.
 */
export const CATEGORIES = {
  cosmetics: 'cosmetics',
  sunscreen: 'sunscreen',
  /** CN 保健食品, VN thực phẩm bảo vệ sức khỏe / chức năng, US dietary supplements, EU food supplements. */
  healthFood: 'health-food',
  specialMedicalFood: 'special-medical-food',
  infantFormula: 'infant-formula',
  food: 'food',
  beverage: 'beverage',
  alcohol: 'alcohol',
  tobacco: 'tobacco',
  medicine: 'medicine',
  otcMedicine: 'otc-medicine',
  prescriptionMedicine: 'prescription-medicine',
  medicalDevice: 'medical-device',
  medicalService: 'medical-service',
  education: 'education',
  finance: 'finance',
  realEstate: 'real-estate',
} as const;

const C = CATEGORIES;

/** Medicines, medical devices and medical services: they may name the diseases they are approved for. */
export const MEDICAL: readonly string[] = [
  C.medicine,
  C.otcMedicine,
  C.prescriptionMedicine,
  C.medicalDevice,
  C.medicalService,
];
/** Food of every kind (a disease claim is banned for all of it). */
export const FOODS: readonly string[] = [
  C.healthFood,
  C.specialMedicalFood,
  C.infantFormula,
  C.food,
  C.beverage,
  C.alcohol,
];
export const COSMETICS: readonly string[] = [C.cosmetics, C.sunscreen];

const SYNONYMS: Readonly<Record<string, string>> = {
  skincare: C.cosmetics,
  'skin-care': C.cosmetics,
  beauty: C.cosmetics,
  makeup: C.cosmetics,
  haircare: C.cosmetics,
  'hair-care': C.cosmetics,
  'personal-care': C.cosmetics,
  cosmetic: C.cosmetics,
  化妆品: C.cosmetics,
  'mỹ-phẩm': C.cosmetics,
  'sun-care': C.sunscreen,
  suncare: C.sunscreen,
  'functional-food': C.healthFood,
  'dietary-supplement': C.healthFood,
  'dietary-supplements': C.healthFood,
  supplement: C.healthFood,
  supplements: C.healthFood,
  'food-supplement': C.healthFood,
  'food-supplements': C.healthFood,
  nutraceutical: C.healthFood,
  nutraceuticals: C.healthFood,
  保健食品: C.healthFood,
  'thực-phẩm-chức-năng': C.healthFood,
  'thực-phẩm-bảo-vệ-sức-khỏe': C.healthFood,
  fsmp: C.specialMedicalFood,
  特殊医学用途配方食品: C.specialMedicalFood,
  'baby-formula': C.infantFormula,
  drinks: C.beverage,
  drink: C.beverage,
  liquor: C.alcohol,
  wine: C.alcohol,
  beer: C.alcohol,
  'e-cigarette': C.tobacco,
  vape: C.tobacco,
  drug: C.medicine,
  drugs: C.medicine,
  pharma: C.medicine,
  pharmaceutical: C.medicine,
  medicines: C.medicine,
  otc: C.otcMedicine,
  'otc-drug': C.otcMedicine,
  rx: C.prescriptionMedicine,
  'prescription-drug': C.prescriptionMedicine,
  'medical-devices': C.medicalDevice,
  clinic: C.medicalService,
  hospital: C.medicalService,
  training: C.education,
  investment: C.finance,
  insurance: C.finance,
  crypto: C.finance,
  'financial-services': C.finance,
  property: C.realEstate,
};

/**
 * A category as rules name it: a lower-case slug, with common synonyms mapped onto the canonical ones.
 *
 * @example
 * canonicalCategory(' Dietary Supplement '); // 'health-food'
 */
export const canonicalCategory = (category: string): string => {
  const slug = category
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return SYNONYMS[slug] ?? slug;
};
