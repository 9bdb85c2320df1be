import type { RiskEvent } from './event.ts';
import { isStorableNumber, storableNumber } from './stats.ts';

/**
 * A subject's own history, which the spend and sentiment detectors judge a new report against. The
 * domain holds no state: the caller loads the baseline for `baselineKeyOf(event)`, passes it to
 * `evaluate`, then stores the engine's `nextBaseline(…)`. Baselines are plain JSON objects (well under
 * 2 KB) with a schema `version`, so a DynamoDB item holds one as a map attribute.
 *
 * How they learn is in spend-model.ts and sentiment-model.ts; what they hold is here. Both keep counts
 * as counts (discounted sums of conversions and spend, of negative mentions and mentions) so the
 * detectors can ask how surprising a day's or a window's counts are; both keep weekday factors (and, for
 * sentiment, hour-of-day factors) so weekends and nights are not anomalies by themselves; both keep a
 * report judged anomalous out of what they learn, and adopt a lasting shift only after a stated time.
 */

/**
 * The baseline schema version; bump it when the shape changes. An item of the version before is brought up
 * to date when read (see `upgraded`); anything older is treated as absent.
 */
export const BASELINE_SCHEMA_VERSION = 6;

/** A campaign × channel's conversion rate and delivery. */
export interface SpendBaseline {
  readonly kind: 'spend';
  readonly version: typeof BASELINE_SCHEMA_VERSION;
  /** Reports folded in so far; also a monotonic counter for conditional (optimistic) writes. */
  readonly observations: number;
  /** `occurredAt` of the first report learnt: the baseline's age. */
  readonly firstAt: string;
  /** `occurredAt` of the last report folded in; older or equal reports are ignored (replays, reordering). */
  readonly updatedAt: string;
  /** The last report's period, plan and cumulative totals: a report's slice is what happened since. */
  readonly periodStart: string;
  readonly plannedBudget: number;
  readonly lastSpend: number;
  /** Spend per day of the last report's slice: the day whose late conversions reach this report. */
  readonly lastDailySpend: number;
  /** The last cumulative conversions, or -1 when the report carried none. */
  readonly lastConversions: number;
  /** Discounted sums of the days learnt: conversions (weekday-adjusted) and the spend that bought them. */
  readonly rateConversions: number;
  readonly rateSpend: number;
  /** Days of conversions learnt. */
  readonly rateDays: number;
  /** Conversion rate of each UTC weekday (Sunday first) relative to the average. */
  readonly conversionWeekday: readonly number[];
  /**
   * The effective conversions (discounted) each weekday's factor was learnt from, beside the prior's: how
   * far it can be trusted (see spend-model.ts).
   */
  readonly conversionWeekdayEvidence: readonly number[];
  /**
   * The campaign's own day-to-day variation of the conversion rate beyond counting noise: discounted sums
   * of squared-CV samples and of their weights (their ratio is the CV², see spend-model.ts).
   */
  readonly rateVariance: number;
  readonly rateVarianceWeight: number;
  /** The CUSUM of evidence that conversions run below the baseline, and the run of days it covers. */
  readonly cusum: number;
  readonly runConversions: number;
  readonly runExpected: number;
  readonly runSpend: number;
  readonly runDays: number;
  /** Consecutive days judged a CPA spike. */
  readonly spikeDays: number;
  /** Since the cumulative conversions last moved: when, how much was spent, how many were expected. */
  readonly frozenSince: string;
  readonly frozenSpend: number;
  readonly frozenExpected: number;
  /**
   * Spend per day of the latest reports under the current plan (weekday-adjusted, newest last; at most
   * `learning.paceDays`): a plan change starts it afresh, as the team moves the caps with the plan.
   */
  readonly recentSpend: readonly number[];
  /** Days of spend learnt, and of them the days under the current plan. */
  readonly spendDays: number;
  readonly planDays: number;
  /** Spend of each UTC weekday relative to the average. */
  readonly spendWeekday: readonly number[];
  /** Consecutive reports with delivery stopped. */
  readonly stoppedReports: number;
}

