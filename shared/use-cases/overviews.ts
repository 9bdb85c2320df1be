import { brandKey, covers, isUnscoped, marketKey, type Scope } from '#shared/auth/scope.ts';
import { asSpendBaseline, baselineKeyOf, type SpendBaseline } from '#shared/domain/baselines.ts';
import type { AuditEntry, Occurrence, RiskCase } from '#shared/domain/case.ts';
import type { CampaignPlan } from '#shared/domain/catalogue.ts';
import { realSubjectKey } from '#shared/domain/drill-key.ts';
import type { Spend } from '#shared/domain/event.ts';
import { elapsedShare } from '#shared/domain/period.ts';
import type { Review } from '#shared/domain/review.ts';
import type { RiskMatrix } from '#shared/domain/risk-matrix.ts';
import { readSpend } from '#shared/domain/spend-model.ts';
import { spendForecast } from '#shared/domain/spend-rules.ts';
import type { SpendThresholds } from '#shared/domain/spend-thresholds.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { CaseQuery, CatalogueStore, Page, StoredEvent } from '#shared/ports.ts';
import type {
  BrandOverview,
  CampaignOverview,
  CampaignSpend,
  ChannelSpend,
  CopyOverview,
  HeatCell,
  HeatMap,
  OverviewCampaign,
  SpendPacing,
  SpendSnapshot,
  TimelineEntry,
} from '#shared/schemas/overviews.ts';

/**
 * The campaign and brand overviews (#16 point 5): every case of a campaign across spend, ad copy and
 * sentiment on one timeline, its plan, spend and pacing, its copies with legal's review state; a brand's
 * campaigns, latest cases and weekly heat map. The use case reads through the case indexes (never a Scan),
 * each read bounded by `OVERVIEW_LIMITS`, then assembles the answer with the pure helpers below.
 */

/** Every cap of the overviews: a cut list says so with a `truncated` flag. */
export const OVERVIEW_LIMITS = {
  /** Spend and ad-copy cases of one campaign (campaign index). */
  campaignCases: 200,
  /** The brand's sentiment cases overlapping the campaign's period… */
  sentimentCases: 50,
  /** …found among at most this many of the brand's cases last seen since the period began. */
  sentimentRead: 1_000,
  /** Audit lines per case on the timeline (the latest). */
  auditPerCase: 50,
  /** Lines on the timeline (the latest). */
  timeline: 1_000,
  /** Spend reports per spend case (the latest). */
  snapshotsPerCase: 100,
  /** Campaigns listed on a brand's page. */
  brandCampaigns: 100,
  /** A brand's latest cases the reader's scope covers… */
  recentCases: 50,
  /** …and its cases on the heat map: each list found among at most this many of the brand's cases read. */
  brandRead: 1_000,
  /** Cases of a brand counted on its heat map (those last seen latest)… */
  heatCases: 200,
  /** …and each one's occurrences read within the map's weeks. */
  heatOccurrencesPerCase: 100,
} as const;

/** Some items and whether a cap left more unread. */
export interface Bounded<T> {
  readonly items: readonly T[];
  readonly more: boolean;
}

/** The pusher and id of a stored event: how an occurrence points back to it. */
export interface EventRef {
  readonly clientId: string;
  readonly eventId: string;
}

export const eventRefKey = (ref: EventRef): string => `${ref.clientId}\u0000${ref.eventId}`;

