import { describe, expect, it } from 'vitest';
import type { SpendBaseline } from '#shared/domain/baselines.ts';
import { InvalidRiskConfigError } from '#shared/domain/config-error.ts';
import { elapsedShare } from '#shared/domain/period.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { gradeSignal } from '#shared/domain/signal.ts';
import { cpaSpikeSignal, overrunSignal, pacingSignal, spendSignals } from '#shared/domain/spend-rules.ts';
import { DEFAULT_SPEND_THRESHOLDS, validateSpendThresholds } from '#shared/domain/spend-thresholds.ts';
import type { Spend } from '#shared/schemas/events.ts';

const spend = (overrides: Partial<Spend> = {}): Spend => ({
  campaignId: 'cmp-1',
  channel: 'facebook',
  currency: 'USD',
  plannedBudget: 10_000,
  actualSpend: 5_000,
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  ...overrides,
});
const periodOver = new Date('2026-12-05T00:00:00Z');
const halfway = new Date('2026-11-16T00:00:00Z');

describe('Function: elapsedShare', () => {
  it.each([
    ['2026-10-20T00:00:00Z', 0],
    ['2026-11-01T00:00:00Z', 0],
    ['2026-11-16T00:00:00Z', 0.5],
    ['2026-12-01T00:00:00Z', 1],
    ['2027-01-01T00:00:00Z', 1],
  ])('at %s is %d of 1–30 November (end date inclusive)', (now, share) => {
    expect(elapsedShare('2026-11-01', '2026-11-30', new Date(now))).toBeCloseTo(share, 10);
  });
});

describe('Function: overrunSignal', () => {
  it.each([
    [5_000, undefined],
    [10_500, undefined],
    // Exactly on the 10 % warning line is still within it: the line reads "more than 10 % over plan".
    [11_000, undefined],
    [11_001, 'yellow'],
    [11_500, 'yellow'],
    [12_500, 'yellow'],
    [12_501, 'red'],
    // The README's quick start: 30 % over plan is a red case.
    [13_000, 'red'],
  ])('grades %d spent against a plan of 10,000 as %s', (actualSpend, level) => {
    // Act
    const signal = overrunSignal(spend({ actualSpend }), DEFAULT_SPEND_THRESHOLDS, periodOver);

    // Assess
    expect(signal && gradeSignal(DEFAULT_MATRIX, signal).level).toBe(level);
  });

  it('states the numbers in metrics and in the message', () => {
    // Act
    const signal = overrunSignal(spend({ actualSpend: 13_000 }), DEFAULT_SPEND_THRESHOLDS, periodOver);

    // Assess
    expect(signal).toMatchObject({ ruleId: 'spend.overrun', riskType: 'budget' });
    expect(signal?.metrics).toMatchObject({ plannedBudget: 10_000, actualSpend: 13_000, elapsedShare: 1 });
    expect(signal?.metrics?.overrunRatio).toBeCloseTo(0.3, 10);
    expect(signal?.message).toContain('13,000 USD');
    expect(signal?.message).toContain('10,000 USD');
    expect(signal?.message).toContain('30 % over plan');
    expect(signal?.message).toContain('warning line 10 %');
  });

  it('follows configured bands', () => {
    // Prepare
    const strict = {
      ...DEFAULT_SPEND_THRESHOLDS,
      overrunBands: [{ above: 0.02, probability: 'high', impact: 'severe' }],
    } as const;

    // Act
    const signal = overrunSignal(spend({ actualSpend: 10_500 }), strict, periodOver);

    // Assess
    expect(signal && gradeSignal(DEFAULT_MATRIX, signal).level).toBe('red');
  });
});

describe('Function: pacingSignal', () => {
  it.each([
    ['halfway with 60 % spent (projected +20 %)', 6_000, halfway, 'yellow'],
    ['halfway with 50 % spent (on plan)', 5_000, halfway, undefined],
    ['a week in with 25 % spent (projected +8 %)', 2_500, new Date('2026-11-08T00:00:00Z'), undefined],
    ['late in the period with 95 % spent', 9_500, new Date('2026-11-25T00:00:00Z'), 'red'],
    ['early in the period: too noisy to forecast', 1_000, new Date('2026-11-03T00:00:00Z'), undefined],
    ['after the period ended', 9_000, periodOver, undefined],
    ['when spend already crossed the line (overrun says more)', 12_000, halfway, undefined],
  ])('%s → %s', (_case, actualSpend, now, level) => {
    // Act
    const signal = pacingSignal(spend({ actualSpend }), DEFAULT_SPEND_THRESHOLDS, now);

    // Assess
    expect(signal && gradeSignal(DEFAULT_MATRIX, signal).level).toBe(level);
  });

  it('states plan, actual, projection and elapsed share', () => {
    // Act
    const signal = pacingSignal(spend({ actualSpend: 6_000 }), DEFAULT_SPEND_THRESHOLDS, halfway);

    // Assess
    expect(signal?.metrics).toMatchObject({
      plannedBudget: 10_000,
      actualSpend: 6_000,
      elapsedShare: 0.5,
      projectedSpend: 12_000,
    });
    expect(signal?.message).toContain('12,000 USD');
    expect(signal?.message).toContain('50 % of the period elapsed');
  });
});

