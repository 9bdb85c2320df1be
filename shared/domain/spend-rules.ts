import type { SpendBaseline } from './baselines.ts';
import type { Spend } from './event.ts';
import { elapsedShare } from './period.ts';
import type { Signal } from './signal.ts';
import { chanceValues, say, sayIt } from './signal-texts.ts';
import type { SpendReading } from './spend-model.ts';
import { readSpend } from './spend-model.ts';
import type { Grades, OverrunBand, SpendThresholds } from './spend-thresholds.ts';
import { negativeBinomialCdf, normalQuantile } from './stats.ts';

export type { SpendBaseline } from './baselines.ts';

/** What spend detection needs besides the spend itself. */
export interface SpendContext {
  /** The instant the report describes (its `occurredAt`, or now if that is later). */
  readonly now: Date;
  readonly baseline?: SpendBaseline | undefined;
}

const DAY = 86_400_000;
// Ratios come from division: 11,000 / 10,000 − 1 is 0.10000000000000009, which must not cross a 10 % line.
const EPSILON = 1e-9;

/** The highest band strictly exceeded by an overrun ratio, if any. */
const bandFor = (bands: readonly OverrunBand[], overrun: number): OverrunBand | undefined =>
  bands.filter((band) => overrun > band.above + EPSILON).at(-1);

const warningLine = (thresholds: SpendThresholds): number => thresholds.overrunBands[0]?.above ?? 0;

const finite = (value: number): number => (Number.isFinite(value) ? value : 0);

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** The campaign as every spend sentence names it. */
const campaignOf = (spend: Spend) => ({ campaign: spend.campaignId, channel: spend.channel });

/** An amount in the report's currency, as a sentence value (formatted per locale). */
const moneyOf = (spend: Spend, amount: number) => ({ amount, currency: spend.currency });

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** The numbers behind every budget finding (ratios: 0.3 = 30 %). */
export type SpendMetrics = {
  readonly plannedBudget: number;
  readonly actualSpend: number;
  readonly overrunRatio: number;
  readonly elapsedShare: number;
};

/**
 * The numbers behind every budget finding, so a reader can check the arithmetic.
 *
 * @example
 * spendMetrics(spend, now).overrunRatio; // 0.15 for 11,500 spent against 10,000
 */
export const spendMetrics = (spend: Spend, now: Date): SpendMetrics => ({
  plannedBudget: spend.plannedBudget,
  actualSpend: spend.actualSpend,
  overrunRatio: finite(spend.actualSpend / spend.plannedBudget - 1),
  elapsedShare: elapsedShare(spend.periodStart, spend.periodEnd, now),
});

/**
 * Budget overrun against plan. Exactly on the warning line is still within it: the line reads "more than
 * 10 % over plan".
 *
 * @example
 * overrunSignal(spend30PercentOver, DEFAULT_SPEND_THRESHOLDS, now)?.probability; // 'high'
 */
export const overrunSignal = (spend: Spend, thresholds: SpendThresholds, now: Date): Signal | undefined => {
  const metrics = spendMetrics(spend, now);
  const overrun = metrics.overrunRatio;
  const band = bandFor(thresholds.overrunBands, overrun);
  if (band === undefined) return undefined;
  return {
    ruleId: 'spend.overrun',
    riskType: 'budget',
    probability: band.probability,
    impact: band.impact,
    ...sayIt(
      say('spend.overrun', {
        ...campaignOf(spend),
        spent: moneyOf(spend, spend.actualSpend),
        planned: moneyOf(spend, spend.plannedBudget),
        overrun,
        warningLine: warningLine(thresholds),
      }),
      say('spend.overrun.suggestion'),
    ),
    metrics,
  };
};

/** The end-of-period forecast: spent so far plus the usual daily spend over the days left, with an interval. */
export interface SpendForecast {
  readonly projected: number;
  readonly low: number;
  readonly high: number;
  readonly daysLeft: number;
  readonly dailySpend: number;
}

const MAX_FORECAST_DAYS = 400;