/** What the overviews read besides the catalogue (shared/adapters/dynamodb-overview-reader.ts). */
export interface OverviewReader {
  listCases(query: CaseQuery): Promise<Page<RiskCase>>;
  /** Each case's latest `perCase` audit lines, oldest first. */
  auditOf(caseIds: readonly string[], perCase: number): Promise<ReadonlyMap<string, Bounded<AuditEntry>>>;
  /**
   * Each case's occurrences (the latest `perCase`, oldest first), only those that happened in
   * [`range.from`, `range.to`) when a range is given.
   */
  occurrencesOf(
    caseIds: readonly string[],
    perCase: number,
    range?: { readonly from: string; readonly to: string },
  ): Promise<ReadonlyMap<string, Bounded<Occurrence>>>;
  /** The reviews of these ad-copy cases, by case id. */
  reviewsOf(caseIds: readonly string[]): Promise<ReadonlyMap<string, Review>>;
  /** These stored events, by `eventRefKey`. */
  eventsOf(refs: readonly EventRef[]): Promise<ReadonlyMap<string, StoredEvent>>;
  /** Stored baselines by key (BaselineStore.getMany). */
  baselines(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>>;
}

export interface OverviewDeps {
  readonly reader: OverviewReader;
  readonly catalogue: Pick<CatalogueStore, 'getCampaign' | 'getBrand' | 'listCampaigns'>;
  readonly now: Date;
  /** The spend thresholds in force (their forecast interval and learning are the pacing's). */
  readonly spendThresholds: () => Promise<SpendThresholds>;
  readonly matrix: () => Promise<RiskMatrix>;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const PAGE = 100;

// ——— Pure helpers ———

const isSpendCase = (value: RiskCase): boolean => realSubjectKey(value.subject.key).startsWith('spend|');
const isCopyCase = (value: RiskCase): boolean => value.subject.copyId !== undefined;

/**
 * The timeline: every case's audit lines merged, oldest first (ties by case id, then as each trail has
 * them); past `limit`, the latest `limit` lines are kept.
 *
 * @example mergeTimeline([riskCase], new Map([[riskCase.caseId, { items: audit, more: false }]]), 1000)
 */
export const mergeTimeline = (
  cases: readonly RiskCase[],
  audits: ReadonlyMap<string, Bounded<AuditEntry>>,
  limit: number,
): Bounded<TimelineEntry> => {
  const entries: (TimelineEntry & { readonly order: number })[] = [];
  let more = false;
  for (const value of cases) {
    const trail = audits.get(value.caseId);
    if (trail === undefined) continue;
    more ||= trail.more;
    trail.items.forEach((entry, order) => {
      const moved = entry.action === 'opened' || entry.action === 'level-rose';
      entries.push({
        at: entry.at,
        caseId: value.caseId,
        riskType: value.riskType,
        level: moved && entry.to !== undefined ? entry.to : value.level,
        action: entry.action,
        actor: entry.actor,
        ...(entry.note === undefined ? {} : { note: entry.note }),
        ...(entry.from === undefined ? {} : { from: entry.from }),
        ...(entry.to === undefined ? {} : { to: entry.to }),
        order,
      });
    });
  }
  entries.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.caseId.localeCompare(b.caseId) || a.order - b.order,
  );
  const kept = entries.length > limit ? entries.slice(entries.length - limit) : entries;
  return {
    items: kept.map(({ order: _order, ...entry }) => entry),
    more: more || entries.length > limit,
  };
};

/**
 * Each channel's spend reports, oldest first, from the spend cases' occurrences and their stored events
 * (a report is one occurrence of one case; reports the events no longer hold are left out).
 */
export const spendSeries = (
  spendCases: readonly RiskCase[],
  occurrences: ReadonlyMap<string, Bounded<Occurrence>>,
  events: ReadonlyMap<string, StoredEvent>,
): { readonly channels: Map<string, { caseIds: string[]; snapshots: SpendSnapshot[] }>; more: boolean } => {
  const channels = new Map<string, { caseIds: string[]; snapshots: SpendSnapshot[] }>();
  const seen = new Set<string>();
  let more = false;
  for (const value of spendCases) {
    const channel = value.subject.channel ?? '';
    const entry = channels.get(channel) ?? { caseIds: [], snapshots: [] };
    channels.set(channel, entry);
    entry.caseIds.push(value.caseId);
    const found = occurrences.get(value.caseId);
    more ||= found?.more ?? false;
    for (const occurrence of found?.items ?? []) {
      if (occurrence.clientId === undefined) continue;
      const key = eventRefKey({ clientId: occurrence.clientId, eventId: occurrence.eventId });
      const stored = events.get(key);
      if (stored === undefined || stored.event.type !== 'spend' || seen.has(key)) continue;
      seen.add(key);
      const spend = stored.event.spend;
      entry.snapshots.push({
        at: occurrence.occurredAt,
        eventId: occurrence.eventId,
        caseId: value.caseId,
        actualSpend: spend.actualSpend,
        plannedBudget: spend.plannedBudget,
        ...(spend.conversions === undefined ? {} : { conversions: spend.conversions }),
        currency: spend.currency,
        periodStart: spend.periodStart,
        periodEnd: spend.periodEnd,
        level: occurrence.level,
      });
    }
  }
  for (const entry of channels.values()) {
    entry.caseIds.sort();
    entry.snapshots.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.eventId.localeCompare(b.eventId));
  }
  return { channels, more };
};

