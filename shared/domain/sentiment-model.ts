import type { SentimentBaseline } from './baselines.ts';
import { BASELINE_SCHEMA_VERSION, MAX_RECENT_WINDOWS, newerInstant, storableBaseline } from './baselines.ts';
import type { Sentiment } from './event.ts';
import type { SentimentThresholds } from './sentiment-thresholds.ts';
import { betaBinomialUpperTail, negativeBinomialCdf, normalCdf, normalQuantile } from './stats.ts';

/**
 * How a sentiment window reads against its brand × product × channel's baseline, and what the baseline
 * learns from it. `readSentiment` is the single owner of that arithmetic: the detectors
 * (sentiment-rules.ts) judge its numbers and `nextSentimentBaseline` stores them.
 *
 * The subject's normal negative share is a discounted ratio of counts (negative ÷ mentions, half-life
 * `learning.halfLifeHours`), adjusted on the log-odds scale for the daily cycle (two harmonics of the
 * hour of day) and the weekday of
 * the window. A window's negatives are judged with a beta-binomial upper tail: counting noise plus the
 * window-to-window variation the subject shows (its intra-class correlation, learnt), so 60 angry posts
 * of 150 at night weigh what they are worth. An EWMA chart of the standardised excess over a day
 * catches a drift that no single window shows.
 */

const HOUR = 3_600_000;
const MAX_WINDOW_HOURS = 24 * 31;
const RHO_FLOOR = 5e-4;
const RHO_CEILING = 0.05;

const NO_CYCLE: readonly number[] = [0, 0, 0, 0];
/** A window weighs at most this many standard deviations in the charts and in a pooled burst test. */
const RESIDUAL_CLAMP = 3;

/**
 * The daily cycle's basis (cos, sin of the 24-hour wave, then of the 12-hour wave) averaged over a window
 * from `start` lasting `hours`, sampled at 12 points: a six-hour window sees a flattened cycle.
 */
const harmonicsOver = (start: number, hours: number): readonly number[] => {
  const sums = [0, 0, 0, 0];
  const samples = 12;
  for (let i = 0; i < samples; i += 1) {
    const at = start + ((i + 0.5) / samples) * hours * HOUR;
    const angle = (2 * Math.PI * (((at / HOUR) % 24) + 24)) / 24;
    const basis = [Math.cos(angle), Math.sin(angle), Math.cos(2 * angle), Math.sin(2 * angle)];
    for (let k = 0; k < 4; k += 1) sums[k] = (sums[k] ?? 0) + (basis[k] ?? 0) / samples;
  }
  return sums;
};

const logit = (p: number): number => Math.log(p / (1 - p));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (value: number, min: number, max: number): number =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
const finite = (value: number, fallback = 0): number => (Number.isFinite(value) ? value : fallback);

/** The window: its length, season and counts. */
export interface SentimentWindow {
  /** When the window began (epoch ms). */
  readonly startsAt: number;
  readonly hours: number;
  /** UTC hour of day of the window's middle (0–23); undefined for windows ≥ 12 h. */
  readonly hourOfDay: number | undefined;
  /** The daily cycle's harmonics averaged over the window's hours (zeros for windows ≥ 12 h). */
  readonly cycle: readonly number[];
  /** UTC weekday of the window's middle; undefined for windows ≥ 3.5 days. */
  readonly weekday: number | undefined;
  readonly mentions: number;
  readonly negative: number;
  readonly share: number;
}

/** An EWMA chart of standardised excess negatives: its state, z, p, and the excess share it stands for. */
export interface Chart {
  readonly value: number;
  readonly variance: number;
  readonly excess: number;
  readonly mentions: number;
  readonly z: number;
  readonly p: number;
  readonly excessShare: number;
  readonly alarm: boolean;
}

/** The current window and the ones just before it, added up. */
export interface Pooled {
  readonly windows: number;
  readonly hours: number;
  readonly mentions: number;
  /** The negatives the windows reported (what the finding states). */
  readonly negative: number;
  /** The negatives the test weighs: each window's counted at most RESIDUAL_CLAMP standard deviations over its normal. */
  readonly countedNegative: number;
  readonly expectedNegative: number;
  /** Bonferroni-corrected over the pool lengths tried. */
  readonly p: number;
  readonly alarm: boolean;
}