/** A brand × product × channel's negative share of mentions. */
export interface SentimentBaseline {
  readonly kind: 'sentiment';
  readonly version: typeof BASELINE_SCHEMA_VERSION;
  readonly observations: number;
  readonly firstAt: string;
  readonly updatedAt: string;
  /** Discounted sums of the windows learnt (season-adjusted negative mentions, mentions) and their hours. */
  readonly negative: number;
  readonly mentions: number;
  readonly hours: number;
  /** Typical mentions per hour (EWMA): caps one window's weight, so a viral storm cannot drown the rest. */
  readonly mentionsPerHour: number;
  /** Intra-class correlation of the window share (extra-binomial variation), learnt. */
  readonly rho: number;
  /**
   * The daily cycle of the negative share on the log-odds scale, as two harmonics of the UTC hour of day
   * (cos and sin of the 24-hour wave, then of the 12-hour wave): a smooth cycle whatever the audience's
   * time zone, learnt from every window.
   */
  readonly dailyCycle: readonly number[];
  /**
   * The daily cycle of the volume (mentions per hour against `mentionsPerHour`) on the log scale, on the
   * same two harmonics: what a window of this hour of day usually brings, so the negative count can be
   * judged against the usual negative volume for that hour (quiet nights are not a drop, busy evenings
   * not a surge).
   */
  readonly volumeCycle: readonly number[];
  /** Log-odds offsets by UTC weekday, Sunday first. */
  readonly weekdayOffsets: readonly number[];
  /** The drift chart: EWMA of standardised excess negatives, its variance, and excess / mentions EWMAs. */
  readonly drift: number;
  readonly driftVariance: number;
  readonly driftExcess: number;
  readonly driftMentions: number;
  /** The burst chart: the same over a quarter of the time scale (a few hours). */
  readonly burst: number;
  readonly burstVariance: number;
  readonly burstExcess: number;
  readonly burstMentions: number;
  /** Consecutive windows judged a spike. */
  readonly spikeWindows: number;
  /** Consecutive windows judged anomalous (spike or drift), since when, and their counts (a candidate new normal). */
  readonly anomalousWindows: number;
  readonly anomalousSince: string;
  readonly shiftNegative: number;
  readonly shiftMentions: number;
  /** Hours in a row the drift chart has held the baseline (a drift building, not yet proven). */
  readonly heldHours: number;
  /**
   * The last windows before this one, oldest first (at most `spike.poolWindows - 1`, consecutive): their
   * mentions, negative mentions, and the negatives the subject's normal expected of them. The spike rule
   * asks whether the previous window was elevated too, and the pooled burst test adds them up.
   */
  readonly recentMentions: readonly number[];
  readonly recentNegative: readonly number[];
  readonly recentExpected: readonly number[];
}

export type Baseline = SpendBaseline | SentimentBaseline;

/**
 * The instant a report or window is learnt at (epoch ms and ISO), or undefined when it teaches nothing: its
 * time is unreadable, or not newer than the last one the baseline folded in (a replay, a late duplicate).
 *
 * @example
 * newerInstant(baseline, '2026-03-01T00:00:00Z'); // { at: 1772323200000, iso: '2026-03-01T00:00:00.000Z' }
 */
export const newerInstant = (
  previous: Pick<Baseline, 'updatedAt'> | undefined,
  occurredAt: string,
): { readonly at: number; readonly iso: string } | undefined => {
  const at = Date.parse(occurredAt);
  if (!Number.isFinite(at)) return undefined;
  if (previous !== undefined && at <= Date.parse(previous.updatedAt)) return undefined;
  return { at, iso: new Date(at).toISOString() };
};

