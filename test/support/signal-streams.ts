import fc from 'fast-check';
import {
  asSentimentBaseline,
  asSpendBaseline,
  type SentimentBaseline,
  type SpendBaseline,
} from '#shared/domain/baselines.ts';
import { nextSentimentBaseline } from '#shared/domain/sentiment-model.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import { nextSpendBaseline } from '#shared/domain/spend-model.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import type { Sentiment, Spend } from '#shared/schemas/events.ts';

/**
 * Streams of reports for the detector tests: a campaign's daily cumulative snapshots and a subject's
 * hourly listening windows, folded into baselines exactly as ingest stores them (through JSON).
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** 23:00 UTC on day `d` of November 2026 (the 1st is a Sunday). */
export const dayOf = (d: number): string => new Date(Date.UTC(2026, 10, d, 23)).toISOString();

export interface DailyReport {
  /** Spend on that day. */
  readonly spend: number;
  /** Conversions reported on that day (undefined: the report carries none). */
  readonly conversions?: number;
}

/** Cumulative snapshots of a campaign × channel, one per day from `firstDay`. */
export const snapshots = (
  days: readonly DailyReport[],
  options: { readonly plannedBudget?: number; readonly firstDay?: number } = {},
): { spend: Spend; at: string }[] => {
  let spent = 0;
  let converted = 0;
  return days.map((day, k) => {
    spent += day.spend;
    converted += day.conversions ?? 0;
    return {
      at: dayOf((options.firstDay ?? 1) + k),
      spend: {
        campaignId: 'cmp-1',
        channel: 'facebook',
        currency: 'USD',
        plannedBudget: options.plannedBudget ?? 30_000,
        actualSpend: Math.round(spent * 100) / 100,
        ...(day.conversions === undefined ? {} : { conversions: converted }),
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
      },
    };
  });
};

/** The baseline after these snapshots, stored and read back as ingest does. */
export const learnSpend = (
  reports: readonly { spend: Spend; at: string }[],
  thresholds = DEFAULT_SPEND_THRESHOLDS,
  from?: SpendBaseline,
): SpendBaseline | undefined =>
  reports.reduce<SpendBaseline | undefined>(
    (baseline, report) =>
      asSpendBaseline(
        JSON.parse(JSON.stringify(nextSpendBaseline(baseline, report.spend, report.at, thresholds) ?? null)),
      ),
    from,
  );

/** `count` days of 1,000 USD spend and `conversions` conversions (a little deterministic wobble). */
export const steadyDays = (count: number, conversions: number, spend = 1_000): DailyReport[] =>
  Array.from({ length: count }, (_, k) => ({
    spend: spend * (1 + 0.04 * Math.sin(k * 2.1)),
    conversions: Math.round(conversions * (1 + 0.05 * Math.cos(k * 1.7))),
  }));

/** An hourly listening window ending `hour` hours after 00:00 UTC on 9 November 2026. */
export const hourWindow = (
  hour: number,
  mentions: number,
  negative: number,
): { sentiment: Sentiment; at: string } => {
  const end = Date.UTC(2026, 10, 9) + hour * HOUR;
  return {
    at: new Date(end).toISOString(),
    sentiment: {
      brand: 'Acme',
      product: 'Serum X',
      channel: 'weibo',
      windowStart: new Date(end - HOUR).toISOString(),
      windowEnd: new Date(end).toISOString(),
      mentions,
      negative,
    },
  };
};

/** `hours` hourly windows of `mentions` at a negative `share`, with a little deterministic wobble. */
export const steadyHours = (
  hours: number,
  mentions: number,
  share: number,
  firstHour = 1,
): { sentiment: Sentiment; at: string }[] =>
  Array.from({ length: hours }, (_, k) => {
    const n = Math.round(mentions * (1 + 0.1 * Math.sin(k * 0.9)));
    return hourWindow(firstHour + k, n, Math.round(n * share * (1 + 0.08 * Math.cos(k * 2.3))));
  });

