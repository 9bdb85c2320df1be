import { SIGNATURE_HEADER, signRequest } from '#shared/auth/signature.ts';
import { type BackoffPolicy, backoffDelay } from '#shared/backoff.ts';
import { type ActionRequest, webhookBodyOf } from '#shared/domain/actions.ts';
import type { ActionDelivery, ActionDeliveryResult } from '#shared/ports.ts';

/**
 * The customer's automation endpoint, called for an approved action: `POST <url>` with the JSON body
 * `webhookBodyOf(request)`, signed like our own ingest (shared/auth/signature.ts, `v2` over
 * `<t>.POST.<url path>.<body>`), so a customer verifies it with the same code a pusher signs with.
 */

/** The idempotency key header: the action id, the same on every retry and redelivery. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The signature's timestamp again, in seconds, for receivers that log or check it on its own. */
export const TIMESTAMP_HEADER = 'x-radar-timestamp';
/** The action's kind, so a receiver can route without parsing the body. */
export const ACTION_HEADER = 'x-radar-action';

/** The one retry policy of action deliveries (README "Guarded actions"). */
export const ACTION_DELIVERY = {
  /** Calls at most, the first included. */
  maxAttempts: 5,
  /** How long one call may take before it counts as a timeout (retried). */
  timeoutMs: 5_000,
  backoff: { baseMs: 500, maxMs: 4_000 } satisfies BackoffPolicy,
} as const;

export interface WebhookTarget {
  readonly url: string;
  readonly secret: () => Promise<string>;
}

export interface WebhookOptions {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  readonly backoff?: BackoffPolicy;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** 5xx answers, timeouts and network errors are worth another try; any other answer is final. */
const retryable = (status: number): boolean => status >= 500;

/** The headers of one signed call (a fresh timestamp per attempt: a receiver refuses old signatures). */
export const webhookHeaders = (
  request: ActionRequest,
  url: string,
  body: string,
  secret: string,
  now: Date,
): Record<string, string> => {
  const signature = signRequest(secret, { method: 'POST', path: new URL(url).pathname, body }, now);
  return {
    'content-type': 'application/json',
    [SIGNATURE_HEADER]: signature,
    [TIMESTAMP_HEADER]: String(Math.floor(now.getTime() / 1000)),
    [IDEMPOTENCY_HEADER]: request.actionId,
    [ACTION_HEADER]: request.kind,
  };
};

export class WebhookActionDelivery implements ActionDelivery {
  readonly #target: WebhookTarget;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => Date;
  readonly #random: () => number;
  readonly #maxAttempts: number;
  readonly #timeoutMs: number;
  readonly #backoff: BackoffPolicy;

  constructor(target: WebhookTarget, options: WebhookOptions = {}) {
    this.#target = target;
    this.#fetch = options.fetch ?? fetch;
    this.#sleep = options.sleep ?? pause;
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#maxAttempts = options.maxAttempts ?? ACTION_DELIVERY.maxAttempts;
    this.#timeoutMs = options.timeoutMs ?? ACTION_DELIVERY.timeoutMs;
    this.#backoff = options.backoff ?? ACTION_DELIVERY.backoff;
  }

  async deliver(request: ActionRequest): Promise<ActionDeliveryResult> {
    const body = JSON.stringify(webhookBodyOf(request));
    const secret = await this.#target.secret();
    let last: { status?: number; reason: string } = { reason: 'not called' };
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt += 1) {
      if (attempt > 1) await this.#sleep(backoffDelay(this.#backoff, attempt - 1, this.#random()));
      try {
        const response = await this.#fetch(this.#target.url, {
          method: 'POST',
          headers: webhookHeaders(request, this.#target.url, body, secret, this.#now()),
          body,
          signal: AbortSignal.timeout(this.#timeoutMs),
          redirect: 'error',
        });
        // The body is not needed; reading it frees the connection.
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return { ok: true, attempts: attempt, status: response.status };
        last = { status: response.status, reason: `HTTP ${response.status}` };
        if (!retryable(response.status)) return { ok: false, attempts: attempt, ...last };
      } catch (error) {
        const timedOut =
          error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        last = {
          reason: timedOut
            ? `no answer within ${this.#timeoutMs} ms`
            : `network error: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    }
    return { ok: false, attempts: this.#maxAttempts, ...last };
  }
}