/**
 * Forecasts the period's spend from the campaign's own daily-spend level and weekday pattern (not from
 * the share of the period elapsed, which a launch ramp or a weekend would fool): the interval widens with
 * the days left, the day-to-day variation and how few days the level rests on. Undefined until the level
 * rests on `learning.minDays` reports under the current plan, or once the period is over.
 *
 * @example
 * spendForecast(spend, reading, DEFAULT_SPEND_THRESHOLDS)?.low;
 */
export const spendForecast = (
  spend: Spend,
  reading: SpendReading,
  thresholds: SpendThresholds,
): SpendForecast | undefined => {
  const { level, at } = reading;
  const end = Date.parse(`${spend.periodEnd}T00:00:00Z`) + DAY;
  const daysLeft = (end - at) / DAY;
  // The pace must rest on `learning.minDays` reports under the current plan (see `levelAfter`).
  if (!(daysLeft > 0) || level.planDays < thresholds.learning.minDays || !(level.daily > 0)) return undefined;
  let factors = 0;
  const whole = Math.min(Math.ceil(daysLeft), MAX_FORECAST_DAYS);
  for (let i = 0; i < whole; i += 1) {
    const portion = Math.min(1, daysLeft - i);
    factors += portion * (level.weekday[new Date(at + (i + 0.5) * DAY).getUTCDay()] ?? 1);
  }
  if (daysLeft > MAX_FORECAST_DAYS) factors *= daysLeft / MAX_FORECAST_DAYS;
  const expected = level.daily * factors;
  const sigma = Math.max(Math.sqrt(Math.max(0, level.variance)), 0.05);
  // Day-to-day noise adds up over the days left; the pace's own error repeats on every one of them.
  const sd =
    level.daily *
    Math.sqrt(factors * sigma * sigma + (factors * sigma) ** 2 / Math.max(1, level.recent.length));
  const z = normalQuantile((1 + thresholds.pacing.interval) / 2);
  const projected = spend.actualSpend + expected;
  return {
    projected: finite(projected),
    low: finite(Math.max(spend.actualSpend, projected - z * sd)),
    high: finite(projected + z * sd),
    daysLeft,
    dailySpend: finite(level.daily),
  };
};

/**
 * Pacing: warns while there is time to act, once the **whole** forecast interval for the end of the
 * period lies over the warning line. Impact from the band the interval's lower end reaches; probability
 * `pacing.probability`, or `pacing.lateProbability` from `pacing.lateFrom` of the period on. Silent when
 * the actual spend already crossed the line (the overrun finding says more).
 *
 * @example
 * pacingSignal(spend, reading, DEFAULT_SPEND_THRESHOLDS, now)?.ruleId; // 'spend.pacing'
 */
export const pacingSignal = (
  spend: Spend,
  reading: SpendReading,
  thresholds: SpendThresholds,
  now: Date,
): Signal | undefined => {
  const metrics = spendMetrics(spend, now);
  if (metrics.overrunRatio > warningLine(thresholds) + EPSILON) return undefined;
  const forecast = spendForecast(spend, reading, thresholds);
  if (forecast === undefined) return undefined;
  const lowOverrun = forecast.low / spend.plannedBudget - 1;
  const band = bandFor(thresholds.overrunBands, lowOverrun);
  if (band === undefined) return undefined;
  const late = metrics.elapsedShare >= thresholds.pacing.lateFrom;
  const money = (value: number) => moneyOf(spend, Math.round(value));
  return {
    ruleId: 'spend.pacing',
    riskType: 'budget',
    probability: late ? thresholds.pacing.lateProbability : thresholds.pacing.probability,
    impact: band.impact,
    ...sayIt(
      say('spend.pacing', {
        ...campaignOf(spend),
        dailySpend: money(forecast.dailySpend),
        projected: money(forecast.projected),
        periodEnd: { date: spend.periodEnd },
        interval: thresholds.pacing.interval,
        low: money(forecast.low),
        high: money(forecast.high),
        planned: money(spend.plannedBudget),
        lowOverrun,
        warningLine: warningLine(thresholds),
        elapsedShare: metrics.elapsedShare,
        spent: money(spend.actualSpend),
        reports: reading.level.recent.length,
        planDays: Math.round(reading.level.planDays),
      }),
      say('spend.pacing.suggestion'),
    ),
    metrics: {
      ...metrics,
      projectedSpend: forecast.projected,
      projectedLow: forecast.low,
      projectedHigh: forecast.high,
      projectedOverrunRatio: finite(forecast.projected / spend.plannedBudget - 1),
      projectedLowOverrunRatio: finite(lowOverrun),
      interval: thresholds.pacing.interval,
      dailySpend: forecast.dailySpend,
      daysLeft: forecast.daysLeft,
      baselineDays: reading.level.days,
    },
  };
};

