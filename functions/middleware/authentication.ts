import type { APIGatewayProxyEvent } from 'aws-lambda';
import { groupsToRoles, type Principal, scopeFromClaims } from '#shared/auth/principal.ts';
import {
  CLIENT_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE,
  type SignatureVersion,
  verifySignature,
} from '#shared/auth/signature.ts';
import { ReplayedSignatureError, UnauthorizedError } from '#shared/errors.ts';
import type { ClientSecrets, Clock, ReplayGuard } from '#shared/ports.ts';

/**
 * Who is calling: a pusher by its HMAC signature, or a person by the claims API Gateway's Cognito
 * authorizer verified. Headers are read in lower case (`normalizedRequestHeaders` runs first).
 */

export interface SignatureDependencies {
  readonly secrets: ClientSecrets;
  readonly replays: ReplayGuard;
  readonly clock: Clock;
}

const header = (event: APIGatewayProxyEvent, name: string): string | undefined => {
  const headers = event.headers ?? {};
  return Object.hasOwn(headers, name) ? (headers[name] ?? undefined) : undefined;
};

/** A pusher, and the version of the signature it sent (`v1` is deprecated). */
export interface AuthenticatedClient {
  readonly principal: Principal;
  readonly signatureVersion: SignatureVersion;
}

/**
 * A pusher's HMAC signature over the method, route path and raw body; each signature works once. A known
 * and an unknown client id take the same steps and compute the same HMACs (see `verifySignature`), so
 * neither the answer nor its timing tells whether a client id exists.
 */
export const authenticateClient = async (
  event: APIGatewayProxyEvent,
  deps: SignatureDependencies,
): Promise<AuthenticatedClient> => {
  const clientId = header(event, CLIENT_HEADER);
  if (clientId === undefined)
    throw new UnauthorizedError(
      `Missing ${CLIENT_HEADER} header: sign requests as README "Signing requests" shows`,
    );
  // The route's path (`/v1/events`), as the client names it: API Gateway's `path` may carry a stage or a
  // custom domain's base path, the resource never does, and signed routes have no path parameters.
  const request = { method: event.httpMethod, path: event.resource, body: event.body ?? '' };
  const verify = (secrets: readonly string[]) =>
    verifySignature({ header: header(event, SIGNATURE_HEADER), request, secrets, now: deps.clock.now() });
  let check = verify(await deps.secrets.secretsOf(clientId));
  if (!check.ok && check.problem === 'mismatch') {
    // The client may sign with a secret rotated in (or be a client added) since the cached copy was read:
    // ask the source once more rather than refuse it until the cache expires. An unknown id takes this
    // path too (its secrets are none, a mismatch), at most one fresh read per 30 s either way.
    check = verify(await deps.secrets.secretsOf(clientId, { fresh: true }));
  }
  if (!check.ok) throw new UnauthorizedError(check.reason);
  const expiresAt = new Date((check.timestamp + SIGNATURE_TOLERANCE.pastSeconds + 60) * 1000);
  if (!(await deps.replays.firstUse(`${clientId}#${check.replayKey}`, expiresAt))) {
    throw new ReplayedSignatureError('This signature was already used; sign each request anew');
  }
  return {
    principal: { kind: 'client', id: clientId, roles: ['ingest'] },
    signatureVersion: check.version,
  };
};

/** A person, from the claims API Gateway's Cognito authorizer verified. */
export const authenticatePerson = (event: APIGatewayProxyEvent): Principal => {
  const claims = (event.requestContext.authorizer?.claims ?? undefined) as
    | Record<string, unknown>
    | undefined;
  const sub = claims?.sub;
  if (claims === undefined || typeof sub !== 'string')
    throw new UnauthorizedError('Sign in: send Authorization: Bearer <token>');
  const username = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : sub;
  const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name : username;
  return {
    kind: 'person',
    id: sub,
    username,
    name,
    roles: groupsToRoles(claims['cognito:groups']),
    scope: scopeFromClaims(claims),
  };
};
