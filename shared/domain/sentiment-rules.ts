import type { Sentiment } from '#shared/schemas/events.ts';
import type { SentimentBaseline } from './baselines.ts';
import { isSettled } from './baselines.ts';
import { formatCount, formatPercent } from './format.ts';
import type { SentimentThresholds } from './sentiment-thresholds.ts';
import type { Signal } from './signal.ts';

export type { SentimentBaseline } from './baselines.ts';

/** What sentiment detection needs besides the window itself. */
export interface SentimentContext {
  readonly baseline?: SentimentBaseline | undefined;
}

const subjectOf = (s: Sentiment): string => [s.brand, s.product, s.channel].filter(Boolean).join(' / ');

// Shares come from division; a share a hair under a line through rounding still reaches it.
const EPSILON = 1e-9;

const negativeShare = (s: Sentiment): number => (s.mentions > 0 ? s.negative / s.mentions : 0);

/**
 * Negative share against the absolute ceiling, once the window has the minimum volume.
 *
 * @example
 * negativeShareSignal({ ...window, mentions: 900, negative: 310 }, DEFAULT_SENTIMENT_THRESHOLDS)?.probability; // 'medium'
 */
export const negativeShareSignal = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
): Signal | undefined => {
  const share = negativeShare(sentiment);
  const band = thresholds.shareBands.filter((candidate) => share >= candidate.atLeast - EPSILON).at(-1);
  if (sentiment.mentions < thresholds.minMentions || band === undefined) return undefined;
  return {
    ruleId: 'sentiment.negative-share',
    riskType: 'reputation',
    probability: band.probability,
    impact: band.impact,
    message:
      `${formatPercent(share)} of ${formatCount(sentiment.mentions)} mentions of ${subjectOf(sentiment)} are negative ` +
      `(${formatCount(sentiment.negative)}), at or above the ${formatPercent(band.atLeast)} line.`,
    suggestion:
      'Read the negative mentions, find the common cause and prepare a public response within 24 hours.',
    metrics: {
      mentions: sentiment.mentions,
      negative: sentiment.negative,
      negativeShare: share,
      threshold: band.atLeast,
    },
  };
};

/**
 * A sudden rise against the subject's own baseline: must clear both the ratio and the absolute difference.
 *
 * @example
 * spikeSignal(window, DEFAULT_SENTIMENT_THRESHOLDS, { negativeShare: 0.05 })?.ruleId; // 'sentiment.spike'
 */
export const spikeSignal = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
  baseline: SentimentBaseline | undefined,
): Signal | undefined => {
  const share = negativeShare(sentiment);
  const { minRatio, minDelta, probability, impact, learning } = thresholds.spike;
  if (baseline === undefined || !isSettled(baseline, learning)) return undefined;
  if (sentiment.mentions < thresholds.minMentions) return undefined;
  const delta = share - baseline.negativeShare;
  const ratio = baseline.negativeShare > 0 ? share / baseline.negativeShare : Number.POSITIVE_INFINITY;
  const clearsRatio = baseline.negativeShare === 0 ? share > 0 : ratio >= minRatio - EPSILON;
  if (!clearsRatio || delta < minDelta - EPSILON) return undefined;
  return {
    ruleId: 'sentiment.spike',
    riskType: 'reputation',
    probability,
    impact,
    message:
      `Negative mentions of ${subjectOf(sentiment)} rose to ${formatPercent(share)} from a usual ` +
      `${formatPercent(baseline.negativeShare)} (${formatCount(sentiment.negative)} of ` +
      `${formatCount(sentiment.mentions)} mentions): ${Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : 'up from none'}, ` +
      `+${formatPercent(delta)} (spike lines ${minRatio}× and +${formatPercent(minDelta)}).`,
    suggestion: 'Find what changed (a product batch, a post, a price change) and brief the response team.',
    metrics: {
      mentions: sentiment.mentions,
      negative: sentiment.negative,
      negativeShare: share,
      baselineShare: baseline.negativeShare,
      delta,
      ...(Number.isFinite(ratio) ? { ratio } : {}),
      baselineObservations: baseline.observations,
    },
  };
};

/**
 * Every reputation signal for one sentiment window.
 *
 * @example
 * sentimentSignals(event.sentiment, DEFAULT_SENTIMENT_THRESHOLDS, {}).length; // 0 below 50 mentions
 */
export const sentimentSignals = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
  context: SentimentContext = {},
): Signal[] =>
  [negativeShareSignal(sentiment, thresholds), spikeSignal(sentiment, thresholds, context.baseline)].filter(
    (signal) => signal !== undefined,
  );
