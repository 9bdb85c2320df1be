import { actorOf, type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { covers } from '#shared/auth/scope.ts';
import type { Campaign } from '#shared/domain/catalogue.ts';
import {
  decide,
  decisionRefusalOf,
  type Reallocation,
  type ReallocationDecision,
  type ReallocationRequest,
  refusalOf,
  refusalText,
  requestReallocation,
} from '#shared/domain/reallocation.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '#shared/errors.ts';
import type { CatalogueStore, Clock, IdGenerator, ReallocationStore } from '#shared/ports.ts';

/**
 * Budget re-allocations as people and pushers use them (issue #17, row 31). Both campaigns must be in the
 * catalogue and in the caller's scope (a campaign outside it is answered as a missing one: 404); the plans
 * must allow the move (422 naming the plan); a requester never decides their own request (403) and a
 * decided request is not decided again (409). An approval moves the budget between the two plans in one
 * transaction, guarded on the request's and both campaigns' versions.
 */

/** Re-allocations listed with a campaign. */
export const REALLOCATIONS_SHOWN = 50;
/** Decisions retried when a campaign's plan moved between the read and the write. */
const MAX_ATTEMPTS = 5;

export interface ReallocationDependencies {
  readonly reallocations: ReallocationStore;
  readonly catalogue: Pick<CatalogueStore, 'getMany'>;
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

const noCampaign = (campaignId: string) => new NotFoundError(`No campaign ${campaignId}`);
const noReallocation = (id: string) => new NotFoundError(`No re-allocation ${id}`);

/** Both campaigns, read at once; one missing or outside the caller's scope is `missing`. */
const bothCampaigns = async (
  principal: Principal,
  fromId: string,
  toId: string,
  catalogue: Pick<CatalogueStore, 'getMany'>,
): Promise<{ from: Campaign; to: Campaign } | { missing: string }> => {
  const { campaigns } = await catalogue.getMany([...new Set([fromId, toId])], []);
  const scope = scopeOfPrincipal(principal);
  for (const id of [fromId, toId]) {
    const campaign = campaigns.get(id);
    if (campaign === undefined || !covers(scope, campaign)) return { missing: id };
  }
  return { from: campaigns.get(fromId) as Campaign, to: campaigns.get(toId) as Campaign };
};

/** A manager or a pusher asks to move budget from one campaign's plan to another's. */
export const requestReallocationAs = async (
  principal: Principal,
  request: ReallocationRequest,
  deps: ReallocationDependencies,
): Promise<Reallocation> => {
  const found = await bothCampaigns(
    principal,
    request.from.campaignId,
    request.to.campaignId,
    deps.catalogue,
  );
  if ('missing' in found) throw noCampaign(found.missing);
  const refusal = refusalOf(request, found.from, found.to);
  if (refusal !== undefined) throw new UnprocessableError(refusalText(refusal));
  const value = requestReallocation(deps.newId(), request, actorOf(principal), deps.clock.now());
  if ((await deps.reallocations.create(value)) === 'stale')
    throw new Error(`Invariant: re-allocation id ${value.reallocationId} was already taken`);
  return value;
};

/** A campaign's re-allocations, in and out, newest first; a campaign outside the scope is a 404. */
export const reallocationsOf = async (
  principal: Principal,
  campaignId: string,
  deps: Pick<ReallocationDependencies, 'reallocations' | 'catalogue'>,
): Promise<{ readonly items: readonly Reallocation[]; readonly you: string }> => {
  const [{ campaigns }, items] = await Promise.all([
    deps.catalogue.getMany([campaignId], []),
    deps.reallocations.ofCampaign(campaignId, REALLOCATIONS_SHOWN),
  ]);
  const campaign = campaigns.get(campaignId);
  if (campaign === undefined || !covers(scopeOfPrincipal(principal), campaign)) throw noCampaign(campaignId);
  return { items, you: actorOf(principal) };
};

/**
 * Another manager approves or rejects a requested re-allocation, saying why. An approval moves the amount
 * between the plans as they stand at that moment (re-read and retried if one moved meanwhile).
 */
export const decideReallocationAs = async (
  principal: Principal,
  reallocationId: string,
  decision: { readonly decision: ReallocationDecision; readonly note: string },
  deps: ReallocationDependencies,
): Promise<Reallocation> => {
  const actor = actorOf(principal);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const current = await deps.reallocations.get(reallocationId);
    if (current === undefined) throw noReallocation(reallocationId);
    const found = await bothCampaigns(
      principal,
      current.from.campaignId,
      current.to.campaignId,
      deps.catalogue,
    );
    // Someone who cannot see both campaigns cannot see the request either.
    if ('missing' in found) throw noReallocation(reallocationId);
    const refused = decisionRefusalOf(current, actor);
    if (refused?.kind === 'decided')
      throw new ConflictError(
        `Re-allocation ${reallocationId} was already ${refused.state}${refused.by === undefined ? '' : ` by ${refused.by}`}${refused.at === undefined ? '' : ` at ${refused.at}`}`,
        { state: refused.state, version: current.version },
      );
    if (refused?.kind === 'own-request')
      throw new ForbiddenError(
        `You requested re-allocation ${reallocationId}: another manager approves or rejects it (budget changes need a second person)`,
      );
    const write = decide(
      current,
      decision.decision,
      decision.note,
      actor,
      found.from,
      found.to,
      deps.clock.now(),
    );
    if (write.kind === 'refused') throw new UnprocessableError(refusalText(write.refusal));
    if ((await deps.reallocations.decide(write, current.version)) === 'saved') return write.next;
  }
  throw new ConflictError(`Re-allocation ${reallocationId} or its campaigns kept changing; try again`);
};
