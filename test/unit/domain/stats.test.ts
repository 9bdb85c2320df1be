import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betaBinomialUpperTail,
  betaQuantile,
  logGamma,
  negativeBinomialCdf,
  normalCdf,
  normalQuantile,
  regularizedBeta,
} from '#shared/domain/stats.ts';

/** ln C(n, k) by brute force. */
const logChoose = (n: number, k: number): number => {
  let sum = 0;
  for (let i = 1; i <= k; i += 1) sum += Math.log((n - k + i) / i);
  return sum;
};

describe('Function: logGamma', () => {
  it.each([
    [1, 0],
    [5, Math.log(24)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [171, 706.573_062_245_787_4],
  ])('ln Γ(%d) = %d', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 6);
  });
});

describe('Function: regularizedBeta', () => {
  it.each([
    [0.5, 2, 2, 0.5],
    [0.3, 1, 1, 0.3],
    // I_x(a, 1) = x^a
    [0.7, 3, 1, 0.343],
  ])('I_%d(%d, %d) = %d', (x, a, b, expected) => {
    expect(regularizedBeta(x, a, b)).toBeCloseTo(expected, 10);
  });
});

describe('Function: normalCdf and normalQuantile', () => {
  it.each([
    [1.959_964, 0.975],
    [0, 0.5],
    [-6, 9.865_876e-10],
  ])('Φ(%d) ≈ %d (relative error below 1e-6)', (z, p) => {
    expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-6);
  });

  it('inverts each other', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
      }),
    );
  });
});

describe('Function: negativeBinomialCdf', () => {
  it('is the Poisson when the shape is huge: P(0 | mean 10) = e^-10', () => {
    expect(negativeBinomialCdf(0, 10, 1e12) / Math.exp(-10)).toBeCloseTo(1, 4);
  });

  it('matches the sum of its probabilities', () => {
    // P(X = k) = C(k + r − 1, k) p^r (1 − p)^k with p = r / (r + mean).
    const [mean, r] = [30, 5];
    const p = r / (r + mean);
    let sum = 0;
    for (let k = 0; k <= 12; k += 1)
      sum += Math.exp(logChoose(k + r - 1, k) + r * Math.log(p) + k * Math.log(1 - p));
    expect(negativeBinomialCdf(12, mean, r)).toBeCloseTo(sum, 10);
  });
});

describe('Function: betaBinomialUpperTail', () => {
  it('is the binomial tail when there is no extra variation', () => {
    const [n, p, x] = [100, 0.1, 30];
    let tail = 0;
    for (let k = x; k <= n; k += 1)
      tail += Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
    expect(betaBinomialUpperTail(x, n, p, 1e-9) / tail).toBeCloseTo(1, 4);
  });

  it('is less surprised when windows vary more (overdispersion widens the tail)', () => {
    expect(betaBinomialUpperTail(30, 100, 0.1, 0.01)).toBeGreaterThan(
      betaBinomialUpperTail(30, 100, 0.1, 0.001),
    );
  });

  it('agrees across the exact and the approximate regime (5,000 vs 5,001 mentions)', () => {
    const exact = betaBinomialUpperTail(650, 5_000, 0.1, 0.002);
    const approximate = betaBinomialUpperTail(650 * (5_001 / 5_000), 5_001, 0.1, 0.002);
    expect(Math.log10(approximate)).toBeCloseTo(Math.log10(exact), 0);
  });
});

describe('Function: betaQuantile', () => {
  it('inverts the regularised incomplete beta', () => {
    const q = betaQuantile(0.05, 30.5, 70.5);
    expect(regularizedBeta(q, 30.5, 70.5)).toBeCloseTo(0.05, 10);
  });
});

describe('Property: every function is total', () => {
  const anyNumber = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -0, 1, -1, 1e-300, 1e300, 1e13, Number.NaN, Number.POSITIVE_INFINITY),
  );
  it('returns a finite number, and a probability in [0, 1] where it is one', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, anyNumber, (a, b, c, d) => {
        for (const p of [
          regularizedBeta(a, b, c),
          normalCdf(a),
          negativeBinomialCdf(a, b, c),
          betaBinomialUpperTail(a, Math.min(Math.abs(b), 1e9), c, d),
          betaQuantile(a, Math.abs(b) + 1e-3, Math.abs(c) + 1e-3),
        ]) {
          expect(Number.isFinite(p)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect(Number.isFinite(logGamma(a))).toBe(true);
        expect(Number.isFinite(normalQuantile(a))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