/** Where a baseline lives: `kind` and a stable key, for the caller's table. */
export interface BaselineKey {
  readonly kind: Baseline['kind'];
  /** e.g. `spend#cmp-1#facebook` or `sentiment#acme#serum%20x#weibo`; parts are trimmed, lower-case and URI-encoded. */
  readonly key: string;
}

const part = (value: string | undefined): string => encodeURIComponent((value ?? '').trim().toLowerCase());

/**
 * The baseline an event is judged against: spend → campaign × channel, sentiment → brand × product ×
 * channel, ad copy → none.
 *
 * @example
 * baselineKeyOf(spendEvent); // { kind: 'spend', key: 'spend#cmp-1#facebook' }
 * baselineKeyOf(copyEvent); // undefined
 */
export const baselineKeyOf = (event: RiskEvent): BaselineKey | undefined => {
  const key = realBaselineKeyOf(event);
  // A drill's events learn and are judged in the drill's own history: a drill never teaches a real baseline.
  return key === undefined || event.drill === undefined
    ? key
    : { ...key, key: ['drill', part(event.drill.drillId), key.key].join('#') };
};

const realBaselineKeyOf = (event: RiskEvent): BaselineKey | undefined => {
  switch (event.type) {
    case 'spend':
      return {
        kind: 'spend',
        key: ['spend', part(event.spend.campaignId), part(event.spend.channel)].join('#'),
      };
    case 'sentiment': {
      const { brand, product, channel } = event.sentiment;
      return { kind: 'sentiment', key: ['sentiment', part(brand), part(product), part(channel)].join('#') };
    }
    default:
      return undefined;
  }
};

/**
 * What each stored field must be: a finite number, an ISO instant, a date text, or a list of finite
 * numbers (of this length, or at most this long). One table per kind, checked complete by the compiler,
 * is the single statement of a baseline's shape.
 */
/** The most previous windows a sentiment baseline keeps (the pooled burst test's reach). */
export const MAX_RECENT_WINDOWS = 5;

type Field = 'number' | 'time' | 'text' | { readonly length: number } | { readonly atMost: number };
type Shape<B extends Baseline> = { readonly [K in Exclude<keyof B, 'kind' | 'version'>]: Field };

const SPEND_SHAPE: Shape<SpendBaseline> = {
  observations: 'number',
  firstAt: 'time',
  updatedAt: 'time',
  periodStart: 'text',
  plannedBudget: 'number',
  lastSpend: 'number',
  lastDailySpend: 'number',
  lastConversions: 'number',
  rateConversions: 'number',
  rateSpend: 'number',
  rateDays: 'number',
  conversionWeekday: { length: 7 },
  conversionWeekdayEvidence: { length: 7 },
  rateVariance: 'number',
  rateVarianceWeight: 'number',
  cusum: 'number',
  runConversions: 'number',
  runExpected: 'number',
  runSpend: 'number',
  runDays: 'number',
  spikeDays: 'number',
  frozenSince: 'time',
  frozenSpend: 'number',
  frozenExpected: 'number',
  recentSpend: { atMost: 31 },
  spendDays: 'number',
  planDays: 'number',
  spendWeekday: { length: 7 },
  stoppedReports: 'number',
};

const SENTIMENT_SHAPE: Shape<SentimentBaseline> = {
  observations: 'number',
  firstAt: 'time',
  updatedAt: 'time',
  negative: 'number',
  mentions: 'number',
  hours: 'number',
  mentionsPerHour: 'number',
  rho: 'number',
  dailyCycle: { length: 4 },
  volumeCycle: { length: 4 },
  weekdayOffsets: { length: 7 },
  drift: 'number',
  driftVariance: 'number',
  driftExcess: 'number',
  driftMentions: 'number',
  burst: 'number',
  burstVariance: 'number',
  burstExcess: 'number',
  burstMentions: 'number',
  spikeWindows: 'number',
  anomalousWindows: 'number',
  anomalousSince: 'time',
  shiftNegative: 'number',
  shiftMentions: 'number',
  heldHours: 'number',
  recentMentions: { atMost: MAX_RECENT_WINDOWS },
  recentNegative: { atMost: MAX_RECENT_WINDOWS },
  recentExpected: { atMost: MAX_RECENT_WINDOWS },
};

