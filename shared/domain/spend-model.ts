import type { SpendBaseline } from './baselines.ts';
import { BASELINE_SCHEMA_VERSION, newerInstant, storableBaseline } from './baselines.ts';
import type { Spend } from './event.ts';
import type { SpendThresholds } from './spend-thresholds.ts';
import { negativeBinomialCdf } from './stats.ts';

/**
 * How a spend report reads against its campaign × channel's baseline, and what the baseline learns from
 * it. One function, `readSpend`, is the single owner of that arithmetic: the detectors (spend-rules.ts)
 * judge its numbers and `nextSpendBaseline` stores them, so the two cannot disagree.
 *
 * Reports are cumulative for their period; the **slice** of a report is what happened since the previous
 * report of the same period (or since the period started). A slice's conversions are judged against what
 * the baseline's conversion rate expects for the slice's spend — counts as counts, with a negative-binomial
 * tail probability (counting noise plus the campaign's own day-to-day variation of the rate, learnt, plus
 * the baseline's own uncertainty) — once on the day alone and once on the run of low days a CUSUM has been
 * accumulating, so a small campaign's spike shows over a few days and a big campaign's in one.
 */

const DAY = 86_400_000;
/** A slice longer than this (a campaign silent for months) is not a day's evidence. */
const MAX_SLICE_DAYS = 62;
const UNIT_WEEK: readonly number[] = [1, 1, 1, 1, 1, 1, 1];
const NO_EVIDENCE: readonly number[] = [0, 0, 0, 0, 0, 0, 0];
/**
 * A weekday's conversion factor starts at 1 and weighs as this many (effective) conversions of evidence:
 * a factor learnt from that many is half prior, half what its days showed. The prior's CV is 1/√80 ≈ 0.11
 * (most weekday effects on the conversion rate are within ±10 %, weekends of B2B campaigns beyond it).
 */
const WEEKDAY_PRIOR_CONVERSIONS = 80;
/** Days after which a weekday's evidence has halved: a weekday pattern changes more slowly than a rate. */
const WEEKDAY_HALF_LIFE_DAYS = 30;

/** What happened since the previous report. */
export interface SpendSlice {
  readonly days: number;
  readonly spend: number;
  /**
   * The spend whose conversions this report should carry: a day's conversions reach the export partly
   * later (`learning.reportingLag`), so the slice carries that share of the previous day's and leaves it
   * of its own first day. Equal to `spend` while delivery is steady; lower after a stop or a raise.
   */
  readonly laggedSpend: number;
  /** Undefined when this report or the previous one carried no conversions. */
  readonly conversions: number | undefined;
  /** UTC weekday of the slice's middle (0 = Sunday). */
  readonly weekday: number;
  /** The slice started at the period start (first report of a period). */
  readonly fromPeriodStart: boolean;
}

/** The conversion-rate judgement of a slice. */
export interface ConversionReading {
  /** Conversions the baseline expects for the slice's spend. */
  readonly expected: number;
  readonly observed: number;
  /** P(this few conversions or fewer | baseline). */
  readonly pDay: number;
  /** The run of low days (CUSUM) including this one: observed, expected, spend, days, tail probability. */
  readonly run: {
    readonly observed: number;
    readonly expected: number;
    readonly spend: number;
    readonly days: number;
    readonly p: number;
  };
  readonly cusum: number;
  /** Judged a spike today (either test at or below the line). */
  readonly spike: boolean;
  /** Consecutive spike days including today. */
  readonly spikeDays: number;
  /** Kept out of the baseline (either test at or below the learning line). */
  readonly suspect: boolean;
  /** The baseline's conversion rate per unit of money (weekday-adjusted for this slice). */
  readonly rate: number;
  /** The campaign's day-to-day variation of the rate the tests allowed for (squared coefficient of variation). */
  readonly rateCv2: number;
  /** The spike has lasted long enough to become the new normal with this report. */
  readonly adopted: boolean;
}

/** Conversions standing still while money is spent. */
export interface FrozenReading {
  readonly since: string;
  readonly spend: number;
  readonly expected: number;
  /** The campaign's day-to-day variation of the rate (squared CV), behind the chance of none by luck. */
  readonly rateCv2: number;
}