const ratio = (a: number, b: number): number => (b > 0 && Number.isFinite(a / b) ? a / b : 0);

/**
 * Where a channel stands as of its latest report, by the spend model's own code: the share of the plan
 * spent against the share of the period elapsed (`elapsedShare`), and the end-of-period forecast
 * (`readSpend` on the stored baseline, then `spendForecast`). A baseline newer than the latest flagged
 * report (green reports since, of the same period) gives the newer cumulative figures.
 */
export const channelPacing = (
  latest: SpendSnapshot,
  stored: unknown,
  thresholds: SpendThresholds,
  now: Date,
): SpendPacing => {
  const baseline: SpendBaseline | undefined = asSpendBaseline(stored);
  const newer =
    baseline !== undefined &&
    baseline.periodStart === latest.periodStart &&
    Date.parse(baseline.updatedAt) > Date.parse(latest.at);
  const asOf = newer ? new Date(baseline.updatedAt).toISOString() : latest.at;
  const spend: Spend = {
    campaignId: '',
    channel: '',
    currency: latest.currency,
    plannedBudget: newer ? baseline.plannedBudget : latest.plannedBudget,
    actualSpend: newer ? baseline.lastSpend : latest.actualSpend,
    periodStart: latest.periodStart,
    periodEnd: latest.periodEnd,
  };
  const at = Date.parse(asOf);
  const forecast = spendForecast(spend, readSpend(spend, at, baseline, thresholds), thresholds);
  return {
    asOf,
    actualSpend: spend.actualSpend,
    plannedBudget: spend.plannedBudget,
    currency: spend.currency,
    periodStart: spend.periodStart,
    periodEnd: spend.periodEnd,
    spentShare: ratio(spend.actualSpend, spend.plannedBudget),
    elapsedShare: elapsedShare(spend.periodStart, spend.periodEnd, new Date(at)),
    elapsedShareNow: elapsedShare(spend.periodStart, spend.periodEnd, now),
    ...(forecast === undefined
      ? {}
      : {
          forecast: {
            projected: forecast.projected,
            low: forecast.low,
            high: forecast.high,
            interval: thresholds.pacing.interval,
            daysLeft: forecast.daysLeft,
            dailySpend: forecast.dailySpend,
            projectedOverrunRatio: ratio(forecast.projected, spend.plannedBudget) - 1,
          },
        }),
  };
};

/** The plan the channels' latest reports state together, when they share a currency. */
export const planFromReports = (latest: readonly SpendSnapshot[]): CampaignPlan | undefined => {
  const [first] = latest;
  if (first === undefined || latest.some((snapshot) => snapshot.currency !== first.currency))
    return undefined;
  return {
    budget: latest.reduce((sum, snapshot) => sum + snapshot.plannedBudget, 0),
    currency: first.currency,
    periodStart: latest.map((snapshot) => snapshot.periodStart).sort()[0] ?? first.periodStart,
    periodEnd:
      latest
        .map((snapshot) => snapshot.periodEnd)
        .sort()
        .at(-1) ?? first.periodEnd,
  };
};

