/**
 * Exponential backoff with full jitter, the one retry-delay rule of the product (the local stream poller,
 * the `risk-radar push` command and ingest's optimistic-concurrency retries): attempt n waits a random
 * time up to `baseMs × 2^(n−1)`, capped at `maxMs`, so many clients failing together do not come back
 * together ("Exponential Backoff And Jitter", AWS Architecture Blog).
 */
export interface BackoffPolicy {
  /** The ceiling of the first retry's delay. */
  readonly baseMs: number;
  /** No delay is ever longer than this. */
  readonly maxMs: number;
}

/**
 * The delay before retry `attempt` (1 for the first retry). `random` is in [0, 1) (`Math.random()` unless
 * a test fixes it); `atLeastMs` (a server's `Retry-After`) is honoured when longer, within the cap.
 *
 * @example backoffDelay({ baseMs: 500, maxMs: 30_000 }, 3, 0.5) // 1000 (half of 500 × 2²)
 */
export const backoffDelay = (
  policy: BackoffPolicy,
  attempt: number,
  random: number = Math.random(),
  atLeastMs?: number,
): number => {
  // 2 ** 1100 is Infinity: clamp the exponent so a long outage keeps a finite, capped delay.
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 52));
  const jittered = Math.round(ceiling * random);
  return atLeastMs === undefined ? jittered : Math.min(policy.maxMs, Math.max(jittered, atLeastMs));
};
