import type { SentimentBaseline } from './baselines.ts';
import type { Sentiment } from './event.ts';
import type { SentimentReading } from './sentiment-model.ts';
import { readSentiment } from './sentiment-model.ts';
import type { SentimentThresholds } from './sentiment-thresholds.ts';
import type { Signal } from './signal.ts';
import { chanceValues, type SignalValues, say, sayIt } from './signal-texts.ts';
import { betaQuantile } from './stats.ts';

export type { SentimentBaseline } from './baselines.ts';

/** What sentiment detection needs besides the window itself. */
export interface SentimentContext {
  readonly baseline?: SentimentBaseline | undefined;
}

const subjectOf = (s: Sentiment): string => [s.brand, s.product, s.channel].filter(Boolean).join(' / ');

/** The hour of day the subject's normal is for (a window of under 12 h), or none. */
const seasonOf = (reading: SentimentReading): SignalValues =>
  reading.window.hourOfDay === undefined
    ? { season: 'window' }
    : { season: 'hour', hour: reading.window.hourOfDay };

/** What the baseline rests on. */
const baselineOf = (reading: SentimentReading): SignalValues => ({
  baselineHours: Math.round(reading.baselineHours),
  baselineMentions: Math.round(reading.baselineMentions),
});

/** Whether a lasting shift is now the subject's normal, and after how long it becomes so. */
const adoptionOf = (reading: SentimentReading, thresholds: SentimentThresholds): SignalValues => ({
  adopted: reading.adopted ? 'yes' : 'no',
  adaptHours: thresholds.learning.adaptAfterHours,
});

/** The window's own counts, first in every spike's and drift's metrics. */
const windowMetrics = (reading: SentimentReading) => ({
  mentions: reading.window.mentions,
  negative: reading.window.negative,
  negativeShare: reading.window.share,
  expectedShare: reading.expectedShare,
});

/** What the baseline rests on, last in every spike's and drift's metrics. */
const baselineMetrics = (reading: SentimentReading) => ({
  baselineHours: reading.baselineHours,
  baselineMentions: reading.baselineMentions,
});

/** Whether a spike has lasted `spike.escalateAfterWindows` windows in a row. */
const persists = (reading: SentimentReading, thresholds: SentimentThresholds): boolean =>
  reading.spikeWindows >= thresholds.spike.escalateAfterWindows;

/** A spike's grade: escalated when it persists or its evidence (`p`) is overwhelming (`spike.overwhelmingP`). */
const spikeGrade = (reading: SentimentReading, thresholds: SentimentThresholds, p: number) =>
  persists(reading, thresholds) || p <= thresholds.spike.overwhelmingP
    ? thresholds.spike.escalated
    : thresholds.spike.grade;