/** A detector that judges a report by its reading against the baseline. */
export type ReadingDetector = (
  spend: Spend,
  reading: SpendReading,
  thresholds: SpendThresholds,
) => Signal | undefined;

const graded = (grades: Grades, escalated: boolean) => (escalated ? grades.escalated : grades.grade);

/**
 * Cost-per-acquisition spike (channel risk: bot traffic, a partner faking clicks, a broken landing page):
 * fewer conversions than the baseline's conversion rate expects for the spend, judged as counts — on the
 * day alone, and on the run of low days the CUSUM has gathered. Escalated after `escalateAfterDays`
 * consecutive days or at `overwhelmingP`.
 *
 * @example
 * cpaSpikeSignal(spend, reading, DEFAULT_SPEND_THRESHOLDS)?.riskType; // 'channel'
 */
export const cpaSpikeSignal: ReadingDetector = (spend, reading, thresholds) => {
  const c = reading.conversion;
  const slice = reading.slice;
  if (c === undefined || slice === undefined || !c.spike) return undefined;
  const { cpaSpike, learning } = thresholds;
  const useRun = c.run.p < c.pDay && c.run.days > slice.days;
  const window = useRun
    ? { observed: c.run.observed, expected: c.run.expected, spend: c.run.spend, days: c.run.days, p: c.run.p }
    : { observed: c.observed, expected: c.expected, spend: slice.spend, days: slice.days, p: c.pDay };
  const p = Math.min(c.pDay, c.run.p);
  const escalated = c.spikeDays >= cpaSpike.escalateAfterDays || p <= cpaSpike.overwhelmingP;
  const cpa = window.observed > 0 ? window.spend / window.observed : window.spend;
  const usual = c.rate > 0 ? 1 / c.rate : 0;
  const money = (value: number) => moneyOf(spend, value);
  return {
    ruleId: 'spend.cpa-spike',
    riskType: 'channel',
    ...graded(cpaSpike, escalated),
    ...sayIt(
      say('spend.cpa-spike', {
        ...campaignOf(spend),
        conversions: window.observed,
        span: useRun ? 'run' : 'report',
        days: window.days,
        spend: money(window.spend),
        expected: Math.round(window.expected * 10) / 10,
        cpa: money(cpa),
        usualCpa: money(usual),
        ...chanceValues(window.p),
        baselineDays: Math.round(reading.baselineDays),
        lowReports: c.spikeDays,
        adopted: c.adopted ? 'yes' : 'no',
        adaptDays: learning.adaptAfterDays,
      }),
      say('spend.cpa-spike.suggestion'),
    ),
    metrics: {
      conversions: window.observed,
      expectedConversions: window.expected,
      spend: window.spend,
      days: window.days,
      pValue: window.p,
      costPerAcquisition: cpa,
      baselineCostPerAcquisition: usual,
      spikeDays: c.spikeDays,
      baselineDays: reading.baselineDays,
      plannedBudget: spend.plannedBudget,
      actualSpend: spend.actualSpend,
    },
  };
};

/**
 * Conversion tracking broken: the cumulative conversions have not moved while the campaign kept spending,
 * for longer than `trackingBroken.expectedConversions` conversions' worth of its usual rate.
 *
 * @example
 * trackingBrokenSignal(spend, reading, DEFAULT_SPEND_THRESHOLDS)?.ruleId; // 'spend.tracking-broken'
 */
