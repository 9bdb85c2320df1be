/**
 * The campaign and brand catalogue: which brand and market a campaign belongs to, who owns it and what
 * it plans to spend. A campaign is created on first sight from its events (spend, or ad copy naming it)
 * and completed by managers (web app, `PUT /v1/campaigns/{id}`, `risk-radar campaigns push`). Cases take
 * brand, market and owner from here, so a spend case can be scoped and routed like any other.
 */

import { brandKey, marketKey } from '#shared/auth/scope.ts';
import type { RiskCase } from './case.ts';
import { realSubjectKey } from './drill-key.ts';
import type { RiskEvent, SpendEvent } from './event.ts';
import type { Subject } from './subject.ts';

/** What a campaign plans: the budget over its period (both dates inclusive). */
export interface CampaignPlan {
  readonly budget: number;
  /** ISO 4217, in capitals. */
  readonly currency: string;
  /** ISO-8601 dates. */
  readonly periodStart: string;
  readonly periodEnd: string;
}

/** What a catalogue record (a campaign, a brand) keeps about its own life. */
export interface RecordStamp {
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Who last changed it: `client:<id>` for first sight from events, `user:<username>` after. */
  readonly updatedBy: string;
  /** Optimistic-concurrency version. */
  readonly version: number;
}

export const RECORD_STAMP_FIELDS = [
  'createdAt',
  'updatedAt',
  'updatedBy',
  'version',
] as const satisfies readonly (keyof RecordStamp)[];

/** The stamp of a record first seen at `at`, by `actor`: version 1. */
const firstStamp = (actor: string, at: string): RecordStamp => ({
  createdAt: at,
  updatedAt: at,
  updatedBy: actor,
  version: 1,
});

export interface Campaign extends RecordStamp {
  readonly campaignId: string;
  /** A person's name for it (`Tết 2027 launch`); the id when none was given. */
  readonly name?: string;
  readonly brand?: string;
  /** ISO 3166-1 alpha-2, in capitals (`GB` for the United Kingdom). */
  readonly market?: string;
  /** The channel its spend comes from (`facebook`, `google`, …), as the events name it. */
  readonly channel?: string;
  /** The username of the person who answers for it: the default owner of its cases. */
  readonly owner?: string;
  readonly plan?: CampaignPlan;
  /**
   * When a person (`PUT /v1/campaigns/{id}`) or an approved re-allocation last set the plan; absent while
   * the plan is what the events said. From then on it is the plan of record (`planOfRecord`).
   */
  readonly planSetAt?: string;
  /** Who set it then: `user:<username>` (the approver, for a re-allocation). */
  readonly planSetBy?: string;
  /** `event` while only its events described it; `manager` or `cli` once a person completed it. */
  readonly source: 'event' | 'manager' | 'cli';
}

export interface Brand extends RecordStamp {
  /** As the events spell it; compared without regard to case (shared/auth/scope.ts `brandKey`). */
  readonly brand: string;
  /** The username owning the brand's cases when a campaign names no owner. */
  readonly owner?: string;
  /** Usernames paged at tier 2 when a case's owner does not acknowledge it within the SLA. */
  readonly managers: readonly string[];
}

/**
 * Who owns a new case: the campaign's owner, else the brand's, else nobody (the case is then paged as
 * before ownership: to every subscribed manager).
 */
export const defaultOwner = (
  campaign: Pick<Campaign, 'owner'> | undefined,
  brand: Pick<Brand, 'owner'> | undefined,
): string | undefined => campaign?.owner ?? brand?.owner;

/** One field a change moved, in words a person reads in the history (`plan`: `10000 USD 2026-11-01..2026-11-30`). */
export interface FieldChange {
  readonly field: string;
  readonly from?: string;
  readonly to?: string;
}

/** A campaign's or brand's history line: who changed what, when, to which version. */
export interface CatalogueChange {
  readonly entity: 'campaign' | 'brand';
  /** The campaign id, or the brand as `brandKey` files it. */
  readonly id: string;
  readonly at: string;
  /** `user:<username>` for a person, `client:<id>` for first sight from events. */
  readonly actor: string;
  /** The version this change wrote. */
  readonly version: number;
  readonly changes: readonly FieldChange[];
}

