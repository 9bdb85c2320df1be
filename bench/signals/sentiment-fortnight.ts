import type { SentimentEvent } from '#shared/schemas/events.ts';
import type { Random } from './random.ts';
import type { Problem, TimedEvent } from './spend-month.ts';

/**
 * A realistic fortnight of social-listening windows, written before (and without looking at) the
 * detectors it judges: 30 brand × product × channel subjects, two in three reported hourly and the rest
 * every six hours.
 *
 * What real listening data holds, besides the labelled problems:
 * - a daily cycle in volume (nights are quiet) and in the negative share (late-night posts complain
 *   more), of differing strength by subject, and a weekly one (weekends busier for consumer brands,
 *   quieter for a bank);
 * - overdispersed, heavy-tailed counts: a window's volume varies more than Poisson, and its share varies
 *   beyond counting noise (a beta-binomial whose concentration itself varies from window to window, so
 *   now and then one window is far off its subject's normal without anything happening);
 * - low-volume subjects (4–25 mentions an hour) next to big ones (hundreds);
 * - complaint-prone subjects (a banking app, a telecom, an airline: ~13–24 % negative as their normal);
 * - viral positive spikes (a launch, an influencer: volume ×3–10 for some hours, share of negative down).
 *
 * Labelled problems: sudden crises (negative share up 15–40 points and volume ×1.5–6 within one to three
 * hours, for 8–48 h, then easing) and slow drifts (the share creeps up 6–14 points over 1.5–5 days and
 * stays).
 */

export type SentimentProblemKind = 'crisisSudden' | 'slowDrift';

export interface SentimentFortnight {
  readonly events: readonly TimedEvent<SentimentEvent>[];
  readonly problems: readonly Problem<SentimentProblemKind>[];
  readonly subjects: readonly string[];
  readonly days: number;
  /** What was drawn for each subject (for diagnosing findings: cadence, volume, normal share, storms…). */
  readonly drawn: readonly (Subject & { readonly key: string })[];
}

const HOUR = 3_600_000;
/** A crisis eases back to normal over this many hours after its peak. */
const CRISIS_EASING_HOURS = 18;
const START = Date.parse('2026-11-09T00:00:00Z');
const DAYS = 14;
const BRANDS = [
  { brand: 'Lumi', products: ['Serum X', 'Sun Gel', 'Night Cream'] },
  { brand: 'VietBank', products: ['Mobile App', 'Credit Card'] },
  { brand: 'Hoa Tea', products: ['Milk Tea', 'Jasmine'] },
  { brand: 'Skyline Air', products: ['Economy', 'Loyalty'] },
  { brand: 'Panda Telecom', products: ['5G Plan', 'Broadband'] },
  { brand: 'Nova Phone', products: ['N5', 'N5 Pro', 'Buds'] },
] as const;
const CHANNELS = ['weibo', 'douyin', 'xiaohongshu', 'facebook', 'zalo', 'tiktok'] as const;
const COMPLAINT_PRONE = new Set(['VietBank', 'Skyline Air', 'Panda Telecom']);

// Volume by local hour (UTC+7/8 audiences): quiet nights, an evening peak; `strength` scales the cycle.
const volumeByLocalHour = (hour: number, strength: number): number =>
  (hour < 6 ? 0.22 : hour < 9 ? 0.6 : hour < 12 ? 0.95 : hour < 18 ? 1.05 : hour < 23 ? 1.55 : 0.7) **
  strength;
// Late-night posts complain more.
const shareByLocalHour = (hour: number, strength: number): number =>
  (hour < 6 ? 1.18 : hour >= 21 ? 1.06 : 0.96) ** strength;

export interface Subject {
  readonly brand: string;
  readonly product: string;
  readonly channel: string;
  readonly hoursPerWindow: 1 | 6;
  readonly hourlyVolume: number;
  readonly share: number;
  /** Beta concentration of the window's true share: lower = more window-to-window variation. */
  readonly concentration: number;
  readonly volumeShape: number;
  readonly utcOffset: number;
  /** Strength of the daily cycle in volume and in share (1: the typical one). */
  readonly volumeCycle: number;
  readonly shareCycle: number;
  /** Shape of the gamma that varies the share's concentration from window to window (heavy tails). */
  readonly tail: number;
  readonly weekendVolume: number;
  readonly weekendShare: number;
  readonly virals: readonly {
    readonly at: number;
    readonly hours: number;
    readonly factor: number;
    readonly share: number;
  }[];
}