/**
 * The campaign against its plan: the channels' latest cumulative spend added (only channels reporting in the
 * plan's currency); the forecasts added when every channel has one.
 */
export const campaignPacing = (
  plan: CampaignPlan,
  channels: readonly SpendPacing[],
  now: Date,
): SpendPacing | undefined => {
  const counted = channels.filter((pacing) => pacing.currency === plan.currency);
  if (counted.length === 0) return undefined;
  const asOf =
    counted
      .map((pacing) => pacing.asOf)
      .sort()
      .at(-1) ?? now.toISOString();
  const actualSpend = counted.reduce((sum, pacing) => sum + pacing.actualSpend, 0);
  const forecasts = counted.flatMap((pacing) => (pacing.forecast === undefined ? [] : [pacing.forecast]));
  const complete = forecasts.length === counted.length && counted.length === channels.length;
  const sum = (pick: (forecast: (typeof forecasts)[number]) => number) =>
    forecasts.reduce((total, forecast) => total + pick(forecast), 0);
  const projected = sum((forecast) => forecast.projected);
  return {
    asOf,
    actualSpend,
    plannedBudget: plan.budget,
    currency: plan.currency,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    spentShare: ratio(actualSpend, plan.budget),
    elapsedShare: elapsedShare(plan.periodStart, plan.periodEnd, new Date(asOf)),
    elapsedShareNow: elapsedShare(plan.periodStart, plan.periodEnd, now),
    ...(complete && forecasts[0] !== undefined
      ? {
          forecast: {
            projected,
            low: sum((forecast) => forecast.low),
            high: sum((forecast) => forecast.high),
            interval: forecasts[0].interval,
            daysLeft: Math.max(...forecasts.map((forecast) => forecast.daysLeft)),
            dailySpend: sum((forecast) => forecast.dailySpend),
            projectedOverrunRatio: ratio(projected, plan.budget) - 1,
          },
        }
      : {}),
  };
};

/** A copy case and its review as the campaign page lists it. */
export const copyOverview = (value: RiskCase, review: Review | undefined): CopyOverview => {
  const headline = value.findings[0];
  const decision = review?.decision;
  return {
    caseId: value.caseId,
    copyId: value.subject.copyId ?? '',
    ...(review === undefined ? {} : { language: review.copy.lang }),
    ...(value.subject.market === undefined ? {} : { market: value.subject.market }),
    ...(value.subject.brand === undefined ? {} : { brand: value.subject.brand }),
    level: value.level,
    status: value.status,
    lastSeenAt: value.lastSeenAt,
    ...(headline === undefined ? {} : { headline }),
    ...(review === undefined
      ? {}
      : {
          review: {
            reviewId: review.reviewId,
            status: review.status,
            round: review.round,
            ...(decision === undefined
              ? {}
              : {
                  decision: decision.decision,
                  reviewer: decision.by,
                  decidedAt: decision.at,
                  note: decision.note,
                }),
          },
        }),
  };
};

/** Monday 00:00 UTC of the ISO week holding `instant`. */
export const weekStart = (instant: Date): Date => {
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
};

/**
 * The ISO 8601 week of a Monday: the year of its Thursday, and the week number counted from the week that
 * holds that year's first Thursday.
 *
 * @example isoWeekName(new Date('2026-11-30T00:00:00Z')) // '2026-W49'
 */
