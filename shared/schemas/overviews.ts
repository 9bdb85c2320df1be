import * as z from 'zod';
import type { AuditAction, CaseFinding, CaseStatus, RiskCase } from '#shared/domain/case.ts';
import type { Brand, Campaign, CampaignPlan } from '#shared/domain/catalogue.ts';
import type { ReviewDecision, ReviewStatus } from '#shared/domain/review.ts';
import { CaseFindingSchema, CaseSchema } from './cases.ts';
import type { Tied } from './tie.ts';
import {
  AuditActionSchema,
  CaseStatusSchema,
  type Level,
  LevelSchema,
  ReviewDecisionSchema,
  ReviewStatusSchema,
  type RiskType,
  RiskTypeSchema,
} from './vocabulary.ts';

/**
 * The campaign and brand overviews (GET /v1/campaigns/{id}/overview, GET /v1/brands/{brand}/overview):
 * what a manager reads to see the whole risk of a launch at once. The types are the contract the web app
 * codes against; each schema below is tied to its type for the OpenAPI document (the handler does not load
 * the schemas). Every list is bounded: `truncated` says where a cap cut it (shared/use-cases/overviews.ts
 * `OVERVIEW_LIMITS`). Findings anywhere in an answer are rendered in the reader's language.
 */

// ——— Types ———

/** A campaign as its overview shows it: the catalogue's record, or what its cases say when it has none. */
export interface OverviewCampaign {
  readonly campaignId: string;
  readonly name?: string;
  readonly brand?: string;
  /** ISO 3166-1 alpha-2, in capitals. */
  readonly market?: string;
  /** The catalogue's channel and every channel its spend cases report, sorted. */
  readonly channels: readonly string[];
  readonly owner?: string;
  /** The catalogue's plan, else the one its latest spend reports state (see `CampaignSpend.planSource`). */
  readonly plan?: CampaignPlan;
  /** The catalogue record; absent when the campaign is only known from its cases. */
  readonly record?: Campaign;
}

/**
 * One thing that happened to one of the overview's cases: a line of its audit trail. `level` is the level
 * the line moved the case to (`opened`, `level-rose`), else the case's level now.
 */