/** Delivery against the campaign's usual daily spend. */
export interface DeliveryReading {
  /** Usual spend for the slice (level × weekday factor × days). */
  readonly expectedSpend: number;
  readonly stopped: boolean;
  /** Consecutive stopped reports including this one. */
  readonly stoppedReports: number;
}

/** Everything the detectors and the learner need from one report. */
export interface SpendReading {
  readonly at: number;
  readonly slice: SpendSlice | undefined;
  /** Days the conversion-rate baseline has learnt; undefined rate until it has learnt `minDays`. */
  readonly conversion: ConversionReading | undefined;
  readonly frozen: FrozenReading | undefined;
  readonly delivery: DeliveryReading | undefined;
  /** The pace after this report: spend per day (weekday-adjusted), its relative variance, the days it rests on. */
  readonly level: {
    readonly daily: number;
    readonly variance: number;
    readonly recent: readonly number[];
    readonly days: number;
    /** Days of spend under the current plan (a plan change starts them afresh). */
    readonly planDays: number;
    readonly weekday: readonly number[];
  };
  readonly baselineDays: number;
}

const finiteOr = (value: number, fallback: number): number => (Number.isFinite(value) ? value : fallback);
const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, finiteOr(value, min)));

/** The slice of a report: since the previous report of the same period, else since the period start. */
export const sliceOf = (
  spend: Spend,
  at: number,
  baseline: SpendBaseline | undefined,
  reportingLag: number,
): SpendSlice | undefined => {
  const samePeriod = baseline !== undefined && baseline.periodStart === spend.periodStart;
  const from = samePeriod ? Date.parse(baseline.updatedAt) : Date.parse(`${spend.periodStart}T00:00:00Z`);
  const days = (at - from) / DAY;
  if (!Number.isFinite(days) || days <= 0 || days > MAX_SLICE_DAYS) return undefined;
  const spent = samePeriod ? spend.actualSpend - baseline.lastSpend : spend.actualSpend;
  const previousConversions = samePeriod ? baseline.lastConversions : 0;
  const conversions =
    spend.conversions === undefined || previousConversions < 0
      ? undefined
      : Math.max(0, spend.conversions - previousConversions);
  const slice = Math.max(0, spent);
  const perDay = slice / days;
  const previousPerDay = baseline === undefined ? perDay : baseline.lastDailySpend;
  return {
    days,
    spend: slice,
    laggedSpend: Math.max(0, slice + reportingLag * Math.min(1, days) * (previousPerDay - perDay)),
    conversions,
    weekday: new Date(at - (days * DAY) / 2).getUTCDay(),
    fromPeriodStart: !samePeriod,
  };
};

const factorOf = (factors: readonly number[], slice: SpendSlice): number =>
  // A slice of several days spans several weekdays: their factors average out.
  slice.days <= 1.5 ? clamp(factors[slice.weekday] ?? 1, 0.05, 20) : 1;

/**
 * The squared coefficient of variation of the weekday conversion factor a slice is judged against: the
 * factor is the mean of a gamma posterior whose shape is the prior's conversions plus the effective
 * conversions learnt (so a factor learnt from one Sunday of 20 conversions is mostly prior, and uncertain).
 * Zero for a slice of several days, which is judged against the average.
 */
export const weekdayCv2Of = (baseline: SpendBaseline, slice: SpendSlice): number => {
  if (slice.days > 1.5) return 0;
  const factor = clamp(baseline.conversionWeekday[slice.weekday] ?? 1, 0.05, 20);
  const evidence = Math.max(0, baseline.conversionWeekdayEvidence[slice.weekday] ?? 0);
  return 1 / (factor * (WEEKDAY_PRIOR_CONVERSIONS + evidence));
};

/**
 * The weekday conversion factors after a day's slice: a gamma–Poisson update of the slice's weekday,
 * shrunk toward 1 by the amount of evidence. The day's evidence is its conversions against what the
 * weekday-neutral rate expects, worth as many conversions as its relative variance allows — counting
 * noise, the rate's own day-to-day variation and the rate's uncertainty — so a day of 20 conversions, or
 * of 2,000 on a campaign whose rate swings ±25 %, teaches a weekday little. Learnt from the normal days
 * once the rate rests on `learning.minDays` (a day kept out of the rate is kept out of its weekday too);
 * unchanged for a slice of several days.
 */