export const isoWeekName = (monday: Date): string => {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 1));
  while (firstThursday.getUTCDay() !== 4) firstThursday.setUTCDate(firstThursday.getUTCDate() + 1);
  const week = Math.round((thursday.getTime() - firstThursday.getTime()) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/** The `weeks` ISO weeks ending with the one holding `now`: [from, to). */
export const heatRange = (now: Date, weeks: number): { readonly from: Date; readonly to: Date } => {
  const current = weekStart(now);
  return {
    from: new Date(current.getTime() - (weeks - 1) * WEEK_MS),
    to: new Date(current.getTime() + WEEK_MS),
  };
};

/** The cell a counted report stands in: its own assessment's, else (event unreadable) its case's now. */
export type CellOf = (occurrence: Occurrence, value: RiskCase) => { probability: string; impact: string };

/**
 * The heat map: for each ISO week of [from, to), the cases with at least one occurrence that week, each
 * counted once, in the cell of the worst of its occurrences that week (by level rank, the latest of
 * equals; `cellOf` says where that report stood). Linear in the occurrences.
 */
export const heatMap = (
  range: { readonly from: Date; readonly to: Date },
  matrix: RiskMatrix,
  cases: readonly RiskCase[],
  occurrences: ReadonlyMap<string, Bounded<Occurrence>>,
  cellOf: CellOf,
  truncated: boolean,
): HeatMap => {
  const count = Math.round((range.to.getTime() - range.from.getTime()) / WEEK_MS);
  const weeks = Array.from({ length: count }, () => new Map<string, HeatCell>());
  const totals = new Array<number>(count).fill(0);
  for (const value of cases) {
    for (const [week, occurrence] of worstPerWeek(range.from, count, matrix, occurrences.get(value.caseId))) {
      const { probability, impact } = cellOf(occurrence, value);
      const key = `${probability}\u0000${impact}`;
      const cells = weeks[week];
      if (cells === undefined) continue;
      const cell = cells.get(key);
      const level = matrix.cells[probability]?.[impact] ?? occurrence.level;
      cells.set(key, { probability, impact, level, count: (cell?.count ?? 0) + 1 });
      totals[week] = (totals[week] ?? 0) + 1;
    }
  }
  const axis = (list: readonly string[], value: string) => {
    const at = list.indexOf(value);
    return at < 0 ? list.length : at;
  };
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    matrixVersion: matrix.version,
    probabilities: [...matrix.probabilities],
    impacts: [...matrix.impacts],
    weeks: weeks.map((cells, index) => {
      const monday = new Date(range.from.getTime() + index * WEEK_MS);
      return {
        week: isoWeekName(monday),
        start: monday.toISOString().slice(0, 10),
        total: totals[index] ?? 0,
        cells: [...cells.values()].sort(
          (a, b) =>
            axis(matrix.probabilities, b.probability) - axis(matrix.probabilities, a.probability) ||
            axis(matrix.impacts, a.impact) - axis(matrix.impacts, b.impact),
        ),
      };
    }),
    truncated: truncated || cases.some((value) => occurrences.get(value.caseId)?.more === true),
  };
};

/** A case's worst occurrence in each week of the range, by week index. */
const worstPerWeek = (
  from: Date,
  count: number,
  matrix: RiskMatrix,
  found: Bounded<Occurrence> | undefined,
): Map<number, Occurrence> => {
  const ranks = new Map(matrix.levels.map((level) => [level.id, level.rank]));
  const rank = (level: string) => ranks.get(level) ?? Number.NEGATIVE_INFINITY;
  const worst = new Map<number, Occurrence>();
  for (const occurrence of found?.items ?? []) {
    const week = Math.floor((Date.parse(occurrence.occurredAt) - from.getTime()) / WEEK_MS);
    if (!(week >= 0 && week < count)) continue;
    const kept = worst.get(week);
    if (
      kept === undefined ||
      rank(occurrence.level) > rank(kept.level) ||
      (rank(occurrence.level) === rank(kept.level) && occurrence.occurredAt > kept.occurredAt)
    )
      worst.set(week, occurrence);
  }
  return worst;
};

/**
 * Whether a sentiment case's activity (first to last seen) overlaps the window, and its market (if it has
 * one) is the campaign's (if it has one).
 */
export const overlapsCampaign = (
  value: RiskCase,
  window: { readonly from: string; readonly to: string },
  market: string | undefined,
): boolean =>
  Date.parse(value.firstSeenAt) <= Date.parse(window.to) &&
  Date.parse(value.lastSeenAt) >= Date.parse(window.from) &&
  (market === undefined ||
    value.subject.market === undefined ||
    marketKey(value.subject.market) === marketKey(market));

