import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Request signing for pushers, in the style of Stripe's webhooks: the client sends
 * `x-radar-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Signing the raw
 * body (not a re-serialisation) means any byte changed in transit breaks the signature.
 */

export const SIGNATURE_HEADER = 'x-radar-signature';
export const CLIENT_HEADER = 'x-radar-client';

/** How far a signature's timestamp may lag (replays) or lead (clock skew) the server's clock. */
export const SIGNATURE_TOLERANCE = { pastSeconds: 300, futureSeconds: 30 } as const;

export interface ParsedSignature {
  readonly timestamp: number;
  readonly digests: readonly string[];
}

/** Why a signature was refused; only a `mismatch` can be cured by a newer secret. */
export type SignatureProblem = 'missing' | 'malformed' | 'too-old' | 'in-future' | 'mismatch';

export type SignatureCheck =
  | { readonly ok: true; readonly timestamp: number; readonly replayKey: string }
  | { readonly ok: false; readonly problem: SignatureProblem; readonly reason: string };

/**
 * @example parseSignatureHeader('t=1700000000,v1=ab12') // { timestamp: 1700000000, digests: ['ab12'] }
 */
export const parseSignatureHeader = (header: string): ParsedSignature | undefined => {
  let timestamp: number | undefined;
  const digests: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value))
      digests.push(value.toLowerCase());
  }
  return timestamp === undefined || digests.length === 0 ? undefined : { timestamp, digests };
};

/** The hex HMAC a client sends for `body` at `timestamp`. */
export const signPayload = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/**
 * A complete header value for a request body, for clients, the CLI and tests.
 * @example signatureHeader('s3cret', '{"eventId":"e-1"}', new Date()) // 't=…,v1=…'
 */
export const signatureHeader = (secret: string, body: string, now: Date): string => {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
};

const sameDigest = (expectedHex: string, givenHex: string): boolean => {
  const expected = Buffer.from(expectedHex, 'hex');
  const given = Buffer.from(givenHex, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
};

/**
 * Verifies a signature header against the raw body. Pure: the clock and the secrets are arguments. A
 * client has one secret, or two while it rotates; a signature made with either is valid. The returned
 * `replayKey` identifies this signature so the caller can refuse a second use of it.
 *
 * @example
 * verifySignature({ header, body, secrets: ['new-secret', 'old-secret'], now: new Date() }).ok; // true
 */
export const verifySignature = (input: {
  readonly header: string | undefined;
  readonly body: string;
  readonly secrets: readonly string[];
  readonly now: Date;
}): SignatureCheck => {
  if (input.header === undefined) {
    return { ok: false, problem: 'missing', reason: `Missing ${SIGNATURE_HEADER} header` };
  }
  const parsed = parseSignatureHeader(input.header);
  if (parsed === undefined) {
    return {
      ok: false,
      problem: 'malformed',
      reason: `Malformed ${SIGNATURE_HEADER} header: expected t=<unix seconds>,v1=<hex sha256>`,
    };
  }
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (parsed.timestamp < nowSeconds - SIGNATURE_TOLERANCE.pastSeconds) {
    return {
      ok: false,
      problem: 'too-old',
      reason: 'Signature timestamp is too old; sign each request when sending it',
    };
  }
  if (parsed.timestamp > nowSeconds + SIGNATURE_TOLERANCE.futureSeconds) {
    return {
      ok: false,
      problem: 'in-future',
      reason: 'Signature timestamp is in the future; check the client clock',
    };
  }
  for (const secret of input.secrets) {
    if (secret.length === 0) continue;
    const expected = signPayload(secret, parsed.timestamp, input.body);
    const match = parsed.digests.find((digest) => sameDigest(expected, digest));
    if (match !== undefined) {
      return {
        ok: true,
        timestamp: parsed.timestamp,
        replayKey: createHash('sha256').update(`${parsed.timestamp}.${match}`).digest('hex'),
      };
    }
  }
  return { ok: false, problem: 'mismatch', reason: 'Signature does not match the request body' };
};
