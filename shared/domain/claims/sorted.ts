/**
 * How many of the first `length` keys, in ascending order, are at most `value`: the index of the first key
 * above it (an upper bound), in O(log length). `keyAt(k)` reads the k-th key.
 *
 * @example
 * countAtMost(3, (k) => [1, 4, 4][k] ?? 0, 4); // 3
 * countAtMost(3, (k) => [1, 4, 4][k] ?? 0, 3); // 1
 */
export const countAtMost = (length: number, keyAt: (index: number) => number, value: number): number => {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
