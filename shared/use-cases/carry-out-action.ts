import { claimAction, finishAction } from '#shared/domain/actions.ts';
import { ActionInFlightError } from '#shared/errors.ts';
import type { ActionDelivery, ActionStore, Clock } from '#shared/ports.ts';

/**
 * Carrying out an approved request, exactly once: the executor claims it (approved → executing, a conditional
 * write only one executor wins), calls the customer's webhook (retried inside the delivery), and records the
 * outcome (executing → succeeded | failed). A redelivered stream record finds the request executing, succeeded
 * or failed and calls nothing.
 */

export interface CarryOutDependencies {
  readonly actions: Pick<ActionStore, 'get' | 'saveTransition'>;
  readonly delivery: ActionDelivery;
  readonly clock: Clock;
  /** How long a claim holds: longer than one delivery with all its retries (the function's timeout). */
  readonly leaseMs: number;
}

export type CarryOutResult = 'succeeded' | 'failed' | 'skipped';

/**
 * @throws {ActionInFlightError} when another executor's lease still holds (the stream retries the record).
 */
export const carryOutAction = async (
  actionId: string,
  deps: CarryOutDependencies,
): Promise<CarryOutResult> => {
  const existing = await deps.actions.get(actionId);
  if (existing === undefined) return 'skipped';
  const claim = claimAction(existing, deps.clock.now(), deps.leaseMs);
  if (!claim.ok) {
    if (claim.state === 'executing') throw new ActionInFlightError(`Action ${actionId} is being carried out`);
    return 'skipped';
  }
  if ((await deps.actions.saveTransition(claim.next, existing.version)) === 'stale') {
    // Someone moved it first: whoever did carries it out.
    return 'skipped';
  }
  const result = await deps.delivery.deliver(claim.next);
  const finish = finishAction(claim.next, result, deps.clock.now());
  if (!finish.ok) throw new Error(finish.reason);
  if ((await deps.actions.saveTransition(finish.next, claim.next.version, finish.audit)) === 'stale')
    throw new Error(`Action ${actionId} changed while it was carried out; its outcome was not recorded`);
  return finish.next.state === 'succeeded' ? 'succeeded' : 'failed';
};
