/**
 * Who is calling, as established by the edge: a pushing system (HMAC signature) or a person (Cognito
 * groups). Roles come from credentials only, never from a request body.
 */

import { type Scope, scopeOf, UNSCOPED } from './scope.ts';

export const ROLES = ['ingest', 'legal', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export type Principal =
  | { readonly kind: 'client'; readonly id: string; readonly roles: readonly Role[] }
  | {
      readonly kind: 'person';
      readonly id: string;
      /** The sign-in name: what audit trails, owners and "my cases" use. */
      readonly username: string;
      /** How the person is called (`name` claim), for screens; the username when the pool has none. */
      readonly name: string;
      readonly roles: readonly Role[];
      /** The brands and markets this person may see (shared/auth/scope.ts). */
      readonly scope: Scope;
    };

/** A pusher sees everything it may touch (it only writes); a person their scope. */
export const scopeOfPrincipal = (principal: Principal): Scope =>
  principal.kind === 'person' ? principal.scope : UNSCOPED;

/** The id written to audit trails: `client:<id>` or `user:<username>`. */
export const actorOf = (principal: Principal): string =>
  principal.kind === 'client' ? `client:${principal.id}` : `user:${principal.username}`;

export const hasAnyRole = (principal: Principal, roles: readonly Role[]): boolean =>
  principal.roles.some((role) => roles.includes(role));

const PEOPLE_ROLES: readonly Role[] = ['legal', 'manager'];

/**
 * Reads the `cognito:groups` claim. API Gateway REST Cognito authorizers pass it as a comma-separated
 * string; JWT authorizers as `[a b]`; a decoded token as an array. Unknown groups grant nothing.
 * @example groupsToRoles('legal,manager') // ['legal', 'manager']
 */
export const groupsToRoles = (groups: unknown): Role[] => {
  const names = groupNames(groups);
  return PEOPLE_ROLES.filter((role) => names.includes(role));
};

/**
 * The group names of a `cognito:groups` claim: an array, a REST authorizer's comma-separated string (a
 * group such as `brand:Acme Foods` keeps its space), or a JWT authorizer's `[a b]`.
 */
const groupNames = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const bracketed = /^\[.*\]$/s.test(value);
  return (bracketed ? value.slice(1, -1).split(/\s+/) : value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
};

/** The Cognito custom attributes a person's scope is read from (comma-separated lists). */
export const SCOPE_ATTRIBUTES = { brands: 'custom:brands', markets: 'custom:markets' } as const;

/** Groups that scope instead of granting a role: `brand:Acme`, `market:VN`. */
export const SCOPE_GROUP_PREFIX = { brands: 'brand:', markets: 'market:' } as const;

/**
 * A person's scope from verified Cognito claims: the custom attributes and the `brand:`/`market:` groups,
 * together. Neither present means every brand and market.
 * @example scopeFromClaims({ 'custom:brands': 'Acme,Bolt', 'cognito:groups': 'legal,market:VN' }) // { brands: ['Acme', 'Bolt'], markets: ['VN'] }
 */
export const scopeFromClaims = (claims: Readonly<Record<string, unknown>>): Scope => {
  const groups = groupNames(claims['cognito:groups']);
  const fromGroups = (prefix: string) =>
    groups.filter((group) => group.startsWith(prefix)).map((group) => group.slice(prefix.length));
  // Attribute values are comma-separated; a brand name may hold spaces, so only commas split them.
  const attribute = (name: string) => {
    const value = claims[name];
    return typeof value === 'string' ? value.split(',').map((part) => part.trim()) : [];
  };
  return scopeOf({
    brands: [...attribute(SCOPE_ATTRIBUTES.brands), ...fromGroups(SCOPE_GROUP_PREFIX.brands)],
    markets: [...attribute(SCOPE_ATTRIBUTES.markets), ...fromGroups(SCOPE_GROUP_PREFIX.markets)],
  });
};