const learnWeekday = (
  base: SpendBaseline,
  slice: SpendSlice,
  conversions: number,
  thresholds: SpendThresholds,
): Pick<SpendBaseline, 'conversionWeekday' | 'conversionWeekdayEvidence'> => {
  const unchanged = {
    conversionWeekday: base.conversionWeekday,
    conversionWeekdayEvidence: base.conversionWeekdayEvidence,
  };
  // Not from the first days: a launch ramp's conversions trail its growing spend by the campaign's own
  // reporting lag, and a weekday learnt against a rate of two or three such days learns the ramp.
  if (slice.days > 1.5 || base.rateDays < thresholds.learning.minDays) return unchanged;
  if (!(base.rateSpend > 0) || !(base.rateConversions > 0)) return unchanged;
  const expected = (slice.laggedSpend * base.rateConversions) / base.rateSpend;
  if (!(expected > 0) || !Number.isFinite(expected)) return unchanged;
  const relativeVariance = 1 / expected + rateCv2Of(base, thresholds) + 1 / base.rateConversions;
  const weight = 1 / relativeVariance;
  const day = slice.weekday;
  const decay = 0.5 ** (7 / WEEKDAY_HALF_LIFE_DAYS);
  const factor = clamp(base.conversionWeekday[day] ?? 1, 0.05, 20);
  const evidence = Math.max(0, base.conversionWeekdayEvidence[day] ?? 0);
  // Gamma(shape, rate) posterior of the factor, both decayed toward the prior Gamma(k, k).
  const k = WEEKDAY_PRIOR_CONVERSIONS;
  const rate = k + evidence * decay + weight;
  // The day counts at most 3 standard deviations from its factor (its counting noise, the rate's
  // variation and the factor's own uncertainty): a weekday far from 1 is learnt over a few weeks, a
  // one-day problem moves it only so far.
  const sd = factor * Math.sqrt(relativeVariance + 1 / (factor * (k + evidence)));
  const ratio = clamp(conversions / expected, factor - 3 * sd, factor + 3 * sd);
  const shape = k + (factor * (k + evidence) - k) * decay + weight * ratio;
  const factors = base.conversionWeekday.map((f, d) => (d === day ? clamp(shape / rate, 0.2, 5) : f));
  // The factors are a weekly shape around the rate, averaging 1: left free, the rate (learnt from
  // conversions divided by the factor) and the factors (learnt against the rate) would chase each other.
  const mean = factors.reduce((sum, f) => sum + f, 0) / factors.length;
  return {
    conversionWeekday: factors.map((f) => finiteOr(f / mean, 1)),
    conversionWeekdayEvidence: base.conversionWeekdayEvidence.map((e, d) => (d === day ? rate - k : e)),
  };
};

