import type { z } from 'zod';
import type { FieldIssue } from '#shared/errors.ts';
import { BatchResponseSchema } from '#shared/schemas/cases.ts';
import type { CliIo } from '../io.ts';
import { backoffDelay, type RetryPolicy, retryAfterMs } from './retry.ts';
import {
  freshTimestamp,
  isReplay,
  isTransient,
  networkReason,
  postSigned,
  problemDetail,
  refusalHint,
  type Target,
} from './signed-request.ts';

export type { Target } from './signed-request.ts';

export type EventResult = z.infer<typeof BatchResponseSchema>['results'][number];

export type BatchOutcome =
  /** 200 or 207: one result per event. */
  | { readonly kind: 'answered'; readonly results: readonly EventResult[] }
  /** 400: no event of the batch was valid; nothing was stored. */
  | { readonly kind: 'refused'; readonly detail: string; readonly errors: readonly FieldIssue[] }
  /** 413: the batch must be split. */
  | { readonly kind: 'too-large'; readonly detail: string }
  /**
   * Not delivered: refused for good (credentials, a wrong URL), or a transient failure that outlasted
   * every retry (`transient`: running again later may succeed).
   */
  | { readonly kind: 'failed'; readonly reason: string; readonly transient: boolean };

export interface RetryNotice {
  readonly attempt: number;
  readonly attempts: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** Seconds over which pushers whose signatures collided spread their next attempts. */
const REPLAY_SPREAD_SECONDS = 4;

/**
 * Sends one batch to `POST /v1/events`, signed anew on every attempt (a signature is accepted once), and
 * retries 429, 5xx and network failures with exponential backoff and jitter. Re-sending is safe: events
 * are idempotent by `eventId`.
 */
export const sendBatch = async (input: {
  readonly io: CliIo;
  readonly target: Target;
  readonly body: string;
  readonly retry: RetryPolicy;
  readonly onRetry?: (notice: RetryNotice) => void;
}): Promise<BatchOutcome> => {
  const { io, target, body, retry } = input;
  const path = '/v1/events';
  const endpoint = `${target.url.replace(/\/+$/, '')}${path}`;
  let lastSecond: number | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const now = await freshTimestamp(io, lastSecond);
    lastSecond = Math.floor(now.getTime() / 1000);
    let reason: string;
    let waitAtLeast: number | undefined;
    try {
      const response = await postSigned(io, target, path, body, now);
      if (response.status === 200 || response.status === 207) {
        const parsed = BatchResponseSchema.safeParse(await response.json().catch(() => undefined));
        if (parsed.success) return { kind: 'answered', results: parsed.data.results };
        return {
          kind: 'failed',
          reason: `${endpoint} answered ${response.status} with an unexpected body`,
          transient: false,
        };
      }
      if (response.status === 400) return { kind: 'refused', ...(await problemDetail(response)) };
      if (response.status === 413)
        return { kind: 'too-large', detail: (await problemDetail(response)).detail };
      const { type, detail } = await problemDetail(response);
      if (!isTransient(response.status) && !isReplay(response.status, type)) {
        const hint = refusalHint(response.status);
        return {
          kind: 'failed',
          reason: `HTTP ${response.status} from ${endpoint}: ${detail}${hint}`,
          transient: false,
        };
      }
      reason = `HTTP ${response.status}${detail === '' ? '' : `: ${detail}`}`;
      waitAtLeast = retryAfterMs(response.headers.get('retry-after'), io.now());
      if (isReplay(response.status, type)) {
        // Another pusher is sending this very body: waiting for "the next second" as it does would sign
        // the same bytes again. A random whole number of seconds lets the two part ways.
        waitAtLeast = (waitAtLeast ?? 0) + 1000 * Math.floor(io.random() * REPLAY_SPREAD_SECONDS);
      }
    } catch (error) {
      reason = networkReason(error, target.url);
    }
    if (attempt >= retry.attempts) {
      return {
        kind: 'failed',
        reason: `${reason} — gave up after ${retry.attempts} attempts`,
        transient: true,
      };
    }
    const delayMs = backoffDelay(retry, attempt, io.random(), waitAtLeast);
    input.onRetry?.({ attempt, attempts: retry.attempts, delayMs, reason });
    await io.sleep(delayMs);
  }
};