export const trackingBrokenSignal: ReadingDetector = (spend, reading, thresholds) => {
  const frozen = reading.frozen;
  const t = thresholds.trackingBroken;
  if (frozen === undefined || frozen.expected < t.expectedConversions) return undefined;
  const since = Date.parse(frozen.since);
  const days = Number.isFinite(since) ? Math.max(0, (reading.at - since) / DAY) : 0;
  // None at all by chance over the whole run: the rate's variation averages over its days.
  const p = negativeBinomialCdf(0, frozen.expected, Math.max(1, days) / Math.max(frozen.rateCv2, 1e-6));
  return {
    ruleId: 'spend.tracking-broken',
    riskType: 'channel',
    ...graded(t, frozen.expected >= t.escalatedExpectedConversions),
    ...sayIt(
      say('spend.tracking-broken', {
        ...campaignOf(spend),
        conversions: spend.conversions ?? 0,
        since: { date: day(Number.isFinite(since) ? since : reading.at) },
        days,
        spent: moneyOf(spend, frozen.spend),
        expected: Math.round(frozen.expected),
        ...chanceValues(p),
      }),
      say('spend.tracking-broken.suggestion'),
    ),
    metrics: {
      conversions: spend.conversions ?? 0,
      newConversions: 0,
      expectedConversions: frozen.expected,
      spendSinceLastConversion: frozen.spend,
      daysSinceLastConversion: days,
      pValue: p,
      baselineDays: reading.baselineDays,
      actualSpend: spend.actualSpend,
    },
  };
};

/**
 * Delivery stopped: mid-flight, with budget left, the campaign spent at most `deliveryStopped.share` of
 * what it usually spends on that weekday (silently paused, ads rejected, a payment method failing).
 *
 * @example
 * deliveryStoppedSignal(spend, reading, DEFAULT_SPEND_THRESHOLDS)?.ruleId; // 'spend.delivery-stopped'
 */
export const deliveryStoppedSignal = (
  spend: Spend,
  reading: SpendReading,
  thresholds: SpendThresholds,
  now: Date,
): Signal | undefined => {
  const delivery = reading.delivery;
  const slice = reading.slice;
  if (delivery === undefined || slice === undefined || !delivery.stopped) return undefined;
  const t = thresholds.deliveryStopped;
  const money = (value: number) => moneyOf(spend, Math.round(value * 100) / 100);
  const share = elapsedShare(spend.periodStart, spend.periodEnd, now);
  // A slice of about a day is compared with that weekday's usual spend: the sentence names the day.
  const weekday = slice.days <= 1.5 ? (WEEKDAYS[slice.weekday] ?? 'none') : 'none';
  return {
    ruleId: 'spend.delivery-stopped',
    riskType: 'channel',
    ...graded(t, delivery.stoppedReports >= t.escalateAfterReports),
    ...sayIt(
      say('spend.delivery-stopped', {
        ...campaignOf(spend),
        spent: money(slice.spend),
        days: slice.days,
        expected: money(delivery.expectedSpend),
        weekday,
        reports: delivery.stoppedReports,
        leftShare: 1 - share,
        leftBudget: money(Math.max(0, spend.plannedBudget - spend.actualSpend)),
        baselineDays: Math.round(reading.baselineDays),
      }),
      say('spend.delivery-stopped.suggestion'),
    ),
    metrics: {
      spend: slice.spend,
      expectedSpend: delivery.expectedSpend,
      days: slice.days,
      stoppedReports: delivery.stoppedReports,
      elapsedShare: share,
      plannedBudget: spend.plannedBudget,
      actualSpend: spend.actualSpend,
      baselineDays: reading.baselineDays,
    },
  };
};

/**
 * Every spend signal for one spend report.
 *
 * @example
 * spendSignals(event.spend, DEFAULT_SPEND_THRESHOLDS, { now }).map((s) => s.ruleId); // ['spend.overrun']
 */
export const spendSignals = (spend: Spend, thresholds: SpendThresholds, context: SpendContext): Signal[] => {
  const reading = readSpend(spend, context.now.getTime(), context.baseline, thresholds);
  return [
    overrunSignal(spend, thresholds, context.now),
    pacingSignal(spend, reading, thresholds, context.now),
    cpaSpikeSignal(spend, reading, thresholds),
    trackingBrokenSignal(spend, reading, thresholds),
    deliveryStoppedSignal(spend, reading, thresholds, context.now),
  ].filter((signal) => signal !== undefined);
};