const conversionReading = (
  baseline: SpendBaseline,
  slice: SpendSlice,
  thresholds: SpendThresholds,
): ConversionReading | undefined => {
  const { learning, cpaSpike } = thresholds;
  if (slice.conversions === undefined || baseline.rateDays < learning.minDays) return undefined;
  if (!(baseline.rateSpend > 0) || !(baseline.rateConversions > 0)) return undefined;
  const rate = (baseline.rateConversions / baseline.rateSpend) * factorOf(baseline.conversionWeekday, slice);
  const expected = finiteOr(slice.laggedSpend * rate, 0);
  const observed = slice.conversions;
  const rateCv2 = rateCv2Of(baseline, thresholds);
  // Day-to-day variation of the rate (averaging out over a run of days) and the baseline's own
  // uncertainty (it rests on rateConversions).
  const shapeOf = (days: number, extra = 0) =>
    1 / (rateCv2 / Math.max(1, days) + 1 / Math.max(1, baseline.rateConversions) + extra);
  // A day is judged against its weekday's factor, as uncertain as the evidence it was learnt from.
  const weekdayCv2 = weekdayCv2Of(baseline, slice);
  const pDay = expected > 0 ? negativeBinomialCdf(observed, expected, shapeOf(slice.days, weekdayCv2)) : 1;
  // CUSUM for conversions running at 1/shift of the rate: log-likelihood ratio of the day's count.
  const llr = -observed * Math.log(cpaSpike.shift) + expected * (1 - 1 / cpaSpike.shift);
  // After a spike, the first day that fits the baseline better than the shift closes the episode.
  const closes = baseline.spikeDays > 0 && llr <= 0;
  const cusum = closes ? 0 : finiteOr(Math.max(0, baseline.cusum + llr), 0);
  const inRun = cusum > 0;
  const run = inRun
    ? {
        observed: baseline.runConversions + observed,
        expected: baseline.runExpected + expected,
        spend: baseline.runSpend + slice.spend,
        days: baseline.runDays + slice.days,
      }
    : { observed: 0, expected: 0, spend: 0, days: 0 };
  // The run speaks only while it is still going: a day that fits the baseline better than the shift ends
  // the alarm, though the CUSUM takes a few such days to unwind.
  const going = llr > 0 && inRun;
  const pRun =
    going && run.expected > 0 ? negativeBinomialCdf(run.observed, run.expected, shapeOf(run.days)) : 1;
  // A material rise only: at high volume a 5 % drift in CPA is significant and nobody's problem.
  const material = (observed: number, expected: number) => observed * (1 + cpaSpike.minIncrease) <= expected;
  const spike =
    (pDay <= cpaSpike.p && material(observed, expected)) ||
    (pRun <= cpaSpike.p && material(run.observed, run.expected));
  const suspect = pDay <= learning.learnP || pRun <= learning.learnP;
  const spikeDays = spike ? baseline.spikeDays + 1 : 0;
  const adopted = spike && run.days >= learning.adaptAfterDays && run.observed >= 10;
  return {
    expected,
    observed,
    pDay,
    run: { ...run, p: pRun },
    cusum,
    spike,
    spikeDays,
    suspect,
    rate,
    rateCv2,
    adopted,
  };
};

/** Days of evidence the prior variation (`cpaSpike.dispersion`) weighs as, against what the campaign shows. */
const PRIOR_VARIANCE_DAYS = 3;

/**
 * The campaign's squared coefficient of variation of its daily conversion rate: the prior
 * 1/`cpaSpike.dispersion` (weighing as a few days) blended with what its own normal days showed.
 */
export const rateCv2Of = (baseline: SpendBaseline, thresholds: SpendThresholds): number =>
  (PRIOR_VARIANCE_DAYS / thresholds.cpaSpike.dispersion + baseline.rateVariance) /
  (PRIOR_VARIANCE_DAYS + baseline.rateVarianceWeight);

/**
 * One normal slice's evidence about that variation: the squared relative error beyond counting noise,
 * (observed − expected)² − expected over expected², scaled to a day and capped at 3 standard deviations
 * (a heavy-tailed day teaches without running away), with a weight that grows with the volume (at a few
 * conversions a day counting noise hides the rate's variation).
 */
const varianceSample = (
  reading: ConversionReading,
  slice: SpendSlice,
): { readonly sample: number; readonly weight: number } => {
  const { expected, observed, rateCv2 } = reading;
  if (!(expected > 0)) return { sample: 0, weight: 0 };
  const sd = Math.sqrt(expected + rateCv2 * expected * expected);
  const error = clamp(observed - expected, -3 * sd, 3 * sd);
  const sample = clamp(((error * error - expected) / (expected * expected)) * slice.days, 0, 4);
  return { sample, weight: expected / (expected + 1 / Math.max(rateCv2, 1e-4)) };
};

const frozenReading = (
  baseline: SpendBaseline | undefined,
  slice: SpendSlice | undefined,
  conversion: ConversionReading | undefined,
  thresholds: SpendThresholds,
): FrozenReading | undefined => {
  if (baseline === undefined || slice === undefined || slice.conversions === undefined) return undefined;
  if (slice.conversions > 0 || slice.fromPeriodStart || !(slice.spend > 0)) return undefined;
  return {
    since: baseline.frozenSince,
    spend: baseline.frozenSpend + slice.spend,
    expected: baseline.frozenExpected + (conversion?.expected ?? 0),
    rateCv2: rateCv2Of(baseline, thresholds),
  };
};