/** A window's counts as the baseline keeps them. */
interface Counts {
  readonly mentions: number;
  readonly negative: number;
  readonly expected: number;
}

export interface SentimentReading {
  readonly at: number;
  readonly window: SentimentWindow;
  /** The baseline has learnt `learning.minHours`: spikes and drift are judged. */
  readonly settled: boolean;
  /** The subject's normal share for this window's season, and the negatives that makes. */
  readonly expectedShare: number;
  readonly expectedNegative: number;
  /** P(this many negatives or more | the subject's normal). */
  readonly pWindow: number;
  readonly rho: number;
  readonly spike: boolean;
  /** Consecutive spiking windows including this one. */
  readonly spikeWindows: number;
  /** The window is a spike (else the spike, if any, is a burst over the last few windows). */
  readonly windowSpike: boolean;
  /**
   * The window is enough on its own: beyond doubt (`spike.overwhelmingP`), or surprising alone
   * (`spike.aloneP`) with more mentions than the subject usually gets at that hour.
   */
  readonly alone: boolean;
  /** P(the previous window's negatives or more | its normal); 1 when there was none just before. */
  readonly previousP: number;
  /**
   * The negative count against the usual negative volume for the window's hour of day: the mentions the
   * subject's volume cycle expects times the normal share, and P(this many negatives or more) allowing
   * for the volume's variation (`spike.volumeDispersion`); p is 1 until the baseline has settled.
   */
  readonly volume: {
    readonly expectedMentions: number;
    readonly expectedNegative: number;
    readonly p: number;
  };
  /** The pooled burst test: the last windows' counts added up (the most surprising pool length). */
  readonly pooled: Pooled;
  /** The drift chart (a day) and the burst chart (a few hours) after this window; a spike is a window's, the burst chart's or the pooled test's. */
  readonly drift: Chart;
  readonly burst: Chart;
  readonly suspect: boolean;
  /** Hours in a row the drift chart has held the baseline, this window included (0: not held). */
  readonly heldHours: number;
  /** Since when the subject has been anomalous (spike or drift), and whether the shift is now adopted. */
  readonly anomalousSince: number | undefined;
  readonly adopted: boolean;
  readonly baselineHours: number;
  readonly baselineMentions: number;
}

const windowOf = (sentiment: Sentiment): SentimentWindow => {
  const start = Date.parse(sentiment.windowStart);
  const end = Date.parse(sentiment.windowEnd);
  const hours = clamp((end - start) / HOUR, 1 / 60, MAX_WINDOW_HOURS);
  const middle = new Date(Number.isFinite(end) ? end - (hours * HOUR) / 2 : 0);
  const mentions = Math.max(0, sentiment.mentions);
  const negative = clamp(sentiment.negative, 0, mentions);
  return {
    startsAt: end - hours * HOUR,
    hours,
    hourOfDay: hours < 12 ? middle.getUTCHours() : undefined,
    cycle: hours < 12 ? harmonicsOver(end - hours * HOUR, hours) : NO_CYCLE,
    weekday: hours < 84 ? middle.getUTCDay() : undefined,
    mentions,
    negative,
    share: mentions > 0 ? negative / mentions : 0,
  };
};

const baseShareOf = (baseline: SentimentBaseline): number =>
  clamp((baseline.negative + 0.5) / (baseline.mentions + 1), 1e-4, 1 - 1e-4);

const seasonalOffset = (baseline: SentimentBaseline | undefined, window: SentimentWindow): number =>
  baseline === undefined
    ? 0
    : window.cycle.reduce((sum, basis, k) => sum + basis * (baseline.dailyCycle[k] ?? 0), 0) +
      (window.weekday === undefined ? 0 : (baseline.weekdayOffsets[window.weekday] ?? 0));

/** The mentions the subject usually gets in a window of this length at this hour of day. */
const usualMentions = (baseline: SentimentBaseline | undefined, window: SentimentWindow): number =>
  baseline === undefined
    ? 0
    : baseline.mentionsPerHour *
      window.hours *
      Math.exp(window.cycle.reduce((sum, basis, k) => sum + basis * (baseline.volumeCycle[k] ?? 0), 0));

/**
 * The windows just before this one that the baseline keeps, oldest first: none when there was a gap (no
 * report for a while), so a pool only ever adds up consecutive windows.
 */
