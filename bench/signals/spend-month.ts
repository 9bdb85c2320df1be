import type { SpendEvent } from '#shared/schemas/events.ts';
import { type Random, seeded } from './random.ts';

/**
 * A realistic month of spend exports, written before (and without looking at) the detectors it judges:
 * 40 campaigns × one cumulative snapshot a day on facebook, google and tiktok, in USD, CNY and VND.
 *
 * What a real month holds, besides the labelled problems:
 * - weekday patterns of differing strength in spend (B2C spends more at weekends, B2B less, some
 *   campaigns hardly vary) and in conversion rate (weekend traffic converts worse for most advertisers),
 *   each weekday with its own wobble;
 * - accounts in different time zones (UTC, UTC+7, UTC+8, New York after daylight saving ended on
 *   1 November): the daily export is cut at the account's midnight, so "a day" is not a UTC day;
 * - launch ramps of 3–8 days (a new campaign's delivery grows while the platform learns);
 * - late-reported conversions: each campaign has its own reporting lag, 45–85 % of a day's conversions
 *   on the day and the rest over the next three days;
 * - overdispersed counts with heavy tails: the conversion rate varies from day to day (CV 8–30 % by
 *   campaign, with an occasional day twice as wild), so conversions are negative-binomial, not Poisson;
 *   delivery varies 6–20 % a day;
 * - creative fatigue (some campaigns' conversion rate declines slowly, up to 1 % a day);
 * - budget raises and cuts mid-month (finance moves the plan and the team moves the caps the same day);
 * - a delivery dip now and then (a creative in review: half a day's spend), which is not a stop;
 * - low-volume products (1.5–15 conversions a day), one campaign in four;
 * - campaigns that exhaust their budget cap before the month ends (spend stops: not a problem);
 * - an export that misses a day now and then (the next one carries both).
 *
 * Labelled problems: overspend (from one of the first week's days, delivery runs over the plan's pace so
 * the month ends 15–28 % over plan, past finance's +10 % line — and is over pace from the start: when the
 * warning is due, 10 days before spend crosses plan + 10 %, the month so far already implies the overrun;
 * a draw whose noise hid it until later is drawn again, see `overPaceInTime`), CPA spike (conversion rate falls to
 * 1/1.6–1/3 for 3–7 days: bot traffic, a partner faking clicks — on big and low-volume campaigns alike),
 * tracking broken (the conversion pixel stops reporting for 5–19 days, spend goes on; conversions of the
 * days before still arrive late), delivery stopped (the campaign is silently paused or rejected for 2–5
 * days mid-flight).
 */

export type SpendProblemKind = 'overspend' | 'cpaSpike' | 'trackingBroken' | 'deliveryStopped';

export interface Problem<K extends string> {
  readonly subject: string;
  readonly kind: K;
  readonly start: number;
  /** Exclusive, ms. */
  readonly end: number;
  /** Overspend only: when cumulative spend first exceeds plan + 10 %. */
  readonly crossingAt?: number;
  /** CPA spike only: how many times dearer a conversion is over the span (the rate is divided by it). */
  readonly ratio?: number;
}

export interface TimedEvent<E> {
  readonly event: E;
  /** When the pusher sends it (ms): shortly after the export is cut. */
  readonly receivedAt: number;
}