/** What a request's events say about a campaign: the fields a first sight (or a gap) may take. */
export interface CampaignSighting {
  readonly channel?: string;
  readonly brand?: string;
  readonly market?: string;
  readonly plan?: CampaignPlan;
}

/** What a request's events say about the catalogue: campaigns by id, brands by `brandKey` (as spelt first). */
export interface Sightings {
  readonly campaigns: ReadonlyMap<string, CampaignSighting>;
  readonly brands: ReadonlyMap<string, string>;
}

const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;

/** The campaign an event names and what it says about it, if any. */
const sightingOf = (
  event: RiskEvent,
): { readonly id: string; readonly seen: CampaignSighting } | undefined => {
  if (event.type === 'spend') {
    const { campaignId, channel, brand, market, plannedBudget, currency, periodStart, periodEnd } =
      event.spend;
    return {
      id: campaignId,
      seen: defined({
        channel,
        brand,
        market: market === undefined ? undefined : marketKey(market),
        plan: { budget: plannedBudget, currency, periodStart, periodEnd },
      }),
    };
  }
  if (event.type === 'ad-copy' && event.copy.campaignId !== undefined)
    return {
      id: event.copy.campaignId,
      seen: { brand: event.copy.brand, market: marketKey(event.copy.market) },
    };
  return undefined;
};

/** The brand an event names, if any. */
const brandOfEvent = (event: RiskEvent): string | undefined =>
  event.type === 'spend'
    ? event.spend.brand
    : event.type === 'ad-copy'
      ? event.copy.brand
      : event.sentiment.brand;

/**
 * What events say about campaigns and brands, in order: the first event to state a field gives it (a later
 * event does not contradict an earlier one of the same request).
 */
export const sightingsOf = (events: readonly RiskEvent[]): Sightings => {
  const campaigns = new Map<string, CampaignSighting>();
  const brands = new Map<string, string>();
  for (const event of events) {
    const sighting = sightingOf(event);
    if (sighting !== undefined)
      campaigns.set(sighting.id, { ...sighting.seen, ...campaigns.get(sighting.id) });
    const brand = brandOfEvent(event);
    if (brand !== undefined && !brands.has(brandKey(brand))) brands.set(brandKey(brand), brand.trim());
  }
  return { campaigns, brands };
};

/** A campaign first seen in events: what they say, `source: 'event'`, version 1. */
export const campaignFromSighting = (
  campaignId: string,
  seen: CampaignSighting,
  actor: string,
  now: Date,
): Campaign => {
  const at = now.toISOString();
  return { campaignId, ...seen, source: 'event', ...firstStamp(actor, at) };
};

/**
 * A stored campaign with the fields it lacks filled from events (never one it has: what a manager set
 * stays), or `undefined` when the events add nothing.
 */
export const campaignGapsFilled = (
  existing: Campaign,
  seen: CampaignSighting,
  actor: string,
  now: Date,
): Campaign | undefined => {
  const gaps = Object.fromEntries(
    (Object.keys(seen) as (keyof CampaignSighting)[])
      .filter((field) => existing[field] === undefined && seen[field] !== undefined)
      .map((field) => [field, seen[field]]),
  );
  if (Object.keys(gaps).length === 0) return undefined;
  return {
    ...existing,
    ...gaps,
    updatedAt: now.toISOString(),
    updatedBy: actor,
    version: existing.version + 1,
  };
};

/** A brand first seen in events: no owner, no managers yet. */
export const brandFromSighting = (brand: string, actor: string, now: Date): Brand => {
  const at = now.toISOString();
  return { brand, managers: [], ...firstStamp(actor, at) };
};

/**
 * A case subject as the catalogue completes it. A spend subject takes its campaign's brand and market
 * (the catalogue's, else what its event said: `said`); another subject keeps its own and only fills a gap
 * from its campaign (an ad copy states its brand and market).
 */
export const completedSubject = (
  subject: Subject,
  campaign: Campaign | undefined,
  said: { readonly brand?: string | undefined; readonly market?: string | undefined } = {},
): Subject => {
  const fromCatalogue =
    campaign === undefined ? {} : defined({ brand: campaign.brand, market: campaign.market });
  if (!realSubjectKey(subject.key).startsWith('spend|')) return { ...fromCatalogue, ...subject };
  const fromEvent = defined({
    brand: said.brand?.trim(),
    market: said.market === undefined ? undefined : marketKey(said.market),
  });
  return { ...subject, ...fromEvent, ...fromCatalogue };
};