interface Plan {
  readonly kind: SentimentProblemKind;
  readonly startHour: number;
  readonly hours: number;
  readonly rise: number;
  readonly volume: number;
  /** Hours a crisis takes to reach its full rise. */
  readonly onset: number;
}

const subjectsOf = (random: Random, count: number): Subject[] => {
  const pairs = BRANDS.flatMap(({ brand, products }) => products.map((product) => ({ brand, product })));
  const subjects: Subject[] = [];
  const seen = new Set<string>();
  while (subjects.length < count) {
    const { brand, product } = random.pick(pairs);
    const channel = random.pick(CHANNELS);
    const key = `${brand}|${product}|${channel}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const complaintProne = COMPLAINT_PRONE.has(brand) && random.chance(0.6);
    const bank = brand === 'VietBank';
    const virals = Array.from({ length: random.chance(0.35) ? random.int(1, 2) : 0 }, () => ({
      at: random.int(12, DAYS * 24 - 24),
      hours: random.int(4, 18),
      factor: random.uniform(3, 10),
      share: random.uniform(0.4, 1),
    }));
    subjects.push({
      brand,
      product,
      channel,
      hoursPerWindow: random.chance(0.67) ? 1 : 6,
      hourlyVolume: random.chance(0.2) ? random.uniform(4, 25) : random.logUniform(25, 700),
      share: complaintProne ? random.uniform(0.13, 0.24) : random.uniform(0.03, 0.12),
      concentration: random.logUniform(80, 600),
      volumeShape: random.uniform(5, 30),
      utcOffset: random.pick([7, 8]),
      volumeCycle: random.uniform(0.4, 1.5),
      shareCycle: random.uniform(0, 1.8),
      tail: random.uniform(3, 12),
      weekendVolume: bank ? random.uniform(0.65, 0.9) : random.uniform(0.9, 1.3),
      weekendShare: random.uniform(0.95, 1.08),
      virals,
    });
  }
  return subjects;
};

const problemPlan = (random: Random, kind: SentimentProblemKind): Plan =>
  kind === 'crisisSudden'
    ? {
        kind,
        startHour: random.int(24, DAYS * 24 - 60),
        hours: random.int(8, 48),
        rise: random.uniform(0.15, 0.4),
        volume: random.uniform(1.5, 6),
        onset: random.int(1, 3),
      }
    : {
        kind,
        startHour: random.int(48, DAYS * 24 - 150),
        hours: random.int(36, 120),
        rise: random.uniform(0.06, 0.14),
        volume: 1,
        onset: 0,
      };

/** How far the problem has pushed the share and the volume at hour `h`. */
const problemAt = (plan: Plan | undefined, h: number): { rise: number; volume: number } => {
  if (plan === undefined || h < plan.startHour) return { rise: 0, volume: 1 };
  const t = h - plan.startHour;
  if (plan.kind === 'slowDrift') return { rise: plan.rise * Math.min(1, t / plan.hours), volume: 1 };
  if (t < plan.hours) {
    const onset = Math.min(1, (t + 1) / plan.onset);
    return { rise: plan.rise * onset, volume: 1 + (plan.volume - 1) * onset };
  }
  const ease = Math.max(0, 1 - (t - plan.hours) / CRISIS_EASING_HOURS);
  return { rise: plan.rise * ease, volume: 1 + (plan.volume - 1) * ease };
};

const simulate = (random: Random, subject: Subject, plan: Plan | undefined) => {
  const events: TimedEvent<SentimentEvent>[] = [];
  const key = `sentiment|${encodeURIComponent(subject.brand)}|${encodeURIComponent(subject.product)}|${encodeURIComponent(subject.channel)}`;
  for (let h = 0; h < DAYS * 24; h += subject.hoursPerWindow) {
    let mentionsMean = 0;
    let negativeMean = 0;
    for (let k = h; k < h + subject.hoursPerWindow; k += 1) {
      const at = START + k * HOUR;
      const local = new Date(at + subject.utcOffset * HOUR);
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
      const viral = subject.virals.find((v) => k >= v.at && k < v.at + v.hours);
      const problem = problemAt(plan, k);
      const volume =
        subject.hourlyVolume *
        volumeByLocalHour(local.getUTCHours(), subject.volumeCycle) *
        (weekend ? subject.weekendVolume : 1) *
        (viral?.factor ?? 1) *
        problem.volume;
      const baseShare =
        subject.share *
        shareByLocalHour(local.getUTCHours(), subject.shareCycle) *
        (weekend ? subject.weekendShare : 1) *
        (viral?.share ?? 1);
      mentionsMean += volume;
      negativeMean += volume * Math.min(0.95, baseShare + problem.rise);
    }
    const mentions = random.poisson((mentionsMean * random.gamma(subject.volumeShape)) / subject.volumeShape);
    const share = mentionsMean > 0 ? negativeMean / mentionsMean : 0;
    const concentration = (subject.concentration * random.gamma(subject.tail)) / subject.tail;
    const windowShare = random.beta(share * concentration, (1 - share) * concentration);
    const negative = random.binomial(mentions, windowShare);
    const positive = random.binomial(mentions - negative, random.uniform(0.3, 0.5));
    const windowStart = START + h * HOUR;
    const windowEnd = windowStart + subject.hoursPerWindow * HOUR;
    const occurredAt = new Date(windowEnd).toISOString();
    events.push({
      receivedAt: windowEnd + random.int(1, 15) * 60_000,
      event: {
        eventId: `${key}#${h}`,
        type: 'sentiment',
        occurredAt,
        source: 'listening-tool',
        sentiment: {
          brand: subject.brand,
          product: subject.product,
          channel: subject.channel,
          windowStart: new Date(windowStart).toISOString(),
          windowEnd: occurredAt,
          mentions,
          negative,
          positive,
          neutral: mentions - negative - positive,
        },
      },
    });
  }
  const label: Problem<SentimentProblemKind> | undefined =
    plan === undefined
      ? undefined
      : {
          subject: key,
          kind: plan.kind,
          start: START + plan.startHour * HOUR,
          // A crisis is over once it has eased back (CRISIS_EASING_HOURS after its peak); a drift lasts.
          end:
            plan.kind === 'slowDrift'
              ? START + DAYS * 24 * HOUR
              : START + (plan.startHour + plan.hours + CRISIS_EASING_HOURS) * HOUR,
        };
  return { events, key, label };
};

