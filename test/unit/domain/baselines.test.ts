import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SentimentBaseline, SpendBaseline } from '#shared/domain/baselines.ts';
import {
  asSentimentBaseline,
  asSpendBaseline,
  baselineKeyOf,
  nextSentimentBaseline,
  nextSpendBaseline,
  updateBaseline,
} from '#shared/domain/baselines.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import type { AdCopyEvent, SentimentEvent, Spend, SpendEvent } from '#shared/schemas/events.ts';

const learning = { alpha: 0.3, minObservations: 3 };
const spendPolicy = { learning, minConversions: 20, ratio: 1.5 };
const sentimentPolicy = { learning, minMentions: 50, minRatio: 1.5, minDelta: 0.1 };

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

describe('Function: updateBaseline', () => {
  it('starts at the first observation and moves by alpha of the distance', () => {
    // Act
    const first = updateBaseline(undefined, { kind: 'sentiment', negativeShare: 0.1, at: day(1) }, learning);
    const second = updateBaseline(first, { kind: 'sentiment', negativeShare: 0.2, at: day(2) }, learning);

    // Assess
    expect(first).toMatchObject({ kind: 'sentiment', version: 1, negativeShare: 0.1, observations: 1 });
    expect(second.negativeShare).toBeCloseTo(0.13, 10);
    expect(second.observations).toBe(2);
    expect(second.variance).toBeGreaterThan(0);
  });

  it('is a plain JSON object that survives a round trip through storage', () => {
    const baseline = nextSpendBaseline(undefined, spend(1_000, 20), day(1), spendPolicy);
    expect(asSpendBaseline(JSON.parse(JSON.stringify(baseline)))).toEqual(baseline);
  });

  it('stays within the range of the observations (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (shares) => {
          let baseline: SentimentBaseline | undefined;
          shares.forEach((negativeShare, k) => {
            baseline = updateBaseline(
              baseline,
              { kind: 'sentiment', negativeShare, at: day(k + 1) },
              learning,
            );
          });
          expect(baseline?.negativeShare).toBeGreaterThanOrEqual(Math.min(...shares) - 1e-12);
          expect(baseline?.negativeShare).toBeLessThanOrEqual(Math.max(...shares) + 1e-12);
        },
      ),
    );
  });
});

describe('Function: nextSpendBaseline', () => {
  it('learns the CPA of each slice since the last report in the same period', () => {
    // Act: 1,000 for 20 (CPA 50), then +1,200 for +20 (CPA 60).
    const first = nextSpendBaseline(undefined, spend(1_000, 20), day(1), spendPolicy);
    const second = nextSpendBaseline(first, spend(2_200, 40), day(2), spendPolicy);

    // Assess
    expect(first?.costPerAcquisition).toBe(50);
    expect(second?.costPerAcquisition).toBeCloseTo(53, 10);
    expect(second).toMatchObject({ lastSpend: 2_200, lastConversions: 40, observations: 2 });
  });

  it.each([
    ['too few conversions', spend(100, 5), day(1)],
    ['an older report', spend(5_000, 100), day(1)],
    ['a replay of the same report', spend(5_000, 100), day(3)],
  ])('ignores %s', (_case, report, at) => {
    const previous = nextSpendBaseline(undefined, spend(1_000, 20), day(3), spendPolicy);
    const previousOrNone = _case === 'too few conversions' ? undefined : previous;
    expect(nextSpendBaseline(previousOrNone, report, at, spendPolicy)).toBe(previousOrNone);
  });

  it('folds a spike in at the spike line, so one bad day does not hide the next', () => {
    // Prepare: a settled baseline at CPA 50.
    let baseline: SpendBaseline | undefined;
    for (let d = 1; d <= 4; d++)
      baseline = nextSpendBaseline(baseline, spend(1_000 * d, 20 * d), day(d), spendPolicy);

    // Act: +20,000 for +20 conversions, a CPA of 1,000.
    const after = nextSpendBaseline(baseline, spend(24_000, 100), day(5), spendPolicy);

    // Assess: folded in as 75 (1.5 × 50), not 1,000.
    expect(after?.costPerAcquisition).toBeCloseTo(50 + 0.3 * 25, 10);
  });
});

describe('Function: nextSentimentBaseline', () => {
  it('ignores windows below the minimum volume', () => {
    expect(
      nextSentimentBaseline(undefined, sentimentEvent(10, 5, 1).sentiment, day(1), sentimentPolicy),
    ).toBe(undefined);
  });

  it('rejects a stored value of another schema as no baseline', () => {
    expect(asSentimentBaseline({ negativeShare: 0.1 })).toBeUndefined();
    expect(asSpendBaseline(null)).toBeUndefined();
  });
});

describe('Method: ConfiguredRiskEngine.nextBaseline', () => {
  const engine = createRiskEngine();

  it('learns a subject, then flags a CPA spike against it with the numbers', () => {
    // Prepare: four daily reports at CPA 50.
    let stored = undefined as ReturnType<typeof engine.nextBaseline>;
    for (let d = 1; d <= 4; d++) stored = engine.nextBaseline(spendEvent(1_000 * d, 20 * d, d), stored);
    const spike = spendEvent(4_000 + 3_000, 80 + 20, 5);

    // Act
    const assessment = engine.evaluate(spike, {
      now: new Date(day(5)),
      baselines: { spend: stored?.kind === 'spend' ? stored : undefined },
    });

    // Assess: +3,000 for +20 conversions is a CPA of 150, 3× the usual 50.
    const finding = assessment.findings.find((f) => f.ruleId === 'spend.cpa-spike');
    expect(finding?.metrics).toMatchObject({
      costPerAcquisition: 150,
      baselineCostPerAcquisition: 50,
      cpaRatio: 3,
    });
    expect(finding?.level).toBe('yellow');
  });

  it('learns a sentiment subject and flags a spike that clears both lines', () => {
    // Prepare
    let stored = undefined as ReturnType<typeof engine.nextBaseline>;
    for (let d = 1; d <= 4; d++) stored = engine.nextBaseline(sentimentEvent(400, 40, d), stored);

    // Act
    const assessment = engine.evaluate(sentimentEvent(400, 100, 5), {
      now: new Date(day(5)),
      baselines: { sentiment: stored?.kind === 'sentiment' ? stored : undefined },
    });

    // Assess
    expect(assessment.findings.map((f) => f.ruleId)).toEqual(['sentiment.negative-share', 'sentiment.spike']);
    expect(assessment.level).toBe('red');
  });

  it('returns no baseline for ad copy', () => {
    expect(engine.nextBaseline(copyEvent, undefined)).toBeUndefined();
  });

  it('uses the learning parameters of the thresholds in force', () => {
    expect(DEFAULT_SPEND_THRESHOLDS.cpaSpike.learning.minObservations).toBe(3);
    expect(DEFAULT_SENTIMENT_THRESHOLDS.spike.learning.minObservations).toBe(3);
  });
});
