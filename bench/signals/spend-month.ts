import type { SpendEvent } from '#shared/schemas/events.ts';
import type { Random } from './random.ts';

/**
 * A realistic month of spend exports, written before (and without looking at) the detectors it judges:
 * 40 campaigns × one cumulative snapshot a day on facebook, google and tiktok, in USD, CNY and VND.
 *
 * What a real month holds, besides the labelled problems:
 * - weekday patterns in spend (B2C spends more at weekends, B2B less) and in conversion rate (weekend
 *   traffic converts worse for most advertisers);
 * - launch ramps (a new campaign's delivery grows over its first days while the platform learns);
 * - late-reported conversions (a day's conversions reach the export over the next three days);
 * - budget raises mid-month (finance raises the plan and the team raises the caps the same day);
 * - low-volume products (a handful of conversions a day);
 * - campaigns that exhaust their budget cap before the month ends (spend stops: not a problem);
 * - day-to-day noise in delivery and in conversion rate; an export that misses a day now and then.
 *
 * Labelled problems: overspend (from one of the first days, delivery runs 20–32 % over the plan's pace,
 * so the month ends well past finance's +10 % line), CPA spike
 * (conversion rate falls to 1/1.6–1/3 for 3–7 days: bot traffic, a partner faking clicks), tracking broken
 * (the conversion pixel stops reporting, spend goes on), delivery stopped (the campaign is silently paused
 * or rejected for 2–5 days mid-flight).
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
}

const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00Z');
const DAYS = 30;
const CURRENCIES = [
  { code: 'USD', fx: 1, decimals: 2 },
  { code: 'CNY', fx: 7.2, decimals: 2 },
  { code: 'VND', fx: 25_000, decimals: 0 },
] as const;
const CHANNELS = ['facebook', 'google', 'tiktok'] as const;
// Share of a day's conversions that reach the export on the day and the three days after.
const REPORTING_LAG = [0.62, 0.22, 0.11, 0.05] as const;

const weekday = (day: number): number => new Date(START + day * DAY).getUTCDay();
const isWeekend = (day: number): boolean => weekday(day) === 0 || weekday(day) === 6;

interface Campaign {
  readonly id: string;
  readonly channel: string;
  readonly currency: (typeof CURRENCIES)[number];
  plan: number;
  readonly cpa: number;
  readonly pace: number;
  readonly weekendSpend: number;
  readonly weekendConversion: number;
  readonly rampDays: number;
  readonly capped: boolean;
  readonly raise?: { readonly day: number; readonly factor: number };
}

const round = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

const campaignOf = (random: Random, index: number, lowVolume: boolean): Campaign => {
  const currency = random.pick(CURRENCIES);
  const planUsd = lowVolume ? random.logUniform(1_500, 6_000) : random.logUniform(3_000, 90_000);
  const perDayUsd = planUsd / DAYS;
  // Low-volume products: 2–8 conversions a day; the rest 10–300.
  const conversionsPerDay = lowVolume ? random.uniform(2, 8) : random.logUniform(10, 300);
  const cpaUsd = Math.max(2, perDayUsd / conversionsPerDay);
  const profile = random.pick(['b2c', 'b2c', 'b2b', 'flat'] as const);
  const raise = random.chance(0.18)
    ? { day: random.int(8, 20), factor: random.uniform(1.25, 1.6) }
    : undefined;
  return {
    id: `cmp-${String(index + 1).padStart(2, '0')}`,
    channel: random.pick(CHANNELS),
    currency,
    plan: round(planUsd * currency.fx, currency.decimals === 0 ? -3 : 0),
    cpa: cpaUsd * currency.fx,
    pace: random.uniform(0.86, 1.03),
    weekendSpend:
      profile === 'b2c' ? random.uniform(1.05, 1.3) : profile === 'b2b' ? random.uniform(0.55, 0.8) : 1,
    weekendConversion: profile === 'b2b' ? random.uniform(0.7, 0.9) : random.uniform(0.85, 1.05),
    rampDays: random.chance(0.4) ? random.int(3, 6) : 0,
    capped: random.chance(0.25),
    ...(raise === undefined ? {} : { raise }),
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
      return { kind, start: random.int(0, 3), days: DAYS, factor: random.uniform(1.15, 1.28) };
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
  const before = campaign.pace * problem.start;
  const effectiveDays = DAYS - problem.start - campaign.rampDays / 2;
  return (problem.factor * DAYS - before) / effectiveDays / campaign.pace;
};

/** One campaign's month: its snapshots and its problem's labelled span. */
const simulate = (
  random: Random,
  campaign: Campaign,
  problem: Plan | undefined,
): { events: TimedEvent<SpendEvent>[]; label?: Problem<SpendProblemKind> } => {
  const weekdayMean = (5 + 2 * campaign.weekendSpend) / 7;
  let level = (campaign.plan * campaign.pace) / DAYS / weekdayMean;
  const reportedOn = new Array<number>(DAYS + 4).fill(0);
  let spent = 0;
  let reported = 0;
  let plan = campaign.plan;
  let crossingAt: number | undefined;
  const events: TimedEvent<SpendEvent>[] = [];
  const within = (day: number) =>
    problem !== undefined && day >= problem.start && day < problem.start + problem.days;
  for (let day = 0; day < DAYS; day += 1) {
    if (campaign.raise !== undefined && day === campaign.raise.day) {
      const newPlan = round(plan * campaign.raise.factor, campaign.currency.decimals === 0 ? -3 : 0);
      // The team raises the caps so the rest of the month lands on the new plan at the same pace.
      const remainingDays = DAYS - day;
      level = Math.max(level, (newPlan * campaign.pace - spent) / remainingDays / weekdayMean);
      plan = newPlan;
    }
    const ramp = campaign.rampDays > 0 && day < campaign.rampDays ? (day + 1) / (campaign.rampDays + 1) : 1;
    const overspend =
      problem?.kind === 'overspend' && day >= problem.start ? overspendPace(campaign, problem) : 1;
    let spend =
      level * ramp * overspend * (isWeekend(day) ? campaign.weekendSpend : 1) * random.lognormal(0.12);
    if (problem?.kind === 'deliveryStopped' && within(day)) spend = 0;
    if (campaign.capped && problem?.kind !== 'overspend' && spent + spend > plan)
      spend = Math.max(0, plan - spent);
    spent += spend;
    const rate =
      (1 / campaign.cpa) *
      (isWeekend(day) ? campaign.weekendConversion : 1) *
      random.lognormal(0.1) *
      (problem?.kind === 'cpaSpike' && within(day) ? 1 / problem.factor : 1);
    const tracked = !(problem?.kind === 'trackingBroken' && within(day));
    const conversions = tracked ? random.poisson(spend * rate) : 0;
    let left = conversions;
    for (const [lag, share] of REPORTING_LAG.entries()) {
      const part =
        lag === REPORTING_LAG.length - 1
          ? left
          : random.binomial(left, share / REPORTING_LAG.slice(lag).reduce((a, b) => a + b, 0));
      left -= part;
      reportedOn[day + lag] = (reportedOn[day + lag] ?? 0) + part;
    }
    reported += reportedOn[day] ?? 0;
    const cut = START + day * DAY + 23 * 3_600_000 + random.int(0, 50) * 60_000;
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
  const start = START + problem.start * DAY;
  const end = Math.min(START + DAYS * DAY, start + problem.days * DAY);
  return {
    events,
    label: { subject, kind: problem.kind, start, end, ...(crossingAt === undefined ? {} : { crossingAt }) },
  };
};

/**
 * A seeded month: `campaigns` campaigns (default 40) with 5 overspends, 5 CPA spikes, 4 broken trackers
 * and 4 stopped deliveries on distinct campaigns; about one campaign in six sells a low-volume product.
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
  for (let index = 0; index < campaigns; index += 1) {
    const kind = assigned[index];
    // An overspend is spend beyond a plan that stays put; a raised plan is not one.
    const drawn = campaignOf(random, index, random.chance(0.17));
    const { raise: _raise, ...unraised } = drawn;
    const campaign: Campaign = kind === 'overspend' ? unraised : drawn;
    const { events: own, label } = simulate(
      random,
      campaign,
      kind === undefined ? undefined : problemPlan(random, kind),
    );
    events.push(...own);
    subjects.push(`spend|${campaign.id}|${campaign.channel}`);
    if (label !== undefined) problems.push(label);
  }
  events.sort((a, b) => a.receivedAt - b.receivedAt);
  return { events, problems, subjects, days: DAYS };
};
