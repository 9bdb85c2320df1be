import type { RiskEvent, Sentiment, Spend } from '#shared/schemas/events.ts';

/**
 * A subject's own history, which the CPA-spike and sentiment-spike detectors compare a new report with.
 * The domain holds no state: the caller loads the baseline for `baselineKeyOf(event)`, passes it to
 * `evaluate`, then stores `nextBaseline(…)`. Baselines are plain JSON-serialisable objects with a schema
 * `version`, so a DynamoDB item can hold one as a map attribute.
 *
 * The statistic is an exponentially weighted moving average (EWMA) with its variance: each new
 * observation moves the mean by `alpha` of its distance. It is made robust in two ways: an observation
 * is only folded in when it rests on enough volume (conversions, mentions), and it is winsorised at the
 * spike line first, so one fraudulent day or one viral storm cannot drag the baseline up and hide the
 * next one.
 */

/** The baseline schema version; bump it when the shape changes, and treat older items as absent. */
export const BASELINE_SCHEMA_VERSION = 1;

/** A campaign × channel's cost per acquisition over time. */
export interface SpendBaseline {
  readonly kind: 'spend';
  readonly version: typeof BASELINE_SCHEMA_VERSION;
  /** EWMA of the cost per acquisition (spend ÷ conversions), in the campaign's currency. */
  readonly costPerAcquisition: number;
  /** EWMA of the squared deviation from the mean. */
  readonly variance: number;
  /** Reports folded in so far; also a monotonic counter for conditional (optimistic) writes. */
  readonly observations: number;
  /** The last report's period and cumulative totals, to take the CPA of what happened since. */
  readonly periodStart: string;
  readonly lastSpend: number;
  readonly lastConversions: number;
  /** `occurredAt` of the last report folded in; older or equal reports are ignored (replays, reordering). */
  readonly updatedAt: string;
}

/** A brand × product × channel's negative share of mentions over time. */
export interface SentimentBaseline {
  readonly kind: 'sentiment';
  readonly version: typeof BASELINE_SCHEMA_VERSION;
  /** EWMA of the negative share of mentions, in [0, 1]. */
  readonly negativeShare: number;
  readonly variance: number;
  readonly observations: number;
  readonly updatedAt: string;
}

export type Baseline = SpendBaseline | SentimentBaseline;

/** How a baseline learns; part of the spend and sentiment thresholds, so versioned with them. */
export interface BaselineLearning {
  /** Weight of a new observation, in (0, 1]: 0.3 forgets half of the past in about two reports. */
  readonly alpha: number;
  /** Below this many observations the baseline is still learning and the spike detector stays silent. */
  readonly minObservations: number;
}

/** One observation of a spend subject. */
export interface SpendObservation {
  readonly costPerAcquisition: number;
  readonly periodStart: string;
  readonly spend: number;
  readonly conversions: number;
  readonly at: string;
}

/** One observation of a sentiment subject. */
export interface SentimentObservation {
  readonly negativeShare: number;
  readonly at: string;
}

/** Where a baseline lives: `kind` and a stable key, for the caller's table. */
export interface BaselineKey {
  readonly kind: Baseline['kind'];
  /** e.g. `spend#cmp-1#facebook` or `sentiment#acme#serum%20x#weibo`; parts are trimmed, lower-case and URI-encoded. */
  readonly key: string;
}

const part = (value: string | undefined): string => encodeURIComponent((value ?? '').trim().toLowerCase());

/**
 * The baseline an event is judged against: spend → campaign × channel, sentiment → brand × product ×
 * channel, ad copy → none.
 *
 * @example
 * baselineKeyOf(spendEvent); // { kind: 'spend', key: 'spend#cmp-1#facebook' }
 * baselineKeyOf(copyEvent); // undefined
 */
export const baselineKeyOf = (event: RiskEvent): BaselineKey | undefined => {
  switch (event.type) {
    case 'spend':
      return {
        kind: 'spend',
        key: ['spend', part(event.spend.campaignId), part(event.spend.channel)].join('#'),
      };
    case 'sentiment': {
      const { brand, product, channel } = event.sentiment;
      return { kind: 'sentiment', key: ['sentiment', part(brand), part(product), part(channel)].join('#') };
    }
    default:
      return undefined;
  }
};

const ewma = (
  previous: { readonly mean: number; readonly variance: number } | undefined,
  value: number,
  alpha: number,
): { mean: number; variance: number } => {
  if (previous === undefined) return { mean: value, variance: 0 };
  const delta = value - previous.mean;
  const mean = previous.mean + alpha * delta;
  return { mean, variance: (1 - alpha) * (previous.variance + alpha * delta * delta) };
};