// ——— Reads ———

/** Pages of one case query until `want` items pass `keep` or `maxRead` were read. */
const collectCases = async (
  reader: OverviewReader,
  query: Omit<CaseQuery, 'limit' | 'cursor'>,
  want: number,
  maxRead: number,
  keep: (value: RiskCase) => boolean,
): Promise<Bounded<RiskCase>> => {
  const items: RiskCase[] = [];
  let read = 0;
  let cursor: string | undefined;
  do {
    const page = await reader.listCases({
      ...query,
      limit: Math.min(PAGE, maxRead - read),
      ...(cursor === undefined ? {} : { cursor }),
    });
    read += page.items.length;
    cursor = page.cursor;
    for (const value of page.items) {
      if (!keep(value)) continue;
      if (items.length === want) return { items, more: true };
      items.push(value);
    }
  } while (cursor !== undefined && read < maxRead);
  return { items, more: cursor !== undefined };
};

/** The first defined value. */
const firstOf = <T>(values: readonly (T | undefined)[]): T | undefined =>
  values.find((value) => value !== undefined);

/** The period sentiment cases are matched against: the plan's days, else the campaign cases' activity. */
const sentimentWindowOf = (
  plan: CampaignPlan | undefined,
  cases: readonly RiskCase[],
): { readonly from: string; readonly to: string } | undefined => {
  if (plan !== undefined)
    return { from: `${plan.periodStart}T00:00:00.000Z`, to: `${plan.periodEnd}T23:59:59.999Z` };
  if (cases.length === 0) return undefined;
  const first = cases.map((value) => value.firstSeenAt).sort()[0];
  const last = cases
    .map((value) => value.lastSeenAt)
    .sort()
    .at(-1);
  return first === undefined || last === undefined ? undefined : { from: first, to: last };
};

/**
 * GET /v1/campaigns/{id}/overview. A campaign neither catalogued nor named by any case, or outside the
 * reader's scope, is a NotFoundError (the same answer).
 */
