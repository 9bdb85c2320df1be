/**
 * The campaign and brand catalogue: which brand and market a campaign belongs to, who owns it and what
 * it plans to spend. A campaign is created on first sight from its events (spend, or ad copy naming it)
 * and completed by managers (web app, `PUT /v1/campaigns/{id}`, `risk-radar campaigns push`). Cases take
 * brand, market and owner from here, so a spend case can be scoped and routed like any other.
 */

/** What a campaign plans: the budget over its period (both dates inclusive). */
export interface CampaignPlan {
  readonly budget: number;
  /** ISO 4217, in capitals. */
  readonly currency: string;
  /** ISO-8601 dates. */
  readonly periodStart: string;
  readonly periodEnd: string;
}

export interface Campaign {
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
  /** `event` while only its events described it; `manager` or `cli` once a person completed it. */
  readonly source: 'event' | 'manager' | 'cli';
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Who last changed it: `client:<id>` for first sight from events, `user:<username>` after. */
  readonly updatedBy: string;
  /** Optimistic-concurrency version. */
  readonly version: number;
}

export interface Brand {
  /** As the events spell it; compared without regard to case (shared/auth/scope.ts `brandKey`). */
  readonly brand: string;
  /** The username owning the brand's cases when a campaign names no owner. */
  readonly owner?: string;
  /** Usernames paged at tier 2 when a case's owner does not acknowledge it within the SLA. */
  readonly managers: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly version: number;
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