/**
 * One EWMA step for a spend baseline (pure). The observation is assumed already screened and winsorised
 * (see `nextBaseline`).
 *
 * @example
 * updateSpendBaseline(undefined, { costPerAcquisition: 50, periodStart: '2026-11-01', spend: 1000, conversions: 20, at: '…' }, { alpha: 0.3, minObservations: 3 }).costPerAcquisition; // 50
 */
export const updateSpendBaseline = (
  previous: SpendBaseline | undefined,
  observation: SpendObservation,
  learning: BaselineLearning,
): SpendBaseline => {
  const { mean, variance } = ewma(
    previous && { mean: previous.costPerAcquisition, variance: previous.variance },
    observation.costPerAcquisition,
    learning.alpha,
  );
  return {
    kind: 'spend',
    version: BASELINE_SCHEMA_VERSION,
    costPerAcquisition: mean,
    variance,
    observations: (previous?.observations ?? 0) + 1,
    periodStart: observation.periodStart,
    lastSpend: observation.spend,
    lastConversions: observation.conversions,
    updatedAt: observation.at,
  };
};

/**
 * One EWMA step for a sentiment baseline (pure).
 *
 * @example
 * updateSentimentBaseline(undefined, { negativeShare: 0.1, at: '…' }, { alpha: 0.3, minObservations: 3 }).negativeShare; // 0.1
 */
export const updateSentimentBaseline = (
  previous: SentimentBaseline | undefined,
  observation: SentimentObservation,
  learning: BaselineLearning,
): SentimentBaseline => {
  const { mean, variance } = ewma(
    previous && { mean: previous.negativeShare, variance: previous.variance },
    observation.negativeShare,
    learning.alpha,
  );
  return {
    kind: 'sentiment',
    version: BASELINE_SCHEMA_VERSION,
    negativeShare: mean,
    variance,
    observations: (previous?.observations ?? 0) + 1,
    updatedAt: observation.at,
  };
};

/**
 * One EWMA step for either kind of baseline (pure): `previous` is undefined for a new subject.
 *
 * @example
 * updateBaseline(undefined, { kind: 'sentiment', negativeShare: 0.12, at: '2026-11-22T09:00:00Z' }, learning);
 */
export function updateBaseline(
  previous: SpendBaseline | undefined,
  observation: SpendObservation & { readonly kind: 'spend' },
  learning: BaselineLearning,
): SpendBaseline;
export function updateBaseline(
  previous: SentimentBaseline | undefined,
  observation: SentimentObservation & { readonly kind: 'sentiment' },
  learning: BaselineLearning,
): SentimentBaseline;
export function updateBaseline(
  previous: Baseline | undefined,
  observation: (SpendObservation & { kind: 'spend' }) | (SentimentObservation & { kind: 'sentiment' }),
  learning: BaselineLearning,
): Baseline {
  if (observation.kind === 'spend') {
    return updateSpendBaseline(previous?.kind === 'spend' ? previous : undefined, observation, learning);
  }
  return updateSentimentBaseline(
    previous?.kind === 'sentiment' ? previous : undefined,
    observation,
    learning,
  );
}

/**
 * Whether a stored value is a usable baseline of this schema version: anything else (an older schema, a
 * corrupted item) is treated as no baseline, so the detectors stay silent instead of failing.
 *
 * @example
 * asSpendBaseline(item.baseline); // SpendBaseline | undefined
 */
export const asSpendBaseline = (value: unknown): SpendBaseline | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const b = value as Partial<SpendBaseline>;
  return b.kind === 'spend' &&
    b.version === BASELINE_SCHEMA_VERSION &&
    Number.isFinite(b.costPerAcquisition) &&
    Number.isFinite(b.variance) &&
    Number.isInteger(b.observations) &&
    typeof b.periodStart === 'string' &&
    Number.isFinite(b.lastSpend) &&
    Number.isFinite(b.lastConversions) &&
    typeof b.updatedAt === 'string'
    ? (b as SpendBaseline)
    : undefined;
};

/** See {@link asSpendBaseline}. */
export const asSentimentBaseline = (value: unknown): SentimentBaseline | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const b = value as Partial<SentimentBaseline>;
  return b.kind === 'sentiment' &&
    b.version === BASELINE_SCHEMA_VERSION &&
    Number.isFinite(b.negativeShare) &&
    Number.isFinite(b.variance) &&
    Number.isInteger(b.observations) &&
    typeof b.updatedAt === 'string'
    ? (b as SentimentBaseline)
    : undefined;
};

