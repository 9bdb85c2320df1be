import type { Spend } from '#shared/schemas/events.ts';
import type { SpendBaseline } from './baselines.ts';
import { currentCpa, isSettled } from './baselines.ts';
import { formatMoney, formatPercent } from './format.ts';
import { elapsedShare } from './period.ts';
import type { Signal } from './signal.ts';
import type { OverrunBand, SpendThresholds } from './spend-thresholds.ts';

export type { SpendBaseline } from './baselines.ts';

/** What spend detection needs besides the spend itself. */
export interface SpendContext {
  readonly now: Date;
  readonly baseline?: SpendBaseline | undefined;
}

// Ratios come from division: 11,000 / 10,000 − 1 is 0.10000000000000009, which must not cross a 10 % line.
const EPSILON = 1e-9;

/** The highest band strictly exceeded by an overrun ratio, if any. */
const bandFor = (bands: readonly OverrunBand[], overrun: number): OverrunBand | undefined =>
  bands.filter((band) => overrun > band.above + EPSILON).at(-1);

const warningLine = (thresholds: SpendThresholds): number => thresholds.overrunBands[0]?.above ?? 0;

/** The numbers behind every spend finding (ratios: 0.3 = 30 %). */
export type SpendMetrics = {
  readonly plannedBudget: number;
  readonly actualSpend: number;
  readonly overrunRatio: number;
  readonly elapsedShare: number;
  readonly projectedSpend: number;
  readonly projectedOverrunRatio: number;
};

/**
 * The numbers behind every spend finding, so a reader can check the arithmetic.
 *
 * @example
 * spendMetrics(spend, now).overrunRatio; // 0.15 for 11,500 spent against 10,000
 */
export const spendMetrics = (spend: Spend, now: Date): SpendMetrics => {
  const share = elapsedShare(spend.periodStart, spend.periodEnd, now);
  const projected = share > 0 ? spend.actualSpend / share : spend.actualSpend;
  return {
    plannedBudget: spend.plannedBudget,
    actualSpend: spend.actualSpend,
    overrunRatio: spend.actualSpend / spend.plannedBudget - 1,
    elapsedShare: share,
    projectedSpend: projected,
    projectedOverrunRatio: projected / spend.plannedBudget - 1,
  };
};

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
    message:
      `Campaign ${spend.campaignId} on ${spend.channel} has spent ${formatMoney(spend.actualSpend, spend.currency)} ` +
      `against a plan of ${formatMoney(spend.plannedBudget, spend.currency)}: ${formatPercent(overrun)} over plan ` +
      `(warning line ${formatPercent(warningLine(thresholds))}).`,
    suggestion: 'Review the campaign with finance: pause or cap the channel, or approve a budget change.',
    metrics,
  };
};

/**
 * Pacing forecast: projected end-of-period spend = actual ÷ elapsed share of the period. Silent when the
 * actual spend already crossed the warning line (the overrun finding says more) or the period is over.
 *
 * @example
 * pacingSignal(spendAtHalfPeriodWith60PercentSpent, DEFAULT_SPEND_THRESHOLDS, now)?.ruleId; // 'spend.pacing'
 */
export const pacingSignal = (spend: Spend, thresholds: SpendThresholds, now: Date): Signal | undefined => {
  const metrics = spendMetrics(spend, now);
  const share = metrics.elapsedShare;
  const projectedOverrun = metrics.projectedOverrunRatio;
  const step = thresholds.pacing.filter((candidate) => share >= candidate.from).at(-1);
  const band = bandFor(thresholds.overrunBands, projectedOverrun);
  if (step === undefined || band === undefined || share >= 1) return undefined;
  if (metrics.overrunRatio > warningLine(thresholds) + EPSILON) return undefined;
  return {
    ruleId: 'spend.pacing',
    riskType: 'budget',
    probability: step.probability,
    impact: band.impact,
    message:
      `At this pace campaign ${spend.campaignId} on ${spend.channel} will spend about ` +
      `${formatMoney(Math.round(metrics.projectedSpend), spend.currency)} by ${spend.periodEnd}, ` +
      `${formatPercent(projectedOverrun)} over its plan of ${formatMoney(spend.plannedBudget, spend.currency)} ` +
      `(${formatPercent(share)} of the period elapsed, ${formatMoney(spend.actualSpend, spend.currency)} spent).`,
    suggestion:
      'Lower daily caps or bids now, or ask finance to approve the higher spend before the period ends.',
    metrics,
  };
};

/**
 * Cost-per-acquisition spike against the campaign × channel's own baseline (channel risk: a partner
 * faking data or traffic quality collapsing). Needs a settled baseline and enough conversions; the CPA is
 * that of the conversions since the last report when there are enough of them (see `currentCpa`).
 *
 * @example
 * cpaSpikeSignal(spend, DEFAULT_SPEND_THRESHOLDS, baseline)?.riskType; // 'channel'
 */
export const cpaSpikeSignal = (
  spend: Spend,
  thresholds: SpendThresholds,
  baseline: SpendBaseline | undefined,
): Signal | undefined => {
  const { ratio, minConversions, probability, impact, learning } = thresholds.cpaSpike;
  if (baseline === undefined || !isSettled(baseline, learning) || baseline.costPerAcquisition <= 0) {
    return undefined;
  }
  const cpa = currentCpa(spend, baseline, minConversions);
  if (cpa === undefined) return undefined;
  const cpaRatio = cpa.value / baseline.costPerAcquisition;
  if (cpaRatio < ratio - EPSILON) return undefined;
  const window = cpa.since === 'last-report' ? 'since the last report' : `since ${spend.periodStart}`;
  return {
    ruleId: 'spend.cpa-spike',
    riskType: 'channel',
    probability,
    impact,
    message:
      `Cost per acquisition on ${spend.channel} for campaign ${spend.campaignId} is ` +
      `${formatMoney(cpa.value, spend.currency)} ${window} (${cpa.conversions} conversions), ` +
      `${cpaRatio.toFixed(1)}× its usual ${formatMoney(baseline.costPerAcquisition, spend.currency)} ` +
      `(spike line ${ratio}×, baseline of ${baseline.observations} reports).`,
    suggestion: 'Check the channel partner’s traffic quality and tracking before spending more.',
    metrics: {
      costPerAcquisition: cpa.value,
      baselineCostPerAcquisition: baseline.costPerAcquisition,
      cpaRatio,
      spikeRatio: ratio,
      conversions: cpa.conversions,
      baselineObservations: baseline.observations,
      plannedBudget: spend.plannedBudget,
      actualSpend: spend.actualSpend,
    },
  };
};

/**
 * Every spend signal for one spend report.
 *
 * @example
 * spendSignals(event.spend, DEFAULT_SPEND_THRESHOLDS, { now }).map((s) => s.ruleId); // ['spend.overrun']
 */
export const spendSignals = (spend: Spend, thresholds: SpendThresholds, context: SpendContext): Signal[] =>
  [
    overrunSignal(spend, thresholds, context.now),
    pacingSignal(spend, thresholds, context.now),
    cpaSpikeSignal(spend, thresholds, context.baseline),
  ].filter((signal) => signal !== undefined);
