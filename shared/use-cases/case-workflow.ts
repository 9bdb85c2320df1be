import { actorOf, type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { covers } from '#shared/auth/scope.ts';
import {
  acknowledgeCase,
  type Resolution,
  type RiskCase,
  reassignCase,
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
 * Applies a person's (or a client's) lifecycle transition: read, decide in the domain as `principal`, save if
 * nobody changed the case meanwhile (else read again). An impossible transition is a ConflictError carrying
 * the current state. A case the principal's scope does not cover is answered as a missing one (404, never a
 * 403 that confirms it exists).
 */
const transition = async (
  caseId: string,
  principal: Principal,
  deps: WorkflowDependencies,
  decide: (existing: RiskCase, actor: string, now: Date) => Transition,
): Promise<RiskCase> => {
  const scope = scopeOfPrincipal(principal);
  const actor = actorOf(principal);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const existing = await deps.cases.getCase(caseId);
    if (existing === undefined || !covers(scope, existing.subject))
      throw new NotFoundError(`No case ${caseId}`);
    const result = decide(existing, actor, deps.clock.now());
    if (!result.ok) throw new ConflictError(result.reason, result.current);
    if ((await deps.cases.saveTransition(result.next, existing.version, result.audit)) === 'saved')
      return result.next;
  }
  throw new ConflictError(`Case ${caseId} kept changing; try again`);
};

/** How the person acting is called, for the follow-up to the people the case paged (none for a pusher). */
const nameOf = (principal: Principal): string | undefined =>
  principal.kind === 'person' ? principal.name : undefined;

/** A manager acknowledges an open case: the SLA clock stops. */
export const acknowledge = (
  caseId: string,
  principal: Principal,
  note: string | undefined,
  deps: WorkflowDependencies,
) =>
  transition(caseId, principal, deps, (existing, actor, now) =>
    acknowledgeCase(existing, actor, now, note, nameOf(principal)),
  );

/** A manager resolves a case with the risk-library fields. */
export const resolve = (
  caseId: string,
  principal: Principal,
  input: Omit<Resolution, 'by' | 'at'>,
  deps: WorkflowDependencies,
) =>
  transition(caseId, principal, deps, (existing, actor, now) =>
    resolveCase(existing, input, actor, now, nameOf(principal)),
  );

/**
 * A manager hands a case to another owner (a username; `me` is the caller); the audit line says from whom
 * to whom. Already theirs is a 409.
 */
export const reassign = (
  caseId: string,
  principal: Principal,
  owner: string,
  note: string | undefined,
  deps: WorkflowDependencies,
) =>
  transition(caseId, principal, deps, (existing, actor, now) =>
    reassignCase(
      existing,
      owner === 'me' && principal.kind === 'person' ? principal.username : owner,
      actor,
      now,
      note,
    ),
  );
