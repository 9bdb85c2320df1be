import { defaultGrades, type Grade, type Grades } from './spend-thresholds.ts';

/** A negative share of at least `atLeast` (0.25 = 25 %) is rated this way. */
export interface ShareBand extends Grade {
  readonly atLeast: number;
}

/** How a brand × product × channel's baseline learns (see sentiment-model.ts). */
export interface SentimentLearning {
  /** Hours after which a window's weight in the baseline share has halved. */
  readonly halfLifeHours: number;
  /** Hours of windows before the baseline judges anything. */
  readonly minHours: number;
  /** A window (or the drift) at least this surprising (p-value) is kept out of the baseline. */
  readonly learnP: number;
  /**
   * While the drift chart shows a material excess at least this surprising (p-value) — a drift building
   * that it cannot prove yet — the baseline is held, for at most `adaptAfterHours`: a slow drift is not
   * absorbed before it is seen, and a subject whose normal really moved learns again after that.
   */
  readonly driftHoldP: number;
  /** A shift that lasts this many hours becomes the new normal (the finding says so). */
  readonly adaptAfterHours: number;
  /** Weight of a window in its hour-of-day and weekday offsets and in the learnt window-to-window variation, in (0, 1]. */
  readonly seasonalAlpha: number;
  /**
   * Weight of an hour of a window in the volume's daily cycle, in (0, 1] (a six-hour window weighs six
   * times this, at most 0.5): a six-hourly subject learns its quiet nights within a few days.
   */
  readonly volumeAlpha: number;
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
    /**
     * Below the top band, the window must also be this surprising against the subject's own normal; and
     * the top band pages at its own grade (red) on a subject whose normal is known only if the window
     * before was this surprising too, or the window is `spike.overwhelmingP` surprising (else the band
     * below's grade: one window makes yellow, not red).
     */
    readonly ownNormalP: number;
  };
  readonly spike: Grades & {
    /** A window's negatives this surprising (upper tail p-value) or more… */
    readonly p: number;
    /** …and at least this far above the normal share (0.05 = 5 points) is a spike… */
    readonly minShift: number;
    /**
     * …when it is at least this surprising on its own (beyond what the subject's window-to-window
     * variation explains) and brings at least the mentions the subject usually gets at that hour (a
     * window of ordinary or low volume alone must be `overwhelmingP` surprising); short of that, the
     * previous window must have been elevated too…
     */
    readonly aloneP: number;
    /** …its negatives at least this surprising (upper tail p-value) against its own normal… */
    readonly supportP: number;
    /**
     * …or the window's negative count must be at least this surprising against the usual negative volume
     * for its hour of day (the subject's volume cycle times its normal share): a crisis brings more
     * negative posts, not only a larger share of them, while one heavy-tailed window of normal volume does not.
     */
    readonly volumeP: number;
    /**
     * How much a window's volume varies around the usual for its hour beyond counting noise, as a gamma
     * shape (coefficient of variation ≈ 1/√this): the negative-count test allows for it.
     */
    readonly volumeDispersion: number;
    /**
     * The burst test pools the counts of the current window and of up to this many minus one before it
     * (each pool length tested, Bonferroni-corrected): a crisis on a small subject at night, whose windows
     * are each too small to prove anything, shows in their sum.
     */
    readonly poolWindows: number;
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
 * Default thresholds: spikes at p ≤ 1e-4 and +5 points (a window alone at p ≤ 1e-6 with at least its usual
 * volume, else with the previous window elevated at p ≤ 0.1 or a surge of negative posts; or the last 2–3 windows pooled), red at p ≤ 1e-9 or two in a row; drift at
 * p ≤ 1e-4 and +2 points over a day; ceiling 25 % (yellow, if unusual for the subject) and 40 % (red).
 *
 * @example
 * createRiskEngine({ sentiment: { ...DEFAULT_SENTIMENT_THRESHOLDS, version: 'sentiment@3', minMentions: 50 } });
 */
export const DEFAULT_SENTIMENT_THRESHOLDS = {
  version: 'sentiment@2.5.0',
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
    aloneP: 1e-6,
    supportP: 0.1,
    volumeP: 1e-3,
    volumeDispersion: 4,
    poolWindows: 3,
    ...defaultGrades(),
  },
  drift: {
    timeScaleHours: 24,
    p: 1e-4,
    minShift: 0.02,
    grade: defaultGrades().grade,
  },
  learning: {
    halfLifeHours: 168,
    minHours: 24,
    learnP: 1e-3,
    driftHoldP: 1e-2,
    adaptAfterHours: 72,
    seasonalAlpha: 0.02,
    volumeAlpha: 0.03,
    volumeCap: 3,
    initialRho: 0.003,
  },
} as const satisfies SentimentThresholds;