/** The sentiment baseline after these windows, stored and read back as ingest does. */
export const learnSentiment = (
  windows: readonly { sentiment: Sentiment; at: string }[],
  thresholds = DEFAULT_SENTIMENT_THRESHOLDS,
  from?: SentimentBaseline,
): SentimentBaseline | undefined =>
  windows.reduce<SentimentBaseline | undefined>(
    (baseline, window) =>
      asSentimentBaseline(
        JSON.parse(
          JSON.stringify(nextSentimentBaseline(baseline, window.sentiment, window.at, thresholds) ?? null),
        ),
      ),
    from,
  );

/** Milliseconds of `n` days, for readable arithmetic in tests. */
export const days = (n: number): number => n * DAY;

/** Any spend the v1 contract admits: money in [0, 1e13] with ≤ 4 decimals, plan ≥ 0.01, counts in [0, 1e9]. */
export const contractSpend = fc
  .record({
    plannedBudget: fc.integer({ min: 100, max: 1e17 }).map((v) => v / 1e4),
    actualSpend: fc.oneof(
      fc.integer({ min: 0, max: 1e17 }).map((v) => v / 1e4),
      fc.constantFrom(0, 1e13, 0.0001),
    ),
    conversions: fc.option(fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom(0, 1e9)), {
      nil: undefined,
    }),
    start: fc.integer({ min: 0, max: 400 }),
    length: fc.integer({ min: 0, max: 400 }),
  })
  .map(({ plannedBudget, actualSpend, conversions, start, length }): Spend => {
    const first = Date.UTC(2026, 0, 1) + start * DAY;
    return {
      campaignId: 'cmp-1',
      channel: 'facebook',
      currency: 'USD',
      plannedBudget,
      actualSpend,
      ...(conversions === undefined ? {} : { conversions }),
      periodStart: new Date(first).toISOString().slice(0, 10),
      periodEnd: new Date(first + length * DAY).toISOString().slice(0, 10),
    };
  });

/** Any sentiment window the v1 contract admits. */
export const contractSentiment = fc
  .record({
    mentions: fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom(0, 1, 1e9)),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    start: fc.integer({ min: 0, max: 24 * 800 }),
    length: fc.oneof(fc.integer({ min: 0, max: 24 * 40 }), fc.constantFrom(0, 1, 6)),
  })
  .map(({ mentions, share, start, length }): Sentiment => {
    const from = Date.UTC(2026, 0, 1) + start * HOUR;
    return {
      brand: 'Acme',
      channel: 'weibo',
      windowStart: new Date(from).toISOString(),
      windowEnd: new Date(from + length * HOUR).toISOString(),
      mentions,
      negative: Math.floor(mentions * share),
    };
  });

/** An instant within a couple of years of the generated periods. */
export const contractInstant = fc
  .integer({ min: 0, max: 800 * 24 })
  .map((h) => new Date(Date.UTC(2026, 0, 1) + h * HOUR));

/**
 * Stored baselines of any history the contract admits (or none), for property tests of the engine: each
 * is the fold of a few contract-valid reports, as ingest would have stored it.
 */
export const arbitraryBaselines = fc.record({
  spend: fc.option(
    fc
      .array(fc.tuple(contractSpend, contractInstant), { minLength: 1, maxLength: 6 })
      .map((reports) =>
        reports.reduce<SpendBaseline | undefined>(
          (baseline, [spend, at]) =>
            nextSpendBaseline(baseline, spend, at.toISOString(), DEFAULT_SPEND_THRESHOLDS),
          undefined,
        ),
      ),
    { nil: undefined },
  ),
  sentiment: fc.option(
    fc
      .array(contractSentiment, { minLength: 1, maxLength: 30 })
      .map((windows) =>
        windows.reduce<SentimentBaseline | undefined>(
          (baseline, window) =>
            nextSentimentBaseline(baseline, window, window.windowEnd, DEFAULT_SENTIMENT_THRESHOLDS),
          undefined,
        ),
      ),
    { nil: undefined },
  ),
});
