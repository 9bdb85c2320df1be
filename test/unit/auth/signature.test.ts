import { describe, expect, it } from 'vitest';
import {
  parseSignatureHeader,
  signatureHeader,
  signPayload,
  verifySignature,
} from '#shared/auth/signature.ts';

const secret = 'test-secret';
const secrets = [secret];
const body = '{"eventId":"e-1"}';
const now = new Date('2026-11-22T09:00:00Z');
const nowSeconds = now.getTime() / 1000;

describe('Function: verifySignature', () => {
  it('accepts a signature made with the secret over the exact body', () => {
    const result = verifySignature({ header: signatureHeader(secret, body, now), body, secrets, now });
    expect(result).toMatchObject({ ok: true, timestamp: nowSeconds });
  });

  it.each([
    ['a changed body', signatureHeader(secret, body, now), `${body} `, now],
    ['another secret', signatureHeader('other', body, now), body, now],
    ['a timestamp 301 s old', signatureHeader(secret, body, new Date(now.getTime() - 301_000)), body, now],
    [
      'a timestamp 31 s in the future',
      signatureHeader(secret, body, new Date(now.getTime() + 31_000)),
      body,
      now,
    ],
    ['a malformed header', 'v1=abc', body, now],
    ['no header', undefined, body, now],
  ])('rejects %s', (_name, header, signedBody, at) => {
    const result = verifySignature({ header, body: signedBody, secrets, now: at });
    expect(result.ok).toBe(false);
  });

  it('accepts a signature made with either secret of a client that rotates, and no other', () => {
    const rotating = ['new-secret', secret];
    expect(
      verifySignature({ header: signatureHeader('new-secret', body, now), body, secrets: rotating, now }).ok,
    ).toBe(true);
    expect(
      verifySignature({ header: signatureHeader(secret, body, now), body, secrets: rotating, now }).ok,
    ).toBe(true);
    expect(
      verifySignature({ header: signatureHeader('third', body, now), body, secrets: rotating, now }),
    ).toMatchObject({
      ok: false,
      problem: 'mismatch',
    });
  });

  it('refuses every signature when the client has no secret, even one made with an empty secret', () => {
    expect(verifySignature({ header: signatureHeader('', body, now), body, secrets: [], now })).toMatchObject(
      {
        ok: false,
        problem: 'mismatch',
      },
    );
    expect(verifySignature({ header: signatureHeader('', body, now), body, secrets: [''], now }).ok).toBe(
      false,
    );
  });

  it('names the problem, so only a mismatch asks for a fresh secret', () => {
    const problemOf = (header: string | undefined, at = now) => {
      const result = verifySignature({ header, body, secrets, now: at });
      return result.ok ? 'ok' : result.problem;
    };
    expect(problemOf(undefined)).toBe('missing');
    expect(problemOf('v1=abc')).toBe('malformed');
    expect(problemOf(signatureHeader(secret, body, new Date(now.getTime() - 301_000)))).toBe('too-old');
    expect(problemOf(signatureHeader(secret, body, new Date(now.getTime() + 31_000)))).toBe('in-future');
    expect(problemOf(signatureHeader('other', body, now))).toBe('mismatch');
  });

  it('accepts the edges of the window: 300 s old and 30 s ahead', () => {
    const old = signatureHeader(secret, body, new Date(now.getTime() - 300_000));
    const ahead = signatureHeader(secret, body, new Date(now.getTime() + 30_000));
    expect(verifySignature({ header: old, body, secrets, now }).ok).toBe(true);
    expect(verifySignature({ header: ahead, body, secrets, now }).ok).toBe(true);
  });

  it('gives the same replay key for the same signature and another for a new one', () => {
    const header = signatureHeader(secret, body, now);
    const first = verifySignature({ header, body, secrets, now });
    const again = verifySignature({ header, body, secrets, now });
    const later = verifySignature({
      header: signatureHeader(secret, body, new Date(now.getTime() + 1000)),
      body,
      secrets,
      now,
    });
    expect(first.ok && again.ok && later.ok).toBe(true);
    if (first.ok && again.ok && later.ok) {
      expect(first.replayKey).toBe(again.replayKey);
      expect(first.replayKey).not.toBe(later.replayKey);
    }
  });
});

describe('Function: parseSignatureHeader', () => {
  it('reads the timestamp and every v1 digest', () => {
    const digest = signPayload(secret, 1700000000, body);
    expect(parseSignatureHeader(`t=1700000000, v1=${digest}, v0=zz`)).toEqual({
      timestamp: 1700000000,
      digests: [digest],
    });
  });

  it('refuses a digest that is not 64 hex characters', () => {
    expect(parseSignatureHeader('t=1700000000,v1=abcd')).toBeUndefined();
  });
});
