import { MAX_BODY_BYTES } from '#functions/input.ts';
import { backoffDelay } from '#shared/backoff.ts';
import { UsageError } from '#shared/errors.ts';
import type { Assessment } from '#shared/schemas/assessment.ts';
import { BatchResponseSchema } from '#shared/schemas/cases.ts';
import { type AdCopyEvent, MAX_EVENTS_PER_REQUEST } from '#shared/schemas/events.ts';
import type { CliIo } from '../io.ts';
import { DEFAULT_RETRY, type RetryPolicy, retryAfterMs } from '../push/retry.ts';
import {
  freshTimestamp,
  isReplay,
  isTransient,
  networkReason,
  postSigned,
  problemDetail,
  refusalHint,
  type Target,
} from '../push/signed-request.ts';

/** The route that assesses without storing: the rules in force on the server, nothing written. */
export const EVALUATE_PATH = '/v1/evaluate';

/**
 * A check waits less than a push: nothing is lost by stopping, and a CI step should say quickly that the
 * server is down. The backoff itself is the product's one rule.
 */
export const CHECK_RETRY: RetryPolicy = { ...DEFAULT_RETRY, attempts: 3 };

/**
 * The server could not check the copy: unreachable, refusing the credentials, or failing. Exit code 3:
 * nothing is wrong with the copy, run again once the server or the credentials are fixed.
 */
export class ServerUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServerUnavailableError';
  }
}

/** Splits the events into requests the API accepts (at most 100 events and 256 KB each), in order. */
export const planRequests = (events: readonly AdCopyEvent[]): AdCopyEvent[][] => {
  const envelope = Buffer.byteLength('{"events":[]}');
  const requests: AdCopyEvent[][] = [];
  let current: AdCopyEvent[] = [];
  let bytes = envelope;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event)) + 1;
    if (current.length > 0 && (current.length === MAX_EVENTS_PER_REQUEST || bytes + size > MAX_BODY_BYTES)) {
      requests.push(current);
      current = [];
      bytes = envelope;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
};

/**
 * One request to `POST /v1/evaluate`, signed anew on every attempt, retrying 429, 5xx, a replayed
 * signature and network failures. A 400 (the server's contract refused the copy) is a usage error with
 * its field errors, named by `describe` (the copy's file); anything else it cannot get past is a
 * {@link ServerUnavailableError}.
 */
const evaluateRequest = async (input: {
  readonly io: CliIo;
  readonly target: Target;
  readonly events: readonly AdCopyEvent[];
  readonly retry: RetryPolicy;
  readonly describe: (path: string) => string;
}): Promise<Assessment[]> => {
  const { io, target, events, retry } = input;
  const body = JSON.stringify({ events });
  const endpoint = `${target.url}${EVALUATE_PATH}`;
  let last: number | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const now = await freshTimestamp(io, last);
    last = Math.floor(now.getTime() / 1000);
    let reason: string;
    let atLeast: number | undefined;
    try {
      const response = await postSigned(io, target, EVALUATE_PATH, body, now);
      if (response.status === 200 || response.status === 207) {
        const parsed = BatchResponseSchema.safeParse(await response.json().catch(() => undefined));
        if (!parsed.success)
          throw new ServerUnavailableError(`${endpoint} answered ${response.status} with an unexpected body`);
        const assessments: Assessment[] = [];
        const refused: string[] = [];
        for (const result of parsed.data.results) {
          if (result.status === 'rejected') {
            const issues = result.errors.map((issue) => `${input.describe(issue.path)}: ${issue.message}`);
            refused.push(...issues);
          } else assessments[result.index] = result.assessment;
        }
        if (refused.length > 0)
          throw new UsageError(`The server refused the copy:\n  ${refused.join('\n  ')}`);
        if (assessments.length !== events.length || assessments.some((item) => item === undefined))
          throw new ServerUnavailableError(`${endpoint} did not answer for every copy`);
        return assessments;
      }
      const problem = await problemDetail(response);
      if (response.status === 400 || response.status === 413 || response.status === 422) {
        const issues = problem.errors.map((issue) => `\n  ${input.describe(issue.path)}: ${issue.message}`);
        throw new UsageError(
          `The server refused the copy (HTTP ${response.status}): ${problem.detail}${issues.join('')}`,
        );
      }
      const replayed = isReplay(response.status, problem.type);
      if (!isTransient(response.status) && !replayed) {
        const hint = refusalHint(response.status);
        throw new ServerUnavailableError(
          `HTTP ${response.status} from ${endpoint}: ${problem.detail}${hint}`,
        );
      }
      reason = `HTTP ${response.status}${problem.detail === '' ? '' : `: ${problem.detail}`}`;
      atLeast = retryAfterMs(response.headers.get('retry-after'), io.now());
    } catch (error) {
      if (error instanceof UsageError || error instanceof ServerUnavailableError) throw error;
      reason = networkReason(error, target.url);
    }
    if (attempt >= retry.attempts) {
      throw new ServerUnavailableError(`${reason} — gave up after ${retry.attempts} attempts`);
    }
    await io.sleep(backoffDelay(retry, attempt, io.random(), atLeast));
  }
};

/**
 * The server's assessment of each copy, in order, against the policies in force there (legal's rules
 * and exceptions, the matrix), storing nothing.
 *
 * @throws {ServerUnavailableError} the server cannot be reached, refuses the credentials or keeps failing.
 * @throws {UsageError} the server's contract refuses a copy.
 */
export const evaluateOnServer = async (input: {
  readonly io: CliIo;
  readonly target: Target;
  readonly events: readonly AdCopyEvent[];
  /** Names a field of the request for a person: `events.3.copy.text` → `copy/b.txt: text`. */
  readonly describe: (eventIndex: number, field: string) => string;
  readonly retry?: RetryPolicy;
}): Promise<Assessment[]> => {
  const assessments: Assessment[] = [];
  let offset = 0;
  for (const events of planRequests(input.events)) {
    const first = offset;
    const describe = (path: string): string => {
      const match = /^events\.(\d+)\.?(.*)$/.exec(path);
      return match === null ? path : input.describe(first + Number(match[1]), match[2] ?? '');
    };
    assessments.push(
      ...(await evaluateRequest({
        io: input.io,
        target: input.target,
        events,
        retry: input.retry ?? CHECK_RETRY,
        describe,
      })),
    );
    offset += events.length;
  }
  return assessments;
};
