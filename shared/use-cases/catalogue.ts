import { actorOf, type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { brandKey, covers, type Scope } from '#shared/auth/scope.ts';
import {
  type Brand,
  brandFromSighting,
  type Campaign,
  type CatalogueChange,
  caseCompletedFrom,
  changeBrand,
  changeCampaign,
} from '#shared/domain/catalogue.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { CaseReader, CatalogueStore, Clock, Page } from '#shared/ports.ts';
import type { BrandDetail, CampaignDetail } from '#shared/schemas/catalogue.ts';
import type {
  BrandChangeRequest,
  CampaignChangeRequest,
  ListCampaignsQuery,
} from '#shared/schemas/catalogue-requests.ts';
import { OWNER_ME } from './read-cases.ts';

/**
 * The campaign and brand catalogue as people read and complete it. A campaign or brand outside the
 * caller's scope is answered exactly as a missing one (404); a scoped manager can neither touch one outside
 * their scope nor move one out of it. Every change is saved with its history line (who, when, what).
 */

/** Changes shown with a campaign or brand. */
const CHANGES_SHOWN = 50;
/** Saves retried when no version was given and someone else saved in between. */
const MAX_ATTEMPTS = 5;
/** At most this many of a campaign's latest cases are completed when a manager changes it (the rest on their next occurrence). */
const CASES_COMPLETED = 200;
const CASE_PAGE = 100;

export interface CatalogueDependencies {
  readonly catalogue: CatalogueStore;
  readonly clock: Clock;
}

export interface CampaignChangeDependencies extends CatalogueDependencies {
  /** The campaign's cases (gsi6), to complete its unresolved ones at once. */
  readonly cases: Pick<CaseReader, 'listCases'>;
}

/** A brand seen by a scope: brands are not in a market, so only the scope's brands count. */
const coversBrand = (scope: Scope, brand: string): boolean =>
  covers(scope.brands === undefined ? {} : { brands: scope.brands }, { brand });

const noCampaign = (campaignId: string) => new NotFoundError(`No campaign ${campaignId}`);
const noBrand = (brand: string) => new NotFoundError(`No brand ${brand}`);

export const listCampaignsFor = (
  principal: Principal,
  query: ListCampaignsQuery,
  catalogue: Pick<CatalogueStore, 'listCampaigns'>,
): Promise<Page<Campaign>> => {
  const scope = scopeOfPrincipal(principal);
  const owner = query.owner === OWNER_ME && principal.kind === 'person' ? principal.username : query.owner;
  return catalogue.listCampaigns({
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    ...(query.brand === undefined ? {} : { brand: query.brand }),
    ...(query.market === undefined ? {} : { market: query.market }),
    ...(owner === undefined ? {} : { owner }),
    ...(scope.brands === undefined ? {} : { brands: scope.brands }),
    ...(scope.markets === undefined ? {} : { markets: scope.markets }),
  });
};

export const campaignFor = async (
  principal: Principal,
  campaignId: string,
  catalogue: Pick<CatalogueStore, 'getCampaign' | 'changesOf'>,
): Promise<CampaignDetail> => {
  const [campaign, changes] = await Promise.all([
    catalogue.getCampaign(campaignId),
    catalogue.changesOf('campaign', campaignId, CHANGES_SHOWN),
  ]);
  if (campaign === undefined || !covers(scopeOfPrincipal(principal), campaign)) throw noCampaign(campaignId);
  return { campaign, changes };
};

export const listBrandsFor = (
  principal: Principal,
  query: { readonly limit: number; readonly cursor?: string | undefined },
  catalogue: Pick<CatalogueStore, 'listBrands'>,
): Promise<Page<Brand>> => {
  const { brands } = scopeOfPrincipal(principal);
  return catalogue.listBrands({
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    ...(brands === undefined ? {} : { brands }),
  });
};

export const brandFor = async (
  principal: Principal,
  brand: string,
  catalogue: Pick<CatalogueStore, 'getBrand' | 'changesOf'>,
): Promise<BrandDetail> => {
  if (!coversBrand(scopeOfPrincipal(principal), brand)) throw noBrand(brand);
  const found = await catalogue.getBrand(brand);
  if (found === undefined) throw noBrand(brand);
  return { brand: found, changes: await catalogue.changesOf('brand', brandKey(found.brand), CHANGES_SHOWN) };
};

/** The version-guarded save loop both changes share: a stale save with a stated version is a 409. */
const saveChange = async <T extends { readonly version: number }>(
  statedVersion: number | undefined,
  read: () => Promise<T | undefined>,
  decide: (existing: T | undefined) => { next: T; change: CatalogueChange } | { current: T },
  save: (next: T, expected: number | 'absent', change: CatalogueChange) => Promise<'saved' | 'stale'>,
  what: string,
): Promise<{
  readonly value: T;
  readonly previous: T | undefined;
  readonly created: boolean;
  readonly changed: boolean;
}> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const existing = await read();
    if (statedVersion !== undefined && existing?.version !== statedVersion)
      throw new ConflictError(
        `${what} is at version ${existing?.version ?? 'none (it does not exist)'}, not ${statedVersion}: someone changed it; read it again`,
        { version: existing?.version ?? null },
      );
    const decided = decide(existing);
    if ('current' in decided)
      return { value: decided.current, previous: existing, created: false, changed: false };
    if ((await save(decided.next, existing?.version ?? 'absent', decided.change)) === 'saved')
      return { value: decided.next, previous: existing, created: existing === undefined, changed: true };
    if (statedVersion !== undefined)
      throw new ConflictError(`${what} was changed by someone else meanwhile; read it again`, {
        version: (await read())?.version ?? null,
      });
  }
  throw new ConflictError(`${what} kept changing; try again`);
};

