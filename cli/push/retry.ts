import type { BackoffPolicy } from '#shared/backoff.ts';

/** How hard to try a request that failed for a reason that may pass (429, 5xx, the network). */
export interface RetryPolicy extends BackoffPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 30_000 };

/** The product's one backoff rule (full jitter, capped; a server's `Retry-After` honoured when longer). */
export { backoffDelay } from '#shared/backoff.ts';

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
