import type { SentimentBaseline } from './baselines.ts';
import type { Sentiment } from './event.ts';
import { formatCount, formatPercent, formatProbability } from './format.ts';
import type { SentimentReading } from './sentiment-model.ts';
import { readSentiment } from './sentiment-model.ts';
import type { SentimentThresholds } from './sentiment-thresholds.ts';
import type { Signal } from './signal.ts';
import { betaQuantile } from './stats.ts';

export type { SentimentBaseline } from './baselines.ts';

/** What sentiment detection needs besides the window itself. */
export interface SentimentContext {
  readonly baseline?: SentimentBaseline | undefined;
}

const subjectOf = (s: Sentiment): string => [s.brand, s.product, s.channel].filter(Boolean).join(' / ');

const seasonOf = (reading: SentimentReading): string =>
  reading.window.hourOfDay === undefined
    ? 'for a window this long'
    : `at ${String(reading.window.hourOfDay).padStart(2, '0')} h UTC`;

const baselineWords = (reading: SentimentReading): string =>
  `its baseline rests on ${formatCount(Math.round(reading.baselineHours))} hours and ` +
  `${formatCount(Math.round(reading.baselineMentions))} weighted mentions`;

const adoptionWords = (reading: SentimentReading, thresholds: SentimentThresholds): string =>
  reading.adopted
    ? `It has lasted ${thresholds.learning.adaptAfterHours} h, so from now on this level is the subject's new normal.`
    : `The baseline is held where it was; if this lasts ${thresholds.learning.adaptAfterHours} h it becomes the new normal.`;

/**
 * The absolute ceiling, a guard for the truly extreme: the window's share must **surely** reach a band
 * (its one-sided `ceiling.confidence` credible bound does, so 30 of 60 is not "50 %"), and below the top
 * band the window must also be unusual for the subject — a complaint-prone subject at its usual 18–24 %
 * is judged against its own normal, not this line.
 *
 * @example
 * negativeShareSignal({ ...window, mentions: 900, negative: 400 }, DEFAULT_SENTIMENT_THRESHOLDS, reading)?.impact; // 'severe'
 */
export const negativeShareSignal = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
  reading: SentimentReading,
): Signal | undefined => {
  const { window } = reading;
  if (window.mentions < thresholds.minMentions) return undefined;
  const confidence = thresholds.ceiling.confidence;
  const lowerBound = betaQuantile(
    1 - confidence,
    window.negative + 0.5,
    window.mentions - window.negative + 0.5,
  );
  const reached = thresholds.shareBands.filter((band) => lowerBound >= band.atLeast);
  const band = reached.at(-1);
  if (band === undefined) return undefined;
  const top = band === thresholds.shareBands.at(-1);
  // Below the top band the window must be unusual for the subject: while its normal is still being learnt
  // (a complaint-prone subject may sit at 25 % every day), only the top band speaks.
  // Unusual means what it means for a spike: so surprising alone (`spike.aloneP`), with the window before
  // elevated too (`spike.supportP`) or with far more negative posts than usual for the hour
  // (`spike.volumeP`) — one heavy-tailed window of a complaint-prone subject is not enough.
  const unusual =
    reading.settled &&
    reading.pWindow <= thresholds.ceiling.ownNormalP &&
    (reading.pWindow <= thresholds.spike.aloneP ||
      reading.previousP <= thresholds.spike.supportP ||
      reading.volume.p <= thresholds.spike.volumeP);
  if (!top && !unusual) return undefined;
  return {
    ruleId: 'sentiment.negative-share',
    riskType: 'reputation',
    probability: band.probability,
    impact: band.impact,
    message:
      `${formatPercent(window.share)} of ${formatCount(window.mentions)} mentions of ${subjectOf(sentiment)} are negative ` +
      `(${formatCount(window.negative)}); with ${formatPercent(confidence)} confidence the share is at least ` +
      `${formatPercent(lowerBound)}, at or above the ${formatPercent(band.atLeast)} line` +
      (reading.settled
        ? ` (its own normal ${seasonOf(reading)}: ${formatPercent(reading.expectedShare)}; so many by chance: ` +
          `${formatProbability(reading.pWindow)}; ${baselineWords(reading)}).`
        : ` (its own normal is still being learnt: ${formatCount(Math.round(reading.baselineHours))} hours so far).`),
    suggestion:
      'Read the negative mentions, find the common cause and prepare a public response within 24 hours.',
    metrics: {
      mentions: window.mentions,
      negative: window.negative,
      negativeShare: window.share,
      lowerBoundShare: lowerBound,
      confidence,
      threshold: band.atLeast,
      ...(reading.settled ? { expectedShare: reading.expectedShare, pValue: reading.pWindow } : {}),
      baselineHours: reading.baselineHours,
    },
  };
};

