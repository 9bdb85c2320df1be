/** How hard to try a request that failed for a reason that may pass (429, 5xx, the network). */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 30_000 };

/**
 * Exponential backoff with full jitter (a random delay up to base × 2^(attempt−1), capped), so that many
 * pushers failing together do not come back together. A server's `Retry-After` is honoured when longer.
 *
 * @example backoffDelay(DEFAULT_RETRY, 3, 0.5) // 1000 (half of 500 × 2²)
 */
export const backoffDelay = (
  policy: RetryPolicy,
  attempt: number,
  random: number,
  retryAfterMs?: number,
): number => {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling * random);
  return retryAfterMs === undefined ? jittered : Math.min(policy.maxMs, Math.max(jittered, retryAfterMs));
};

/**
 * A `Retry-After` header in milliseconds: delay-seconds or an HTTP date.
 * @example retryAfterMs('2', new Date()) // 2000
 */
export const retryAfterMs = (header: string | null, now: Date): number | undefined => {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
};