/** The owner a subject's case takes by default: its campaign's owner, else its brand's. */
export const ownerFor = (
  subject: Pick<Subject, 'brand' | 'campaignId'>,
  catalogue: {
    readonly campaigns: ReadonlyMap<string, Campaign>;
    readonly brands: ReadonlyMap<string, Brand>;
  },
): string | undefined => {
  const campaign = subject.campaignId === undefined ? undefined : catalogue.campaigns.get(subject.campaignId);
  const brand = subject.brand === undefined ? undefined : catalogue.brands.get(brandKey(subject.brand));
  return defaultOwner(campaign, brand);
};

/**
 * What a manager changes on a campaign: a field given is set, `null` clears it, a field left out stays.
 * Brand and market are filed as scopes compare them (the market in capitals, `UK` as `GB`).
 */
export interface CampaignPatch {
  readonly name?: string | null;
  readonly brand?: string | null;
  readonly market?: string | null;
  readonly channel?: string | null;
  readonly owner?: string | null;
  readonly plan?: CampaignPlan | null;
}

/** What a manager changes on a brand (`owner: null` clears it; `managers` replaces the list). */
export interface BrandPatch {
  readonly owner?: string | null;
  readonly managers?: readonly string[];
}

/** A field's value in a history line. */
const describe = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(', ');
  if (typeof value === 'object' && value !== null) {
    const plan = value as CampaignPlan;
    return `${plan.budget} ${plan.currency} ${plan.periodStart}..${plan.periodEnd}`;
  }
  return String(value);
};

const fieldChanges = (before: object, after: object, fields: readonly string[]): FieldChange[] =>
  fields.flatMap((field) => {
    const from = describe((before as Record<string, unknown>)[field]);
    const to = describe((after as Record<string, unknown>)[field]);
    return from === to ? [] : [defined({ field, from, to }) as FieldChange];
  });

const CAMPAIGN_FIELDS = ['name', 'brand', 'market', 'channel', 'owner', 'plan'] as const;

/** A change and what it wrote, or `unchanged` when the patch sets what is already there. */
export type CatalogueEdit<T> =
  | { readonly kind: 'changed'; readonly next: T; readonly change: CatalogueChange }
  | { readonly kind: 'unchanged'; readonly current: T };

const applyPatch = <T extends object>(base: T, patch: object): T => {
  const next: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as T;
};

/**
 * A person's change to a campaign (new when `existing` is undefined), with its history line.
 * @example changeCampaign(undefined, 'cmp-1', { brand: 'Acme' }, 'user:ana', 'manager', now).kind // 'changed'
 */
export const changeCampaign = (
  existing: Campaign | undefined,
  campaignId: string,
  patch: CampaignPatch,
  actor: string,
  source: 'manager' | 'cli',
  now: Date,
): CatalogueEdit<Campaign> => {
  const at = now.toISOString();
  const base: Campaign = existing ?? {
    campaignId,
    source,
    createdAt: at,
    updatedAt: at,
    updatedBy: actor,
    version: 0,
  };
  const normalised: CampaignPatch = {
    ...patch,
    ...(typeof patch.brand === 'string' ? { brand: patch.brand.trim() } : {}),
    ...(typeof patch.market === 'string' ? { market: marketKey(patch.market) } : {}),
  };
  const patched = applyPatch(base, normalised);
  const changes = fieldChanges(base, patched, CAMPAIGN_FIELDS);
  if (existing !== undefined && changes.length === 0) return { kind: 'unchanged', current: existing };
  const version = base.version + 1;
  // A plan a person sets (or clears) becomes (or stops being) the plan of record from now on.
  const planMoved = changes.some((change) => change.field === 'plan');
  const { planSetAt: _at, planSetBy: _by, ...rest } = patched;
  const planOrigin = !planMoved
    ? defined({ planSetAt: base.planSetAt, planSetBy: base.planSetBy })
    : patched.plan === undefined
      ? {}
      : { planSetAt: at, planSetBy: actor };
  return {
    kind: 'changed',
    next: { ...rest, ...planOrigin, source, updatedAt: at, updatedBy: actor, version },
    change: { entity: 'campaign', id: campaignId, at, actor, version, changes },
  };
};