/**
 * A spike against the subject's own seasonal normal: a window whose negative count is at least this
 * surprising (`spike.p`) and at least `spike.minShift` above the normal share. Escalated when
 * overwhelming (`spike.overwhelmingP`) or persistent (`spike.escalateAfterWindows` in a row): one noisy
 * window may make yellow, not red.
 *
 * @example
 * spikeSignal(window, DEFAULT_SENTIMENT_THRESHOLDS, reading)?.ruleId; // 'sentiment.spike'
 */
export const spikeSignal = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
  reading: SentimentReading,
): Signal | undefined => {
  if (!reading.spike) return undefined;
  if (!reading.windowSpike)
    return reading.burst.alarm
      ? burstSignal(sentiment, thresholds, reading)
      : pooledSignal(sentiment, thresholds, reading);
  const { window } = reading;
  const { spike } = thresholds;
  const overwhelming = reading.pWindow <= spike.overwhelmingP;
  const persistent = reading.spikeWindows >= spike.escalateAfterWindows;
  const support =
    reading.pWindow <= spike.aloneP
      ? ''
      : reading.previousP <= spike.supportP
        ? ` The window before was above its normal too (by chance: ${formatProbability(reading.previousP)}).`
        : ` That is far more negative mentions than it usually gets at this hour (about ${formatCount(Math.round(reading.volume.expectedNegative))} from its usual volume; by chance: ${formatProbability(reading.volume.p)}).`;
  const why = overwhelming
    ? ' Overwhelming on its own.'
    : persistent
      ? ` ${reading.spikeWindows} windows in a row.`
      : `${support} One spiking window so far: attention, not yet a page.`;
  return {
    ruleId: 'sentiment.spike',
    riskType: 'reputation',
    ...(overwhelming || persistent ? spike.escalated : spike.grade),
    message:
      `${formatCount(window.negative)} of ${formatCount(window.mentions)} mentions of ${subjectOf(sentiment)} are negative ` +
      `(${formatPercent(window.share)}), where its own normal ${seasonOf(reading)} is ${formatPercent(reading.expectedShare)} ` +
      `(about ${formatCount(Math.round(reading.expectedNegative))} expected). So many by chance: ${formatProbability(reading.pWindow)}; ` +
      `${baselineWords(reading)}.${why} ${adoptionWords(reading, thresholds)}`,
    suggestion: 'Find what changed (a product batch, a post, a price change) and brief the response team.',
    metrics: {
      mentions: window.mentions,
      negative: window.negative,
      negativeShare: window.share,
      expectedShare: reading.expectedShare,
      expectedNegative: reading.expectedNegative,
      delta: window.share - reading.expectedShare,
      pValue: reading.pWindow,
      previousPValue: reading.previousP,
      usualNegative: reading.volume.expectedNegative,
      volumePValue: reading.volume.p,
      spikeWindows: reading.spikeWindows,
      windowHours: window.hours,
      baselineHours: reading.baselineHours,
      baselineMentions: reading.baselineMentions,
    },
  };
};

/**
 * A spike over the last few windows added up (the pooled test) that no single window proves: a crisis on a
 * small subject at night.
 */
const pooledSignal = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
  reading: SentimentReading,
): Signal => {
  const { pooled, window } = reading;
  const { spike } = thresholds;
  const persistent = reading.spikeWindows >= spike.escalateAfterWindows;
  const share = pooled.mentions > 0 ? pooled.negative / pooled.mentions : 0;
  const expected = pooled.mentions > 0 ? pooled.expectedNegative / pooled.mentions : 0;
  return {
    ruleId: 'sentiment.spike',
    riskType: 'reputation',
    ...(persistent || pooled.p <= spike.overwhelmingP ? spike.escalated : spike.grade),
    message:
      `Over the last ${pooled.windows} windows (${formatCount(pooled.hours)} h), ${formatCount(Math.round(pooled.negative))} of ` +
      `${formatCount(pooled.mentions)} mentions of ${subjectOf(sentiment)} were negative (${formatPercent(share)}), where its own normal is ${formatPercent(expected)} ` +
      `(about ${formatCount(Math.round(pooled.expectedNegative))} expected); each window alone is too small to prove it. ` +
      `So many by chance: ${formatProbability(pooled.p)}; ${baselineWords(reading)}.` +
      (persistent ? ` ${reading.spikeWindows} windows in a row.` : ' Attention, not yet a page.') +
      ` ${adoptionWords(reading, thresholds)}`,
    suggestion: 'Find what changed (a product batch, a post, a price change) and brief the response team.',
    metrics: {
      mentions: window.mentions,
      negative: window.negative,
      negativeShare: window.share,
      expectedShare: reading.expectedShare,
      pooledWindows: pooled.windows,
      pooledMentions: pooled.mentions,
      pooledNegative: pooled.negative,
      pooledExpectedNegative: pooled.expectedNegative,
      pValue: pooled.p,
      spikeWindows: reading.spikeWindows,
      windowHours: window.hours,
      baselineHours: reading.baselineHours,
      baselineMentions: reading.baselineMentions,
    },
  };
};

