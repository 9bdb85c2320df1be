import { describe, expect, it } from 'vitest';
import { countAtMost } from '#shared/domain/claims/sorted.ts';

describe('Function: countAtMost', () => {
  it('counts the keys at most the value, ties and both ends included', () => {
    // Prepare
    const keys = [1, 4, 4, 9];
    const keyAt = (k: number): number => keys[k] ?? 0;

    // Act
    const counts = [0, 1, 3, 4, 8, 9, 10].map((value) => countAtMost(keys.length, keyAt, value));

    // Assess
    expect(counts).toEqual([0, 1, 1, 3, 3, 4, 4]);
  });

  it('reads only the first `length` keys', () => {
    // Prepare
    const keys = [2, 3, 5, 7];

    // Act
    const count = countAtMost(2, (k) => keys[k] ?? 0, 6);

    // Assess
    expect(count).toBe(2);
  });
});
