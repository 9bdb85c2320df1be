import { createHmac } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  parseSignatureHeader,
  SECRET_SLOTS,
  type SignedRequest,
  signatureHeader,
  signPayload,
  signRequest,
  signV2,
  V1_ACCEPTED_UNTIL,
  verifySignature,
} from '#shared/auth/signature.ts';

// Every HMAC goes through a spy, so a test can count the work a verification does.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, createHmac: vi.fn(original.createHmac) };
});

const secret = 'test-secret';
const secrets = [secret];
const body = '{"eventId":"e-1"}';
const request: SignedRequest = { method: 'POST', path: '/v1/events', body };
const now = new Date('2026-11-22T09:00:00Z');
const nowSeconds = now.getTime() / 1000;
const later = (ms: number) => new Date(now.getTime() + ms);

const verify = (
  header: string | undefined,
  options: { secrets?: readonly string[]; at?: Date; request?: SignedRequest } = {},
) =>
  verifySignature({
    header,
    request: options.request ?? request,
    secrets: options.secrets ?? secrets,
    now: options.at ?? now,
  });

describe('Function: verifySignature', () => {
  describe('v2: "<t>.<METHOD>.<path>.<body>"', () => {
    it('accepts a signature made with the secret over the method, path and exact body', () => {
      expect(verify(signRequest(secret, request, now))).toMatchObject({
        ok: true,
        timestamp: nowSeconds,
        version: 'v2',
      });
    });

    it('is the documented HMAC, so any client can compute it', () => {
      const digest = createHmac('sha256', secret)
        .update(`${nowSeconds}.POST./v1/events.${body}`)
        .digest('hex');
      expect(signRequest(secret, request, now)).toBe(`t=${nowSeconds},v2=${digest}`);
    });

    it.each([
      ['another path', { ...request, path: '/v1/evaluate' }],
      ['another method', { ...request, method: 'PUT' }],
      ['a changed body', { ...request, body: `${body} ` }],
    ])('refuses a signature replayed on %s', (_, other) => {
      expect(verify(signRequest(secret, request, now), { request: other })).toMatchObject({
        ok: false,
        problem: 'mismatch',
      });
    });
  });

  describe('v1: "<t>.<body>", deprecated', () => {
    it(`is accepted until ${V1_ACCEPTED_UNTIL.toISOString()}`, () => {
      expect(verify(signatureHeader(secret, body, now))).toMatchObject({ ok: true, version: 'v1' });
      const last = new Date(V1_ACCEPTED_UNTIL.getTime() - 1000);
      expect(verify(signatureHeader(secret, body, last), { at: last }).ok).toBe(true);
    });

    it('is refused after that date, saying so, while v2 goes on', () => {
      const after = new Date(V1_ACCEPTED_UNTIL.getTime() + 1000);
      expect(verify(signatureHeader(secret, body, after), { at: after })).toMatchObject({
        ok: false,
        problem: 'retired',
        reason: expect.stringContaining('v2'),
      });
      expect(verify(signRequest(secret, request, after), { at: after }).ok).toBe(true);
    });

    it('takes a header carrying both versions by its v2 digest', () => {
      const v1 = signPayload(secret, nowSeconds, body);
      const v2 = signV2(secret, nowSeconds, request);
      expect(verify(`t=${nowSeconds},v1=${v1},v2=${v2}`)).toMatchObject({ ok: true, version: 'v2' });
    });
  });

  it.each([
    ['another secret', signRequest('other', request, now), now],
    ['a timestamp 301 s old', signRequest(secret, request, later(-301_000)), now],
    ['a timestamp 31 s in the future', signRequest(secret, request, later(31_000)), now],
    ['a malformed header', 'v2=abc', now],
    ['no header', undefined, now],
  ])('rejects %s', (_name, header, at) => {
    expect(verify(header, { at }).ok).toBe(false);
  });

  it('accepts a signature made with either secret of a client that rotates, and no other', () => {
    const rotating = ['new-secret', secret];
    expect(verify(signRequest('new-secret', request, now), { secrets: rotating }).ok).toBe(true);
    expect(verify(signRequest(secret, request, now), { secrets: rotating }).ok).toBe(true);
    expect(verify(signRequest('third', request, now), { secrets: rotating })).toMatchObject({
      ok: false,
      problem: 'mismatch',
    });
  });

  it('refuses every signature when the client has no secret, even one made with an empty secret', () => {
    expect(verify(signRequest('', request, now), { secrets: [] })).toMatchObject({
      ok: false,
      problem: 'mismatch',
    });
    expect(verify(signRequest('', request, now), { secrets: [''] }).ok).toBe(false);
  });

  it('names the problem, so only a mismatch asks for a fresh secret', () => {
    const problemOf = (header: string | undefined, at = now) => {
      const result = verify(header, { at });
      return result.ok ? 'ok' : result.problem;
    };
    expect(problemOf(undefined)).toBe('missing');
    expect(problemOf('v2=abc')).toBe('malformed');
    expect(problemOf(signRequest(secret, request, later(-301_000)))).toBe('too-old');
    expect(problemOf(signRequest(secret, request, later(31_000)))).toBe('in-future');
    expect(problemOf(signRequest('other', request, now))).toBe('mismatch');
  });

  it('accepts the edges of the window: 300 s old and 30 s ahead', () => {
    expect(verify(signRequest(secret, request, later(-300_000))).ok).toBe(true);
    expect(verify(signRequest(secret, request, later(30_000))).ok).toBe(true);
  });

  it('gives the same replay key for the same signature and another for a new one', () => {
    const header = signRequest(secret, request, now);
    const first = verify(header);
    const again = verify(header);
    const next = verify(signRequest(secret, request, later(1000)));
    expect(first.ok && again.ok && next.ok).toBe(true);
    if (first.ok && again.ok && next.ok) {
      expect(first.replayKey).toBe(again.replayKey);
      expect(first.replayKey).not.toBe(next.replayKey);
    }
  });

  describe('the same work whatever the client id', () => {
    /** Counts the HMACs a verification computes: the measure of its time that does not depend on load. */
    const hmacsFor = (clientSecrets: readonly string[], header: string): number => {
      vi.mocked(createHmac).mockClear();
      verifySignature({ header, request, secrets: clientSecrets, now });
      return vi.mocked(createHmac).mock.calls.length;
    };

    beforeEach(() => {
      vi.mocked(createHmac).mockClear();
    });

    it.each([
      ['a v2 header', signRequest('wrong', request, now)],
      ['a v1 header', signatureHeader('wrong', body, now)],
    ])(
      'computes as many HMACs for an unknown id, a known one and a rotating one, given %s',
      async (_, header) => {
        const unknown = await hmacsFor([], header);
        expect(unknown).toBe(SECRET_SLOTS);
        expect(hmacsFor([secret], header)).toBe(unknown);
        expect(hmacsFor(['new', secret], header)).toBe(unknown);
        expect(hmacsFor([secret], signRequest(secret, request, now))).toBe(unknown);
      },
    );
  });
});

describe('Function: parseSignatureHeader', () => {
  it('reads the timestamp and every v1 and v2 digest', () => {
    const v1 = signPayload(secret, 1700000000, body);
    const v2 = signV2(secret, 1700000000, request);
    expect(parseSignatureHeader(`t=1700000000, v1=${v1}, v2=${v2}, v0=zz`)).toEqual({
      timestamp: 1700000000,
      digests: { v1: [v1], v2: [v2] },
    });
  });

  it('refuses a digest that is not 64 hex characters, and a flood of digests', () => {
    expect(parseSignatureHeader('t=1700000000,v2=abcd')).toBeUndefined();
    const digest = signV2(secret, 1700000000, request);
    expect(parseSignatureHeader(`t=1700000000${`,v2=${digest}`.repeat(5)}`)).toBeUndefined();
  });
});
