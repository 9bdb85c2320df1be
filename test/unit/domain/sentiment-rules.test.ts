import { describe, expect, it } from 'vitest';
import type { SentimentBaseline } from '#shared/domain/baselines.ts';
import { InvalidRiskConfigError } from '#shared/domain/config-error.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { negativeShareSignal, sentimentSignals, spikeSignal } from '#shared/domain/sentiment-rules.ts';
import {
  DEFAULT_SENTIMENT_THRESHOLDS,
  validateSentimentThresholds,
} from '#shared/domain/sentiment-thresholds.ts';
import { gradeSignal } from '#shared/domain/signal.ts';
import type { Sentiment } from '#shared/schemas/events.ts';

const window = (mentions: number, negative: number): Sentiment => ({
  brand: 'Acme',
  product: 'Serum X',
  channel: 'weibo',
  windowStart: '2026-11-22T00:00:00Z',
  windowEnd: '2026-11-22T01:00:00Z',
  mentions,
  negative,
});

describe('Function: negativeShareSignal', () => {
  it.each([
    ['3 angry posts out of 5 (below the minimum volume)', 5, 3, undefined],
    ['49 mentions, all negative', 49, 49, undefined],
    ['50 mentions, 24 % negative', 50, 12, undefined],
    ['100 mentions, exactly 25 % negative', 100, 25, 'yellow'],
    ['DESIGN.md example: 310 of 900', 900, 310, 'yellow'],
    ['100 mentions, 40 % negative', 100, 40, 'red'],
  ])('%s → %s', (_case, mentions, negative, level) => {
    // Act
    const signal = negativeShareSignal(window(mentions, negative), DEFAULT_SENTIMENT_THRESHOLDS);

    // Assess
    expect(signal && gradeSignal(DEFAULT_MATRIX, signal).level).toBe(level);
  });

  it('states the numbers', () => {
    // Act
    const signal = negativeShareSignal(window(900, 310), DEFAULT_SENTIMENT_THRESHOLDS);

    // Assess
    expect(signal).toMatchObject({ ruleId: 'sentiment.negative-share', riskType: 'reputation' });
    expect(signal?.metrics).toMatchObject({ mentions: 900, negative: 310, threshold: 0.25 });
    expect(signal?.metrics?.negativeShare).toBeCloseTo(310 / 900, 10);
    expect(signal?.message).toContain('34.4 % of 900 mentions of Acme / Serum X / weibo');
  });
});

const baselineAt = (negativeShare: number, observations = 5): SentimentBaseline => ({
  kind: 'sentiment',
  version: 1,
  negativeShare,
  variance: 0,
  observations,
  updatedAt: '2026-11-21T00:00:00Z',
});

describe('Function: spikeSignal', () => {
  it.each([
    ['no baseline', false, undefined, 200, 40],
    ['a baseline still learning (2 windows)', false, baselineAt(0.1, 2), 200, 40],
    ['2 % → 4 %: doubles but too small to matter', false, baselineAt(0.02), 200, 8],
    ['10 % → 20 %: clears ratio and difference', true, baselineAt(0.1), 200, 40],
    ['30 % → 40 %: a big difference but not a spike', false, baselineAt(0.3), 200, 80],
    ['a spike below the minimum volume', false, baselineAt(0.05), 20, 10],
    ['0 % → 15 %: from none', true, baselineAt(0), 200, 30],
  ])('%s → fires: %s', (_case, fires, baseline, mentions, negative) => {
    // Act
    const signal = spikeSignal(window(mentions, negative), DEFAULT_SENTIMENT_THRESHOLDS, baseline);

    // Assess
    expect(signal !== undefined).toBe(fires);
  });

  it('states the window, the baseline, the ratio and the difference', () => {
    // Act
    const signal = spikeSignal(window(200, 40), DEFAULT_SENTIMENT_THRESHOLDS, baselineAt(0.1));

    // Assess
    expect(signal?.metrics).toMatchObject({
      mentions: 200,
      negative: 40,
      baselineShare: 0.1,
      baselineObservations: 5,
    });
    expect(signal?.metrics?.ratio).toBeCloseTo(2, 10);
    expect(signal?.metrics?.delta).toBeCloseTo(0.1, 10);
    expect(signal?.message).toContain('rose to 20 % from a usual 10 %');
    expect(signal?.message).toContain('2.0×');
  });
});

describe('Function: sentimentSignals', () => {
  it('combines the ceiling and the spike', () => {
    const ids = sentimentSignals(window(200, 90), DEFAULT_SENTIMENT_THRESHOLDS, {
      baseline: baselineAt(0.1),
    }).map((signal) => signal.ruleId);
    expect(ids).toEqual(['sentiment.negative-share', 'sentiment.spike']);
  });
});

describe('Function: validateSentimentThresholds', () => {
  it.each([
    ['a fractional minimum volume', { minMentions: 2.5 }, 'minMentions'],
    [
      'a share band above 100 %',
      { shareBands: [{ atLeast: 1.5, probability: 'high', impact: 'severe' }] },
      'shareBands[0].atLeast',
    ],
    [
      'a spike ratio of 1',
      { spike: { ...DEFAULT_SENTIMENT_THRESHOLDS.spike, minRatio: 1 } },
      'spike.minRatio',
    ],
  ])('rejects %s', (_case, override, message) => {
    const thresholds = {
      ...DEFAULT_SENTIMENT_THRESHOLDS,
      ...override,
    } as unknown as typeof DEFAULT_SENTIMENT_THRESHOLDS;
    expect(() => validateSentimentThresholds(thresholds)).toThrow(InvalidRiskConfigError);
    expect(() => validateSentimentThresholds(thresholds)).toThrow(message);
  });
});