/** A seeded fortnight: 30 subjects with 8 sudden crises and 5 slow drifts on distinct subjects. */
export const sentimentFortnight = (random: Random, count = 30): SentimentFortnight => {
  const kinds: SentimentProblemKind[] = [
    ...Array<SentimentProblemKind>(8).fill('crisisSudden'),
    ...Array<SentimentProblemKind>(5).fill('slowDrift'),
  ];
  const assigned = random.shuffle([
    ...kinds,
    ...Array<undefined>(Math.max(0, count - kinds.length)).fill(undefined),
  ]);
  const events: TimedEvent<SentimentEvent>[] = [];
  const problems: Problem<SentimentProblemKind>[] = [];
  const subjects: string[] = [];
  const drawn: (Subject & { readonly key: string })[] = [];
  for (const [index, subject] of subjectsOf(random, count).entries()) {
    const kind = assigned[index];
    const {
      events: own,
      key,
      label,
    } = simulate(random, subject, kind === undefined ? undefined : problemPlan(random, kind));
    events.push(...own);
    subjects.push(key);
    drawn.push({ ...subject, key });
    if (label !== undefined) problems.push(label);
  }
  events.sort((a, b) => a.receivedAt - b.receivedAt);
  return { events, problems, subjects, days: DAYS, drawn };
};