/** For the sentence of a spike over several windows: whether it persists, and whether it is now the normal. */
const persistenceOf = (reading: SentimentReading, thresholds: SentimentThresholds): SignalValues => ({
  persistent: persists(reading, thresholds) ? 'yes' : 'no',
  spikeWindows: reading.spikeWindows,
  ...adoptionOf(reading, thresholds),
});

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
  // Unusual means what it means for a spike: enough alone (`reading.alone`), with the window before
  // elevated too (`spike.supportP`) or with far more negative posts than usual for the hour
  // (`spike.volumeP`) — one heavy-tailed window of a complaint-prone subject is not enough.
  const unusual =
    reading.settled &&
    reading.pWindow <= thresholds.ceiling.ownNormalP &&
    (reading.alone ||
      reading.previousP <= thresholds.spike.supportP ||
      reading.volume.p <= thresholds.spike.volumeP);
  if (!top && !unusual) return undefined;
  // Red needs persistence or overwhelming evidence, as a spike's does: on a subject whose normal is known,
  // the top band reached by one window alone (a heavy-tailed hour of a complaint-prone subject: 14 of 24
  // mentions) is graded as the band below, unless the window is overwhelming for the subject's normal
  // (`spike.overwhelmingP`) or the window before was unusual for it too (`ceiling.ownNormalP`). While the
  // normal is still being learnt the guard speaks at its own grade.
  const lasting =
    !reading.settled ||
    reading.pWindow <= thresholds.spike.overwhelmingP ||
    reading.previousP <= thresholds.ceiling.ownNormalP;
  const grade = top && !lasting ? (reached.at(-2) ?? band) : band;
  return {
    ruleId: 'sentiment.negative-share',
    riskType: 'reputation',
    probability: grade.probability,
    impact: grade.impact,
    ...sayIt(
      say('sentiment.negative-share', {
        share: window.share,
        mentions: window.mentions,
        subject: subjectOf(sentiment),
        negative: window.negative,
        confidence,
        lowerBound,
        line: band.atLeast,
        settled: reading.settled ? 'yes' : 'no',
        ...seasonOf(reading),
        expectedShare: reading.expectedShare,
        ...chanceValues(reading.pWindow),
        ...baselineOf(reading),
      }),
      say('sentiment.negative-share.suggestion'),
    ),
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
  // A burst the windows' own counts added up prove is stated in those counts; else the burst chart's.
  if (!reading.windowSpike)
    return reading.pooled.alarm
      ? pooledSignal(sentiment, thresholds, reading)
      : burstSignal(sentiment, thresholds, reading);
  const { window } = reading;
  const { spike } = thresholds;
  const overwhelming = reading.pWindow <= spike.overwhelmingP;
  const persistent = persists(reading, thresholds);
  // Why one window is enough: alone, with the window before elevated too, or with far more negative posts
  // than the subject usually gets at this hour.
  const support = reading.alone
    ? { support: 'alone' }
    : reading.previousP <= spike.supportP
      ? { support: 'previous', ...chanceValues(reading.previousP, 'support') }
      : { support: 'volume', ...chanceValues(reading.volume.p, 'support') };
  const why = overwhelming ? 'overwhelming' : persistent ? 'persistent' : 'single';
  return {
    ruleId: 'sentiment.spike',
    riskType: 'reputation',
    ...spikeGrade(reading, thresholds, reading.pWindow),
    ...sayIt(
      say('sentiment.spike', {
        negative: window.negative,
        mentions: window.mentions,
        subject: subjectOf(sentiment),
        share: window.share,
        ...seasonOf(reading),
        expectedShare: reading.expectedShare,
        expectedNegative: Math.round(reading.expectedNegative),
        ...chanceValues(reading.pWindow),
        ...baselineOf(reading),
        why,
        spikeWindows: reading.spikeWindows,
        ...support,
        usualNegative: Math.round(reading.volume.expectedNegative),
        ...adoptionOf(reading, thresholds),
      }),
      say('sentiment.spike.suggestion'),
    ),
    metrics: {
      ...windowMetrics(reading),
      expectedNegative: reading.expectedNegative,
      delta: window.share - reading.expectedShare,
      pValue: reading.pWindow,
      previousPValue: reading.previousP,
      usualNegative: reading.volume.expectedNegative,
      volumePValue: reading.volume.p,
      spikeWindows: reading.spikeWindows,
      windowHours: window.hours,
      ...baselineMetrics(reading),
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
  const share = pooled.mentions > 0 ? pooled.negative / pooled.mentions : 0;
  const expected = pooled.mentions > 0 ? pooled.expectedNegative / pooled.mentions : 0;
  return {
    ruleId: 'sentiment.spike',
    riskType: 'reputation',
    ...spikeGrade(reading, thresholds, pooled.p),
    ...sayIt(
      say('sentiment.spike.pooled', {
        windows: pooled.windows,
        hours: pooled.hours,
        negative: Math.round(pooled.negative),
        mentions: pooled.mentions,
        subject: subjectOf(sentiment),
        share,
        expectedShare: expected,
        expectedNegative: Math.round(pooled.expectedNegative),
        ...chanceValues(pooled.p),
        ...baselineOf(reading),
        ...persistenceOf(reading, thresholds),
      }),
      say('sentiment.spike.suggestion'),
    ),
    metrics: {
      ...windowMetrics(reading),
      pooledWindows: pooled.windows,
      pooledMentions: pooled.mentions,
      pooledNegative: pooled.negative,
      pooledExpectedNegative: pooled.expectedNegative,
      pValue: pooled.p,
      spikeWindows: reading.spikeWindows,
      windowHours: window.hours,
      ...baselineMetrics(reading),
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
  const hours = thresholds.drift.timeScaleHours / 4;
  return {
    ruleId: 'sentiment.spike',
    riskType: 'reputation',
    ...spikeGrade(reading, thresholds, burst.p),
    ...sayIt(
      say('sentiment.spike.burst', {
        hours,
        subject: subjectOf(sentiment),
        points: burst.excessShare * 100,
        negative: window.negative,
        mentions: window.mentions,
        share: window.share,
        expectedShare: reading.expectedShare,
        ...chanceValues(burst.p),
        ...baselineOf(reading),
        ...persistenceOf(reading, thresholds),
      }),
      say('sentiment.spike.suggestion'),
    ),
    metrics: {
      ...windowMetrics(reading),
      excessShare: burst.excessShare,
      pValue: burst.p,
      spikeWindows: reading.spikeWindows,
      windowHours: window.hours,
      ...baselineMetrics(reading),
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
    ...sayIt(
      say('sentiment.drift', {
        hours: thresholds.drift.timeScaleHours,
        subject: subjectOf(sentiment),
        points: drift.excessShare * 100,
        excess: Math.round(drift.excess),
        mentions: Math.round(drift.mentions),
        ...chanceValues(drift.p),
        share: reading.window.share,
        expectedShare: normal,
        ...baselineOf(reading),
        ...adoptionOf(reading, thresholds),
      }),
      say('sentiment.drift.suggestion'),
    ),
    metrics: {
      ...windowMetrics(reading),
      excessShare: drift.excessShare,
      driftZ: drift.z,
      pValue: drift.p,
      ...baselineMetrics(reading),
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
