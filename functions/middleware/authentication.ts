import type { APIGatewayProxyEvent } from 'aws-lambda';
import { groupsToRoles, type Principal } from '#shared/auth/principal.ts';
import {
  CLIENT_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE,
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

/** A pusher's HMAC signature over the raw body; each signature works once. */
export const authenticateClient = async (
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
export const authenticatePerson = (event: APIGatewayProxyEvent): Principal => {
  const claims = (event.requestContext.authorizer?.claims ?? undefined) as
    | Record<string, unknown>
    | undefined;
  const sub = claims?.sub;
  if (claims === undefined || typeof sub !== 'string')
    throw new UnauthorizedError('Sign in: send Authorization: Bearer <token>');
  const username = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : sub;
  return { kind: 'person', id: sub, username, roles: groupsToRoles(claims['cognito:groups']) };
};