const recentOf = (baseline: SentimentBaseline | undefined, window: SentimentWindow): Counts[] => {
  if (baseline === undefined) return [];
  const gap = window.startsAt - Date.parse(baseline.updatedAt);
  if (!(gap <= (window.hours * HOUR) / 2)) return [];
  return baseline.recentMentions.map((mentions, i) => ({
    mentions,
    negative: baseline.recentNegative[i] ?? 0,
    expected: baseline.recentExpected[i] ?? 0,
  }));
};

/**
 * The pooled burst test: the current window (last) with the one or more just before it, their counts
 * added up and judged as one window of their total mentions. The sum of independent windows varies by
 * the sum of their variances (counting noise plus the learnt window-to-window variation), expressed as
 * the intra-class correlation of one big window. Every pool length from 2 to `spike.poolWindows` is tried
 * and the most surprising kept, its p-value multiplied by the number tried.
 */
const pooledOf = (
  windows: readonly Counts[],
  hoursEach: number,
  rho: number,
  thresholds: SentimentThresholds,
  settled: boolean,
): Pooled => {
  const { spike } = thresholds;
  const current = windows.at(-1) ?? { mentions: 0, negative: 0, expected: 0 };
  const tried = Math.max(0, Math.min(windows.length, spike.poolWindows) - 1);
  let best: Omit<Pooled, 'alarm'> = {
    windows: 1,
    hours: hoursEach,
    mentions: current.mentions,
    negative: current.negative,
    countedNegative: current.negative,
    expectedNegative: current.expected,
    p: 1,
  };
  for (let k = 2; k <= tried + 1; k += 1) {
    const pool = windows.slice(-k);
    const mentions = pool.reduce((sum, w) => sum + w.mentions, 0);
    const expectedNegative = pool.reduce((sum, w) => sum + w.expected, 0);
    if (!(mentions > 1)) continue;
    const share = clamp(expectedNegative / mentions, 1e-4, 1 - 1e-4);
    const varianceOf = (w: Counts) => {
      const p = w.mentions > 0 ? clamp(w.expected / w.mentions, 1e-4, 1 - 1e-4) : share;
      return w.mentions * p * (1 - p) * (1 + Math.max(0, w.mentions - 1) * rho);
    };
    const variance = pool.reduce((sum, w) => sum + varianceOf(w), 0);
    // Each window counts at most RESIDUAL_CLAMP standard deviations above its normal: one wild window
    // (the share's heavy tail) cannot make a pool on its own — a burst is evidence several windows share.
    const countedNegative = pool.reduce(
      (sum, w) => sum + Math.min(w.negative, w.expected + RESIDUAL_CLAMP * Math.sqrt(varianceOf(w))),
      0,
    );
    const negative = pool.reduce((sum, w) => sum + w.negative, 0);
    const pooledRho = clamp((variance / (mentions * share * (1 - share)) - 1) / (mentions - 1), 1e-9, 0.5);
    const p = Math.min(1, tried * betaBinomialUpperTail(countedNegative, mentions, share, pooledRho));
    if (p < best.p)
      best = { windows: k, hours: k * hoursEach, mentions, negative, countedNegative, expectedNegative, p };
  }
  const alarm =
    settled &&
    best.windows >= 2 &&
    // Still going: the current window is above its normal too.
    current.negative > current.expected &&
    best.mentions >= thresholds.minMentions &&
    best.p <= spike.p &&
    (best.countedNegative - best.expectedNegative) / best.mentions >= spike.minShift;
  return { ...best, alarm };
};

/**
 * Reads a sentiment window against its baseline (pure).
 *
 * @example
 * readSentiment(event.sentiment, Date.parse(event.occurredAt), baseline, DEFAULT_SENTIMENT_THRESHOLDS).pWindow;
 */
