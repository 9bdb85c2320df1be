import type { BaselineLearning } from './baselines.ts';
import { failOnIssues, issueAt } from './config-error.ts';
import type { ImpactRating, ProbabilityRating } from './rating.ts';
import { IMPACT_GRADES, PROBABILITY_GRADES, ratingIssue } from './rating.ts';
import { learningIssues } from './spend-thresholds.ts';

/** A negative share of at least `atLeast` (0.25 = 25 %) is rated this way. */
export interface ShareBand {
  readonly atLeast: number;
  readonly probability: ProbabilityRating;
  readonly impact: ImpactRating;
}

/**
 * The reputation thresholds as versioned data. The share bands are the absolute ceiling; the spike
 * compares a window with the subject's own baseline and must clear both a ratio and an absolute
 * difference, so a quiet brand going from 2 % to 4 % negative does not page anyone.
 */
export interface SentimentThresholds {
  readonly version: string;
  /** Below this many mentions a window is anecdote, not signal (3 angry posts out of 5 never page). */
  readonly minMentions: number;
  /** Ascending by `atLeast`; the highest band reached wins. */
  readonly shareBands: readonly ShareBand[];
  readonly spike: {
    /** The window's negative share must be at least this many times the baseline… */
    readonly minRatio: number;
    /** …and at least this much above it (0.1 = 10 percentage points). */
    readonly minDelta: number;
    readonly probability: ProbabilityRating;
    readonly impact: ImpactRating;
    /** How the subject's rolling baseline learns (EWMA weight, windows before it judges). */
    readonly learning: BaselineLearning;
  };
}

/**
 * Default thresholds: at least 50 mentions; 25 % negative needs attention, 40 % is urgent.
 *
 * @example
 * createRiskEngine({ sentiment: { ...DEFAULT_SENTIMENT_THRESHOLDS, version: 'sentiment@2', minMentions: 100 } });
 */
export const DEFAULT_SENTIMENT_THRESHOLDS = {
  version: 'sentiment@1.1.0',
  minMentions: 50,
  shareBands: [
    { atLeast: 0.25, probability: 'medium', impact: 'moderate' },
    { atLeast: 0.4, probability: 'high', impact: 'severe' },
  ],
  spike: {
    minRatio: 1.5,
    minDelta: 0.1,
    probability: 'high',
    impact: 'moderate',
    learning: { alpha: 0.2, minObservations: 3 },
  },
} as const satisfies SentimentThresholds;

const shareIssues = (bands: readonly ShareBand[]): string[] => [
  ...(bands.length === 0 ? ['shareBands must hold at least one band'] : []),
  ...(bands.every((b, i) => i === 0 || b.atLeast > (bands[i - 1]?.atLeast ?? b.atLeast))
    ? []
    : ['shareBands must be strictly ascending by "atLeast"']),
  ...bands.flatMap((band, i) => [
    ...(band.atLeast > 0 && band.atLeast <= 1 ? [] : [`shareBands[${i}].atLeast must be a share in (0, 1]`]),
    ...issueAt(`shareBands[${i}].probability`, ratingIssue(PROBABILITY_GRADES, band.probability)),
    ...issueAt(`shareBands[${i}].impact`, ratingIssue(IMPACT_GRADES, band.impact)),
  ]),
];

const spikeIssues = (spike: SentimentThresholds['spike']): string[] => [
  ...(spike.minRatio > 1 ? [] : ['spike.minRatio must be greater than 1']),
  ...(spike.minDelta > 0 && spike.minDelta <= 1 ? [] : ['spike.minDelta must be a share in (0, 1]']),
  ...issueAt('spike.probability', ratingIssue(PROBABILITY_GRADES, spike.probability)),
  ...issueAt('spike.impact', ratingIssue(IMPACT_GRADES, spike.impact)),
  ...learningIssues('spike.learning', spike.learning),
];

/**
 * Checks sentiment thresholds at load; throws an `InvalidRiskConfigError` listing every problem.
 *
 * @example
 * validateSentimentThresholds(DEFAULT_SENTIMENT_THRESHOLDS);
 */
export const validateSentimentThresholds = <T extends SentimentThresholds>(thresholds: T): T => {
  failOnIssues(`sentiment thresholds "${thresholds.version}"`, [
    ...(thresholds.version.trim() === '' ? ['version must not be empty'] : []),
    ...(Number.isInteger(thresholds.minMentions) && thresholds.minMentions >= 1
      ? []
      : ['minMentions must be a whole number ≥ 1']),
    ...shareIssues(thresholds.shareBands),
    ...spikeIssues(thresholds.spike),
  ]);
  return thresholds;
};
