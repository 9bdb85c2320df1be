import { actorOf, type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { covers } from '#shared/auth/scope.ts';
import {
  type ActionRequest,
  type ActionsPolicy,
  actionsDue,
  type CaseBefore,
  decideAction,
  requestAction,
} from '#shared/domain/actions.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import type { Level } from '#shared/domain/risk-matrix.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { ActionStore, Clock } from '#shared/ports.ts';

/**
 * Guarded actions (README "Guarded actions"): requests made when a case reaches an action's level, a manager's
 * approval or rejection, and the list on the case page. Carrying a request out is in carry-out-action.ts.
 */

export interface RequestActionsDependencies {
  readonly actions: Pick<ActionStore, 'create'>;
  readonly clock: Clock;
  /** The actions policy in force. */
  readonly policy: ActionsPolicy;
  /** How the matrix in force orders levels. */
  readonly rank: (level: Level) => number;
}

/**
 * Makes the requests a case change calls for: one per action whose level the case reached (opened at it, rose
 * to it, reopened at it). Idempotent: a request that exists already is left alone, so a redelivered change
 * or a later rise never makes a second one. Returns the requests made now.
 */
export const requestDueActions = async (
  before: CaseBefore,
  after: RiskCase,
  deps: RequestActionsDependencies,
): Promise<ActionRequest[]> => {
  const due = actionsDue(before, after, deps.policy, deps.rank);
  const made: ActionRequest[] = [];
  for (const rule of due) {
    const { request, audit } = requestAction(after, rule, deps.clock.now());
    if (await deps.actions.create(request, audit)) made.push(request);
  }
  return made;
};

export interface CaseActionsDependencies {
  readonly actions: ActionStore;
  /** Reads the case a request belongs to, to check the caller's scope. */
  readonly cases: { getCase(caseId: string): Promise<Pick<RiskCase, 'subject'> | undefined> };
  readonly clock: Clock;
}

const inScope = async (caseId: string, principal: Principal, deps: CaseActionsDependencies) => {
  const found = await deps.cases.getCase(caseId);
  return found !== undefined && covers(scopeOfPrincipal(principal), found.subject);
};

/** `GET /v1/cases/{id}/actions`: the case's requests, oldest first; a case out of scope is a missing one. */
export const listCaseActions = async (
  caseId: string,
  principal: Principal,
  deps: CaseActionsDependencies,
): Promise<{ items: ActionRequest[] }> => {
  if (!(await inScope(caseId, principal, deps))) throw new NotFoundError(`No case ${caseId}`);
  return { items: await deps.actions.listForCase(caseId) };
};

/**
 * `POST /v1/actions/{id}/approve` and `…/reject`: a manager decides a pending request (audited with the note).
 * A request that is no longer pending is a 409 with its state; one out of the caller's scope a 404.
 */
export const decideActionRequest = async (
  actionId: string,
  decision: 'approve' | 'reject',
  principal: Principal,
  note: string | undefined,
  deps: CaseActionsDependencies,
): Promise<ActionRequest> => {
  const existing = await deps.actions.get(actionId);
  // Out of scope reads exactly like missing: the answer never confirms the request exists.
  if (existing === undefined || !(await inScope(existing.caseId, principal, deps)))
    throw new NotFoundError(`No action ${actionId}`);
  const result = decideAction(existing, decision, actorOf(principal), deps.clock.now(), note);
  if (!result.ok) throw new ConflictError(result.reason, { state: result.state });
  if ((await deps.actions.saveTransition(result.next, existing.version, result.audit)) === 'stale') {
    const now = await deps.actions.get(actionId);
    throw new ConflictError(`Action ${actionId} was decided meanwhile`, { state: now?.state ?? 'unknown' });
  }
  return result.next;
};