/** Whether a baseline has learnt enough to judge a spike. */
export const isSettled = (baseline: Baseline | undefined, learning: BaselineLearning): boolean =>
  baseline !== undefined && baseline.observations >= learning.minObservations;

/**
 * The cost per acquisition of a spend report: of what happened since the last report in the same period
 * when that rests on at least `minConversions`, otherwise of the period so far; undefined with too few
 * conversions. Reports are cumulative, so the slice since the last one shows a spike that the period
 * total would dilute.
 *
 * @example
 * currentCpa({ actualSpend: 3000, conversions: 40, periodStart: '2026-11-01', … }, baseline, 20); // { value: 100, conversions: 20, since: 'last-report' }
 */
export const currentCpa = (
  spend: Spend,
  baseline: SpendBaseline | undefined,
  minConversions: number,
): { value: number; conversions: number; since: 'last-report' | 'period-start' } | undefined => {
  const conversions = spend.conversions ?? 0;
  if (baseline !== undefined && baseline.periodStart === spend.periodStart) {
    const deltaConversions = conversions - baseline.lastConversions;
    const deltaSpend = spend.actualSpend - baseline.lastSpend;
    if (deltaConversions >= minConversions && deltaSpend >= 0) {
      return { value: deltaSpend / deltaConversions, conversions: deltaConversions, since: 'last-report' };
    }
  }
  return conversions >= minConversions && conversions > 0
    ? { value: spend.actualSpend / conversions, conversions, since: 'period-start' }
    : undefined;
};

/** What `nextSpendBaseline` needs from the spend thresholds. */
export interface SpendBaselinePolicy {
  readonly learning: BaselineLearning;
  readonly minConversions: number;
  /** The spike line (CPA ÷ baseline); observations are winsorised at it. */
  readonly ratio: number;
}

/**
 * The spend baseline after a report (pure): unchanged when the report is older than the baseline, has
 * too few conversions, or repeats one already seen.
 *
 * @example
 * nextSpendBaseline(previous, event.spend, event.occurredAt, policy);
 */
export const nextSpendBaseline = (
  previous: SpendBaseline | undefined,
  spend: Spend,
  at: string,
  policy: SpendBaselinePolicy,
): SpendBaseline | undefined => {
  if (previous !== undefined && Date.parse(at) <= Date.parse(previous.updatedAt)) return previous;
  const cpa = currentCpa(spend, previous, policy.minConversions);
  if (cpa === undefined || !Number.isFinite(cpa.value)) return previous;
  const ceiling = isSettled(previous, policy.learning)
    ? (previous?.costPerAcquisition ?? cpa.value) * policy.ratio
    : Number.POSITIVE_INFINITY;
  return updateSpendBaseline(
    previous,
    {
      costPerAcquisition: Math.min(cpa.value, ceiling),
      periodStart: spend.periodStart,
      spend: spend.actualSpend,
      conversions: spend.conversions ?? 0,
      at,
    },
    policy.learning,
  );
};

/** What `nextSentimentBaseline` needs from the sentiment thresholds. */
export interface SentimentBaselinePolicy {
  readonly learning: BaselineLearning;
  readonly minMentions: number;
  readonly minRatio: number;
  readonly minDelta: number;
}

/**
 * The sentiment baseline after a window (pure): unchanged when the window is older than the baseline or
 * below the minimum volume. A spiking window is folded in at the spike line, not at its full height.
 *
 * @example
 * nextSentimentBaseline(previous, event.sentiment, event.occurredAt, policy);
 */
export const nextSentimentBaseline = (
  previous: SentimentBaseline | undefined,
  sentiment: Sentiment,
  at: string,
  policy: SentimentBaselinePolicy,
): SentimentBaseline | undefined => {
  if (previous !== undefined && Date.parse(at) <= Date.parse(previous.updatedAt)) return previous;
  if (sentiment.mentions < policy.minMentions || sentiment.mentions === 0) return previous;
  const share = sentiment.negative / sentiment.mentions;
  const ceiling =
    previous !== undefined && isSettled(previous, policy.learning)
      ? Math.max(previous.negativeShare * policy.minRatio, previous.negativeShare + policy.minDelta)
      : 1;
  return updateSentimentBaseline(previous, { negativeShare: Math.min(share, ceiling), at }, policy.learning);
};
