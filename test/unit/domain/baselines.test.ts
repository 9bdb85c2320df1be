import { describe, expect, it } from 'vitest';
import {
  asSentimentBaseline,
  asSpendBaseline,
  BASELINE_SCHEMA_VERSION,
  baselineKeyOf,
  newerInstant,
  type SentimentBaseline,
} from '#shared/domain/baselines.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { nextSentimentBaseline, readSentiment } from '#shared/domain/sentiment-model.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import { nextSpendBaseline, rateCv2Of } from '#shared/domain/spend-model.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import type { AdCopyEvent, SentimentEvent, Spend, SpendEvent } from '#shared/schemas/events.ts';
import {
  type DailyReport,
  hourWindow,
  learnSentiment,
  learnSpend,
  snapshots,
  steadyDays,
  steadyHours,
} from '../../support/signal-streams.ts';

const spend = (actualSpend: number, conversions: number): Spend => ({
  campaignId: 'cmp-1',
  channel: 'facebook',
  currency: 'USD',
  plannedBudget: 100_000,
  actualSpend,
  conversions,
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
});
const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T23:00:00Z`;

const spendEvent = (actualSpend: number, conversions: number, d: number): SpendEvent => ({
  eventId: `s-${d}`,
  type: 'spend',
  occurredAt: day(d),
  source: 'ads',
  spend: spend(actualSpend, conversions),
});
// Ad copy has no history to learn from: no baseline key, no baseline.
const copyEvent: AdCopyEvent = {
  eventId: 'c',
  type: 'ad-copy',
  occurredAt: day(1),
  source: 'cms',
  copy: { copyId: 'c', text: 'x', lang: 'en', market: 'US', category: 'food', brand: 'Acme' },
};

const sentimentEvent = (mentions: number, negative: number, d: number, product?: string): SentimentEvent => ({
  eventId: `m-${d}`,
  type: 'sentiment',
  occurredAt: day(d),
  source: 'listening',
  sentiment: {
    brand: ' Acme ',
    ...(product === undefined ? {} : { product }),
    channel: 'Weibo',
    windowStart: day(d),
    windowEnd: day(d),
    mentions,
    negative,
  },
});

describe('Function: baselineKeyOf', () => {
  it.each([
    ['spend → campaign × channel', spendEvent(1, 1, 1), { kind: 'spend', key: 'spend#cmp-1#facebook' }],
    [
      'sentiment → brand × product × channel, trimmed and lower-case',
      sentimentEvent(1, 0, 1, 'Serum X'),
      { kind: 'sentiment', key: 'sentiment#acme#serum%20x#weibo' },
    ],
    [
      'sentiment without a product',
      sentimentEvent(1, 0, 1),
      { kind: 'sentiment', key: 'sentiment#acme##weibo' },
    ],
  ])('%s', (_case, event, key) => {
    expect(baselineKeyOf(event)).toEqual(key);
  });

  it('gives ad copy no baseline', () => {
    expect(baselineKeyOf(copyEvent)).toBeUndefined();
  });
});

describe('Function: asSpendBaseline / asSentimentBaseline', () => {
  it('round-trips a learnt baseline through JSON unchanged, well under 20 KB', () => {
    const spendBaseline = learnSpend(snapshots(steadyDays(30, 50)));
    const sentimentBaseline = learnSentiment(steadyHours(200, 300, 0.1));
    for (const [baseline, read] of [
      [spendBaseline, asSpendBaseline],
      [sentimentBaseline, asSentimentBaseline],
    ] as const) {
      const json = JSON.stringify(baseline);
      expect(read(JSON.parse(json))).toEqual(baseline);
      expect(json.length).toBeLessThan(2_000);
    }
  });

  it.each([
    [
      'a version-1 item (the EWMA of the ratio)',
      { kind: 'spend', version: 1, costPerAcquisition: 50, observations: 3 },
    ],
    ['null', null],
    ['a field that is not finite', { ...learnSpend(snapshots(steadyDays(3, 50))), rateSpend: null }],
    [
      'weekday factors of the wrong length',
      { ...learnSpend(snapshots(steadyDays(3, 50))), spendWeekday: [1, 1] },
    ],
  ])('treats %s as no baseline', (_case, item) => {
    expect(asSpendBaseline(item)).toBeUndefined();
  });

  it('reads a schema-3 item brought up to date: a sentiment baseline with no recent windows yet, a spend baseline as it was', () => {
    // Prepare: items as schema 3 stored them (no recent windows' counts, no volume cycle).
    const {
      recentMentions,
      recentNegative,
      recentExpected,
      volumeCycle: _cycle,
      ...sentiment
    } = JSON.parse(JSON.stringify(learnSentiment(steadyHours(30, 100, 0.1))));
    const spendItem = JSON.parse(JSON.stringify(learnSpend(snapshots(steadyDays(5, 50)))));

    // Act
    const readSentimentItem = asSentimentBaseline({ ...sentiment, version: 3 });
    const readSpendItem = asSpendBaseline({ ...spendItem, version: 3 });

    // Assess
    expect(recentMentions).toHaveLength(DEFAULT_SENTIMENT_THRESHOLDS.spike.poolWindows - 1);
    expect(readSentimentItem).toEqual({
      ...sentiment,
      version: BASELINE_SCHEMA_VERSION,
      recentMentions: [],
      recentNegative: [],
      recentExpected: [],
      volumeCycle: [0, 0, 0, 0],
    });
    expect(readSpendItem).toEqual(spendItem);
    expect(asSentimentBaseline({ ...sentiment, version: 2 })).toBeUndefined();
  });

  it('reads a schema-4 item brought up to date: a sentiment baseline with a flat volume cycle, the rest kept', () => {
    // Prepare: a sentiment item as schema 4 stored it (no volume cycle) and a spend item of schema 4.
    const { volumeCycle, ...sentiment } = JSON.parse(
      JSON.stringify(learnSentiment(steadyHours(30, 100, 0.1))),
    );
    const spendItem = JSON.parse(JSON.stringify(learnSpend(snapshots(steadyDays(5, 50)))));

    // Act
    const readSentimentItem = asSentimentBaseline({ ...sentiment, version: 4 });
    const readSpendItem = asSpendBaseline({ ...spendItem, version: 4 });

    // Assess
    expect(volumeCycle).toHaveLength(4);
    expect(readSentimentItem).toEqual({
      ...sentiment,
      version: BASELINE_SCHEMA_VERSION,
      volumeCycle: [0, 0, 0, 0],
    });
    expect(readSpendItem).toEqual(spendItem);
  });

  it('reads a schema-5 item brought up to date: a spend baseline keeps its weekday factors, with no evidence behind them yet', () => {
    // Prepare: a spend item as schema 5 stored it (weekday factors, no evidence) and a sentiment item.
    const { conversionWeekdayEvidence, ...spendItem } = JSON.parse(
      JSON.stringify(learnSpend(snapshots(steadyDays(20, 50)))),
    );
    const learntFactors = [0.8, 1.05, 1.05, 1.05, 1.05, 1.05, 0.95];
    const sentiment = JSON.parse(JSON.stringify(learnSentiment(steadyHours(30, 100, 0.1))));

    // Act
    const readSpendItem = asSpendBaseline({ ...spendItem, conversionWeekday: learntFactors, version: 5 });
    const readSentimentItem = asSentimentBaseline({ ...sentiment, version: 5 });

    // Assess
    expect(conversionWeekdayEvidence).toHaveLength(7);
    expect(readSpendItem).toEqual({
      ...spendItem,
      conversionWeekday: learntFactors,
      conversionWeekdayEvidence: [0, 0, 0, 0, 0, 0, 0],
      version: BASELINE_SCHEMA_VERSION,
    });
    expect(readSentimentItem).toEqual(sentiment);
  });

  it('learns the volume’s daily cycle: quiet nights and busy evenings', () => {
    // Prepare: three days of hourly windows, 20 mentions an hour from 00:00 to 12:00 UTC and 200 after.
    const days = Array.from({ length: 72 }, (_, k) =>
      hourWindow(k + 1, k % 24 < 12 ? 20 : 200, k % 24 < 12 ? 2 : 20),
    );

    // Act
    const learnt = learnSentiment(days);
    const quiet =
      learnt === undefined
        ? undefined
        : readSentiment(
            hourWindow(78, 20, 2).sentiment,
            Date.parse(hourWindow(78, 20, 2).at),
            learnt,
            DEFAULT_SENTIMENT_THRESHOLDS,
          );
    const busy =
      learnt === undefined
        ? undefined
        : readSentiment(
            hourWindow(90, 200, 20).sentiment,
            Date.parse(hourWindow(90, 200, 20).at),
            learnt,
            DEFAULT_SENTIMENT_THRESHOLDS,
          );

    // Assess: the usual volume of a quiet hour is well below that of a busy one.
    expect(quiet?.volume.expectedMentions).toBeLessThan(70);
    expect(busy?.volume.expectedMentions).toBeGreaterThan(140);
  });

  it('reads a sentiment item only as a sentiment baseline', () => {
    const item = JSON.parse(JSON.stringify(learnSentiment(steadyHours(3, 100, 0.1))));
    expect(asSpendBaseline(item)).toBeUndefined();
    expect(asSentimentBaseline(item)).toMatchObject({ kind: 'sentiment', version: BASELINE_SCHEMA_VERSION });
  });

  it('reads back the baseline of a campaign that reported the contract’s largest spend within its first hour', () => {
    // 1e13 spent by 01:00 is a daily rate of 2.4e14: large, but a number DynamoDB stores and the detectors use.
    const spend: Spend = {
      campaignId: 'cmp-1',
      channel: 'facebook',
      currency: 'USD',
      plannedBudget: 0.01,
      actualSpend: 1e13,
      periodStart: '2026-01-01',
      periodEnd: '2026-01-01',
    };
    const next = nextSpendBaseline(undefined, spend, '2026-01-01T01:00:00.000Z', DEFAULT_SPEND_THRESHOLDS);
    expect(next?.recentSpend).toEqual([2.4e14]);
    expect(asSpendBaseline(JSON.parse(JSON.stringify(next)))).toEqual(next);
  });
});

const rateOf = (days: readonly DailyReport[]) => {
  const baseline = learnSpend(snapshots(days));
  return (baseline?.rateConversions ?? 0) / (baseline?.rateSpend ?? 1);
};

describe('Function: newerInstant', () => {
  it('gives the instant of a report newer than the baseline, and none for a replay or an unreadable time', () => {
    // Prepare
    const previous = { updatedAt: '2026-11-05T23:00:00.000Z' };

    // Act
    const newer = newerInstant(previous, '2026-11-06T23:00:00Z');
    const first = newerInstant(undefined, '2026-11-01T00:30:00+07:00');
    const same = newerInstant(previous, '2026-11-05T23:00:00Z');
    const older = newerInstant(previous, '2026-11-04T23:00:00Z');
    const unreadable = newerInstant(previous, 'yesterday-ish');

    // Assess
    expect(newer).toEqual({ at: Date.parse('2026-11-06T23:00:00Z'), iso: '2026-11-06T23:00:00.000Z' });
    expect(first).toEqual({ at: Date.parse('2026-10-31T17:30:00Z'), iso: '2026-10-31T17:30:00.000Z' });
    expect([same, older, unreadable]).toEqual([undefined, undefined, undefined]);
  });
});

describe('Function: nextSpendBaseline', () => {
  it('learns the conversion rate of each day since the last report', () => {
    expect(rateOf(steadyDays(10, 50))).toBeCloseTo(0.05, 2);
  });

  it('does not learn a day judged anomalous: the baseline does not follow the problem', () => {
    const normal = steadyDays(10, 50);
    expect(rateOf([...normal, { spend: 1_000, conversions: 10 }])).toBeCloseTo(rateOf(normal), 10);
  });

  it("learns a campaign's day-to-day variation from a day it keeps out of the rate", () => {
    // Prepare: ten steady days at ~100 conversions, then a low day (65) surprising enough to be kept
    // out of the rate, not enough to be a spike.
    const normal = snapshots(steadyDays(10, 100));
    const withLow = snapshots([...steadyDays(10, 100), { spend: 1_000, conversions: 65 }]);

    // Act
    const before = learnSpend(normal);
    const after = learnSpend(withLow);

    // Assess: the rate did not learn the day, the variation did — learnt from the days near the rate
    // alone, a campaign's variation shrinks until its every ordinary low day looks surprising.
    if (before === undefined || after === undefined) throw new Error('no baseline');
    expect(after.rateConversions / after.rateSpend).toBeCloseTo(
      before.rateConversions / before.rateSpend,
      10,
    );
    expect(rateCv2Of(after, DEFAULT_SPEND_THRESHOLDS)).toBeGreaterThan(
      1.5 * rateCv2Of(before, DEFAULT_SPEND_THRESHOLDS),
    );
  });

  it('learns a weekday conversion factor by its evidence: a few conversions stay mostly prior', () => {
    // Prepare: four weeks whose Sundays convert at 80 % of the other days (1 November 2026 is a Sunday),
    // on a small campaign (10 a day) and a large, steady one (400 a day).
    const weeks = (daily: number) =>
      Array.from({ length: 28 }, (_, k) => ({
        spend: 1_000,
        conversions: k % 7 === 0 ? 0.8 * daily : daily,
      }));

    // Act
    const small = learnSpend(snapshots(weeks(10)));
    const large = learnSpend(snapshots(weeks(400)));

    // Assess: three Sundays of 8 conversions barely move the small campaign's factor from 1; the large
    // campaign's Sundays, worth far more evidence, pull its factor most of the way to 0.8.
    expect(small?.conversionWeekday[0]).toBeGreaterThan(0.93);
    expect(large?.conversionWeekday[0]).toBeLessThan(0.88);
    expect(large?.conversionWeekdayEvidence[0]).toBeGreaterThan(small?.conversionWeekdayEvidence[0] ?? 0);
  });

  it('learns a day within the noise', () => {
    const normal = steadyDays(10, 50);
    expect(rateOf([...normal, { spend: 1_000, conversions: 47 }])).not.toBeCloseTo(rateOf(normal), 10);
  });

  it('adopts a CPA shift that lasted the stated number of days', () => {
    const shifted = Array<DailyReport>(DEFAULT_SPEND_THRESHOLDS.learning.adaptAfterDays + 1).fill({
      spend: 1_000,
      conversions: 25,
    });
    expect(rateOf([...steadyDays(10, 50), ...shifted])).toBeCloseTo(0.025, 2);
  });

  it('learns weekday patterns, so a weekend dip is expected', () => {
    // Three weeks of a B2B campaign spending half as much at weekends (1 November 2026 is a Sunday).
    const days = Array.from({ length: 21 }, (_, k) => {
      const weekend = k % 7 === 0 || k % 7 === 6;
      return { spend: weekend ? 500 : 1_000, conversions: weekend ? 25 : 50 };
    });
    const baseline = learnSpend(snapshots(days));
    expect(baseline?.spendWeekday[0]).toBeLessThan(0.9);
    expect(baseline?.spendWeekday[3]).toBeGreaterThan(0.9);
  });

  it.each([
    ['an older report', 1],
    ['a replay of the same report', 3],
  ])('ignores %s', (_case, day) => {
    const reports = snapshots(steadyDays(3, 50));
    const previous = learnSpend(reports);
    const report = snapshots(steadyDays(day, 80)).at(-1);
    if (report === undefined) throw new Error('no report');
    expect(nextSpendBaseline(previous, report.spend, report.at, DEFAULT_SPEND_THRESHOLDS)).toBe(previous);
  });
});

describe('Function: nextSentimentBaseline', () => {
  it('learns the subject’s negative share as a ratio of counts', () => {
    const baseline = learnSentiment(steadyHours(48, 200, 0.1));
    expect((baseline?.negative ?? 0) / (baseline?.mentions ?? 1)).toBeCloseTo(0.1, 2);
    expect(baseline?.hours).toBe(48);
  });

  it('keeps the last windows’ counts for the pooled burst test, and starts afresh after a gap', () => {
    // Prepare
    const windows = steadyHours(30, 200, 0.1);
    const last = windows.at(-1);
    if (last === undefined) throw new Error('no window');
    const afterGap = hourWindow(40, 150, 20);

    // Act
    const baseline = learnSentiment(windows);
    const resumed = learnSentiment([afterGap], DEFAULT_SENTIMENT_THRESHOLDS, baseline);

    // Assess: the last two windows, oldest first, with the negatives their normal expected.
    expect(baseline?.recentMentions).toEqual(windows.slice(-2).map((w) => w.sentiment.mentions));
    expect(baseline?.recentNegative).toEqual(windows.slice(-2).map((w) => w.sentiment.negative));
    expect(baseline?.recentExpected.at(-1)).toBeCloseTo(last.sentiment.mentions * 0.1, -1);
    expect(resumed?.recentMentions).toEqual([150]);
    expect(resumed?.recentNegative).toEqual([20]);
  });

  it('holds the normal while the drift chart sees a drift building it cannot prove yet, for at most adaptAfterHours', () => {
    // Prepare: a small subject (20 mentions an hour) at 10 % for 300 hours, then at 13 %: a drift too small
    // for the chart to prove within a week (at 30 mentions an hour and 15 % it is proven, then adopted).
    const before = learnSentiment(steadyHours(300, 20, 0.1));
    const drift = steadyHours(160, 20, 0.13, 301);
    const shareOf = (b: SentimentBaseline | undefined) => (b?.negative ?? 0) / (b?.mentions ?? 1);

    // Act
    const at = (hours: number) => learnSentiment(drift.slice(0, hours), DEFAULT_SENTIMENT_THRESHOLDS, before);
    const [early, held, later] = [at(40), at(72), at(160)];

    // Assess: from when the chart's excess is material at p ≤ driftHoldP the normal stays put…
    expect(held?.heldHours).toBeGreaterThan(0);
    expect(shareOf(held)).toBeCloseTo(shareOf(early), 3);
    // …and once held longer than adaptAfterHours the subject learns again.
    expect(later?.heldHours ?? 0).toBeGreaterThan(DEFAULT_SENTIMENT_THRESHOLDS.learning.adaptAfterHours);
    expect(shareOf(later)).toBeGreaterThan(shareOf(held) + 0.005);
  });

  it('ignores a replayed window', () => {
    const windows = steadyHours(5, 200, 0.1);
    const previous = learnSentiment(windows);
    const replay = windows[2];
    if (replay === undefined) throw new Error('no window');
    expect(nextSentimentBaseline(previous, replay.sentiment, replay.at, DEFAULT_SENTIMENT_THRESHOLDS)).toBe(
      previous,
    );
  });
});

describe('Method: ConfiguredRiskEngine.nextBaseline', () => {
  const engine = createRiskEngine();

  it('learns a campaign from spend events and a subject from sentiment events', () => {
    expect(engine.nextBaseline(spendEvent(1_000, 20, 1), undefined)).toMatchObject({
      kind: 'spend',
      observations: 1,
    });
    expect(engine.nextBaseline(sentimentEvent(400, 40, 1), undefined)).toMatchObject({
      kind: 'sentiment',
      observations: 1,
    });
  });

  it('returns no baseline for ad copy', () => {
    expect(engine.nextBaseline(copyEvent, undefined)).toBeUndefined();
  });
});