export interface SpendMonth {
  readonly events: readonly TimedEvent<SpendEvent>[];
  readonly problems: readonly Problem<SpendProblemKind>[];
  readonly subjects: readonly string[];
  readonly days: number;
  /** What was drawn for each campaign (for diagnosing findings: its weekday pattern, fatigue, ramp…). */
  readonly campaigns: readonly (Campaign & { readonly subject: string; readonly lowVolume: boolean })[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse('2026-11-01T00:00:00Z');
const DAYS = 30;
const CURRENCIES = [
  { code: 'USD', fx: 1, decimals: 2 },
  { code: 'CNY', fx: 7.2, decimals: 2 },
  { code: 'VND', fx: 25_000, decimals: 0 },
] as const;
const CHANNELS = ['facebook', 'google', 'tiktok'] as const;
/** Account time zones (hours from UTC): New York is on standard time from 1 November 2026. */
const ACCOUNT_OFFSETS = [0, 7, 8, -5] as const;
/** Days over which a day's conversions reach the export (the day itself and three more). */
const LAG_DAYS = 4;

export interface Campaign {
  readonly id: string;
  readonly channel: string;
  readonly currency: (typeof CURRENCIES)[number];
  readonly plan: number;
  readonly cpa: number;
  readonly pace: number;
  /** Hours from UTC of the account: its days start and its exports are cut at its midnight. */
  readonly offset: number;
  /** Spend and conversion-rate factor of each local weekday (Sunday first). */
  readonly spendWeek: readonly number[];
  readonly conversionWeek: readonly number[];
  /** Day-to-day variation: of delivery (lognormal sigma) and of the conversion rate (gamma CV). */
  readonly spendNoise: number;
  readonly rateNoise: number;
  /** Share of a day's conversions reported on the day and on each of the next three. */
  readonly lag: readonly number[];
  /** Relative decline of the conversion rate per day (creative fatigue), 0 for most. */
  readonly fatigue: number;
  readonly rampDays: number;
  readonly capped: boolean;
  readonly replan?: { readonly day: number; readonly factor: number };
  /** A day delivering only part of the usual spend (a creative in review): not a stop. */
  readonly dip?: { readonly day: number; readonly factor: number };
}

const round = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

const weekOf = (random: Random, weekend: number, wobble: number): number[] => {
  const raw = Array.from(
    { length: 7 },
    (_, day) => (day === 0 || day === 6 ? weekend : 1) * random.lognormal(wobble),
  );
  const mean = raw.reduce((sum, v) => sum + v, 0) / 7;
  return raw.map((v) => v / mean);
};

const lagOf = (random: Random): number[] => {
  const sameDay = random.uniform(0.45, 0.85);
  const tail = [random.uniform(0.5, 0.7), random.uniform(0.2, 0.35), random.uniform(0.05, 0.15)];
  const total = tail.reduce((sum, v) => sum + v, 0);
  return [sameDay, ...tail.map((v) => ((1 - sameDay) * v) / total)];
};

const campaignOf = (random: Random, index: number, lowVolume: boolean): Campaign => {
  const currency = random.pick(CURRENCIES);
  const planUsd = lowVolume ? random.logUniform(1_000, 8_000) : random.logUniform(3_000, 90_000);
  const perDayUsd = planUsd / DAYS;
  // Low-volume products: 1.5–15 conversions a day; the rest 10–300.
  const conversionsPerDay = lowVolume ? random.logUniform(1.5, 15) : random.logUniform(10, 300);
  const cpaUsd = Math.max(2, perDayUsd / conversionsPerDay);
  const profile = random.pick(['b2c', 'b2c', 'b2b', 'flat'] as const);
  const strength = random.uniform(0.3, 1.3);
  const weekendSpend =
    profile === 'b2c'
      ? 1 + strength * random.uniform(0.05, 0.3)
      : profile === 'b2b'
        ? 1 - strength * random.uniform(0.2, 0.45)
        : 1;
  const weekendConversion =
    profile === 'b2b' ? 1 - strength * random.uniform(0.1, 0.3) : 1 - strength * random.uniform(-0.05, 0.15);
  const replan = random.chance(0.25)
    ? {
        day: random.int(8, 22),
        factor: random.chance(0.7) ? random.uniform(1.25, 1.6) : random.uniform(0.6, 0.85),
      }
    : undefined;
  const dip = random.chance(0.12)
    ? { day: random.int(6, DAYS - 2), factor: random.uniform(0.35, 0.65) }
    : undefined;
  return {
    id: `cmp-${String(index + 1).padStart(2, '0')}`,
    channel: random.pick(CHANNELS),
    currency,
    plan: round(planUsd * currency.fx, currency.decimals === 0 ? -3 : 0),
    cpa: cpaUsd * currency.fx,
    pace: random.uniform(0.86, 1.03),
    offset: random.pick(ACCOUNT_OFFSETS),
    spendWeek: weekOf(random, weekendSpend, 0.04 * strength),
    conversionWeek: weekOf(random, weekendConversion, 0.04 * strength),
    spendNoise: random.uniform(0.06, 0.2),
    rateNoise: random.uniform(0.08, 0.3),
    lag: lagOf(random),
    fatigue: random.chance(0.3) ? random.uniform(0.002, 0.01) : 0,
    rampDays: random.chance(0.4) ? random.int(3, 8) : 0,
    capped: random.chance(0.25),
    ...(replan === undefined ? {} : { replan }),
    ...(dip === undefined ? {} : { dip }),
  };
};

interface Plan {
  readonly kind: SpendProblemKind;
  readonly start: number;
  readonly days: number;
  readonly factor: number;
}

const problemPlan = (random: Random, kind: SpendProblemKind): Plan => {
  switch (kind) {
    case 'overspend':
      // `factor` is the month's outcome: 15–28 % over plan, launch ramp and all (see `overspendPace`).
      return { kind, start: random.int(0, 6), days: DAYS, factor: random.uniform(1.15, 1.28) };
    case 'cpaSpike':
      return { kind, start: random.int(6, 23), days: random.int(3, 7), factor: random.uniform(1.6, 3) };
    case 'trackingBroken':
      return { kind, start: random.int(6, 20), days: random.int(5, 19), factor: 0 };
    case 'deliveryStopped':
      return { kind, start: random.int(8, 24), days: random.int(2, 5), factor: 0 };
  }
};

/** How much faster than its plan's pace an overspending campaign delivers, to end `factor` × plan. */
const overspendPace = (campaign: Campaign, problem: Plan): number => {
  const before = campaign.pace * Math.max(0, problem.start - Math.min(problem.start, campaign.rampDays) / 2);
  const effectiveDays = DAYS - problem.start - Math.max(0, campaign.rampDays - problem.start) / 2;
  return Math.max(1, (problem.factor * DAYS - before) / effectiveDays / campaign.pace);
};

/** A day's conversion-rate multiplier: gamma with the campaign's CV, now and then twice as wild. */
const rateShock = (random: Random, cv: number): number => {
  const wild = random.chance(0.05) ? 2 : 1;
  const shape = 1 / (cv * wild) ** 2;
  return random.gamma(shape) / shape;
};

/** One campaign's month: its snapshots and its problem's labelled span. */
const simulate = (
  random: Random,
  campaign: Campaign,
  problem: Plan | undefined,
): { events: TimedEvent<SpendEvent>[]; label?: Problem<SpendProblemKind> } => {
  // The account's day d runs from START + d days − offset hours.
  const dayStart = (day: number) => START + day * DAY - campaign.offset * HOUR;
  const weekday = (day: number) => new Date(START + day * DAY).getUTCDay();
  let level = (campaign.plan * campaign.pace) / DAYS;
  const reportedOn = new Array<number>(DAYS + LAG_DAYS).fill(0);
  let spent = 0;
  let reported = 0;
  let plan = campaign.plan;
  let crossingAt: number | undefined;
  const events: TimedEvent<SpendEvent>[] = [];
  const within = (day: number) =>
    problem !== undefined && day >= problem.start && day < problem.start + problem.days;
  for (let day = 0; day < DAYS; day += 1) {
    if (campaign.replan !== undefined && day === campaign.replan.day) {
      const newPlan = round(plan * campaign.replan.factor, campaign.currency.decimals === 0 ? -3 : 0);
      // The team moves the caps so the rest of the month lands on the new plan at the same pace.
      const remainingDays = DAYS - day;
      level = Math.max(0, (newPlan * campaign.pace - spent) / remainingDays);
      plan = newPlan;
    }
    const ramp = campaign.rampDays > 0 && day < campaign.rampDays ? (day + 1) / (campaign.rampDays + 1) : 1;
    const overspend =
      problem?.kind === 'overspend' && day >= problem.start ? overspendPace(campaign, problem) : 1;
    const dip = campaign.dip?.day === day ? campaign.dip.factor : 1;
    let spend =
      level *
      ramp *
      overspend *
      dip *
      (campaign.spendWeek[weekday(day)] ?? 1) *
      random.lognormal(campaign.spendNoise);
    if (problem?.kind === 'deliveryStopped' && within(day)) spend = 0;
    if (campaign.capped && problem?.kind !== 'overspend' && spent + spend > plan)
      spend = Math.max(0, plan - spent);
    spent += spend;
    const rate =
      (1 / campaign.cpa) *
      (campaign.conversionWeek[weekday(day)] ?? 1) *
      (1 - campaign.fatigue) ** day *
      rateShock(random, campaign.rateNoise) *
      (problem?.kind === 'cpaSpike' && within(day) ? 1 / problem.factor : 1);
    const tracked = !(problem?.kind === 'trackingBroken' && within(day));
    const conversions = random.poisson(spend * rate);
    let left = conversions;
    for (const [lag, share] of campaign.lag.entries()) {
      const part =
        lag === campaign.lag.length - 1
          ? left
          : random.binomial(left, share / campaign.lag.slice(lag).reduce((a, b) => a + b, 0));
      left -= part;
      reportedOn[day + lag] = (reportedOn[day + lag] ?? 0) + part;
    }
    // While tracking is broken nothing reaches the export, late conversions of earlier days included.
    if (tracked) reported += reportedOn[day] ?? 0;
    const cut = dayStart(day + 1) + random.int(5, 110) * 60_000;
    if (crossingAt === undefined && spent > plan * 1.1) crossingAt = cut;
    // An export now and then misses a day; the next one carries both.
    if (day > 0 && day < DAYS - 1 && random.chance(0.02)) continue;
    const occurredAt = new Date(cut).toISOString();
    events.push({
      receivedAt: cut + random.int(2, 40) * 60_000,
      event: {
        eventId: `${campaign.id}-${campaign.channel}-d${day + 1}`,
        type: 'spend',
        occurredAt,
        source: `${campaign.channel}-ads`,
        spend: {
          campaignId: campaign.id,
          channel: campaign.channel,
          currency: campaign.currency.code,
          plannedBudget: plan,
          actualSpend: round(spent, campaign.currency.decimals),
          conversions: reported,
          periodStart: '2026-11-01',
          periodEnd: '2026-11-30',
        },
      },
    });
  }
  if (problem === undefined) return { events };
  const subject = `spend|${campaign.id}|${campaign.channel}`;
  const start = dayStart(problem.start);
  const end = Math.min(dayStart(DAYS), dayStart(problem.start + problem.days));
  return {
    events,
    label: {
      subject,
      kind: problem.kind,
      start,
      end,
      ...(crossingAt === undefined ? {} : { crossingAt }),
      ...(problem.kind === 'cpaSpike' ? { ratio: problem.factor } : {}),
    },
  };
};

/** How long before spend crosses plan + 10 % finance wants the warning (the target). */
export const WARNING_LEAD_DAYS = 10;

/**
 * Whether an overspend's month so far implied the overrun when the warning was due: the last report at
 * least WARNING_LEAD_DAYS before the crossing, extrapolated in a straight line to the month's end, reaches
 * plan + 10 %. An overrun that only a later acceleration brings about cannot be warned of 10 days ahead.
 */
const overPaceInTime = (
  events: readonly TimedEvent<SpendEvent>[],
  label: Problem<SpendProblemKind> | undefined,
  campaign: Campaign,
): boolean => {
  if (label?.crossingAt === undefined) return false;
  const due = label.crossingAt - WARNING_LEAD_DAYS * DAY;
  const monthStart = START - campaign.offset * HOUR;
  const report = events.filter(({ event }) => Date.parse(event.occurredAt) <= due).at(-1)?.event;
  if (report === undefined) return false;
  const elapsedDays = (Date.parse(report.occurredAt) - monthStart) / DAY;
  return (
    elapsedDays > 0 && (report.spend.actualSpend / elapsedDays) * DAYS >= report.spend.plannedBudget * 1.1
  );
};

/** A seed of its own for a campaign's redrawn month. */
const retrySeed = (campaign: Campaign, retry: number): number =>
  (Math.floor(campaign.plan * 7_919) + retry * 104_729 + Number(campaign.id.slice(4)) * 1_299_709) %
  2_147_483_647;

/**
 * A seeded month: `campaigns` campaigns (default 40) with 5 overspends, 5 CPA spikes, 4 broken trackers
 * and 4 stopped deliveries on distinct campaigns; about one campaign in four sells a low-volume product.
 */
export const spendMonth = (random: Random, campaigns = 40): SpendMonth => {
  const kinds: SpendProblemKind[] = [
    ...Array<SpendProblemKind>(5).fill('overspend'),
    ...Array<SpendProblemKind>(5).fill('cpaSpike'),
    ...Array<SpendProblemKind>(4).fill('trackingBroken'),
    ...Array<SpendProblemKind>(4).fill('deliveryStopped'),
  ];
  const assigned = random.shuffle([
    ...kinds,
    ...Array<undefined>(Math.max(0, campaigns - kinds.length)).fill(undefined),
  ]);
  const events: TimedEvent<SpendEvent>[] = [];
  const problems: Problem<SpendProblemKind>[] = [];
  const subjects: string[] = [];
  const drawnCampaigns: SpendMonth['campaigns'][number][] = [];
  for (let index = 0; index < campaigns; index += 1) {
    const kind = assigned[index];
    // An overspend is spend beyond a plan that stays put; a raised plan is not one.
    const lowVolume = random.chance(0.25);
    const drawn = campaignOf(random, index, lowVolume);
    const { replan: _replan, ...unplanned } = drawn;
    const campaign: Campaign = kind === 'overspend' ? unplanned : drawn;
    const plan = kind === undefined ? undefined : problemPlan(random, kind);
    let { events: own, label } = simulate(random, campaign, plan);
    // An overspend is over pace from the start: when the warning is due (WARNING_LEAD_DAYS before spend
    // crosses plan + 10 %), the month so far must already imply the overrun. A draw whose noise kept it
    // on plan until too late to warn is drawn again, from a stream of its own (the other campaigns stay
    // as they were).
    for (
      let retry = 1;
      kind === 'overspend' && !overPaceInTime(own, label, campaign) && retry <= 50;
      retry += 1
    )
      ({ events: own, label } = simulate(seeded(retrySeed(campaign, retry)), campaign, plan));
    events.push(...own);
    subjects.push(`spend|${campaign.id}|${campaign.channel}`);
    drawnCampaigns.push({ ...campaign, subject: `spend|${campaign.id}|${campaign.channel}`, lowVolume });
    if (label !== undefined) problems.push(label);
  }
  events.sort((a, b) => a.receivedAt - b.receivedAt);
  return { events, problems, subjects, days: DAYS, campaigns: drawnCampaigns };
};
