import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { hasAnyRole, type Principal, type Role } from '#shared/auth/principal.ts';
import { type SignatureVersion, V1_ACCEPTED_UNTIL } from '#shared/auth/signature.ts';
import { ForbiddenError, UnauthorizedError } from '#shared/errors.ts';
import type { Locale } from '#shared/i18n/locales.ts';
import { authenticateClient, authenticatePerson, type SignatureDependencies } from './authentication.ts';
import { requireJsonBody } from './content-type.ts';

/** The Lambda context of an HTTP function, carrying the principal `authorize` established. */
export interface RequestContext extends Context {
  principal?: Principal;
  /** Set for a signed request: the version of its signature. */
  signatureVersion?: SignatureVersion;
  /** The language the response is in (`readerLanguage`). */
  locale?: Locale;
}

/**
 * RFC 8594: a response to a `v1`-signed request says when `v1` stops being accepted, so a pusher's logs
 * show it long before its requests fail.
 */
const SUNSET_HEADERS = {
  sunset: V1_ACCEPTED_UNTIL.toUTCString(),
  link: '<https://risk-radar.dev/docs/signing>; rel="deprecation"',
} as const;

export type Authorization =
  | {
      readonly auth: 'signature';
      readonly roles: readonly Role[];
      readonly deps: () => SignatureDependencies;
    }
  | { readonly auth: 'cognito'; readonly roles: readonly Role[] };

/**
 * Establishes who is calling with the route's kind of credentials, refuses a caller without one of the
 * roles (401 without valid credentials, 403 with the wrong role), keeps the principal on the request
 * context for the handler (`principalOf(context)`), then refuses a body that is not JSON (415).
 */
export const authorize = (
  authorization: Authorization,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RequestContext> => {
  const announceSunset = (
    request: Request<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RequestContext>,
  ) => {
    if (request.context.signatureVersion !== 'v1' || !request.response) return;
    request.response.headers = { ...request.response.headers, ...SUNSET_HEADERS };
  };
  return {
    before: async (request) => {
      let principal: Principal;
      if (authorization.auth === 'signature') {
        const client = await authenticateClient(request.event, authorization.deps());
        principal = client.principal;
        request.context.signatureVersion = client.signatureVersion;
      } else {
        principal = authenticatePerson(request.event);
      }
      if (!hasAnyRole(principal, authorization.roles)) {
        throw new ForbiddenError(`This needs the ${authorization.roles.join(' or ')} role`);
      }
      request.context.principal = principal;
      requireJsonBody(request.event);
    },
    // Only on success: `onError` runs before the problem is built (middy runs it innermost first).
    after: announceSunset,
  };
};

/** The principal `authorize` established for this request. */
export const principalOf = (context: RequestContext): Principal => {
  if (context.principal === undefined) throw new UnauthorizedError('No credentials were presented');
  return context.principal;
};
