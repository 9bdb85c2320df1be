import type { ClaimException } from '#shared/domain/claim-exception.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { Clock, ExceptionStore } from '#shared/ports.ts';

/** Legal withdraws an exception; revoking twice is a conflict showing when it was revoked. */
export const revokeException = async (
  exceptionId: string,
  actor: string,
  deps: { readonly exceptions: ExceptionStore; readonly clock: Clock },
): Promise<ClaimException> => {
  const now = deps.clock.now();
  if ((await deps.exceptions.revoke(exceptionId, actor, now)) === 'saved') {
    const revoked = await deps.exceptions.getException(exceptionId);
    if (revoked !== undefined) return revoked;
  }
  const current = await deps.exceptions.getException(exceptionId);
  if (current === undefined) throw new NotFoundError(`No exception ${exceptionId}`);
  throw new ConflictError(`Exception ${exceptionId} was already revoked`, {
    revokedAt: current.revokedAt,
    revokedBy: current.revokedBy,
  });
};