const isNumbers = (value: unknown): value is readonly number[] =>
  Array.isArray(value) && value.every(isStorableNumber);

const fits = (value: unknown, field: Field): boolean => {
  if (field === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (field === 'text') return typeof value === 'string';
  if (field === 'time') return typeof value === 'string' && Number.isFinite(Date.parse(value));
  if (!isNumbers(value)) return false;
  return 'length' in field ? value.length === field.length : value.length <= field.atMost;
};

/**
 * An item of schema 3, 4 or 5 brought up to 6. A sentiment baseline of 3 or 4 gains the volume's daily
 * cycle (flat until learnt) and, from 3, the last windows' counts (none yet, so the first window after
 * the upgrade is judged alone) and the drift hold (none under way); its shape did not change in 6. A
 * spend baseline gains the evidence behind its weekday conversion factors (none: the factors it learnt
 * are kept and weigh as the prior, so they shrink toward 1 unless its days confirm them).
 */
const upgraded = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  const b = value as Record<string, unknown>;
  if (b.version !== 3 && b.version !== 4 && b.version !== 5) return value;
  if (b.kind === 'spend')
    return { ...b, version: BASELINE_SCHEMA_VERSION, conversionWeekdayEvidence: [0, 0, 0, 0, 0, 0, 0] };
  if (b.kind !== 'sentiment' || b.version === 5) return { ...b, version: BASELINE_SCHEMA_VERSION };
  const from3 =
    b.version === 3 ? { heldHours: 0, recentMentions: [], recentNegative: [], recentExpected: [] } : {};
  return { ...b, ...from3, version: BASELINE_SCHEMA_VERSION, volumeCycle: [0, 0, 0, 0] };
};

const hasShape = <B extends Baseline>(value: unknown, kind: B['kind'], shape: Shape<B>): value is B => {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    b.kind === kind &&
    b.version === BASELINE_SCHEMA_VERSION &&
    Number.isInteger(b.observations) &&
    Object.entries(shape).every(([name, field]) => fits(b[name], field as Field))
  );
};

/**
 * Whether a stored value is a usable baseline of this schema version (or of the one before, brought up to
 * date): anything else (an older schema, a corrupted item) is treated as no baseline, so the detectors start
 * learning afresh instead of failing.
 *
 * @example
 * asSpendBaseline(item.baseline); // SpendBaseline | undefined
 */
export const asSpendBaseline = (value: unknown): SpendBaseline | undefined => {
  const current = upgraded(value);
  return hasShape<SpendBaseline>(current, 'spend', SPEND_SHAPE) ? current : undefined;
};

/** See {@link asSpendBaseline}. */
export const asSentimentBaseline = (value: unknown): SentimentBaseline | undefined => {
  const current = upgraded(value);
  return hasShape<SentimentBaseline>(current, 'sentiment', SENTIMENT_SHAPE) ? current : undefined;
};

/**
 * The baseline with every number storable in DynamoDB (see `storableNumber`): decayed sums and charts
 * may shrink towards 1e-300, which DynamoDB refuses.
 *
 * @example
 * storableBaseline(next); // same shape, tiny magnitudes as 0
 */
export const storableBaseline = <B extends Baseline>(baseline: B): B =>
  Object.fromEntries(
    Object.entries(baseline).map(([name, value]) => [
      name,
      typeof value === 'number' && name !== 'version' && name !== 'observations'
        ? storableNumber(value)
        : Array.isArray(value)
          ? value.map((v: unknown) => (typeof v === 'number' ? storableNumber(v) : v))
          : value,
    ]),
  ) as B;
