import type { RuleExamples } from '../types.ts';
import { diseaseClaimExamples } from './disease-claims.ts';

/** Each rule's examples (see RuleExamples): copy it must flag, and innocent copy it must leave alone. */
export const EN_FTC_EU_EXAMPLES: RuleExamples = {
  'en.disease-cure': {
    positive: [
      'Nature’s cure for tired joints',
      'C.U.R.E your skin problems',
      'ＣＵＲＥＳ dandruff',
      'The cure-all for dry skin',
    ],
    negative: [
      'Try our cured ham platter',
      'Does not cure or prevent any disease.',
      'Secure checkout',
      'UV cure lamp for gel nails',
    ],
  },
  'en.drug-effects': {
    positive: [
      'Natural anti-inflammatory serum',
      'Kills 99.9% of germs',
      'Boosts your immune system',
      'Fast pain relief',
    ],
    negative: [
      'Soothes the look of redness',
      'Vitamin C contributes to the normal function of the immune system',
    ],
  },
  'en.medicine-substitute': {
    positive: [
      'A natural alternative to antidepressants',
      'Botox in a bottle',
      'Works like prescription drugs',
    ],
    negative: ['Talk to your doctor about your medication', 'Smooths the look of fine lines'],
  },
  'en.cosmetic-structure': {
    positive: ['Stimulates collagen production', 'Repairs DNA while you sleep', 'Regrows hair in weeks'],
    negative: ['Visibly firmer-looking skin', 'Contains hydrolysed collagen'],
  },
  'en.guaranteed-results': {
    positive: [
      'Guaranteed results in 7 days',
      'Results guaranteed or your money back',
      'Guaranteed to melt fat',
    ],
    negative: ['Guaranteed delivery before Christmas', 'Satisfaction guaranteed', 'Guaranteed authentic'],
  },
  'en.permanent-results': {
    positive: [
      'Permanent results after one session',
      'Permanently removes wrinkles',
      'Cellulite gone for good',
    ],
    negative: ['Long-lasting colour'],
  },
  'en.instant-results': {
    positive: ['Instantly erases wrinkles', 'Dark spots gone in 7 days', 'Clearer skin in 3 days'],
    negative: ['Absorbs in seconds', 'Ships in 3 days'],
  },
  'en.risk-free': {
    positive: ['Try it risk-free for 30 days', 'Zero risk to your skin'],
    negative: ['Learn about the risks of sun exposure'],
  },
  'en.miracle': {
    positive: [
      'A miracle cream for wrinkles',
      'The magic pill for weight loss',
      'The secret formula doctors hate',
    ],
    negative: ['It is no miracle, just good chemistry', 'Smoother skin, naturally'],
  },
  'en.clinically-proven': {
    positive: ['Clinically proven to reduce wrinkles', 'Scientifically-proven formula'],
    negative: [
      'Not clinically proven',
      'Dermatologically tested',
      'Clinically shown to hydrate in a study of 40 women over 4 weeks',
    ],
  },
  'en.unsourced-statistics': {
    positive: ['95% of women saw smoother skin', '9 out of 10: 90% of users noticed a difference'],
    negative: ['95% of women saw smoother skin (consumer test, n=120, 4 weeks)'],
  },
  'en.expert-endorsement': {
    positive: [
      'Doctor-recommended formula',
      'Recommended by dermatologists worldwide',
      'Dermatologist approved',
    ],
    negative: ['Ask your doctor before use', 'Recommended by 87% of 200 dermatologists surveyed in 2025'],
  },
  'en.number-one': {
    positive: [
      "America's #1 serum",
      "The world's best moisturiser",
      'Ｎｏ.１ brand in Europe',
      'The best serum for dry skin',
    ],
    negative: ['See footnote #12', 'Step one: cleanse', 'Your safety is our number one priority'],
  },
  'en.safety-absolute': {
    positive: ['100% safe for the whole family', 'Natural, with no side effects'],
    negative: ['Side effects are rare; see the leaflet'],
  },
  'en.fda-approved': {
    positive: ['FDA approved formula', 'F.D.A.-approved ingredients'],
    negative: ['Made in an FDA-registered facility'],
  },
  'en.weight-loss': {
    positive: ['Lose 10 pounds in 7 days', 'Burn fat fast with one capsule', 'Melts belly fat'],
    negative: ['Part of a balanced diet and regular exercise'],
  },
  'en.detox': {
    positive: ['7-day detox tea', 'Flushes out toxins overnight'],
    negative: ['A refreshing green-tea drink'],
  },
  'en.natural-purity': {
    positive: ['Chemical-free sunscreen', '100% natural ingredients'],
    negative: ['98% natural origin ingredients (ISO 16128)'],
  },
  'en.free-from-denigration': {
    positive: ['Paraben-free moisturiser', 'No nasties, just skin care'],
    negative: ['Suitable for sensitive skin'],
  },
  'en.sunscreen': {
    positive: [
      'Waterproof sunscreen SPF 50',
      'Total protection from UV rays',
      'All-day protection, no need to reapply',
    ],
    negative: ['Water resistant (80 minutes), SPF 50, reapply after swimming'],
  },
  'en.anti-aging-reversal': {
    positive: ['Reverses aging in weeks', 'Look 10 years younger'],
    negative: ['Reduces the appearance of fine lines'],
  },
  'en.green-claims': {
    positive: ['Our eco-friendly serum', 'A carbon neutral cream'],
    negative: ['Bottle made from 50% recycled plastic, certified by RecyClass'],
  },
  'en.hypoallergenic': {
    positive: ['Hypoallergenic face cream', 'Allergy-free formula'],
    negative: ['Hypoallergenic: HRIPT tested on 50 people with sensitive skin'],
  },
  'en.organic': {
    positive: ['100% organic face oil', 'Certified organic skincare'],
    negative: ['USDA Organic, certified by CCOF'],
  },
  'en.free-trial': {
    positive: ['Get your free bottle, just pay shipping', 'Rush my free trial now'],
    negative: ['Free shipping on orders over $50'],
  },
  'en.finance.guarantee': {
    positive: ['Guaranteed returns of 12% a year', 'Double your money in 30 days'],
    negative: ['Capital at risk. Past performance is not a reliable indicator of future results.'],
  },
  'en.education.guarantee': {
    positive: ['Guaranteed pass or your money back', 'Job guarantee after the bootcamp'],
    negative: ['Structured lessons with experienced tutors'],
  },
  'en.alcohol.health': {
    positive: ['A whisky that relieves stress', 'A healthy drink for every evening'],
    negative: ['Aged 12 years in oak casks. Drink responsibly.'],
  },
  'en.required.dshea-disclaimer': {
    positive: ['Supports healthy immune function with zinc and vitamin C', 'Boosts energy naturally'],
    negative: [
      'Supports healthy immune function.* *These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.',
      'Great taste, 30 servings per tub',
    ],
  },
  ...diseaseClaimExamples('en'),
};