const baselineAt = (costPerAcquisition: number, overrides: Partial<SpendBaseline> = {}): SpendBaseline => ({
  kind: 'spend',
  version: 1,
  costPerAcquisition,
  variance: 0,
  observations: 5,
  periodStart: '2026-10-01',
  lastSpend: 0,
  lastConversions: 0,
  updatedAt: '2026-11-10T00:00:00Z',
  ...overrides,
});

describe('Function: cpaSpikeSignal', () => {
  it.each([
    ['no baseline yet', undefined, undefined, 40],
    ['a baseline still learning', undefined, baselineAt(50, { observations: 2 }), 40],
    ['too few conversions', undefined, baselineAt(50), 10],
    ['CPA at 1.25× baseline', undefined, baselineAt(100), 40],
    ['CPA at 2.5× baseline', 'channel', baselineAt(50), 40],
  ])('%s → %s', (_case, riskType, baseline, conversions) => {
    // Act
    const signal = cpaSpikeSignal(
      spend({ actualSpend: 5_000, conversions }),
      DEFAULT_SPEND_THRESHOLDS,
      baseline,
    );

    // Assess
    expect(signal?.riskType).toBe(riskType);
  });

  it('judges the conversions since the last report of the same period, where a spike shows', () => {
    // Prepare: 4,000 for 80 conversions so far (CPA 50); then 1,000 more for only 10 (CPA 100).
    const baseline = baselineAt(50, { periodStart: '2026-11-01', lastSpend: 4_000, lastConversions: 60 });

    // Act
    const signal = cpaSpikeSignal(
      spend({ actualSpend: 6_000, conversions: 80 }),
      DEFAULT_SPEND_THRESHOLDS,
      baseline,
    );

    // Assess: 2,000 for 20 conversions since the last report is a CPA of 100, 2× the usual 50.
    expect(signal?.metrics).toMatchObject({
      costPerAcquisition: 100,
      baselineCostPerAcquisition: 50,
      cpaRatio: 2,
      conversions: 20,
      plannedBudget: 10_000,
      actualSpend: 6_000,
    });
    expect(signal?.message).toContain(
      '100 USD since the last report (20 conversions), 2.0× its usual 50 USD',
    );
  });
});

describe('Function: spendSignals', () => {
  it('reports nothing for spend on plan', () => {
    expect(spendSignals(spend({ actualSpend: 5_000 }), DEFAULT_SPEND_THRESHOLDS, { now: halfway })).toEqual(
      [],
    );
  });
});

describe('Function: validateSpendThresholds', () => {
  it.each([
    ['no bands', { overrunBands: [] }, 'at least one band'],
    [
      'descending bands',
      { overrunBands: [DEFAULT_SPEND_THRESHOLDS.overrunBands[1], DEFAULT_SPEND_THRESHOLDS.overrunBands[0]] },
      'strictly ascending',
    ],
    [
      'an unknown grade',
      { overrunBands: [{ above: 0.1, probability: 'often', impact: 'moderate' }] },
      'overrunBands[0].probability',
    ],
    ['a pacing share above 1', { pacing: [{ from: 1.5, probability: 'low' }] }, 'pacing[0].from'],
  ])('rejects %s', (_case, override, message) => {
    const thresholds = {
      ...DEFAULT_SPEND_THRESHOLDS,
      ...override,
    } as unknown as typeof DEFAULT_SPEND_THRESHOLDS;
    expect(() => validateSpendThresholds(thresholds)).toThrow(InvalidRiskConfigError);
    expect(() => validateSpendThresholds(thresholds)).toThrow(message);
  });

  it('accepts the defaults', () => {
    expect(validateSpendThresholds(DEFAULT_SPEND_THRESHOLDS)).toBe(DEFAULT_SPEND_THRESHOLDS);
  });
});