export const campaignOverview = async (
  campaignId: string,
  scope: Scope,
  deps: OverviewDeps,
): Promise<CampaignOverview> => {
  const { reader, now } = deps;
  const [record, own] = await Promise.all([
    deps.catalogue.getCampaign(campaignId),
    collectCases(
      reader,
      { campaignId },
      OVERVIEW_LIMITS.campaignCases,
      OVERVIEW_LIMITS.campaignCases + 1,
      () => true,
    ),
  ]);
  if (record === undefined && own.items.length === 0) throw new NotFoundError(`No campaign ${campaignId}`);
  const brand = record?.brand ?? firstOf(own.items.map((value) => value.subject.brand));
  const market = record?.market ?? firstOf(own.items.map((value) => value.subject.market));
  if (!covers(scope, { brand, market })) throw new NotFoundError(`No campaign ${campaignId}`);
  // A case of the campaign without a brand or market of its own is the campaign's.
  const visible = (value: RiskCase) =>
    covers(scope, { brand: value.subject.brand ?? brand, market: value.subject.market ?? market });
  const campaignCases = own.items.filter(visible);
  const spendCases = campaignCases.filter(isSpendCase);
  const copyCases = campaignCases.filter(isCopyCase);

  const [occurrences, reviews, thresholds] = await Promise.all([
    reader.occurrencesOf(
      spendCases.map((value) => value.caseId),
      OVERVIEW_LIMITS.snapshotsPerCase,
    ),
    reader.reviewsOf(copyCases.map((value) => value.caseId)),
    deps.spendThresholds(),
  ]);
  const refs = [...occurrences.values()].flatMap((found) =>
    found.items.flatMap((occurrence) =>
      occurrence.clientId === undefined
        ? []
        : [{ clientId: occurrence.clientId, eventId: occurrence.eventId }],
    ),
  );
  const events = await reader.eventsOf(refs);
  const series = spendSeries(spendCases, occurrences, events);
  const latestByChannel = [...series.channels].flatMap(([channel, entry]) => {
    const latest = entry.snapshots.at(-1);
    return latest === undefined ? [] : [{ channel, latest }];
  });
  const spendEvents = new Map(
    [...events.values()].map((stored) => [stored.event.eventId, stored.event] as const),
  );
  const eventOf = (snapshot: SpendSnapshot) => spendEvents.get(snapshot.eventId);
  const baselineKeys = latestByChannel.flatMap(({ latest }) => {
    const event = eventOf(latest);
    const key = event === undefined ? undefined : baselineKeyOf(event)?.key;
    return key === undefined ? [] : [key];
  });
  // A plan a person recorded wins; one the catalogue took from the first report seen is one channel's at most.
  const recorded = record?.source === 'event' ? undefined : record?.plan;
  const plan = recorded ?? planFromReports(latestByChannel.map(({ latest }) => latest)) ?? record?.plan;
  const window = sentimentWindowOf(plan, campaignCases);

  const [baselines, sentiment] = await Promise.all([
    reader.baselines(baselineKeys),
    brand === undefined || window === undefined
      ? Promise.resolve<Bounded<RiskCase>>({ items: [], more: false })
      : collectCases(
          reader,
          { brand, riskType: 'reputation', from: window.from },
          OVERVIEW_LIMITS.sentimentCases,
          OVERVIEW_LIMITS.sentimentRead,
          // The brand's sentiment is not the campaign's own: scoped by its own brand and market.
          (value) => overlapsCampaign(value, window, market) && covers(scope, value.subject),
        ),
  ]);

  const channels: ChannelSpend[] = [...series.channels]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, entry]) => {
      const latest = entry.snapshots.at(-1);
      const event = latest === undefined ? undefined : eventOf(latest);
      const key = event === undefined ? undefined : baselineKeyOf(event)?.key;
      return {
        channel,
        caseIds: entry.caseIds,
        snapshots: entry.snapshots,
        ...(latest === undefined
          ? {}
          : {
              pacing: channelPacing(
                latest,
                key === undefined ? undefined : baselines.get(key),
                thresholds,
                now,
              ),
            }),
      };
    });
  const channelPacings = channels.flatMap((channel) =>
    channel.pacing === undefined ? [] : [channel.pacing],
  );
  const total = plan === undefined ? undefined : campaignPacing(plan, channelPacings, now);
  const spend: CampaignSpend = {
    ...(plan === undefined ? {} : { plan, planSource: plan === record?.plan ? 'catalogue' : 'events' }),
    channels,
    ...(total === undefined ? {} : { pacing: total }),
  };

  const cases = [...campaignCases, ...sentiment.items].sort(
    (a, b) => Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt) || b.caseId.localeCompare(a.caseId),
  );
  const audits = await reader.auditOf(
    cases.map((value) => value.caseId),
    OVERVIEW_LIMITS.auditPerCase,
  );
  const timeline = mergeTimeline(cases, audits, OVERVIEW_LIMITS.timeline);
  const copies = copyCases.map((value) => copyOverview(value, reviews.get(value.caseId)));
  const campaign: OverviewCampaign = {
    campaignId,
    ...(record?.name === undefined ? {} : { name: record.name }),
    ...(brand === undefined ? {} : { brand }),
    ...(market === undefined ? {} : { market }),
    channels: [
      ...new Set([...(record?.channel === undefined ? [] : [record.channel]), ...series.channels.keys()]),
    ]
      .filter((channel) => channel !== '')
      .sort(),
    ...(record?.owner === undefined ? {} : { owner: record.owner }),
    ...(plan === undefined ? {} : { plan }),
    ...(record === undefined ? {} : { record }),
  };
  return {
    campaign,
    cases,
    ...(window === undefined ? {} : { sentimentWindow: window }),
    timeline: timeline.items,
    spend,
    copies,
    truncated: {
      cases: own.more || sentiment.more,
      timeline: timeline.more,
      snapshots: series.more,
      copies: own.more,
    },
    generatedAt: now.toISOString(),
  };
};

