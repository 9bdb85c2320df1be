import type { z } from 'zod';
import { CLIENT_HEADER, SIGNATURE_HEADER, signRequest } from '#shared/auth/signature.ts';
import type { FieldIssue } from '#shared/errors.ts';
import { PROBLEM_TYPES } from '#shared/problem.ts';
import { BatchResponseSchema, ProblemSchema } from '#shared/schemas/cases.ts';
import type { CliIo } from '../io.ts';
import { backoffDelay, type RetryPolicy, retryAfterMs } from './retry.ts';

/** Where events go and as whom. */
export interface Target {
  /** Base URL of the API, without `/v1`. */
  readonly url: string;
  readonly clientId: string;
  readonly secret: string;
}

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

/** Per attempt: a server that accepts the connection but never answers must not hang the push. */
const REQUEST_TIMEOUT_MS = 30_000;

const networkReason = (error: unknown, url: string): string => {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return `no answer from ${url} within ${REQUEST_TIMEOUT_MS / 1000} s`;
  if (code === 'ECONNREFUSED') return `connection refused by ${url} (is the server running?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host of ${url} not found`;
  if (code === 'ECONNRESET') return `connection to ${url} reset`;
  const message =
    cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return `cannot reach ${url}: ${message}`;
};

const problemDetail = async (
  response: Response,
): Promise<{ type?: string; detail: string; errors: FieldIssue[] }> => {
  const text = await response.text();
  try {
    const problem = ProblemSchema.safeParse(JSON.parse(text));
    if (problem.success)
      return { type: problem.data.type, detail: problem.data.detail, errors: problem.data.errors ?? [] };
  } catch {
    // Not JSON: a proxy's error page, say. Fall through to the raw text.
  }
  return { detail: text.trim().slice(0, 200) || response.statusText, errors: [] };
};

/** Seconds over which pushers whose signatures collided spread their next attempts. */
const REPLAY_SPREAD_SECONDS = 4;

const isTransient = (status: number): boolean => status === 429 || status >= 500;

/**
 * The same body signed in the same second gives the same signature, which the API accepts once: another
 * push of the same file a moment earlier (or a retry the server did receive) makes it look like a replay.
 * Signing again in a later second fixes it, so this 401 is retried; every other 401 is final.
 */
const isReplay = (status: number, type: string | undefined): boolean =>
  status === 401 && type === PROBLEM_TYPES.signatureReplayed;

/** Waits past the second of the last signature: the same body signed in the same second is a replay. */
const freshTimestamp = async (io: CliIo, lastSecond: number | undefined): Promise<Date> => {
  let now = io.now();
  while (lastSecond !== undefined && Math.floor(now.getTime() / 1000) <= lastSecond) {
    await io.sleep(1000 - (now.getTime() % 1000));
    now = io.now();
  }
  return now;
};

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
      const response = await io.fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CLIENT_HEADER]: target.clientId,
          // v2 binds the signature to the method and the route's path as well as the body.
          [SIGNATURE_HEADER]: signRequest(target.secret, { method: 'POST', path, body }, now),
        },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
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
        const hint =
          response.status === 401 || response.status === 403
            ? ' (check --client and --secret, or RADAR_CLIENT_ID and RADAR_CLIENT_SECRET)'
            : response.status === 404
              ? ' (check --url: it is the base URL, without /v1)'
              : '';
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