/** A person's change to a brand (new when `existing` is undefined), with its history line. */
export const changeBrand = (
  existing: Brand | undefined,
  brand: string,
  patch: BrandPatch,
  actor: string,
  now: Date,
): CatalogueEdit<Brand> => {
  const at = now.toISOString();
  const base: Brand = existing ?? {
    brand: brand.trim(),
    managers: [],
    createdAt: at,
    updatedAt: at,
    updatedBy: actor,
    version: 0,
  };
  const managers =
    patch.managers === undefined ? undefined : [...new Set(patch.managers.map((m) => m.trim()))];
  const patched = applyPatch(base, { ...patch, ...(managers === undefined ? {} : { managers }) });
  const changes = fieldChanges(base, patched, ['owner', 'managers']);
  if (existing !== undefined && changes.length === 0) return { kind: 'unchanged', current: existing };
  const version = base.version + 1;
  return {
    kind: 'changed',
    next: { ...patched, updatedAt: at, updatedBy: actor, version },
    change: { entity: 'brand', id: brandKey(brand), at, actor, version, changes },
  };
};

/**
 * An unresolved case of a campaign a manager just changed, completed as its next occurrence would: the
 * subject's brand and market, the default owner where it has none (a reassigned owner stays). `undefined`
 * when nothing moves or the case is resolved.
 */
export const caseCompletedFrom = (
  existing: RiskCase,
  campaign: Campaign,
  brand: Brand | undefined,
  now: Date,
): RiskCase | undefined => {
  if (existing.status === 'resolved') return undefined;
  const subject = completedSubject(existing.subject, campaign);
  const owner = existing.owner ?? defaultOwner(campaign, brand);
  const moved =
    subject.brand !== existing.subject.brand ||
    subject.market !== existing.subject.market ||
    owner !== existing.owner;
  if (!moved) return undefined;
  return {
    ...existing,
    subject,
    ...(owner === undefined ? {} : { owner }),
    updatedAt: now.toISOString(),
    version: existing.version + 1,
  };
};

/** The plan a spend event is judged against, and where it comes from. */
export interface PlanOfRecord {
  readonly plan: CampaignPlan;
  /** `catalogue` when a person or an approved re-allocation set it, `event` when the event's own figures. */
  readonly from: 'catalogue' | 'event';
  /** For `catalogue`: when and by whom it was set. */
  readonly setAt?: string;
  readonly setBy?: string;
}

/**
 * The plan the spend detectors judge an event against (README "Plans of record"). The event's own figures
 * (`plannedBudget`, currency, period), unless its campaign's catalogue plan was set by a person or an
 * approved re-allocation (`planSetAt`) and
 * - the event describes spend at or after that moment (`occurredAt ≥ planSetAt`: a back-filled report of
 *   earlier days keeps the plan it was made under),
 * - its period overlaps the catalogue plan's (the same flight: a report of next month's flight is judged
 *   against its own plan until someone sets that one), and
 * - it is in the same currency (amounts in two currencies cannot be compared).
 * Then the catalogue's plan wins: a change made in the catalogue after the platform's figure is the later
 * decision. Clearing the catalogue plan (`plan: null`) gives the events their say again.
 *
 * @example planOfRecord(spendEvent, { plan, planSetAt: '2026-12-01T09:00:00Z' }).from // 'catalogue'
 */
export const planOfRecord = (
  event: Pick<SpendEvent, 'occurredAt' | 'spend'>,
  campaign: Pick<Campaign, 'plan' | 'planSetAt' | 'planSetBy'> | undefined,
): PlanOfRecord => {
  const { plannedBudget, currency, periodStart, periodEnd } = event.spend;
  const own: PlanOfRecord = {
    plan: { budget: plannedBudget, currency, periodStart, periodEnd },
    from: 'event',
  };
  const plan = campaign?.plan;
  const setAt = campaign?.planSetAt;
  if (plan === undefined || setAt === undefined) return own;
  const after = Date.parse(event.occurredAt) >= Date.parse(setAt);
  const overlaps = periodStart <= plan.periodEnd && periodEnd >= plan.periodStart;
  if (!after || !overlaps || plan.currency !== currency) return own;
  return {
    plan,
    from: 'catalogue',
    setAt,
    ...(campaign?.planSetBy === undefined ? {} : { setBy: campaign.planSetBy }),
  };
};
