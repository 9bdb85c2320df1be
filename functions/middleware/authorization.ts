import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { hasAnyRole, type Principal, type Role } from '#shared/auth/principal.ts';
import { ForbiddenError, UnauthorizedError } from '#shared/errors.ts';
import { authenticateClient, authenticatePerson, type SignatureDependencies } from './authentication.ts';

/** The Lambda context of an HTTP function, carrying the principal `authorize` established. */
export interface RequestContext extends Context {
  principal?: Principal;
}

export type Authorization =
  | {
      readonly auth: 'signature';
      readonly roles: readonly Role[];
      readonly deps: () => SignatureDependencies;
    }
  | { readonly auth: 'cognito'; readonly roles: readonly Role[] };

/**
 * Establishes who is calling with the route's kind of credentials, refuses a caller without one of the
 * roles (401 without valid credentials, 403 with the wrong role) and keeps the principal on the request
 * context for the handler (`principalOf(context)`).
 */
export const authorize = (
  authorization: Authorization,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RequestContext> => ({
  before: async (request) => {
    const principal =
      authorization.auth === 'signature'
        ? await authenticateClient(request.event, authorization.deps())
        : authenticatePerson(request.event);
    if (!hasAnyRole(principal, authorization.roles)) {
      throw new ForbiddenError(`This needs the ${authorization.roles.join(' or ')} role`);
    }
    request.context.principal = principal;
  },
});

/** The principal `authorize` established for this request. */
export const principalOf = (context: RequestContext): Principal => {
  if (context.principal === undefined) throw new UnauthorizedError('No credentials were presented');
  return context.principal;
};
