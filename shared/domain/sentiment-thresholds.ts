import { failOnIssues, issueAt } from './config-error.ts';
import type { ImpactRating, ProbabilityRating } from './rating.ts';
import { IMPACT_GRADES, PROBABILITY_GRADES, ratingIssue } from './rating.ts';
import type { Grade, Grades } from './spend-thresholds.ts';
import { gradesIssues, rangeIssue } from './spend-thresholds.ts';

/** A negative share of at least `atLeast` (0.25 = 25 %) is rated this way. */
export interface ShareBand {
  readonly atLeast: number;
  readonly probability: ProbabilityRating;
  readonly impact: ImpactRating;
}

/** How a brand × product × channel's baseline learns (see sentiment-model.ts). */
export interface SentimentLearning {
  /** Hours after which a window's weight in the baseline share has halved. */
  readonly halfLifeHours: number;
  /** Hours of windows before the baseline judges anything. */
  readonly minHours: number;
  /** A window (or the drift) at least this surprising (p-value) is kept out of the baseline. */
  readonly learnP: number;
  /** A shift that lasts this many hours becomes the new normal (the finding says so). */
  readonly adaptAfterHours: number;
  /** Weight of a window in its hour-of-day and weekday offsets and in the learnt window-to-window variation, in (0, 1]. */
  readonly seasonalAlpha: number;
  /** One window weighs at most this many times the subject's usual volume for its length (viral storms). */
  readonly volumeCap: number;
  /** Extra-binomial variation of the window share assumed before any is learnt (intra-class correlation). */
  readonly initialRho: number;
}

/**
 * The reputation thresholds as versioned data. A window is judged against the subject's **own** seasonal
 * normal by how surprising its negative count is (the spike), the last day or so of windows by an EWMA
 * drift chart (the drift), and the absolute share bands stay as a guard (the ceiling).
 */
export interface SentimentThresholds {
  readonly version: string;
  /** Below this many mentions a window is anecdote, not judged on its own (the drift chart still counts it). */
  readonly minMentions: number;
  /** Ascending by `atLeast`; the highest band the window's share surely reaches wins. */
  readonly shareBands: readonly ShareBand[];
  readonly ceiling: {
    /** The share "surely reaches" a band when this one-sided credible bound does (0.95). */
    readonly confidence: number;
    /** Below the top band, the window must also be this surprising against the subject's own normal. */
    readonly ownNormalP: number;
  };
  readonly spike: Grades & {
    /** A window's negatives this surprising (upper tail p-value) or more… */
    readonly p: number;
    /** …and at least this far above the normal share (0.05 = 5 points) is a spike. */
    readonly minShift: number;
    /** A spike this surprising is escalated at once. */
    readonly overwhelmingP: number;
    /** …otherwise after this many spiking windows in a row. */
    readonly escalateAfterWindows: number;
  };
  readonly drift: {
    /** Time scale of the drift chart's memory, hours. */
    readonly timeScaleHours: number;
    readonly p: number;
    /** The chart's excess share must be at least this (0.02 = 2 points). */
    readonly minShift: number;
    readonly grade: Grade;
  };
  readonly learning: SentimentLearning;
}

/**
 * Default thresholds: spikes at p ≤ 1e-4 and +5 points, red at p ≤ 1e-9 or two in a row; drift at
 * p ≤ 1e-4 and +2 points over a day; ceiling 25 % (yellow, if unusual for the subject) and 40 % (red).
 *
 * @example
 * createRiskEngine({ sentiment: { ...DEFAULT_SENTIMENT_THRESHOLDS, version: 'sentiment@3', minMentions: 50 } });
 */
export const DEFAULT_SENTIMENT_THRESHOLDS = {
  version: 'sentiment@2.1.0',
  minMentions: 20,
  shareBands: [
    { atLeast: 0.25, probability: 'medium', impact: 'moderate' },
    { atLeast: 0.4, probability: 'high', impact: 'severe' },
  ],
  ceiling: { confidence: 0.95, ownNormalP: 1e-4 },
  spike: {
    p: 1e-4,
    minShift: 0.05,
    overwhelmingP: 1e-9,
    escalateAfterWindows: 2,
    grade: { probability: 'medium', impact: 'moderate' },
    escalated: { probability: 'high', impact: 'moderate' },
  },
  drift: {
    timeScaleHours: 24,
    p: 1e-4,
    minShift: 0.02,
    grade: { probability: 'medium', impact: 'moderate' },
  },
  learning: {
    halfLifeHours: 168,
    minHours: 24,
    learnP: 1e-3,
    adaptAfterHours: 72,
    seasonalAlpha: 0.02,
    volumeCap: 3,
    initialRho: 0.003,
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

const detectorIssues = (t: SentimentThresholds): string[] => [
  ...rangeIssue('ceiling.confidence', t.ceiling.confidence, 0.5, 1, 'open'),
  ...rangeIssue('ceiling.ownNormalP', t.ceiling.ownNormalP, 0, 0.5, 'left-open'),
  ...rangeIssue('spike.p', t.spike.p, 0, 0.5, 'left-open'),
  ...rangeIssue('spike.minShift', t.spike.minShift, 0, 1),
  ...rangeIssue('spike.overwhelmingP', t.spike.overwhelmingP, 0, t.spike.p, 'left-open'),
  ...(Number.isInteger(t.spike.escalateAfterWindows) && t.spike.escalateAfterWindows >= 1
    ? []
    : ['spike.escalateAfterWindows must be a whole number ≥ 1']),
  ...gradesIssues('spike', t.spike),
  ...rangeIssue('drift.timeScaleHours', t.drift.timeScaleHours, 1, 24 * 30),
  ...rangeIssue('drift.p', t.drift.p, 0, 0.5, 'left-open'),
  ...rangeIssue('drift.minShift', t.drift.minShift, 0, 1),
  ...issueAt('drift.grade.probability', ratingIssue(PROBABILITY_GRADES, t.drift.grade?.probability)),
  ...issueAt('drift.grade.impact', ratingIssue(IMPACT_GRADES, t.drift.grade?.impact)),
];

const learningIssues = (l: SentimentLearning | undefined): string[] =>
  l === undefined
    ? ['learning is missing']
    : [
        ...rangeIssue('learning.halfLifeHours', l.halfLifeHours, 1, 24 * 365),
        ...rangeIssue('learning.minHours', l.minHours, 0, 24 * 365),
        ...rangeIssue('learning.learnP', l.learnP, 0, 0.5, 'left-open'),
        ...rangeIssue('learning.adaptAfterHours', l.adaptAfterHours, 1, 24 * 365),
        ...rangeIssue('learning.seasonalAlpha', l.seasonalAlpha, 0, 1, 'left-open'),
        ...rangeIssue('learning.volumeCap', l.volumeCap, 1, 1e6),
        ...rangeIssue('learning.initialRho', l.initialRho, 0, 0.5, 'left-open'),
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
    ...(thresholds.ceiling === undefined || thresholds.spike === undefined || thresholds.drift === undefined
      ? ['ceiling, spike and drift must all be present']
      : detectorIssues(thresholds)),
    ...learningIssues(thresholds.learning),
  ]);
  return thresholds;
};
