import type { BaselineLearning } from './baselines.ts';
import { failOnIssues, issueAt } from './config-error.ts';
import type { ImpactRating, ProbabilityRating } from './rating.ts';
import { IMPACT_GRADES, PROBABILITY_GRADES, ratingIssue } from './rating.ts';

/** Spend strictly more than `above` over plan (0.1 = 10 %) is rated this way. */
export interface OverrunBand {
  readonly above: number;
  readonly probability: ProbabilityRating;
  readonly impact: ImpactRating;
}

/** From this elapsed share of the period on, a forecast overrun is this likely. */
export interface PacingStep {
  readonly from: number;
  readonly probability: ProbabilityRating;
}

/**
 * Finance's thresholds as versioned data. The first overrun band is the warning line ("spend more than
 * 10 % over plan triggers a review"); the pacing forecast alerts at the same line.
 */
export interface SpendThresholds {
  readonly version: string;
  /** Ascending by `above`; the highest band exceeded wins. */
  readonly overrunBands: readonly OverrunBand[];
  /** Ascending by `from`; before the first step the forecast is too noisy to alert. */
  readonly pacing: readonly PacingStep[];
  readonly cpaSpike: {
    /** Cost per acquisition at least this many times the baseline is a spike. */
    readonly ratio: number;
    /** Below this many conversions a CPA is noise. */
    readonly minConversions: number;
    readonly probability: ProbabilityRating;
    readonly impact: ImpactRating;
    /** How the campaign × channel's CPA baseline learns (EWMA weight, reports before it judges). */
    readonly learning: BaselineLearning;
  };
}

/**
 * The default thresholds: warning line 10 %, severe above 25 % (so 30 % over plan is red).
 *
 * @example
 * createRiskEngine({ spend: { ...DEFAULT_SPEND_THRESHOLDS, version: 'spend@2', overrunBands: [...] } });
 */
export const DEFAULT_SPEND_THRESHOLDS = {
  version: 'spend@1.1.0',
  overrunBands: [
    { above: 0.1, probability: 'medium', impact: 'moderate' },
    { above: 0.25, probability: 'high', impact: 'severe' },
  ],
  // As AWS Budgets' forecasted alerts: the later in the period, the likelier the forecast comes true.
  pacing: [
    { from: 0.2, probability: 'low' },
    { from: 0.5, probability: 'medium' },
    { from: 0.8, probability: 'high' },
  ],
  cpaSpike: {
    ratio: 1.5,
    minConversions: 20,
    probability: 'medium',
    impact: 'moderate',
    learning: { alpha: 0.3, minObservations: 3 },
  },
} as const satisfies SpendThresholds;

const ascending = (values: readonly number[]): boolean =>
  values.every((v, i) => i === 0 || v > (values[i - 1] ?? v));

const bandIssues = (bands: readonly OverrunBand[]): string[] => [
  ...(bands.length === 0 ? ['overrunBands must hold at least one band (the warning line)'] : []),
  ...(ascending(bands.map((b) => b.above)) ? [] : ['overrunBands must be strictly ascending by "above"']),
  ...bands.flatMap((band, i) => [
    ...(Number.isFinite(band.above) && band.above >= 0
      ? []
      : [`overrunBands[${i}].above must be a ratio ≥ 0`]),
    ...issueAt(`overrunBands[${i}].probability`, ratingIssue(PROBABILITY_GRADES, band.probability)),
    ...issueAt(`overrunBands[${i}].impact`, ratingIssue(IMPACT_GRADES, band.impact)),
  ]),
];

const pacingIssues = (steps: readonly PacingStep[]): string[] => [
  ...(ascending(steps.map((s) => s.from)) ? [] : ['pacing must be strictly ascending by "from"']),
  ...steps.flatMap((step, i) => [
    ...(step.from > 0 && step.from <= 1 ? [] : [`pacing[${i}].from must be in (0, 1]`]),
    ...issueAt(`pacing[${i}].probability`, ratingIssue(PROBABILITY_GRADES, step.probability)),
  ]),
];

/**
 * Issues with a baseline's learning parameters, shared with the sentiment thresholds.
 *
 * @example
 * learningIssues('spike.learning', { alpha: 0, minObservations: 3 }); // ['spike.learning.alpha must be in (0, 1]']
 */
export const learningIssues = (path: string, learning: BaselineLearning | undefined): string[] =>
  learning === undefined
    ? [`${path} is missing`]
    : [
        ...(learning.alpha > 0 && learning.alpha <= 1 ? [] : [`${path}.alpha must be in (0, 1]`]),
        ...(Number.isInteger(learning.minObservations) && learning.minObservations >= 1
          ? []
          : [`${path}.minObservations must be a whole number ≥ 1`]),
      ];

const cpaIssues = (cpa: SpendThresholds['cpaSpike']): string[] => [
  ...(cpa.ratio > 1 ? [] : ['cpaSpike.ratio must be greater than 1']),
  ...(Number.isInteger(cpa.minConversions) && cpa.minConversions >= 1
    ? []
    : ['cpaSpike.minConversions must be a whole number ≥ 1']),
  ...issueAt(`cpaSpike.probability`, ratingIssue(PROBABILITY_GRADES, cpa.probability)),
  ...issueAt(`cpaSpike.impact`, ratingIssue(IMPACT_GRADES, cpa.impact)),
  ...learningIssues('cpaSpike.learning', cpa.learning),
];

/**
 * Checks spend thresholds at load; throws an `InvalidRiskConfigError` listing every problem.
 *
 * @example
 * validateSpendThresholds(DEFAULT_SPEND_THRESHOLDS);
 */
export const validateSpendThresholds = <T extends SpendThresholds>(thresholds: T): T => {
  failOnIssues(`spend thresholds "${thresholds.version}"`, [
    ...(thresholds.version.trim() === '' ? ['version must not be empty'] : []),
    ...bandIssues(thresholds.overrunBands),
    ...pacingIssues(thresholds.pacing),
    ...cpaIssues(thresholds.cpaSpike),
  ]);
  return thresholds;
};
