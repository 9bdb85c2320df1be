import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIGNATURE_HEADER, verifySignature } from '#shared/auth/signature.ts';
import { readBody } from './read-body.ts';
import type { SiteHandler } from './static-site.ts';

/**
 * The customer's automation endpoint, stubbed on the local stack (README "Guarded actions"): the local
 * default AUTOMATION_WEBHOOK_URL points here, so `npm start` + demo shows an approved action carried out.
 *
 * - `POST /_local/automation`: a delivery. Its signature is checked as a customer would (shared/auth/signature.ts,
 *   the `v2` scheme over `<t>.POST./_local/automation.<body>`); it answers 200, 401 for a bad signature, or 503
 *   while failures are queued. Every call is recorded, and appended to `automation.jsonl` in the data dir.
 * - `GET /_local/automation`: what was received, oldest first, and how many failures are still queued.
 * - `POST /_local/automation/fail?times=N`: the next N deliveries answer 503 (tests of the retries).
 * - `DELETE /_local/automation`: forgets what was received and the queued failures.
 */

export const AUTOMATION_PATH = '/_local/automation';

export interface ReceivedDelivery {
  readonly receivedAt: string;
  /** What the stub answered. */
  readonly status: number;
  readonly signatureValid: boolean;
  readonly idempotencyKey?: string;
  readonly action?: string;
  readonly body: unknown;
}

const MAX_BODY_BYTES = 64 * 1024;
/** Recent deliveries kept in memory: a long-running stack does not grow without end. */
const MAX_KEPT = 1_000;

const answer = (response: ServerResponse, status: number, value: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
};

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const parsed = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

export const createAutomationReceiver = (options: {
  /** The secret deliveries are signed with (AUTOMATION_SECRET). */
  readonly secret: string;
  /** Appends each delivery as a JSON line; none in memory-only runs. */
  readonly file?: string;
}): SiteHandler => {
  const received: ReceivedDelivery[] = [];
  let failures = 0;

  const deliver = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = (await readBody(request, MAX_BODY_BYTES)) ?? '';
    const check = verifySignature({
      header: header(request, SIGNATURE_HEADER),
      request: { method: 'POST', path: AUTOMATION_PATH, body },
      secrets: [options.secret],
      now: new Date(),
    });
    const status = !check.ok ? 401 : failures > 0 ? 503 : 200;
    if (check.ok && failures > 0) failures -= 1;
    const idempotencyKey = header(request, 'idempotency-key');
    const action = header(request, 'x-radar-action');
    const delivery: ReceivedDelivery = {
      receivedAt: new Date().toISOString(),
      status,
      signatureValid: check.ok,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      ...(action === undefined ? {} : { action }),
      body: parsed(body),
    };
    received.push(delivery);
    if (received.length > MAX_KEPT) received.shift();
    if (options.file !== undefined) appendFileSync(options.file, `${JSON.stringify(delivery)}\n`);
    answer(
      response,
      status,
      status === 200 ? { received: true } : { error: check.ok ? 'unavailable' : check.reason },
    );
  };

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://local');
    if (url.pathname !== AUTOMATION_PATH && url.pathname !== `${AUTOMATION_PATH}/fail`) return false;
    if (url.pathname === `${AUTOMATION_PATH}/fail` && request.method === 'POST') {
      const times = Number(url.searchParams.get('times') ?? '1');
      if (!Number.isInteger(times) || times < 0 || times > 1000) {
        answer(response, 400, { error: 'times must be a whole number in [0, 1000]' });
        return true;
      }
      failures = times;
      answer(response, 200, { failNext: failures });
      return true;
    }
    if (url.pathname === AUTOMATION_PATH && request.method === 'GET') {
      answer(response, 200, { deliveries: received, failNext: failures });
      return true;
    }
    if (url.pathname === AUTOMATION_PATH && request.method === 'DELETE') {
      received.length = 0;
      failures = 0;
      answer(response, 200, { deliveries: [], failNext: 0 });
      return true;
    }
    if (url.pathname === AUTOMATION_PATH && request.method === 'POST') {
      deliver(request, response).catch((error: unknown) => {
        answer(response, 500, { error: error instanceof Error ? error.message : String(error) });
      });
      return true;
    }
    answer(response, 405, { error: 'GET, POST or DELETE' });
    return true;
  };
};
