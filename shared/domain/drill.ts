import type { RiskCase } from './case.ts';
import type { AdCopyEvent, DrillMarker, RiskEvent, SentimentEvent, SpendEvent } from './event.ts';

/**
 * Crisis drills (issue #17, row 30): a synthetic red scenario pushed through the real path — the event
 * contract with a drill marker, the case (its own subject key and id space, shared/domain/case.ts), the
 * escalation (`[DRILL]`), the SLA clock — then a report of how the people responded. Drill cases are filed
 * apart from real ones (shared/adapters/dynamodb-items.ts), so no figure counts them. Pure: ids and time
 * are arguments.
 */

/** The scenarios a drill can play: a sentiment crisis, a budget blow-out, a banned claim live. */
export const DRILL_KINDS = ['sentiment', 'budget', 'claim'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

/** Which cases a list reads: real ones only (the default), drill cases only, or both. */
export const DRILL_FILTERS = ['exclude', 'only', 'include'] as const;
export type DrillFilter = (typeof DRILL_FILTERS)[number];

/** The prefix every drill id has, so a person reading one in a message knows it at once. */
export const DRILL_ID_PREFIX = 'drill-';

/** What a drill's scenario plays with: the brand it borrows (its owner and managers are paged). */
export interface DrillTarget {
  readonly brand: string;
  readonly market?: string;
}

/** The brand a drill plays on when nobody names one. */
export const DEFAULT_DRILL_BRAND = 'Drill brand';

/**
 * A new drill id from the time and a random suffix: sortable by start, unique per run.
 * @example drillIdOf(new Date('2026-12-02T03:00:00Z'), 'k3x9') // 'drill-20261202t030000z-k3x9'
 */
export const drillIdOf = (now: Date, random: string): string =>
  `${DRILL_ID_PREFIX}${now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
    .toLowerCase()}-${random.toLowerCase().replace(/[^a-z0-9]/g, '')}`;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const isoDate = (instant: number): string => new Date(instant).toISOString().slice(0, 10);

/**
 * The events of a drill: a red scenario of `kind`, dated at `now`, each carrying the drill's marker. The
 * figures are those of a real crisis, far past every red threshold without any history to compare with
 * (the drill's baseline is its own, empty: shared/domain/baselines.ts):
 * - sentiment: two six-hour windows of a brand's product on Weibo, most mentions negative;
 * - budget: a 30-day campaign that spent 2.6 times its plan in its first third;
 * - claim: a live Chinese ad copy promising a cure and "the best in the country" (absolute terms).
 */
export const drillScenario = (
  kind: DrillKind,
  drillId: string,
  now: Date,
  target: DrillTarget,
): RiskEvent[] => {
  const drill: DrillMarker = { drillId };
  const at = Math.floor(now.getTime() / 1000) * 1000;
  const occurredAt = new Date(at).toISOString();
  const id = (name: string): string => `${drillId}-${name}`;
  switch (kind) {
    case 'sentiment':
      return [
        { mentions: 820, negative: 560, positive: 60 },
        { mentions: 2400, negative: 1980, positive: 90 },
      ].map(
        (window, index): SentimentEvent => ({
          eventId: id(`sentiment-${index + 1}`),
          type: 'sentiment',
          occurredAt: new Date(at - (1 - index) * 6 * HOUR_MS).toISOString(),
          source: 'drill',
          drill,
          sentiment: {
            brand: target.brand,
            product: 'Drill product',
            channel: 'weibo',
            windowStart: new Date(at - (2 - index) * 6 * HOUR_MS).toISOString(),
            windowEnd: new Date(at - (1 - index) * 6 * HOUR_MS).toISOString(),
            mentions: window.mentions,
            negative: window.negative,
            positive: window.positive,
            neutral: window.mentions - window.negative - window.positive,
          },
        }),
      );
    case 'budget': {
      const spend: SpendEvent = {
        eventId: id('spend-1'),
        type: 'spend',
        occurredAt,
        source: 'drill',
        drill,
        spend: {
          campaignId: `${drillId}-campaign`,
          channel: 'tiktok',
          currency: 'USD',
          plannedBudget: 30_000,
          actualSpend: 78_000,
          conversions: 120,
          periodStart: isoDate(at - 10 * DAY_MS),
          periodEnd: isoDate(at + 19 * DAY_MS),
          brand: target.brand,
          ...(target.market === undefined ? {} : { market: target.market }),
        },
      };
      return [spend];
    }
    case 'claim': {
      const copy: AdCopyEvent = {
        eventId: id('copy-1'),
        type: 'ad-copy',
        occurredAt,
        source: 'drill',
        drill,
        copy: {
          copyId: `${drillId}-copy`,
          text: '全国第一的祛痘精华，七天根治痘痘，无效退款！',
          lang: 'zh',
          market: target.market ?? 'CN',
          category: 'cosmetics',
          brand: target.brand,
        },
      };
      return [copy];
    }
  }
};

/** What a drill step missed. */
export const DRILL_MISSES = ['not-acknowledged-within-sla', 'not-resolved', 'no-root-cause'] as const;
export type DrillMiss = (typeof DRILL_MISSES)[number];

/** One step of a drill: a case it opened and how the people answered it. */
export interface DrillStep {
  readonly caseId: string;
  readonly riskType: RiskCase['riskType'];
  readonly level: RiskCase['level'];
  readonly subject: string;
  readonly status: RiskCase['status'];
  /** When the case opened (its first page went out then, if its level pages). */
  readonly openedAt: string;
  readonly acknowledgedAt?: string;
  readonly acknowledgedBy?: string;
  /** Whole seconds from opening to acknowledgement (a case resolved unacknowledged: to resolution). */
  readonly secondsToAcknowledge?: number;
  readonly resolvedAt?: string;
  readonly resolvedBy?: string;
  readonly secondsToResolve?: number;
  /** The last of the resolution's whys. */
  readonly rootCause?: string;
  /** Pages sent: the first and, if the SLA lapsed, the tier-2 one. */
  readonly escalations: number;
  readonly missed: readonly DrillMiss[];
}

export interface DrillReport {
  readonly drillId: string;
  /** The earliest opening among its cases. */
  readonly startedAt?: string;
  /** The SLA the acknowledgements are judged against (hours). */
  readonly slaHours: number;
  readonly steps: readonly DrillStep[];
  /** Every step acknowledged within the SLA, resolved with a root cause. */
  readonly passed: boolean;
}

const seconds = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * How one drill case was answered, judged at `now`: time to acknowledge (a case resolved without an
 * acknowledgement counts its resolution) and to resolve, who acted, and what was missed — acknowledged
 * after the SLA or not at all once it has passed, not resolved, resolved without a root cause.
 */
export const drillStepOf = (riskCase: RiskCase, now: Date, slaHours: number): DrillStep => {
  const openedAt = riskCase.createdAt;
  const ack = riskCase.acknowledgement;
  const resolution = riskCase.resolution;
  const answeredAt = ack?.at ?? resolution?.at;
  const slaMs = slaHours * HOUR_MS;
  const lateAck =
    answeredAt === undefined
      ? now.getTime() - Date.parse(openedAt) >= slaMs
      : Date.parse(answeredAt) - Date.parse(openedAt) > slaMs;
  const rootCause = resolution?.whys.at(-1)?.trim();
  const missed: DrillMiss[] = [
    ...(lateAck ? (['not-acknowledged-within-sla'] as const) : []),
    ...(resolution === undefined ? (['not-resolved'] as const) : []),
    ...(resolution !== undefined && (rootCause === undefined || rootCause === '')
      ? (['no-root-cause'] as const)
      : []),
  ];
  return {
    caseId: riskCase.caseId,
    riskType: riskCase.riskType,
    level: riskCase.level,
    subject: riskCase.subject.label,
    status: riskCase.status,
    openedAt,
    ...(ack === undefined ? {} : { acknowledgedAt: ack.at, acknowledgedBy: ack.by }),
    ...(answeredAt === undefined ? {} : { secondsToAcknowledge: seconds(openedAt, answeredAt) }),
    ...(resolution === undefined
      ? {}
      : {
          resolvedAt: resolution.at,
          resolvedBy: resolution.by,
          secondsToResolve: seconds(openedAt, resolution.at),
        }),
    ...(rootCause === undefined || rootCause === '' ? {} : { rootCause }),
    escalations: riskCase.escalationCount,
    missed,
  };
};

/** The report of a drill run from its cases (a drill with no case has no report: the caller's 404). */
export const drillReportOf = (
  drillId: string,
  cases: readonly RiskCase[],
  now: Date,
  slaHours: number,
): DrillReport => {
  const steps = [...cases]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.caseId.localeCompare(b.caseId))
    .map((riskCase) => drillStepOf(riskCase, now, slaHours));
  const startedAt = steps[0]?.openedAt;
  return {
    drillId,
    ...(startedAt === undefined ? {} : { startedAt }),
    slaHours,
    steps,
    passed: steps.length > 0 && steps.every((step) => step.missed.length === 0),
  };
};

/** True for a drill case. */
export const isDrill = (riskCase: Pick<RiskCase, 'drill'>): boolean => riskCase.drill !== undefined;