export const readSentiment = (
  sentiment: Sentiment,
  at: number,
  baseline: SentimentBaseline | undefined,
  thresholds: SentimentThresholds,
): SentimentReading => {
  const { learning, spike, drift } = thresholds;
  const window = windowOf(sentiment);
  const settled = baseline !== undefined && baseline.hours >= learning.minHours && baseline.mentions > 0;
  const base = baseline === undefined ? 0.5 : baseShareOf(baseline);
  const expectedShare = clamp(logistic(logit(base) + seasonalOffset(baseline, window)), 1e-4, 1 - 1e-4);
  // The variation a window is judged with: the subject's own window-to-window variation plus the
  // uncertainty of its normal, which rests on `baseline.mentions` (a share learnt from 90 mentions is
  // known to about ±3 points at 10 %, from 90,000 to ±0.1): a young or quiet baseline does not take its
  // first guess for certain, and every later window for a spike it then would not learn from.
  const rho =
    clamp(baseline?.rho ?? learning.initialRho, RHO_FLOOR, RHO_CEILING) + 1 / ((baseline?.mentions ?? 0) + 1);
  const n = window.mentions;
  const x = window.negative;
  const expectedNegative = n * expectedShare;
  const pWindow = settled && n > 0 ? betaBinomialUpperTail(x, n, expectedShare, rho) : 1;
  const share = (c: Counts) =>
    clamp(c.mentions > 0 ? c.expected / c.mentions : expectedShare, 1e-4, 1 - 1e-4);
  const recent = settled ? recentOf(baseline, window) : [];
  const previous = recent.at(-1);
  const previousP =
    previous === undefined || previous.mentions <= 0
      ? 1
      : betaBinomialUpperTail(previous.negative, previous.mentions, share(previous), rho);
  const expectedMentions = settled ? usualMentions(baseline, window) : 0;
  const volumeNegative = expectedMentions * expectedShare;
  const volumeP =
    settled && x > 0 && volumeNegative > 0
      ? 1 - negativeBinomialCdf(x - 1, volumeNegative, spike.volumeDispersion)
      : 1;
  // One window far off its normal happens now and then (the share's window-to-window variation has
  // heavy tails, whatever the volume): alone it must be surprising for the variation learnt
  // (`spike.aloneP`) and come with at least the mentions the subject usually gets at that hour — a crisis
  // draws people in, a heavy-tailed window of ordinary volume does not — or be beyond doubt
  // (`spike.overwhelmingP`); else the window before it must have been elevated too (`spike.supportP`), or
  // the window must bring far more negative posts than usual for the hour (`spike.volumeP`) — a real
  // problem lasts, or swells.
  const alone = pWindow <= spike.overwhelmingP || (pWindow <= spike.aloneP && n > expectedMentions);
  const windowSpike =
    settled &&
    n >= thresholds.minMentions &&
    pWindow <= spike.p &&
    window.share - expectedShare >= spike.minShift &&
    (alone || previousP <= spike.supportP || volumeP <= spike.volumeP);
  const pooled = pooledOf(
    [...recent, { mentions: n, negative: x, expected: expectedNegative }],
    window.hours,
    rho,
    thresholds,
    settled,
  );
  // The charts: the windows' standard scores, exponentially weighted over `timeScaleHours` (the drift)
  // and a quarter of it (the burst).
  // The window's standard score is the normal score of its mid-p under the beta-binomial (not the excess
  // over its standard deviation): one negative of one mention against a normal of 8 % is an 8 % event, not
  // a 3.4-sd one, so a quiet subject's tiny windows weigh in the charts what their counts are worth.
  const midP =
    n > 0
      ? (betaBinomialUpperTail(x, n, expectedShare, rho) +
          betaBinomialUpperTail(x + 1, n, expectedShare, rho)) /
        2
      : 0.5;
  const score = normalQuantile(clamp(1 - midP, 1e-12, 1 - 1e-12));
  // A spiking window is the spike detector's business: it does not load the charts (which would then
  // report the crisis's tail for a day after it ended); other windows count clamped at ±3 sd.
  const chart = (
    scaleHours: number,
    previousChart: { value: number; variance: number; excess: number; mentions: number },
    held: boolean,
  ) => {
    const residual = n > 0 && !held ? clamp(score, -RESIDUAL_CLAMP, RESIDUAL_CLAMP) : 0;
    const l = 1 - Math.exp(-window.hours / scaleHours);
    const value = finite((1 - l) * previousChart.value + l * residual);
    const variance = finite((1 - l) ** 2 * previousChart.variance + l * l, 1);
    const excess = finite((1 - l) * previousChart.excess + l * (held ? 0 : x - expectedNegative));
    const mentions = finite((1 - l) * previousChart.mentions + l * (held ? 0 : n));
    const z = variance > 0 ? finite(value / Math.sqrt(variance)) : 0;
    return {
      value,
      variance,
      excess,
      mentions,
      z,
      p: settled ? 1 - normalCdf(z) : 1,
      excessShare: mentions > 0 ? finite(excess / mentions) : 0,
    };
  };
  // A quarter of the time scale: a burst of a few hours that no single window proves (a crisis at night).
  const hours = chart(
    drift.timeScaleHours / 4,
    {
      value: baseline?.burst ?? 0,
      variance: baseline?.burstVariance ?? 0,
      excess: baseline?.burstExcess ?? 0,
      mentions: baseline?.burstMentions ?? 0,
    },
    windowSpike,
  );
  const chartBurst = settled && hours.p <= spike.p && hours.excessShare >= spike.minShift;
  const isSpike = windowSpike || chartBurst || pooled.alarm;
  // Any spike (a window's or a burst's) is the spike detector's business: it does not load the day chart,
  // which would otherwise report a crisis's tail as a drift for a day after it ended.
  const day = chart(
    drift.timeScaleHours,
    {
      value: baseline?.drift ?? 0,
      variance: baseline?.driftVariance ?? 0,
      excess: baseline?.driftExcess ?? 0,
      mentions: baseline?.driftMentions ?? 0,
    },
    isSpike,
  );
  const spikeWindows = isSpike ? (baseline?.spikeWindows ?? 0) + 1 : 0;
  // The day chart is reported only while the excess is still going: the last few hours are above the
  // normal by a standard deviation too (a crisis's tail, or one noisy evening, does not keep it up).
  const driftAlarm = settled && day.p <= drift.p && day.excessShare >= drift.minShift && hours.z >= 1;
  const pDrift = day.p;
  // Held out of the baseline: a surprising window, or a material excess building on the drift chart (a
  // drift chart whose z is high while the excess is immaterial would otherwise freeze the baseline for good).
  // A material excess building on the drift chart, short of proof, holds the baseline too (so a slow
  // drift is not absorbed before it is seen) — for at most `adaptAfterHours`, after which the subject
  // learns again (a drift chart whose z is high while the excess is immaterial, or a hold without end,
  // would otherwise freeze the baseline for good).
  const building = settled && pDrift <= learning.driftHoldP && day.excessShare >= drift.minShift;
  const heldHours = building ? (baseline?.heldHours ?? 0) + window.hours : 0;
  const held = building && heldHours <= learning.adaptAfterHours;
  const suspect = settled && (pWindow <= learning.learnP || held);
  const anomalous = isSpike || driftAlarm;
  const since =
    anomalous && baseline !== undefined && baseline.anomalousWindows > 0
      ? Date.parse(baseline.anomalousSince)
      : anomalous
        ? at - window.hours * HOUR
        : undefined;
  const adopted = since !== undefined && at - since >= learning.adaptAfterHours * HOUR;
  return {
    at,
    window,
    settled,
    expectedShare,
    expectedNegative,
    pWindow,
    rho,
    spike: isSpike,
    windowSpike,
    alone: settled && alone,
    previousP,
    volume: { expectedMentions, expectedNegative: volumeNegative, p: volumeP },
    pooled,
    spikeWindows,
    drift: { ...day, alarm: driftAlarm },
    burst: { ...hours, alarm: chartBurst },
    suspect,
    heldHours,
    anomalousSince: since,
    adopted,
    baselineHours: baseline?.hours ?? 0,
    baselineMentions: baseline?.mentions ?? 0,
  };
};

