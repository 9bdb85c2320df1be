import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { groupsToRoles, hasAnyRole, type Principal, type Role } from '#shared/auth/principal.ts';
import {
  CLIENT_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE,
  verifySignature,
} from '#shared/auth/signature.ts';
import { ForbiddenError, ReplayedSignatureError, UnauthorizedError } from '#shared/errors.ts';
import type { ClientSecrets, Clock, ReplayGuard } from '#shared/ports.ts';
import { internalProblem, problemFor, problemResponse } from './http.ts';
import { logger } from './logger.ts';

type HttpRequest = middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

/** Maps thrown errors to problem+json; anything unexpected is logged and answered with a 500. */
export const problemErrors = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: (request: HttpRequest) => {
    const known = problemFor(request.error);
    if (known === undefined) {
      logger.error('Unhandled error', { error: request.error });
    } else if (known.status >= 500) {
      logger.error('Request failed', { error: request.error });
    }
    request.response = problemResponse(known ?? internalProblem(request.context.awsRequestId));
  },
});

/** Headers every API response carries, errors included. */
export const securityHeaders = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const apply = (request: HttpRequest) => {
    if (request.response) request.response.headers = { ...SECURITY_HEADERS, ...request.response.headers };
  };
  return { after: apply, onError: apply };
};

const principals = new WeakMap<APIGatewayProxyEvent, Principal>();

/** The principal `authorize` established for this event. */
export const principalOf = (event: APIGatewayProxyEvent): Principal => {
  const principal = principals.get(event);
  if (principal === undefined) throw new UnauthorizedError('No credentials were presented');
  return principal;
};

const header = (event: APIGatewayProxyEvent, name: string): string | undefined => {
  const entry = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1] ?? undefined;
};

export interface SignatureDependencies {
  readonly secrets: ClientSecrets;
  readonly replays: ReplayGuard;
  readonly clock: Clock;
}

/** A pusher's HMAC signature over the raw body; each signature works once. */
const authenticateClient = async (
  event: APIGatewayProxyEvent,
  deps: SignatureDependencies,
): Promise<Principal> => {
  const clientId = header(event, CLIENT_HEADER);
  if (clientId === undefined)
    throw new UnauthorizedError(
      `Missing ${CLIENT_HEADER} header: sign requests as README "Signing requests" shows`,
    );
  // An unknown client and a wrong signature answer alike, so client ids cannot be probed.
  const verify = (secrets: readonly string[]) =>
    verifySignature({
      header: header(event, SIGNATURE_HEADER),
      body: event.body ?? '',
      secrets,
      now: deps.clock.now(),
    });
  const cached = await deps.secrets.secretsOf(clientId);
  let check = verify(cached);
  if (!check.ok && check.problem === 'mismatch') {
    // The client may sign with a secret rotated in (or be a client added) since the cached copy was read:
    // ask the source once more rather than refuse it until the cache expires.
    check = verify(await deps.secrets.secretsOf(clientId, { fresh: true }));
  }
  if (!check.ok) throw new UnauthorizedError(check.reason);
  const expiresAt = new Date((check.timestamp + SIGNATURE_TOLERANCE.pastSeconds + 60) * 1000);
  if (!(await deps.replays.firstUse(`${clientId}#${check.replayKey}`, expiresAt))) {
    throw new ReplayedSignatureError('This signature was already used; sign each request anew');
  }
  return { kind: 'client', id: clientId, roles: ['ingest'] };
};

/** A person, from the claims API Gateway's Cognito authorizer verified. */
const authenticatePerson = (event: APIGatewayProxyEvent): Principal => {
  const claims = (event.requestContext.authorizer?.claims ?? undefined) as
    | Record<string, unknown>
    | undefined;
  const sub = claims?.sub;
  if (claims === undefined || typeof sub !== 'string')
    throw new UnauthorizedError('Sign in: send Authorization: Bearer <token>');
  const username = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : sub;
  return { kind: 'person', id: sub, username, roles: groupsToRoles(claims['cognito:groups']) };
};

export type Authorization =
  | {
      readonly auth: 'signature';
      readonly roles: readonly Role[];
      readonly deps: () => SignatureDependencies;
    }
  | { readonly auth: 'cognito'; readonly roles: readonly Role[] };

/**
 * Establishes who is calling with the route's kind of credentials and refuses a caller without one of the
 * roles: 401 without valid credentials, 403 with the wrong role.
 */
export const authorize = (
  authorization: Authorization,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async (request: HttpRequest) => {
    const principal =
      authorization.auth === 'signature'
        ? await authenticateClient(request.event, authorization.deps())
        : authenticatePerson(request.event);
    if (!hasAnyRole(principal, authorization.roles)) {
      throw new ForbiddenError(`This needs the ${authorization.roles.join(' or ')} role`);
    }
    principals.set(request.event, principal);
  },
});

/** The middlewares every HTTP function uses, outermost first. */
export const httpFunction = () =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(securityHeaders())
    .use(problemErrors());
