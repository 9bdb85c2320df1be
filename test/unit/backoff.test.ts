import { describe, expect, it } from 'vitest';
import { backoffDelay } from '#shared/backoff.ts';

const POLICY = { baseMs: 100, maxMs: 1_000 } as const;

describe('Function: backoffDelay', () => {
  it.each([
    { attempt: 1, random: 0.999, expected: 100 },
    { attempt: 2, random: 0.5, expected: 100 },
    { attempt: 4, random: 0.5, expected: 400 },
    { attempt: 5, random: 0.999, expected: 999 },
    { attempt: 50, random: 0.5, expected: 500 },
    { attempt: 5_000, random: 0.5, expected: 500 },
  ])(
    'waits a random share of min(cap, base × 2^(attempt−1)) before retry $attempt',
    ({ attempt, random, expected }) => {
      // Act
      const delay = backoffDelay(POLICY, attempt, random);

      // Assess
      expect(delay).toBe(expected);
    },
  );

  it('waits nothing when the jitter draws zero (full jitter, not equal jitter)', () => {
    expect(backoffDelay(POLICY, 3, 0)).toBe(0);
  });

  it('honours a longer Retry-After, within the cap', () => {
    expect(backoffDelay(POLICY, 1, 0.5, 700)).toBe(700);
    expect(backoffDelay(POLICY, 1, 0.5, 60_000)).toBe(1_000);
  });

  it('stays finite and capped however long an outage lasts', () => {
    const delays = Array.from({ length: 2_000 }, (_, index) => backoffDelay(POLICY, index + 1));
    expect(delays.every((delay) => Number.isFinite(delay) && delay >= 0 && delay <= POLICY.maxMs)).toBe(true);
  });
});