/** The charts and counters of a subject with no evidence under way: new, or a shift just adopted. */
const NO_EVIDENCE = {
  drift: 0,
  driftVariance: 0,
  driftExcess: 0,
  driftMentions: 0,
  burst: 0,
  burstVariance: 0,
  burstExcess: 0,
  burstMentions: 0,
  spikeWindows: 0,
  anomalousWindows: 0,
  shiftNegative: 0,
  shiftMentions: 0,
  heldHours: 0,
  recentMentions: [],
  recentNegative: [],
  recentExpected: [],
} as const satisfies Partial<SentimentBaseline>;

const emptySentimentBaseline = (at: string, thresholds: SentimentThresholds): SentimentBaseline => ({
  kind: 'sentiment',
  version: BASELINE_SCHEMA_VERSION,
  observations: 0,
  firstAt: at,
  updatedAt: at,
  negative: 0,
  mentions: 0,
  hours: 0,
  mentionsPerHour: 0,
  rho: thresholds.learning.initialRho,
  dailyCycle: NO_CYCLE,
  volumeCycle: NO_CYCLE,
  weekdayOffsets: [0, 0, 0, 0, 0, 0, 0],
  ...NO_EVIDENCE,
  anomalousSince: at,
});

/** The share, season and variation part of the next baseline, from a window judged normal. */
/** A window of more than `learning.volumeCap` times the subject's usual volume for its length. */
const isStorm = (
  base: SentimentBaseline,
  window: SentimentWindow,
  thresholds: SentimentThresholds,
): boolean =>
  base.mentionsPerHour > 0 &&
  window.mentions > thresholds.learning.volumeCap * base.mentionsPerHour * window.hours;

