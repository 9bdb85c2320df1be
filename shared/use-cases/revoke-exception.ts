import { covers, isUnscoped, type Scope, UNSCOPED } from '#shared/auth/scope.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { Clock, ExceptionStore } from '#shared/ports.ts';

/**
 * Legal withdraws an exception; revoking twice is a conflict showing when it was revoked. One outside the
 * reviewer's `scope` (its brand, and market if it carries one) is answered as a missing one (404).
 */
export const revokeException = async (
  exceptionId: string,
  actor: string,
  deps: { readonly exceptions: ExceptionStore; readonly clock: Clock },
  scope: Scope = UNSCOPED,
): Promise<ClaimException> => {
  const missing = () => new NotFoundError(`No exception ${exceptionId}`);
  if (!isUnscoped(scope)) {
    const found = await deps.exceptions.getException(exceptionId);
    if (found === undefined || !covers(scope, found)) throw missing();
  }
  const now = deps.clock.now();
  if ((await deps.exceptions.revoke(exceptionId, actor, now)) === 'saved') {
    const revoked = await deps.exceptions.getException(exceptionId);
    if (revoked !== undefined) return revoked;
  }
  const current = await deps.exceptions.getException(exceptionId);
  if (current === undefined) throw missing();
  throw new ConflictError(`Exception ${exceptionId} was already revoked`, {
    revokedAt: current.revokedAt,
    revokedBy: current.revokedBy,
  });
};