/**
 * A manager completes (or registers) a campaign. Its unresolved cases take the new brand, market and
 * default owner at once, as far as they are not being changed meanwhile (each version-guarded; one that
 * moved takes them on its next occurrence).
 */
export const changeCampaignAs = async (
  principal: Principal,
  campaignId: string,
  request: CampaignChangeRequest,
  deps: CampaignChangeDependencies,
): Promise<{ readonly campaign: Campaign; readonly created: boolean }> => {
  const scope = scopeOfPrincipal(principal);
  const { version, source, ...patch } = request;
  const now = deps.clock.now();
  const result = await saveChange<Campaign>(
    version,
    async () => {
      const existing = await deps.catalogue.getCampaign(campaignId);
      if (existing !== undefined && !covers(scope, existing)) throw noCampaign(campaignId);
      return existing;
    },
    (existing) => {
      const edit = changeCampaign(existing, campaignId, patch, actorOf(principal), source ?? 'manager', now);
      if (edit.kind === 'unchanged') return { current: edit.current };
      // Moving it out of the caller's scope (or creating one outside it) is answered as a missing campaign.
      if (!covers(scope, edit.next)) throw noCampaign(campaignId);
      return { next: edit.next, change: edit.change };
    },
    (next, expected, change) => deps.catalogue.saveCampaign(next, expected, change),
    `Campaign ${campaignId}`,
  );
  const before = result.previous;
  const brand = result.value.brand;
  // A brand the catalogue does not hold yet is recorded as first seen (a lost race is no error).
  if (result.changed && brand !== undefined && (await deps.catalogue.getBrand(brand)) === undefined)
    await deps.catalogue.saveBrand(brandFromSighting(brand, actorOf(principal), now), 'absent');
  if (
    result.changed &&
    (before?.brand !== result.value.brand ||
      before?.market !== result.value.market ||
      before?.owner !== result.value.owner)
  )
    await completeCases(result.value, deps);
  return { campaign: result.value, created: result.created };
};

/** The campaign's latest unresolved cases completed from it (see `caseCompletedFrom`). */
const completeCases = async (campaign: Campaign, deps: CampaignChangeDependencies): Promise<void> => {
  const brand =
    campaign.owner === undefined && campaign.brand !== undefined
      ? await deps.catalogue.getBrand(campaign.brand)
      : undefined;
  const now = deps.clock.now();
  let cursor: string | undefined;
  for (let read = 0; read < CASES_COMPLETED; read += CASE_PAGE) {
    const page = await deps.cases.listCases({
      campaignId: campaign.campaignId,
      limit: CASE_PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    await Promise.all(
      page.items.map((existing) => {
        const next = caseCompletedFrom(existing, campaign, brand, now);
        return next === undefined ? undefined : deps.catalogue.saveCompletedCase(next, existing.version);
      }),
    );
    cursor = page.cursor;
    if (cursor === undefined) return;
  }
};

/** A manager sets a brand's owner and managers (tier 2 of its escalations). */
export const changeBrandAs = async (
  principal: Principal,
  brand: string,
  request: BrandChangeRequest,
  deps: CatalogueDependencies,
): Promise<{ readonly brand: Brand; readonly created: boolean }> => {
  if (!coversBrand(scopeOfPrincipal(principal), brand)) throw noBrand(brand);
  const { version, ...patch } = request;
  const result = await saveChange<Brand>(
    version,
    () => deps.catalogue.getBrand(brand),
    (existing) => {
      const edit = changeBrand(existing, brand, patch, actorOf(principal), deps.clock.now());
      return edit.kind === 'unchanged' ? { current: edit.current } : { next: edit.next, change: edit.change };
    },
    (next, expected, change) => deps.catalogue.saveBrand(next, expected, change),
    `Brand ${brand}`,
  );
  return { brand: result.value, created: result.created };
};