/**
 * The window-to-window variation after a window: learnt from every window but a spike's, the one judged
 * unusual included with its squared standardised excess capped at 3² — so a heavy-tailed subject widens
 * its own normal, and a problem's first windows do not run away with it.
 */
const nextRho = (
  base: SentimentBaseline,
  reading: SentimentReading,
  thresholds: SentimentThresholds,
): number => {
  const { learning } = thresholds;
  const n = reading.window.mentions;
  const x = reading.window.negative;
  if (!reading.settled || reading.windowSpike || n < 10) return base.rho;
  const p = reading.expectedShare;
  const inflation = 1 + (n - 1) * base.rho;
  const squared = Math.min((x - n * p) ** 2 / (n * p * (1 - p)), 9 * inflation);
  const sample = clamp((squared - 1) / (n - 1), 0, RHO_CEILING);
  if (isStorm(base, reading.window, thresholds)) return base.rho;
  return clamp(base.rho + learning.seasonalAlpha * (sample - base.rho), RHO_FLOOR, RHO_CEILING);
};

const learnShare = (
  base: SentimentBaseline,
  reading: SentimentReading,
  thresholds: SentimentThresholds,
): Partial<SentimentBaseline> => {
  const { learning } = thresholds;
  const { window } = reading;
  const n = window.mentions;
  const x = window.negative;
  const decay = 0.5 ** (window.hours / learning.halfLifeHours);
  const rate = n / window.hours;
  // The usual volume: the mean of the hours learnt so far while they are few (a subject first heard at
  // night is not held to its night's volume, which would make every daytime window a storm), then a
  // slow exponential mean, each window capped at `volumeCap` times it.
  const volumeWeight = Math.max(0.05, window.hours / (base.hours + window.hours));
  const mentionsPerHour =
    base.mentionsPerHour === 0
      ? rate
      : base.mentionsPerHour +
        volumeWeight * (Math.min(rate, learning.volumeCap * base.mentionsPerHour) - base.mentionsPerHour);
  // A storm (a viral post, a launch, a crisis: more than `volumeCap` times the usual volume) says what
  // that audience thinks, not what the subject's usual audience does: its share is not learnt.
  if (isStorm(base, window, thresholds)) return { mentionsPerHour, hours: base.hours + window.hours };
  // The volume's daily cycle: the window's log volume against the usual for its hour, a step along the
  // harmonics it spans (windows of 12 h or more span none).
  const usual = usualMentions(base, window);
  const volumeStep =
    base.mentionsPerHour > 0
      ? Math.min(0.5, learning.volumeAlpha * window.hours) * clamp(Math.log((n + 1) / (usual + 1)), -2, 2)
      : 0;
  const volumeCycle = base.volumeCycle.map((c, k) => clamp(c + volumeStep * (window.cycle[k] ?? 0), -3, 3));
  const weight = 1;
  // The window's negatives brought to the subject's base season by the ratio of the base share to this
  // window's seasonal normal — a count stays a count. (Deseasonalising each window's own share, with the
  // half-count every tiny window needs for its log-odds, would teach a subject of four mentions an hour a
  // normal twice its real one.)
  const deseasonalised = base.mentions > 0 ? (x * baseShareOf(base)) / reading.expectedShare : x;
  const settled = reading.settled;
  const residual = logit(clamp((x + 0.5) / (n + 1), 1e-4, 1 - 1e-4)) - logit(reading.expectedShare);
  const confidence = n / (n + 50);
  const step = settled ? learning.seasonalAlpha * weight * confidence * clamp(residual, -2, 2) : 0;
  const moveOffset = (offsets: readonly number[], index: number | undefined, scale: number) =>
    index === undefined
      ? offsets
      : offsets.map((o, i) => (i === index ? clamp(o + scale * step, -1.5, 1.5) : o));
  return {
    negative: base.negative * decay + weight * deseasonalised,
    mentions: base.mentions * decay + weight * n,
    hours: base.hours + window.hours,
    mentionsPerHour,
    rho: nextRho(base, reading, thresholds),
    dailyCycle: base.dailyCycle.map((c, k) => clamp(c + step * (window.cycle[k] ?? 0), -1.5, 1.5)),
    volumeCycle,
    weekdayOffsets: moveOffset(base.weekdayOffsets, window.weekday, 1 / 3),
  };
};

