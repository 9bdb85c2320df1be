import { actorOf, type Principal } from '#shared/auth/principal.ts';
import {
  acknowledgeCase,
  type Resolution,
  type RiskCase,
  resolveCase,
  type Transition,
} from '#shared/domain/case.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { CaseWorkflowStore, Clock } from '#shared/ports.ts';

export interface WorkflowDependencies {
  readonly cases: CaseWorkflowStore;
  readonly clock: Clock;
}

/** Enough to ride out a burst of occurrences landing on the same case while a manager acts on it. */
const MAX_ATTEMPTS = 10;

/**
 * Applies a lifecycle transition: read, decide in the domain, save if nobody changed the case meanwhile
 * (else read again). An impossible transition is a ConflictError carrying the current state.
 */
const transition = async (
  caseId: string,
  deps: WorkflowDependencies,
  decide: (existing: RiskCase, now: Date) => Transition,
): Promise<RiskCase> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const existing = await deps.cases.getCase(caseId);
    if (existing === undefined) throw new NotFoundError(`No case ${caseId}`);
    const result = decide(existing, deps.clock.now());
    if (!result.ok) throw new ConflictError(result.reason, result.current);
    if ((await deps.cases.saveTransition(result.next, existing.version, result.audit)) === 'saved')
      return result.next;
  }
  throw new ConflictError(`Case ${caseId} kept changing; try again`);
};

/** A manager acknowledges an open case: the SLA clock stops. */
export const acknowledge = (
  caseId: string,
  principal: Principal,
  note: string | undefined,
  deps: WorkflowDependencies,
) => transition(caseId, deps, (existing, now) => acknowledgeCase(existing, actorOf(principal), now, note));

/** A manager resolves a case with the risk-library fields. */
export const resolve = (
  caseId: string,
  principal: Principal,
  input: Omit<Resolution, 'by' | 'at'>,
  deps: WorkflowDependencies,
) => transition(caseId, deps, (existing, now) => resolveCase(existing, input, actorOf(principal), now));