const deliveryReading = (
  spend: Spend,
  at: number,
  baseline: SpendBaseline | undefined,
  slice: SpendSlice | undefined,
  thresholds: SpendThresholds,
): DeliveryReading | undefined => {
  if (baseline === undefined || slice === undefined || slice.fromPeriodStart) return undefined;
  const usual = paceOf(baseline.recentSpend).daily;
  if (baseline.spendDays < thresholds.learning.minDays || !(usual > 0)) return undefined;
  const expectedSpend = usual * factorOf(baseline.spendWeekday, slice) * slice.days;
  const periodEnd = Date.parse(`${spend.periodEnd}T00:00:00Z`) + DAY;
  // A campaign that has spent its plan, or whose period is over, stops by design.
  const running = at < periodEnd && spend.actualSpend < spend.plannedBudget * 0.98 && baseline.lastSpend > 0;
  const stopped = running && slice.spend <= thresholds.deliveryStopped.share * expectedSpend;
  return { expectedSpend, stopped, stoppedReports: stopped ? baseline.stoppedReports + 1 : 0 };
};

/**
 * A day delivering under this share of the pace is a dip, not day-to-day noise: with a daily variation of
 * up to 20 % (lognormal), 60 % is more than 2.5 standard deviations below the pace.
 */
const DIP_SHARE = 0.6;
/** Days of pace before a low day can be a dip: a week, so a weekend is not taken for one. */
const DIP_MIN_DAYS = 7;

/** Mean of the values with the highest and lowest dropped once there are five or more. */
const trimmedMean = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const kept = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
  return kept.length === 0 ? 0 : kept.reduce((sum, v) => sum + v, 0) / kept.length;
};

/** The pace after a report: the trimmed mean of the latest days' (weekday-adjusted) spend per day. */
export const paceOf = (recent: readonly number[]): { readonly daily: number; readonly variance: number } => {
  const daily = trimmedMean(recent);
  if (recent.length < 2 || !(daily > 0)) return { daily: finiteOr(daily, 0), variance: 0 };
  // The day-to-day variation from successive differences (half their mean square): a launch ramp or a
  // pace that changed inside the window is a trend, not noise, and does not widen the forecast.
  if (recent.length < 3) {
    const mean = recent.reduce((sum, v) => sum + v, 0) / recent.length;
    const variance = recent.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (recent.length - 1);
    return { daily, variance: finiteOr(variance / (daily * daily), 0) };
  }
  // A dip — the lowest day of a week of days (the pace leaves it out) at under DIP_SHARE of the pace: a
  // creative in review, a part-day outage — is left out of the variation too: its two big changes would
  // otherwise widen the forecast for a week and delay the warning. Not before a week of days: in its
  // first days a campaign's weekend, whose weekday factor is not learnt yet, would look like a dip.
  const low = Math.min(...recent);
  const lowest = recent.length >= DIP_MIN_DAYS && low < DIP_SHARE * daily ? recent.indexOf(low) : -1;
  const kept = recent.filter((_, i) => i !== lowest);
  let squares = 0;
  for (let i = 1; i < kept.length; i += 1) squares += ((kept[i] ?? 0) - (kept[i - 1] ?? 0)) ** 2;
  const variance = squares / (2 * (kept.length - 1));
  return { daily, variance: finiteOr(variance / (daily * daily), 0) };
};

const levelAfter = (
  spend: Spend,
  baseline: SpendBaseline | undefined,
  slice: SpendSlice | undefined,
  delivery: DeliveryReading | undefined,
  thresholds: SpendThresholds,
): SpendReading['level'] => {
  // A new plan (a budget raised or cut) comes with new caps: the pace before it says little of the pace after.
  const replanned =
    baseline !== undefined &&
    slice !== undefined &&
    !slice.fromPeriodStart &&
    baseline.plannedBudget !== spend.plannedBudget;
  const recent = replanned ? [] : (baseline?.recentSpend ?? []);
  const weekdayBefore = baseline?.spendWeekday ?? UNIT_WEEK;
  const days = baseline?.spendDays ?? 0;
  const planDays = replanned ? 0 : (baseline?.planDays ?? 0);
  const before = paceOf(recent);
  if (slice === undefined || delivery?.stopped === true) {
    return { ...before, recent, days, planDays, weekday: weekdayBefore };
  }
  const { weekdayAlpha, minDays, paceDays } = thresholds.learning;
  const perDay = slice.spend / slice.days;
  const settled = days >= minDays && before.daily > 0;
  const weekday =
    settled && slice.days <= 1.5
      ? weekdayBefore.map((f, day) =>
          day === slice.weekday ? f + weekdayAlpha * (clamp(perDay / before.daily, 0.2, 5) - f) : f,
        )
      : weekdayBefore;
  const next = [...recent, finiteOr(perDay / factorOf(weekday, slice), 0)].slice(-paceDays);
  return { ...paceOf(next), recent: next, days: days + slice.days, planDays: planDays + slice.days, weekday };
};

