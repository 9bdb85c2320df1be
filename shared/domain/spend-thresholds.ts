import type { ImpactRating, ProbabilityRating } from './rating.ts';

/** Spend strictly more than `above` over plan (0.1 = 10 %) is rated this way. */
export interface OverrunBand extends Grade {
  readonly above: number;
}

/** Where a finding sits on the matrix. */
export interface Grade {
  readonly probability: ProbabilityRating;
  readonly impact: ImpactRating;
}

/** A detector's two grades: what one day's evidence earns, and what persistence or overwhelming evidence earns. */
export interface Grades {
  readonly grade: Grade;
  readonly escalated: Grade;
}

/**
 * The grades the spend and sentiment detectors default to: one day's or window's evidence earns medium ×
 * moderate (yellow on the default matrix), persistence or overwhelming evidence high × moderate (red).
 * New objects each time, so no two detectors' defaults share one (an edited copy of a threshold set
 * changes one detector's grade only).
 */
export const defaultGrades = () =>
  ({
    grade: { probability: 'medium', impact: 'moderate' },
    escalated: { probability: 'high', impact: 'moderate' },
  }) as const satisfies Grades;

/**
 * How a campaign × channel's baseline learns (see baselines.ts): conversion rate and daily delivery, each
 * with weekday factors.
 */
export interface SpendLearning {
  /** Days after which a day's weight in the conversion-rate baseline has halved. */
  readonly halfLifeDays: number;
  /** Days of reports before the conversion-rate and delivery baselines judge anything. */
  readonly minDays: number;
  /** The pace (for the forecast and delivery) is the trimmed mean of this many latest days' spend. */
  readonly paceDays: number;
  /** Weight of a day in its weekday's spend factor, in (0, 1] (conversion factors learn by evidence, see spend-model.ts). */
  readonly weekdayAlpha: number;
  /** A day at least this surprising (p-value) is kept out of the baseline: the baseline does not learn the problem. */
  readonly learnP: number;
  /** A cost-per-acquisition shift that lasts this many days becomes the new normal (the finding says so). */
  readonly adaptAfterDays: number;
  /**
   * Share of a day's conversions that reach the export on later days (platforms attribute late), in
   * [0, 0.9]: the conversions a report should carry follow the spend a day behind by this share.
   */
  readonly reportingLag: number;
}

/**
 * Finance's thresholds as versioned data. The first overrun band is the warning line ("spend more than
 * 10 % over plan triggers a review"); the pacing forecast warns at the same line.
 */
export interface SpendThresholds {
  readonly version: string;
  /** Ascending by `above`; the highest band exceeded wins. */
  readonly overrunBands: readonly OverrunBand[];
  readonly pacing: {
    /** Coverage of the forecast interval (0.9: 5 % chance the spend ends below its lower end). */
    readonly interval: number;
    /** Probability once the whole interval is over the warning line; impact from the band its lower end reaches. */
    readonly probability: ProbabilityRating;
    /** From this share of the period elapsed, the forecast is nearly a fact. */
    readonly lateFrom: number;
    readonly lateProbability: ProbabilityRating;
  };
  readonly cpaSpike: Grades & {
    /** Fewer conversions than the baseline expects for the spend, at this p-value or less, is a spike. */
    readonly p: number;
    /** …and at this p-value or less it is overwhelming (escalated at once). */
    readonly overwhelmingP: number;
    /** A spike on this many consecutive days is escalated. */
    readonly escalateAfterDays: number;
    /** The CPA must be at least this much above the baseline's to count (0.25 = 25 % dearer). */
    readonly minIncrease: number;
    /** The CPA increase the accumulating (CUSUM) test looks for, as a ratio: 1.5 = half as costly again. */
    readonly shift: number;
    /** Day-to-day variation of a conversion rate beyond counting noise: CV ≈ 1/√dispersion. */
    readonly dispersion: number;
  };
  readonly trackingBroken: Grades & {
    /** Conversions that should have come in while the count stood still, before it is a finding. */
    readonly expectedConversions: number;
    /** …and before it is escalated (P(no conversion) ≈ e^-this). */
    readonly escalatedExpectedConversions: number;
  };
  readonly deliveryStopped: Grades & {
    /** A day spending at most this share of the campaign's usual spend for that weekday has stopped. */
    readonly share: number;
    /** Consecutive stopped reports before it is escalated. */
    readonly escalateAfterReports: number;
  };
  readonly learning: SpendLearning;
}

/**
 * The default thresholds: warning line 10 %, severe above 25 % (so 30 % over plan is red).
 *
 * @example
 * createRiskEngine({ spend: { ...DEFAULT_SPEND_THRESHOLDS, version: 'spend@3', overrunBands: [...] } });
 */
export const DEFAULT_SPEND_THRESHOLDS = {
  version: 'spend@2.3.0',
  overrunBands: [
    { above: 0.1, probability: 'medium', impact: 'moderate' },
    { above: 0.25, probability: 'high', impact: 'severe' },
  ],
  pacing: { interval: 0.9, probability: 'medium', lateFrom: 0.8, lateProbability: 'high' },
  cpaSpike: {
    p: 1e-3,
    overwhelmingP: 1e-9,
    escalateAfterDays: 3,
    minIncrease: 0.25,
    shift: 1.5,
    dispersion: 50,
    ...defaultGrades(),
  },
  trackingBroken: {
    expectedConversions: 8,
    escalatedExpectedConversions: 25,
    ...defaultGrades(),
  },
  deliveryStopped: {
    share: 0.1,
    escalateAfterReports: 2,
    ...defaultGrades(),
  },
  learning: {
    halfLifeDays: 10,
    minDays: 5,
    paceDays: 7,
    weekdayAlpha: 0.2,
    learnP: 0.01,
    adaptAfterDays: 7,
    reportingLag: 0.3,
  },
} as const satisfies SpendThresholds;
