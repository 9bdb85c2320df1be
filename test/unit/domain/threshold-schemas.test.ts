import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SENTIMENT_THRESHOLDS,
  validateSentimentThresholds,
} from '#shared/domain/sentiment-thresholds.ts';
import { DEFAULT_SPEND_THRESHOLDS, validateSpendThresholds } from '#shared/domain/spend-thresholds.ts';
import { SentimentThresholdsSchema, SpendThresholdsSchema } from '#shared/domain/threshold-schemas.ts';

describe('Schema: SpendThresholdsSchema', () => {
  it('accepts the defaults', () => {
    expect(SpendThresholdsSchema.parse(DEFAULT_SPEND_THRESHOLDS)).toEqual(DEFAULT_SPEND_THRESHOLDS);
  });

  it.each([
    ['a p-value line of 0', { cpaSpike: { ...DEFAULT_SPEND_THRESHOLDS.cpaSpike, p: 0 } }, ['cpaSpike', 'p']],
    [
      'an interval of 1',
      { pacing: { ...DEFAULT_SPEND_THRESHOLDS.pacing, interval: 1 } },
      ['pacing', 'interval'],
    ],
    [
      'descending bands',
      { overrunBands: [DEFAULT_SPEND_THRESHOLDS.overrunBands[1], DEFAULT_SPEND_THRESHOLDS.overrunBands[0]] },
      ['overrunBands', 1],
    ],
  ])('rejects %s at its path, as validateSpendThresholds does', (_case, override, path) => {
    const thresholds = {
      ...DEFAULT_SPEND_THRESHOLDS,
      ...override,
    } as unknown as typeof DEFAULT_SPEND_THRESHOLDS;
    const result = SpendThresholdsSchema.safeParse(thresholds);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
    expect(() => validateSpendThresholds(thresholds)).toThrow();
  });
});

describe('Schema: SentimentThresholdsSchema', () => {
  it('accepts the defaults', () => {
    expect(SentimentThresholdsSchema.parse(DEFAULT_SENTIMENT_THRESHOLDS)).toEqual(
      DEFAULT_SENTIMENT_THRESHOLDS,
    );
  });

  it('rejects an overwhelming line above the spike line, as validateSentimentThresholds does', () => {
    const thresholds = {
      ...DEFAULT_SENTIMENT_THRESHOLDS,
      spike: { ...DEFAULT_SENTIMENT_THRESHOLDS.spike, overwhelmingP: 0.01 },
    } as unknown as typeof DEFAULT_SENTIMENT_THRESHOLDS;
    expect(SentimentThresholdsSchema.safeParse(thresholds).error?.issues.map((i) => i.path)).toContainEqual([
      'spike',
      'overwhelmingP',
    ]);
    expect(() => validateSentimentThresholds(thresholds)).toThrow();
  });
});
