import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Request signing for pushers, in the style of Stripe's webhooks, versioned:
 *
 * - `v2` (current): `x-radar-signature: t=<unix seconds>,v2=<hex HMAC-SHA256(secret, "<t>.<METHOD>.<path>.<raw body>")>`,
 *   where `<path>` is the route's path from `/v1` (`/v1/events`), without stage or query string. Binding
 *   the method and path means a signature made for `/v1/evaluate` cannot be replayed on `/v1/events`.
 * - `v1` (deprecated, accepted until {@link V1_ACCEPTED_UNTIL}): `v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 *
 * Signing the raw body (not a re-serialisation) means any byte changed in transit breaks the signature.
 */

export const SIGNATURE_HEADER = 'x-radar-signature';
export const CLIENT_HEADER = 'x-radar-client';

/** How far a signature's timestamp may lag (replays) or lead (clock skew) the server's clock. */
export const SIGNATURE_TOLERANCE = { pastSeconds: 300, futureSeconds: 30 } as const;

/** The last instant a `v1` signature is accepted (README "Signing requests" states the date). */
export const V1_ACCEPTED_UNTIL = new Date('2027-06-30T23:59:59Z');

/** A client has at most this many secrets (the new one and the one it replaces while it rotates). */
export const SECRET_SLOTS = 2;

/** At most this many digests of one version in a header: enough for a rotation, bounded work. */
const MAX_DIGESTS = 4;

export type SignatureVersion = 'v1' | 'v2';

/** What a signature covers. */
export interface SignedRequest {
  /** `POST` */
  readonly method: string;
  /** The route's path from `/v1`, without stage or query string: `/v1/events`. */
  readonly path: string;
  /** The exact bytes sent, as a string. */
  readonly body: string;
}

export interface ParsedSignature {
  readonly timestamp: number;
  readonly digests: { readonly v1: readonly string[]; readonly v2: readonly string[] };
}

/** Why a signature was refused; only a `mismatch` can be cured by a newer secret. */
export type SignatureProblem = 'missing' | 'malformed' | 'too-old' | 'in-future' | 'retired' | 'mismatch';

export type SignatureCheck =
  | {
      readonly ok: true;
      readonly timestamp: number;
      readonly version: SignatureVersion;
      readonly replayKey: string;
    }
  | { readonly ok: false; readonly problem: SignatureProblem; readonly reason: string };

/**
 * @example parseSignatureHeader('t=1700000000,v2=ab12…') // { timestamp: 1700000000, digests: { v1: [], v2: ['ab12…'] } }
 */
export const parseSignatureHeader = (header: string): ParsedSignature | undefined => {
  let timestamp: number | undefined;
  const digests = { v1: [] as string[], v2: [] as string[] };
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if ((key === 'v1' || key === 'v2') && value !== undefined && /^[0-9a-f]{64}$/i.test(value)) {
      if (digests[key].length >= MAX_DIGESTS) return undefined;
      digests[key].push(value.toLowerCase());
    }
  }
  return timestamp === undefined || digests.v1.length + digests.v2.length === 0
    ? undefined
    : { timestamp, digests };
};

const hmac = (secret: string, payload: string): string =>
  createHmac('sha256', secret).update(payload, 'utf8').digest('hex');

/** The hex `v2` digest of a request at `timestamp`. */
export const signV2 = (secret: string, timestamp: number, request: SignedRequest): string =>
  hmac(secret, `${timestamp}.${request.method.toUpperCase()}.${request.path}.${request.body}`);

/**
 * The hex `v1` digest of a body at `timestamp`.
 * @deprecated accepted until {@link V1_ACCEPTED_UNTIL}; sign with {@link signV2}.
 */
export const signPayload = (secret: string, timestamp: number, body: string): string =>
  hmac(secret, `${timestamp}.${body}`);

/**
 * A complete `v2` header value for a request, for clients, the CLI and tests.
 * @example signRequest('s3cret', { method: 'POST', path: '/v1/events', body: '{"eventId":"e-1"}' }, new Date()) // 't=…,v2=…'
 */
export const signRequest = (secret: string, request: SignedRequest, now: Date): string => {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v2=${signV2(secret, timestamp, request)}`;
};

