import { afterEach, describe, expect, it, vi } from 'vitest';
import { challengeOf, completeSignIn, startSignIn } from './pkce.ts';

const settings = {
  domain: 'https://radar.auth.us-east-1.amazoncognito.com',
  clientId: 'client-123',
  redirectUri: 'https://d111.cloudfront.net/callback',
};

/** Browser globals the flow touches, in memory. */
const browser = () => {
  const storage = new Map<string, string>();
  const assigned: string[] = [];
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  });
  vi.stubGlobal('window', { location: { assign: (url: string) => assigned.push(url) } });
  return { assigned };
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Function: challengeOf', () => {
  // Expected values computed independently: `openssl dgst -sha256 -binary | basenc --base64url`, unpadded.
  it.each([['dBjftJeZ4CK-1mWmdsJbSfb9JmfRq_4kNZcBTVKLv5k', '2uOre10FHWCk9tnGOFrqvdbCMcPBXP06NxOGpeLZ9a8']])(
    'is BASE64URL(SHA-256(%s)) without padding, as RFC 7636 S256 defines it',
    async (verifier, challenge) => {
      expect(await challengeOf(verifier)).toBe(challenge);
    },
  );
});

describe('Authorization code flow with PKCE', () => {
  it('sends the challenge to the hosted UI and redeems the code with the matching verifier', async () => {
    const { assigned } = browser();
    await startSignIn(settings, '/cases');
    const authorize = new URL(assigned[0] ?? '');
    expect(authorize.origin + authorize.pathname).toBe(`${settings.domain}/oauth2/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('response_type')).toBe('code');

    const requests: URLSearchParams[] = [];
    vi.stubGlobal('fetch', async (_url: URL, init: { body: string }) => {
      requests.push(new URLSearchParams(init.body));
      return new Response(
        JSON.stringify({ id_token: 'id.jwt.sig', refresh_token: 'refresh', expires_in: 3600 }),
        { status: 200 },
      );
    });
    const callback = new URL(
      `${settings.redirectUri}?code=the-code&state=${authorize.searchParams.get('state')}`,
    );
    const done = await completeSignIn(settings, callback);

    expect(done).toMatchObject({
      returnTo: '/cases',
      tokens: { idToken: 'id.jwt.sig', refreshToken: 'refresh' },
    });
    const form = requests[0];
    expect(form?.get('grant_type')).toBe('authorization_code');
    expect(form?.get('code')).toBe('the-code');
    expect(await challengeOf(form?.get('code_verifier') ?? '')).toBe(
      authorize.searchParams.get('code_challenge'),
    );
  });

  it('refuses a callback whose state was not started in this tab', async () => {
    const { assigned } = browser();
    await startSignIn(settings, '/');
    expect(assigned).toHaveLength(1);
    const forged = new URL(`${settings.redirectUri}?code=stolen&state=not-mine`);
    await expect(completeSignIn(settings, forged)).rejects.toThrow(/not started from this tab/);
  });

  it('reports an error the hosted UI sent back', async () => {
    browser();
    const denied = new URL(`${settings.redirectUri}?error=access_denied&error_description=User+cancelled`);
    await expect(completeSignIn(settings, denied)).rejects.toThrow(
      'Sign-in was not completed: User cancelled',
    );
  });
});