/** A brand scope only: a market-scoped reader sees a brand's page, with only the cases of their markets. */
const brandScope = (scope: Scope): Scope => (scope.brands === undefined ? {} : { brands: scope.brands });

/**
 * GET /v1/brands/{brand}/overview. A brand neither catalogued nor named by a case the reader may see, or
 * outside the reader's brands, is a NotFoundError (the same answer).
 */
export const brandOverview = async (
  asked: string,
  weeks: number,
  scope: Scope,
  deps: OverviewDeps,
): Promise<BrandOverview> => {
  const { reader, now } = deps;
  if (!covers(brandScope(scope), { brand: asked })) throw new NotFoundError(`No brand ${asked}`);
  const range = heatRange(now, weeks);
  const visible = (value: RiskCase) => covers(scope, value.subject);
  // The case reader reads a scoped caller's cases within the scope (a market-scoped reader's own markets).
  const scoped = isUnscoped(scope) ? {} : { scope };
  const [record, recent, campaigns, heatCases, matrix] = await Promise.all([
    deps.catalogue.getBrand(asked),
    collectCases(
      reader,
      { brand: asked, ...scoped },
      OVERVIEW_LIMITS.recentCases,
      OVERVIEW_LIMITS.brandRead,
      visible,
    ),
    deps.catalogue.listCampaigns({
      brand: asked,
      ...(scope.brands === undefined ? {} : { brands: scope.brands }),
      ...(scope.markets === undefined ? {} : { markets: scope.markets }),
      limit: OVERVIEW_LIMITS.brandCampaigns,
    }),
    collectCases(
      reader,
      { brand: asked, from: range.from.toISOString(), ...scoped },
      OVERVIEW_LIMITS.heatCases,
      OVERVIEW_LIMITS.brandRead,
      visible,
    ),
    deps.matrix(),
  ]);
  if (record === undefined && recent.items.length === 0) throw new NotFoundError(`No brand ${asked}`);
  const occurrences = await reader.occurrencesOf(
    heatCases.items.map((value) => value.caseId),
    OVERVIEW_LIMITS.heatOccurrencesPerCase,
    { from: range.from.toISOString(), to: range.to.toISOString() },
  );
  // Only the occurrence each case counts with each week needs its event (for the cell it stood in).
  const counted = heatCases.items.flatMap((value) => [
    ...worstPerWeek(range.from, weeks, matrix, occurrences.get(value.caseId)).values(),
  ]);
  const events = await reader.eventsOf(
    counted.flatMap((occurrence) =>
      occurrence.clientId === undefined
        ? []
        : [{ clientId: occurrence.clientId, eventId: occurrence.eventId }],
    ),
  );
  const cellOf: CellOf = (occurrence, value) => {
    const stored =
      occurrence.clientId === undefined
        ? undefined
        : events.get(eventRefKey({ clientId: occurrence.clientId, eventId: occurrence.eventId }));
    const assessment = stored?.assessment;
    return assessment === undefined
      ? { probability: value.probability, impact: value.impact }
      : { probability: assessment.probability, impact: assessment.impact };
  };
  const name = record?.brand ?? firstOf(recent.items.map((value) => value.subject.brand)) ?? asked;
  return {
    brand: { brand: name, ...(record === undefined ? {} : { record }) },
    campaigns: campaigns.items.filter((campaign) => brandKey(campaign.brand ?? '') === brandKey(asked)),
    recentCases: recent.items,
    heatMap: heatMap(range, matrix, heatCases.items, occurrences, cellOf, heatCases.more),
    truncated: {
      campaigns: campaigns.cursor !== undefined,
      recentCases: recent.more,
      heatMap: heatCases.more || [...occurrences.values()].some((found) => found.more),
    },
    generatedAt: now.toISOString(),
  };
};