export interface TimelineEntry {
  readonly at: string;
  readonly caseId: string;
  readonly riskType: RiskType;
  readonly level: Level;
  readonly action: AuditAction;
  /** `user:<name>`, `client:<id>` or `system:<job>`. */
  readonly actor: string;
  readonly note?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A spend report that raised a finding: the cumulative figures it carried (from the stored event). */
export interface SpendSnapshot {
  /** When the report was made (`occurredAt`, UTC). */
  readonly at: string;
  readonly eventId: string;
  readonly caseId: string;
  readonly actualSpend: number;
  readonly plannedBudget: number;
  readonly conversions?: number;
  readonly currency: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The level the report was assessed at. */
  readonly level: Level;
}

/** The end-of-period forecast of the spend model (shared/domain/spend-rules.ts `spendForecast`). */
export interface SpendForecastView {
  readonly projected: number;
  readonly low: number;
  readonly high: number;
  /** The share of the forecast interval (0.9 = 90 %). */
  readonly interval: number;
  readonly daysLeft: number;
  readonly dailySpend: number;
  /** projected / plan − 1 (0.2 = 20 % over). */
  readonly projectedOverrunRatio: number;
}

/** Where a channel's spend stands: spent share against elapsed share of the period, and the forecast. */
export interface SpendPacing {
  /** The latest report the figures come from (its `occurredAt`). */
  readonly asOf: string;
  readonly actualSpend: number;
  readonly plannedBudget: number;
  readonly currency: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** actualSpend / plannedBudget (1.15 = 15 % over plan). */
  readonly spentShare: number;
  /** The share of the period elapsed at `asOf` (0 … 1). */
  readonly elapsedShare: number;
  /** The share elapsed at the time of the answer. */
  readonly elapsedShareNow: number;
  /** Absent until the spend model has learnt the pace (a few reports under the plan) or after the period. */
  readonly forecast?: SpendForecastView;
}

/** One channel of the campaign (one spend subject): its snapshots, oldest first, and its pacing now. */
export interface ChannelSpend {
  readonly channel: string;
  /** Its cases: budget and channel risk are separate cases of the same channel. */
  readonly caseIds: readonly string[];
  readonly snapshots: readonly SpendSnapshot[];
  readonly pacing?: SpendPacing;
}

/** The campaign's plan, spend and pacing over all channels. */
export interface CampaignSpend {
  readonly plan?: CampaignPlan;
  /**
   * `catalogue`: the catalogue's plan (a person's, or the first report's when no channel reports now). `events`:
   * the latest report of each channel, budgets added (only when every channel reports the same currency),
   * period from the earliest start to the latest end.
   */
  readonly planSource?: 'catalogue' | 'events';
  readonly channels: readonly ChannelSpend[];
  /**
   * All channels together against the plan: latest cumulative spend of each channel added, forecasts added
   * when every channel has one. Absent without a plan or without spend reports.
   */
  readonly pacing?: SpendPacing;
}

/** Legal's review of a copy, as the overview shows it. */
export interface CopyReviewView {
  readonly reviewId: string;
  readonly status: ReviewStatus;
  readonly round: number;
  readonly decision?: ReviewDecision;
  /** Who decided (`user:<name>`). */
  readonly reviewer?: string;
  readonly decidedAt?: string;
  readonly note?: string;
}

/** One ad copy of the campaign (an ad-copy case). */
export interface CopyOverview {
  readonly caseId: string;
  readonly copyId: string;
  /** The copy's language (`zh`, `vi`, `en`), from its review; absent when the review cannot be read. */
  readonly language?: string;
  readonly market?: string;
  readonly brand?: string;
  readonly level: Level;
  readonly status: CaseStatus;
  readonly lastSeenAt: string;
  /** The case's headline finding (worst first), in the reader's language. */
  readonly headline?: CaseFinding;
  readonly review?: CopyReviewView;
}

/** Where a cap cut a list of the campaign overview. */
export interface CampaignTruncation {
  readonly cases: boolean;
  readonly timeline: boolean;
  readonly snapshots: boolean;
  readonly copies: boolean;
}

export interface CampaignOverview {
  readonly campaign: OverviewCampaign;
  /** Every in-scope case of the campaign (spend, ad copy) and its brand's overlapping sentiment cases, newest first. */
  readonly cases: readonly RiskCase[];
  /**
   * The period the brand's sentiment cases were matched against: the plan's, else the campaign's own cases'
   * first to last seen. Absent when neither is known (then no sentiment case is included).
   */
  readonly sentimentWindow?: { readonly from: string; readonly to: string };
  /** The cases' audit trails merged, oldest first. */
  readonly timeline: readonly TimelineEntry[];
  readonly spend: CampaignSpend;
  readonly copies: readonly CopyOverview[];
  readonly truncated: CampaignTruncation;
  readonly generatedAt: string;
}

/** How many of a week's cases stood in one cell of the matrix. */
export interface HeatCell {
  readonly probability: string;
  readonly impact: string;
  /** The level the matrix in force gives the cell. */
  readonly level: Level;
  readonly count: number;
}

/** One ISO week (UTC, Monday to Sunday) of the heat map; cells without cases are left out. */
export interface HeatWeek {
  /** ISO week, e.g. `2026-W49`. */
  readonly week: string;
  /** Its Monday (`2026-11-30`). */
  readonly start: string;
  /** Cases with an occurrence that week. */
  readonly total: number;
  readonly cells: readonly HeatCell[];
}

/**
 * The brand's heat map over time: for each ISO week (UTC), the number of the brand's cases with at least
 * one occurrence that week, each counted once, in the cell of the worst report it had that week (README
 * "Campaign and brand overviews").
 */
export interface HeatMap {
  /** The first Monday, 00:00 UTC (inclusive). */
  readonly from: string;
  /** The Monday after the last week, 00:00 UTC (exclusive). */
  readonly to: string;
  readonly matrixVersion: string;
  /** The matrix axes in force, lowest first. */
  readonly probabilities: readonly string[];
  readonly impacts: readonly string[];
  /** Oldest week first; every week of the range, empty ones included. */
  readonly weeks: readonly HeatWeek[];
  /** A cap cut the cases or occurrences read: counts are lower bounds. */
  readonly truncated: boolean;
}

export interface OverviewBrand {
  /** As the catalogue spells it, else as asked. */
  readonly brand: string;
  /** The catalogue record; absent when the brand is only known from its cases. */
  readonly record?: Brand;
}

export interface BrandOverview {
  readonly brand: OverviewBrand;
  /** The brand's campaigns in the catalogue that the reader's scope covers. */
  readonly campaigns: readonly Campaign[];
  /** The brand's latest cases (last seen), newest first. */
  readonly recentCases: readonly RiskCase[];
  readonly heatMap: HeatMap;
  readonly truncated: {
    readonly campaigns: boolean;
    readonly recentCases: boolean;
    readonly heatMap: boolean;
  };
  readonly generatedAt: string;
}

// ——— Schemas (OpenAPI), each tied to its type ———

const CampaignPlanSchema = z
  .object({
    budget: z.number(),
    currency: z.string().meta({ description: 'ISO 4217, in capitals.' }),
    periodStart: z.string().meta({ description: 'ISO-8601 date, inclusive.' }),
    periodEnd: z.string().meta({ description: 'ISO-8601 date, inclusive.' }),
  })
  .meta({ id: 'OverviewCampaignPlan' });
true satisfies Tied<typeof CampaignPlanSchema, CampaignPlan>;

const CampaignRecordSchema = z
  .object({
    campaignId: z.string(),
    name: z.string().optional(),
    brand: z.string().optional(),
    market: z.string().optional(),
    channel: z.string().optional(),
    owner: z.string().optional(),
    plan: CampaignPlanSchema.optional(),
    planSetAt: z.string().optional(),
    planSetBy: z.string().optional(),
    source: z.enum(['event', 'manager', 'cli']),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'OverviewCampaignRecord', description: 'A campaign of the catalogue.' });
true satisfies Tied<typeof CampaignRecordSchema, Campaign>;

const BrandRecordSchema = z
  .object({
    brand: z.string(),
    owner: z.string().optional(),
    managers: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'OverviewBrandRecord', description: 'A brand of the catalogue.' });
true satisfies Tied<typeof BrandRecordSchema, Brand>;

const OverviewCampaignSchema = z
  .object({
    campaignId: z.string(),
    name: z.string().optional(),
    brand: z.string().optional(),
    market: z.string().optional(),
    channels: z.array(z.string()),
    owner: z.string().optional(),
    plan: CampaignPlanSchema.optional(),
    record: CampaignRecordSchema.optional(),
  })
  .meta({ id: 'OverviewCampaign' });
true satisfies Tied<typeof OverviewCampaignSchema, OverviewCampaign>;

const TimelineEntrySchema = z
  .object({
    at: z.string(),
    caseId: z.string(),
    riskType: RiskTypeSchema,
    level: LevelSchema,
    action: AuditActionSchema,
    actor: z.string(),
    note: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .meta({ id: 'TimelineEntry' });
true satisfies Tied<typeof TimelineEntrySchema, TimelineEntry>;

const SpendSnapshotSchema = z
  .object({
    at: z.string(),
    eventId: z.string(),
    caseId: z.string(),
    actualSpend: z.number(),
    plannedBudget: z.number(),
    conversions: z.number().optional(),
    currency: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    level: LevelSchema,
  })
  .meta({ id: 'SpendSnapshot' });
true satisfies Tied<typeof SpendSnapshotSchema, SpendSnapshot>;

const SpendForecastSchema = z
  .object({
    projected: z.number(),
    low: z.number(),
    high: z.number(),
    interval: z.number(),
    daysLeft: z.number(),
    dailySpend: z.number(),
    projectedOverrunRatio: z.number(),
  })
  .meta({ id: 'SpendForecast' });
true satisfies Tied<typeof SpendForecastSchema, SpendForecastView>;

const SpendPacingSchema = z
  .object({
    asOf: z.string(),
    actualSpend: z.number(),
    plannedBudget: z.number(),
    currency: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    spentShare: z.number(),
    elapsedShare: z.number(),
    elapsedShareNow: z.number(),
    forecast: SpendForecastSchema.optional(),
  })
  .meta({ id: 'SpendPacing' });
true satisfies Tied<typeof SpendPacingSchema, SpendPacing>;

const ChannelSpendSchema = z
  .object({
    channel: z.string(),
    caseIds: z.array(z.string()),
    snapshots: z.array(SpendSnapshotSchema),
    pacing: SpendPacingSchema.optional(),
  })
  .meta({ id: 'ChannelSpend' });
true satisfies Tied<typeof ChannelSpendSchema, ChannelSpend>;

const CampaignSpendSchema = z
  .object({
    plan: CampaignPlanSchema.optional(),
    planSource: z.enum(['catalogue', 'events']).optional(),
    channels: z.array(ChannelSpendSchema),
    pacing: SpendPacingSchema.optional(),
  })
  .meta({ id: 'CampaignSpend' });
true satisfies Tied<typeof CampaignSpendSchema, CampaignSpend>;

const CopyReviewSchema = z
  .object({
    reviewId: z.string(),
    status: ReviewStatusSchema,
    round: z.number().int(),
    decision: ReviewDecisionSchema.optional(),
    reviewer: z.string().optional(),
    decidedAt: z.string().optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'CopyReview' });
true satisfies Tied<typeof CopyReviewSchema, CopyReviewView>;

const CopyOverviewSchema = z
  .object({
    caseId: z.string(),
    copyId: z.string(),
    language: z.string().optional(),
    market: z.string().optional(),
    brand: z.string().optional(),
    level: LevelSchema,
    status: CaseStatusSchema,
    lastSeenAt: z.string(),
    headline: CaseFindingSchema.optional(),
    review: CopyReviewSchema.optional(),
  })
  .meta({ id: 'CopyOverview' });
true satisfies Tied<typeof CopyOverviewSchema, CopyOverview>;

export const CampaignOverviewSchema = z
  .object({
    campaign: OverviewCampaignSchema,
    cases: z.array(CaseSchema),
    sentimentWindow: z.object({ from: z.string(), to: z.string() }).optional(),
    timeline: z.array(TimelineEntrySchema),
    spend: CampaignSpendSchema,
    copies: z.array(CopyOverviewSchema),
    truncated: z.object({
      cases: z.boolean(),
      timeline: z.boolean(),
      snapshots: z.boolean(),
      copies: z.boolean(),
    }),
    generatedAt: z.string(),
  })
  .meta({ id: 'CampaignOverview' });
true satisfies Tied<typeof CampaignOverviewSchema, CampaignOverview>;

const HeatCellSchema = z
  .object({ probability: z.string(), impact: z.string(), level: LevelSchema, count: z.number().int() })
  .meta({ id: 'HeatCell' });
true satisfies Tied<typeof HeatCellSchema, HeatCell>;

const HeatWeekSchema = z
  .object({
    week: z.string().meta({ examples: ['2026-W49'] }),
    start: z.string(),
    total: z.number().int(),
    cells: z.array(HeatCellSchema),
  })
  .meta({ id: 'HeatWeek' });
true satisfies Tied<typeof HeatWeekSchema, HeatWeek>;

const HeatMapSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    matrixVersion: z.string(),
    probabilities: z.array(z.string()),
    impacts: z.array(z.string()),
    weeks: z.array(HeatWeekSchema),
    truncated: z.boolean(),
  })
  .meta({
    id: 'HeatMap',
    description:
      "Per ISO week (UTC), the brand's cases with an occurrence that week, each once, in the cell of its worst report that week.",
  });
true satisfies Tied<typeof HeatMapSchema, HeatMap>;

export const BrandOverviewSchema = z
  .object({
    brand: z.object({ brand: z.string(), record: BrandRecordSchema.optional() }),
    campaigns: z.array(CampaignRecordSchema),
    recentCases: z.array(CaseSchema),
    heatMap: HeatMapSchema,
    truncated: z.object({ campaigns: z.boolean(), recentCases: z.boolean(), heatMap: z.boolean() }),
    generatedAt: z.string(),
  })
  .meta({ id: 'BrandOverview' });
true satisfies Tied<typeof BrandOverviewSchema, BrandOverview>;