/** The windows the next pooled test adds up: the last `spike.poolWindows - 1`, this one included. */
const recentAfter = (
  previous: SentimentBaseline | undefined,
  reading: SentimentReading,
  thresholds: SentimentThresholds,
): Pick<SentimentBaseline, 'recentMentions' | 'recentNegative' | 'recentExpected'> => {
  const keep = Math.min(MAX_RECENT_WINDOWS, Math.max(0, thresholds.spike.poolWindows - 1));
  const { mentions, negative } = reading.window;
  const chain = [
    ...recentOf(previous, reading.window),
    { mentions, negative, expected: reading.expectedNegative },
  ];
  const kept = keep === 0 ? [] : chain.slice(-keep);
  return {
    recentMentions: kept.map((w) => w.mentions),
    recentNegative: kept.map((w) => w.negative),
    recentExpected: kept.map((w) => finite(w.expected)),
  };
};

/**
 * The sentiment baseline after a window (pure): `previous` itself when the window is not newer than it.
 * A window judged anomalous (or while the drift chart is out of control) only moves the chart and the
 * counters, not the normal it is judged against; a shift lasting `learning.adaptAfterHours` becomes the
 * new normal.
 *
 * @example
 * nextSentimentBaseline(previous, event.sentiment, event.occurredAt, DEFAULT_SENTIMENT_THRESHOLDS);
 */
export const nextSentimentBaseline = (
  previous: SentimentBaseline | undefined,
  sentiment: Sentiment,
  occurredAt: string,
  thresholds: SentimentThresholds,
): SentimentBaseline | undefined => {
  const instant = newerInstant(previous, occurredAt);
  if (instant === undefined) return previous;
  const { at, iso } = instant;
  const base = previous ?? emptySentimentBaseline(iso, thresholds);
  const reading = readSentiment(sentiment, at, previous, thresholds);
  const anomalous = reading.anomalousSince !== undefined;
  const chart = {
    drift: reading.drift.value,
    driftVariance: reading.drift.variance,
    driftExcess: reading.drift.excess,
    driftMentions: reading.drift.mentions,
    burst: reading.burst.value,
    burstVariance: reading.burst.variance,
    burstExcess: reading.burst.excess,
    burstMentions: reading.burst.mentions,
  };
  const counters = {
    observations: base.observations + 1,
    updatedAt: iso,
    spikeWindows: reading.spikeWindows,
    anomalousWindows: anomalous ? base.anomalousWindows + 1 : 0,
    anomalousSince:
      reading.anomalousSince === undefined ? iso : new Date(reading.anomalousSince).toISOString(),
    shiftNegative: anomalous ? base.shiftNegative + reading.window.negative : 0,
    shiftMentions: anomalous ? base.shiftMentions + reading.window.mentions : 0,
    heldHours: reading.heldHours,
    ...recentAfter(previous, reading, thresholds),
  };
  if (reading.adopted) {
    // The shift lasted: what the subject has said since it began is its new normal; the chart starts over.
    return storableBaseline({
      ...base,
      ...counters,
      negative: counters.shiftNegative,
      mentions: counters.shiftMentions,
      ...NO_EVIDENCE,
      anomalousSince: iso,
    });
  }
  return storableBaseline({
    ...base,
    ...(reading.suspect
      ? { rho: nextRho(base, reading, thresholds) }
      : learnShare(base, reading, thresholds)),
    ...chart,
    ...counters,
  });
};
