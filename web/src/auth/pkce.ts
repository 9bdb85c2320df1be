/**
 * OAuth 2.0 authorization code flow with PKCE (RFC 7636) against the Cognito hosted UI. The app is a public
 * client: no secret; the code verifier, kept in this tab's sessionStorage only between the redirect and the
 * token exchange, proves that whoever redeems the code started the flow.
 */

export interface CognitoSettings {
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  readonly domain: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

export interface TokenSet {
  /** Sent to the API: the Cognito authorizer of API Gateway verifies ID tokens. */
  readonly idToken: string;
  readonly refreshToken?: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

const PENDING_KEY = 'radar.pkce';
const SCOPES = 'openid email profile';

const base64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** 32 random bytes → a 43-character verifier (RFC 7636 §4.1 allows 43–128). */
export const createVerifier = (): string => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** `S256`: BASE64URL(SHA-256(ASCII(verifier))). */
export const challengeOf = async (verifier: string): Promise<string> =>
  base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

/** Sends the browser to the hosted UI; `returnTo` is where the person lands after signing in. */
export const startSignIn = async (settings: CognitoSettings, returnTo: string): Promise<void> => {
  const verifier = createVerifier();
  const state = createVerifier();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL('/oauth2/authorize', settings.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: SCOPES,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
};

const tokenRequest = async (settings: CognitoSettings, form: Record<string, string>): Promise<TokenSet> => {
  const response = await fetch(new URL('/oauth2/token', settings.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: settings.clientId, ...form }).toString(),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (!response.ok || typeof record.id_token !== 'string') {
    const reason = typeof record.error === 'string' ? record.error : `HTTP ${response.status}`;
    throw new Error(`Sign-in failed (${reason}). Try again.`);
  }
  const expiresIn = typeof record.expires_in === 'number' ? record.expires_in : 3600;
  return {
    idToken: record.id_token,
    ...(typeof record.refresh_token === 'string' ? { refreshToken: record.refresh_token } : {}),
    expiresAt: Date.now() + expiresIn * 1000,
  };
};

/**
 * Completes the flow on the redirect URI: checks `state`, redeems the code with the verifier, and returns
 * the tokens and where to go next. Returns undefined when the URL carries no code.
 */
export const completeSignIn = async (
  settings: CognitoSettings,
  location: URL,
): Promise<{ tokens: TokenSet; returnTo: string } | undefined> => {
  const code = location.searchParams.get('code');
  const error = location.searchParams.get('error');
  if (error !== null) {
    throw new Error(`Sign-in was not completed: ${location.searchParams.get('error_description') ?? error}`);
  }
  if (code === null) return undefined;
  const pending: unknown = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  sessionStorage.removeItem(PENDING_KEY);
  if (
    typeof pending !== 'object' ||
    pending === null ||
    !('verifier' in pending && 'state' in pending && 'returnTo' in pending) ||
    typeof pending.verifier !== 'string' ||
    pending.state !== location.searchParams.get('state')
  ) {
    throw new Error('This sign-in link was not started from this tab, or was already used. Sign in again.');
  }
  const tokens = await tokenRequest(settings, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: settings.redirectUri,
    code_verifier: pending.verifier,
  });
  return { tokens, returnTo: typeof pending.returnTo === 'string' ? pending.returnTo : '/' };
};

/** A new ID token from the refresh token (Cognito keeps the same refresh token). */
export const refreshTokens = async (settings: CognitoSettings, refreshToken: string): Promise<TokenSet> => {
  const tokens = await tokenRequest(settings, { grant_type: 'refresh_token', refresh_token: refreshToken });
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
};

/** The hosted UI's logout endpoint, which ends the Cognito session and comes back to the app. */
export const signOutUrl = (settings: CognitoSettings): string => {
  const url = new URL('/logout', settings.domain);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    logout_uri: new URL('/', settings.redirectUri).toString(),
  }).toString();
  return url.toString();
};

/** The claims of a JWT, unverified: only for display and for choosing screens; the API verifies the token. */
export const claimsOf = (jwt: string): Record<string, unknown> => {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return {};
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