/**
 * Reads a spend report against its baseline (pure).
 *
 * @example
 * readSpend(event.spend, Date.parse(event.occurredAt), baseline, DEFAULT_SPEND_THRESHOLDS).conversion?.pDay;
 */
export const readSpend = (
  spend: Spend,
  at: number,
  baseline: SpendBaseline | undefined,
  thresholds: SpendThresholds,
): SpendReading => {
  const fresh = baseline === undefined || at > Date.parse(baseline.updatedAt);
  const slice = fresh ? sliceOf(spend, at, baseline, thresholds.learning.reportingLag) : undefined;
  const conversion =
    baseline !== undefined && slice !== undefined
      ? conversionReading(baseline, slice, thresholds)
      : undefined;
  const frozen = frozenReading(baseline, slice, conversion, thresholds);
  const delivery = deliveryReading(spend, at, baseline, slice, thresholds);
  return {
    at,
    slice,
    conversion,
    frozen,
    delivery,
    level: levelAfter(spend, baseline, slice, delivery, thresholds),
    baselineDays: baseline === undefined ? 0 : Math.max(0, (at - Date.parse(baseline.firstAt)) / DAY),
  };
};

/** The CPA evidence of a campaign with no run of low days under way: new, or a shift just adopted. */
const NO_RUN = {
  cusum: 0,
  runConversions: 0,
  runExpected: 0,
  runSpend: 0,
  runDays: 0,
  spikeDays: 0,
} as const satisfies Partial<SpendBaseline>;

const emptySpendBaseline = (spend: Spend, at: string): SpendBaseline => ({
  kind: 'spend',
  version: BASELINE_SCHEMA_VERSION,
  observations: 0,
  firstAt: at,
  updatedAt: at,
  periodStart: spend.periodStart,
  plannedBudget: spend.plannedBudget,
  lastSpend: 0,
  lastDailySpend: 0,
  lastConversions: 0,
  rateConversions: 0,
  rateSpend: 0,
  rateDays: 0,
  rateVariance: 0,
  rateVarianceWeight: 0,
  conversionWeekday: UNIT_WEEK,
  conversionWeekdayEvidence: NO_EVIDENCE,
  ...NO_RUN,
  frozenSince: at,
  frozenSpend: 0,
  frozenExpected: 0,
  recentSpend: [],
  spendDays: 0,
  planDays: 0,
  spendWeekday: UNIT_WEEK,
  stoppedReports: 0,
});