/**
 * A complete `v1` header value for a body.
 * @deprecated accepted until {@link V1_ACCEPTED_UNTIL}; sign with {@link signRequest}.
 */
export const signatureHeader = (secret: string, body: string, now: Date): string => {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
};

/**
 * Stands in for a missing secret so every check computes the same HMACs: an unknown client id, or a
 * client with one secret, costs what a rotating client costs, and timing tells nothing about client ids.
 * It is no secret anyone holds (a fresh random value would do as well; a fixed one keeps this pure).
 */
const PLACEHOLDER_SECRET = '\u0000radar-no-such-secret\u0000';

/** Compares every given digest with `expected`, in constant time and without stopping at a match. */
const matchingDigest = (expectedHex: string, givenHex: readonly string[]): string | undefined => {
  const expected = Buffer.from(expectedHex, 'hex');
  let match: string | undefined;
  for (const digest of givenHex) {
    const given = Buffer.from(digest, 'hex');
    if (given.length === expected.length && timingSafeEqual(expected, given) && match === undefined)
      match = digest;
  }
  return match;
};

/**
 * Verifies a signature header against the request. Pure: the clock and the secrets are arguments. A client
 * has one secret, or two while it rotates; a signature made with either is valid. The work does not depend
 * on how many secrets the client has (none for an unknown id): always {@link SECRET_SLOTS} HMACs per
 * version the header carries, each compared in constant time. The returned `replayKey` identifies this
 * signature so the caller can refuse a second use of it.
 *
 * @example
 * verifySignature({ header, request: { method: 'POST', path: '/v1/events', body }, secrets: ['new', 'old'], now: new Date() }).ok; // true
 */
export const verifySignature = (input: {
  readonly header: string | undefined;
  readonly request: SignedRequest;
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
      reason: `Malformed ${SIGNATURE_HEADER} header: expected t=<unix seconds>,v2=<hex sha256>`,
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
  const v1Accepted = input.now.getTime() <= V1_ACCEPTED_UNTIL.getTime();
  if (!v1Accepted && parsed.digests.v2.length === 0) {
    return {
      ok: false,
      problem: 'retired',
      reason: `v1 signatures are no longer accepted since ${V1_ACCEPTED_UNTIL.toISOString().slice(0, 10)}: sign with v2 (README "Signing requests")`,
    };
  }
  const slots = Array.from({ length: SECRET_SLOTS }, (_, index) => {
    const secret = input.secrets[index];
    return secret === undefined || secret.length === 0 ? undefined : secret;
  });
  let found: { version: SignatureVersion; digest: string } | undefined;
  for (const secret of slots) {
    const key = secret ?? PLACEHOLDER_SECRET;
    const v2 =
      parsed.digests.v2.length === 0
        ? undefined
        : matchingDigest(signV2(key, parsed.timestamp, input.request), parsed.digests.v2);
    const v1 =
      parsed.digests.v1.length === 0 || !v1Accepted
        ? undefined
        : matchingDigest(signPayload(key, parsed.timestamp, input.request.body), parsed.digests.v1);
    if (secret === undefined || found !== undefined) continue;
    if (v2 !== undefined) found = { version: 'v2', digest: v2 };
    else if (v1 !== undefined) found = { version: 'v1', digest: v1 };
  }
  if (found === undefined) {
    return {
      ok: false,
      problem: 'mismatch',
      reason: 'Signature does not match the request (v2 signs "<t>.<METHOD>.<path>.<body>")',
    };
  }
  return {
    ok: true,
    timestamp: parsed.timestamp,
    version: found.version,
    replayKey: createHash('sha256').update(`${parsed.timestamp}.${found.digest}`).digest('hex'),
  };
};
