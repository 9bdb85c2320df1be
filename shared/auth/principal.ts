/**
 * Who is calling, as established by the edge: a pushing system (HMAC signature) or a person (Cognito
 * groups). Roles come from credentials only, never from a request body.
 */

export const ROLES = ['ingest', 'legal', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export type Principal =
  | { readonly kind: 'client'; readonly id: string; readonly roles: readonly Role[] }
  | {
      readonly kind: 'person';
      readonly id: string;
      readonly username: string;
      readonly roles: readonly Role[];
    };

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
  const names = Array.isArray(groups)
    ? groups.map(String)
    : typeof groups === 'string'
      ? groups.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return PEOPLE_ROLES.filter((role) => names.includes(role));
};