/** The conversion-rate part of the next baseline. */
const learnRate = (
  base: SpendBaseline,
  slice: SpendSlice,
  reading: ConversionReading | undefined,
  thresholds: SpendThresholds,
): Partial<SpendBaseline> => {
  if (slice.conversions === undefined) return {};
  const { halfLifeDays } = thresholds.learning;
  if (reading?.adopted === true) {
    // The shift lasted: the run becomes the new normal, and the evidence starts over.
    return {
      rateConversions: reading.run.observed,
      rateSpend: reading.run.spend,
      ...NO_RUN,
    };
  }
  const evidence =
    reading === undefined
      ? {}
      : {
          cusum: reading.cusum,
          runConversions: reading.run.observed,
          runExpected: reading.run.expected,
          runSpend: reading.run.spend,
          runDays: reading.run.days,
          spikeDays: reading.spikeDays,
        };
  const decay = 0.5 ** (slice.days / halfLifeDays);
  // The variation is learnt from every day, each counting at most 3 standard deviations (so a problem
  // widens it only so far): learning it from the days judged normal alone would learn it from the days
  // close to the rate, and a campaign's variation would look smaller and smaller — every ordinary low
  // day then "surprising", kept out of the rate, which then stays where an early lucky week put it.
  const variance =
    reading === undefined
      ? {}
      : (({ sample, weight }) => ({
          rateVariance: base.rateVariance * decay + weight * sample,
          rateVarianceWeight: base.rateVarianceWeight * decay + weight,
        }))(varianceSample(reading, slice));
  // Conversions standing still while money is spent are the tracking-broken detector's evidence under
  // way: the rate is held, as for a suspect day, so it does not learn the zeros and the conversions due
  // during the stretch keep being counted at the campaign's rate. The days still count as history.
  if (slice.conversions === 0 && !slice.fromPeriodStart && slice.spend > 0) {
    // Once the stretch is the tracking-broken detector's finding, it is that detector's evidence, not a
    // CPA spike's: the CPA's run of low days starts afresh, so it does not report the stretch again
    // after conversions move.
    const flagged =
      base.frozenExpected + (reading?.expected ?? 0) >= thresholds.trackingBroken.expectedConversions;
    return { ...(flagged ? NO_RUN : evidence), rateDays: base.rateDays + slice.days };
  }
  if (reading?.suspect === true) return { ...evidence, ...variance };
  // When conversions move again after a quiet stretch the detector did not flag (fewer conversions were
  // due than its line), the stretch was a quiet spell of a small campaign, not a fault: its spend is
  // learnt now with the conversions that came, so quiet days do not make the rate look higher than it is.
  const quiet =
    base.frozenSpend > 0 && base.frozenExpected < thresholds.trackingBroken.expectedConversions
      ? base.frozenSpend
      : 0;
  const factor = factorOf(base.conversionWeekday, slice);
  return {
    ...evidence,
    ...variance,
    ...learnWeekday(base, slice, slice.conversions, thresholds),
    rateConversions: base.rateConversions * decay + slice.conversions / factor,
    rateSpend: base.rateSpend * decay + slice.laggedSpend + quiet,
    rateDays: base.rateDays + slice.days,
  };
};

/**
 * The baseline after a report (pure): `previous` itself when the report is not newer than it (a replay,
 * a late duplicate). A report judged anomalous updates only the evidence it carries (the CUSUM run, the
 * frozen and stopped counters), not the conversion rate or the delivery level it is judged against.
 *
 * @example
 * nextSpendBaseline(previous, event.spend, event.occurredAt, DEFAULT_SPEND_THRESHOLDS);
 */
export const nextSpendBaseline = (
  previous: SpendBaseline | undefined,
  spend: Spend,
  occurredAt: string,
  thresholds: SpendThresholds,
): SpendBaseline | undefined => {
  const instant = newerInstant(previous, occurredAt);
  if (instant === undefined) return previous;
  const { at, iso } = instant;
  const reading = readSpend(spend, at, previous, thresholds);
  const base = previous ?? emptySpendBaseline(spend, iso);
  const slice = reading.slice;
  const conversions = spend.conversions ?? -1;
  const moved = slice?.conversions === undefined || slice.conversions > 0 || slice.fromPeriodStart;
  return storableBaseline({
    ...base,
    ...(slice === undefined ? {} : learnRate(base, slice, reading.conversion, thresholds)),
    observations: base.observations + 1,
    updatedAt: iso,
    periodStart: spend.periodStart,
    plannedBudget: spend.plannedBudget,
    lastSpend: spend.actualSpend,
    lastDailySpend: slice === undefined ? base.lastDailySpend : slice.spend / slice.days,
    lastConversions: conversions,
    frozenSince: moved || reading.frozen === undefined ? iso : reading.frozen.since,
    frozenSpend: reading.frozen?.spend ?? 0,
    frozenExpected: reading.frozen?.expected ?? 0,
    recentSpend: reading.level.recent,
    spendDays: reading.level.days,
    planDays: reading.level.planDays,
    spendWeekday: reading.level.weekday,
    stoppedReports: reading.delivery?.stoppedReports ?? 0,
  });
};
