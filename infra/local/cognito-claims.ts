import { createHash } from 'node:crypto';

/** Bearer token → the Cognito groups its holder belongs to (`RADAR_LEGAL_TOKEN` → `['legal']`). */
export type TokenGroups = Readonly<Record<string, readonly string[]>>;

/**
 * The claims API Gateway's Cognito user-pool authorizer puts in `requestContext.authorizer.claims` for a
 * REST API: every value a string, `cognito:groups` comma-joined. Returns undefined for a missing or unknown
 * token, which API Gateway answers with 401 before the function runs.
 *
 * @example claimsFor('Bearer dev-legal-token', { 'dev-legal-token': ['legal'] })?.['cognito:groups'] // 'legal'
 */
export const claimsFor = (
  authorization: string | undefined,
  tokens: TokenGroups,
  now: Date = new Date(),
): Record<string, string> | undefined => {
  if (authorization === undefined) return undefined;
  // The REST authorizer accepts the raw token as well as the `Bearer` scheme.
  const token = authorization.replace(/^Bearer\s+/i, '').trim();
  if (token === '' || !Object.hasOwn(tokens, token)) return undefined;
  const groups = tokens[token] ?? [];
  const username = `local-${groups.length > 0 ? groups.join('-') : 'user'}`;
  const issuedAt = Math.floor(now.getTime() / 1000);
  return {
    sub: subjectOf(token),
    'cognito:username': username,
    // Cognito leaves the claim out for a user in no group.
    ...(groups.length > 0 ? { 'cognito:groups': groups.join(',') } : {}),
    email: `${username}@example.invalid`,
    token_use: 'id',
    iss: 'https://cognito-idp.local/local-user-pool',
    aud: 'local-app-client',
    auth_time: String(issuedAt),
    iat: String(issuedAt),
    exp: String(issuedAt + 3600),
  };
};

/** A stable UUID-shaped `sub` per token, so audit trails written locally name the same person each time. */
const subjectOf = (token: string): string => {
  const hex = createHash('sha256').update(token).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
