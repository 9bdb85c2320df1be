import { createHash } from 'node:crypto';
import { SCOPE_ATTRIBUTES } from '#shared/auth/principal.ts';

/** A person the local stack signs in by bearer token, as `RADAR_USERS` describes them (local-env.ts). */
export interface LocalPerson {
  /** The Cognito groups: roles (`legal`, `manager`), and optionally `brand:<name>` / `market:<code>`. */
  readonly groups: readonly string[];
  /** The sign-in name (`cognito:username`): audit trails and owners name the person by it. */
  readonly username?: string;
  /** The display name (`name` claim). */
  readonly name?: string;
  readonly email?: string;
  /** Scope as the Cognito custom attributes carry it; none = every brand / market. */
  readonly brands?: readonly string[];
  readonly markets?: readonly string[];
}

/**
 * Bearer token → who holds it: the Cognito groups alone (`RADAR_LEGAL_TOKEN` → `['legal']`) or a person
 * with a name and a scope (`RADAR_USERS`).
 */
export type TokenGroups = Readonly<Record<string, readonly string[] | LocalPerson>>;

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
  const held = tokens[token] ?? [];
  const person: LocalPerson = isGroupList(held) ? { groups: held } : held;
  const { groups } = person;
  const username = person.username ?? `local-${groups.length > 0 ? groups.join('-') : 'user'}`;
  const issuedAt = Math.floor(now.getTime() / 1000);
  const list = (values: readonly string[] | undefined) =>
    values === undefined || values.length === 0 ? undefined : values.join(',');
  const brands = list(person.brands);
  const markets = list(person.markets);
  return {
    sub: subjectOf(token),
    'cognito:username': username,
    // Cognito leaves the claim out for a user in no group.
    ...(groups.length > 0 ? { 'cognito:groups': groups.join(',') } : {}),
    ...(person.name === undefined ? {} : { name: person.name }),
    ...(brands === undefined ? {} : { [SCOPE_ATTRIBUTES.brands]: brands }),
    ...(markets === undefined ? {} : { [SCOPE_ATTRIBUTES.markets]: markets }),
    email: person.email ?? `${username}@example.invalid`,
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

const isGroupList = (held: readonly string[] | LocalPerson): held is readonly string[] => Array.isArray(held);