/** A spike over the last few hours that no single window proves (the burst chart): a crisis at night. */
const burstSignal = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
  reading: SentimentReading,
): Signal => {
  const { burst, window } = reading;
  const { spike } = thresholds;
  const persistent = reading.spikeWindows >= spike.escalateAfterWindows;
  const hours = thresholds.drift.timeScaleHours / 4;
  return {
    ruleId: 'sentiment.spike',
    riskType: 'reputation',
    ...(persistent || burst.p <= spike.overwhelmingP ? spike.escalated : spike.grade),
    message:
      `Over about the last ${hours} h, negative mentions of ${subjectOf(sentiment)} have run ` +
      `${(burst.excessShare * 100).toFixed(1)} points above the subject's own normal (this window: ` +
      `${formatCount(window.negative)} of ${formatCount(window.mentions)}, ${formatPercent(window.share)} against ` +
      `${formatPercent(reading.expectedShare)}). So much by chance: ${formatProbability(burst.p)}; ${baselineWords(reading)}.` +
      (persistent ? ` ${reading.spikeWindows} windows in a row.` : ' Attention, not yet a page.') +
      ` ${adoptionWords(reading, thresholds)}`,
    suggestion: 'Find what changed (a product batch, a post, a price change) and brief the response team.',
    metrics: {
      mentions: window.mentions,
      negative: window.negative,
      negativeShare: window.share,
      expectedShare: reading.expectedShare,
      excessShare: burst.excessShare,
      pValue: burst.p,
      spikeWindows: reading.spikeWindows,
      windowHours: window.hours,
      baselineHours: reading.baselineHours,
      baselineMentions: reading.baselineMentions,
    },
  };
};

/**
 * A drift: over the last day or so (the EWMA chart's `drift.timeScaleHours`) the negative share has run
 * above the subject's own normal by at least `drift.minShift`, more than chance allows (`drift.p`), even
 * though no single window spiked. Attention (yellow): a slow drift is worth a look today, not a page.
 *
 * @example
 * driftSignal(window, DEFAULT_SENTIMENT_THRESHOLDS, reading)?.ruleId; // 'sentiment.drift'
 */
export const driftSignal = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
  reading: SentimentReading,
): Signal | undefined => {
  const { drift } = reading;
  if (!drift.alarm) return undefined;
  const normal = reading.expectedShare;
  return {
    ruleId: 'sentiment.drift',
    riskType: 'reputation',
    ...thresholds.drift.grade,
    message:
      `Over about the last ${thresholds.drift.timeScaleHours} h, negative mentions of ${subjectOf(sentiment)} have run ` +
      `${(drift.excessShare * 100).toFixed(1)} points above the subject's own normal (about ${formatCount(Math.round(drift.excess))} ` +
      `extra negative of ${formatCount(Math.round(drift.mentions))} mentions per window on average); a drift that size by chance: ` +
      `${formatProbability(drift.p)}. This window: ${formatPercent(reading.window.share)} against ${formatPercent(normal)}; ` +
      `${baselineWords(reading)}. ${adoptionWords(reading, thresholds)}`,
    suggestion:
      'Look for a slow-burning cause (a product issue spreading, a competitor campaign, a service change).',
    metrics: {
      mentions: reading.window.mentions,
      negative: reading.window.negative,
      negativeShare: reading.window.share,
      expectedShare: normal,
      excessShare: drift.excessShare,
      driftZ: drift.z,
      pValue: drift.p,
      baselineHours: reading.baselineHours,
      baselineMentions: reading.baselineMentions,
    },
  };
};

/**
 * Every reputation signal for one sentiment window.
 *
 * @example
 * sentimentSignals(event.sentiment, DEFAULT_SENTIMENT_THRESHOLDS, { baseline }, Date.parse(event.occurredAt));
 */
export const sentimentSignals = (
  sentiment: Sentiment,
  thresholds: SentimentThresholds,
  context: SentimentContext = {},
  at: number = Date.parse(sentiment.windowEnd),
): Signal[] => {
  const reading = readSentiment(sentiment, at, context.baseline, thresholds);
  return [
    negativeShareSignal(sentiment, thresholds, reading),
    spikeSignal(sentiment, thresholds, reading),
    driftSignal(sentiment, thresholds, reading),
  ].filter((signal) => signal !== undefined);
};
