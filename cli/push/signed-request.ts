import { CLIENT_HEADER, SIGNATURE_HEADER, signRequest } from '#shared/auth/signature.ts';
import type { FieldIssue } from '#shared/errors.ts';
import { PROBLEM_TYPES } from '#shared/problem.ts';
import { ProblemSchema } from '#shared/schemas/cases.ts';
import type { CliIo } from '../io.ts';

/**
 * One signed POST to the API as a pusher, and how its failures read: shared by `push` (`POST /v1/events`)
 * and `check --url` (`POST /v1/evaluate`), which keep their own retry loops and answers.
 */

/** Where events go and as whom. */
export interface Target {
  /** Base URL of the API, without `/v1`. */
  readonly url: string;
  readonly clientId: string;
  readonly secret: string;
}

/** Per attempt: a server that accepts the connection but never answers must not hang the command. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Why a request got no answer, in words a person can act on.
 *
 * @example networkReason(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), url) // 'connection refused by … (is the server running?)'
 */
export const networkReason = (error: unknown, url: string): string => {
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

/** What a refusal says: its problem type, detail and field errors. */
export interface ApiProblem {
  readonly type?: string;
  readonly detail: string;
  readonly errors: FieldIssue[];
}

/** The problem+json of a refusal; a proxy's error page is quoted as its detail. */
export const problemDetail = async (response: Response): Promise<ApiProblem> => {
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

export const isTransient = (status: number): boolean => status === 429 || status >= 500;

/**
 * The same body signed in the same second gives the same signature, which the API accepts once: another
 * request with the same body a moment earlier (or a retry the server did receive) makes it look like a
 * replay. Signing again in a later second fixes it, so this 401 is retried; every other 401 is final.
 */
export const isReplay = (status: number, type: string | undefined): boolean =>
  status === 401 && type === PROBLEM_TYPES.signatureReplayed;

/** What to check after a final refusal: the credentials (401, 403) or the URL (404). */
export const refusalHint = (status: number): string =>
  status === 401 || status === 403
    ? ' (check --client and --secret, or RADAR_CLIENT_ID and RADAR_CLIENT_SECRET)'
    : status === 404
      ? ' (check --url: it is the base URL, without /v1)'
      : '';

/** Waits past the second of the last signature: the same body signed in the same second is a replay. */
export const freshTimestamp = async (io: CliIo, lastSecond: number | undefined): Promise<Date> => {
  let now = io.now();
  while (lastSecond !== undefined && Math.floor(now.getTime() / 1000) <= lastSecond) {
    await io.sleep(1000 - (now.getTime() % 1000));
    now = io.now();
  }
  return now;
};

/** POSTs `body` to `path` signed `v2` at `now` (method and path bound to the signature). */
export const postSigned = (
  io: CliIo,
  target: Target,
  path: string,
  body: string,
  now: Date,
): Promise<Response> =>
  io.fetch(`${target.url.replace(/\/+$/, '')}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CLIENT_HEADER]: target.clientId,
      [SIGNATURE_HEADER]: signRequest(target.secret, { method: 'POST', path, body }, now),
    },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
