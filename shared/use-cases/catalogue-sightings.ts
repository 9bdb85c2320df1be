import { brandKey } from '#shared/auth/scope.ts';
import {
  type Brand,
  brandFromSighting,
  type Campaign,
  campaignFromSighting,
  campaignGapsFilled,
  completedSubject,
  type Sightings,
} from '#shared/domain/catalogue.ts';
import type { Subject } from '#shared/domain/subject.ts';
import type { CatalogueEntries, CatalogueStore } from '#shared/ports.ts';

/** An empty catalogue read: a request that names no campaign or brand, or ingest without a catalogue. */
export const NO_ENTRIES: CatalogueEntries = { campaigns: new Map(), brands: new Map() };

/**
 * Records what a request's events saw first: a campaign or brand the catalogue does not hold is created
 * (conditional put), a campaign only events described gets the fields it lacks; one a person completed is
 * never touched. A write that lost the race to another writer (`stale`) is not an error: the other writer
 * recorded it. Answers the catalogue as the request's cases should see it.
 */
export const recordSightings = async (
  loaded: CatalogueEntries,
  sightings: Sightings,
  actor: string,
  now: Date,
  store: Pick<CatalogueStore, 'saveCampaign' | 'saveBrand'>,
): Promise<CatalogueEntries> => {
  const campaigns = new Map<string, Campaign>(loaded.campaigns);
  const brands = new Map<string, Brand>(loaded.brands);
  const writes: Promise<unknown>[] = [];
  for (const [campaignId, seen] of sightings.campaigns) {
    const existing = loaded.campaigns.get(campaignId);
    if (existing === undefined) {
      const next = campaignFromSighting(campaignId, seen, actor, now);
      campaigns.set(campaignId, next);
      writes.push(store.saveCampaign(next, 'absent'));
    } else if (existing.source === 'event') {
      const next = campaignGapsFilled(existing, seen, actor, now);
      if (next === undefined) continue;
      campaigns.set(campaignId, next);
      writes.push(store.saveCampaign(next, existing.version));
    }
  }
  for (const [key, name] of sightings.brands) {
    if (brands.has(key)) continue;
    const next = brandFromSighting(name, actor, now);
    brands.set(key, next);
    writes.push(store.saveBrand(next, 'absent'));
  }
  await Promise.all(writes);
  return { campaigns, brands };
};

/**
 * The brands the request did not read that its cases' owners depend on: a campaign without an owner whose
 * catalogued brand no event of the request named (its cases default to that brand's owner). One bulk read,
 * only when there are any.
 */
export const brandsToComplete = async (
  loaded: CatalogueEntries,
  subjects: readonly Subject[],
  store: Pick<CatalogueStore, 'getMany'>,
): Promise<ReadonlyMap<string, Brand>> => {
  const missing = new Set<string>();
  for (const subject of subjects) {
    const campaign = subject.campaignId === undefined ? undefined : loaded.campaigns.get(subject.campaignId);
    if (campaign === undefined || campaign.owner !== undefined) continue;
    const brand = completedSubject(subject, campaign).brand;
    if (brand !== undefined && !loaded.brands.has(brandKey(brand))) missing.add(brand);
  }
  if (missing.size === 0) return new Map();
  return (await store.getMany([], [...missing])).brands;
};
