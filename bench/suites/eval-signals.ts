import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import type { Suite, Target } from '../run.ts';
import { seeded } from '../signals/random.ts';
import { type KindScore, median, replay, type Score, score } from '../signals/replay.ts';
import { type SentimentProblemKind, sentimentFortnight } from '../signals/sentiment-fortnight.ts';
import {
  type SpendProblemKind,
  spendMonth,
  type TimedEvent,
  WARNING_LEAD_DAYS,
} from '../signals/spend-month.ts';

/**
 * `npm run eval` (or `node bench/run.ts eval-signals`): the spend and sentiment detectors on generated
 * months with labelled problems (bench/signals/), replayed through the real engine as ingest runs it.
 * Seeds 1–6 are the development seeds; the two held-out seeds were not looked at while the detectors were
 * tuned, and their figures are reported apart (`signals.holdout.*`, `signals.holdout2.*`).
 */

const DEVELOPMENT_SEEDS = [1, 2, 3, 4, 5, 6] as const;
// Seeds nobody looked at while the detectors were tuned (20,261,201 was looked at once, then retired;
// 20,261,202 was looked at after the first tuning, before the generator was made more varied).
const HOLDOUT_SEEDS = [
  ['signals.holdout', 20_261_202],
  ['signals.holdout2', 20_261_215],
] as const;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Spend problems caught: at least 16 of 18 (issue #13); a hair under it for float division. */
const SPEND_RECALL_LINE = 16 / 18 - 1e-9;
/** A sudden crisis is caught within this many hours (issue #13). */
const CRISIS_DELAY_LINE_HOURS = 8;

/** Which rules catch each kind of spend problem (also bench/signals/spend-diagnose.ts). */
export const SPEND_RULES: Record<SpendProblemKind, readonly string[]> = {
  overspend: ['spend.pacing', 'spend.overrun'],
  cpaSpike: ['spend.cpa-spike'],
  trackingBroken: ['spend.tracking-broken'],
  deliveryStopped: ['spend.delivery-stopped'],
};
/** Which rules catch each kind of sentiment problem (also bench/signals/sentiment-diagnose.ts). */
export const SENTIMENT_RULES: Record<SentimentProblemKind, readonly string[]> = {
  crisisSudden: ['sentiment.spike', 'sentiment.negative-share', 'sentiment.drift'],
  slowDrift: ['sentiment.spike', 'sentiment.negative-share', 'sentiment.drift'],
};

interface Pooled {
  problems: number;
  caught: number;
  falseEpisodes: number;
  redFalsePages: number;
  subjectMonths: number;
  delays: number[];
  byKind: Record<string, KindScore>;
  largestBaselineBytes: number;
}

const pooled = (): Pooled => ({
  problems: 0,
  caught: 0,
  falseEpisodes: 0,
  redFalsePages: 0,
  subjectMonths: 0,
  delays: [],
  byKind: {},
  largestBaselineBytes: 0,
});

const add = (into: Pooled, result: Score, subjectMonths: number, bytes: number): void => {
  into.problems += result.problems;
  into.caught += result.caught;
  into.falseEpisodes += result.falseEpisodes;
  into.redFalsePages += result.redFalsePages;
  into.subjectMonths += subjectMonths;
  into.delays.push(...result.delaysMs);
  into.largestBaselineBytes = Math.max(into.largestBaselineBytes, bytes);
  for (const [kind, own] of Object.entries(result.byKind)) {
    const total = into.byKind[kind] ?? { total: 0, caught: 0, delaysMs: [], leadsMs: [] };
    into.byKind[kind] = total;
    total.total += own.total;
    total.caught += own.caught;
    total.delaysMs.push(...own.delaysMs);
    total.leadsMs.push(...own.leadsMs);
  }
};

const finite = (value: number): number => (Number.isFinite(value) ? value : -1);

const metricsOf = (prefix: string, p: Pooled, unit: number): Record<string, number> => {
  const metrics: Record<string, number> = {
    [`${prefix}.problems`]: p.problems,
    [`${prefix}.caught`]: p.caught,
    [`${prefix}.recall`]: p.problems === 0 ? 1 : p.caught / p.problems,
    [`${prefix}.precision`]: p.caught + p.falseEpisodes === 0 ? 1 : p.caught / (p.caught + p.falseEpisodes),
    [`${prefix}.medianDelay`]: finite(median(p.delays) / unit),
    [`${prefix}.falseAlarmEpisodesPerSubjectMonth`]: p.falseEpisodes / p.subjectMonths,
    [`${prefix}.redFalsePagesPerSubjectMonth`]: p.redFalsePages / p.subjectMonths,
    [`${prefix}.largestBaselineBytes`]: p.largestBaselineBytes,
  };
  for (const [kind, own] of Object.entries(p.byKind)) {
    metrics[`${prefix}.${kind}.caught`] = own.caught;
    metrics[`${prefix}.${kind}.total`] = own.total;
    metrics[`${prefix}.${kind}.medianDelay`] = finite(median(own.delaysMs) / unit);
    metrics[`${prefix}.${kind}.maxDelay`] = own.delaysMs.length === 0 ? -1 : Math.max(...own.delaysMs) / unit;
    // How many meet the issue's line, beside the worst one: a worst case is one problem, this is all of them.
    if (kind === 'crisisSudden')
      metrics[`${prefix}.${kind}.withinDelayLine`] = own.delaysMs.filter(
        (delay) => delay <= CRISIS_DELAY_LINE_HOURS * HOUR,
      ).length;
    if (own.leadsMs.length > 0) {
      metrics[`${prefix}.${kind}.leadDays`] = Math.min(...own.leadsMs) / DAY;
      metrics[`${prefix}.${kind}.medianLeadDays`] = median(own.leadsMs) / DAY;
      metrics[`${prefix}.${kind}.warnedInTime`] = own.leadsMs.filter(
        (lead) => lead >= WARNING_LEAD_DAYS * DAY,
      ).length;
    }
  }
  return metrics;
};

const run = (seeds: readonly number[]) => {
  const engine = createRiskEngine();
  const spend = pooled();
  const sentiment = pooled();
  for (const seed of seeds) {
    const month = spendMonth(seeded(seed));
    const spent = replay(engine, month.events as readonly TimedEvent<RiskEvent>[]);
    add(
      spend,
      score(spent.alarms, month.problems, { rulesFor: SPEND_RULES, graceMs: 2 * DAY, episodeGapMs: 2 * DAY }),
      (month.subjects.length * month.days) / 30,
      spent.largestBaselineBytes,
    );
    const fortnight = sentimentFortnight(seeded(seed * 7919));
    const heard = replay(engine, fortnight.events as readonly TimedEvent<RiskEvent>[]);
    add(
      sentiment,
      score(heard.alarms, fortnight.problems, {
        rulesFor: SENTIMENT_RULES,
        graceMs: 12 * HOUR,
        episodeGapMs: 24 * HOUR,
      }),
      (fortnight.subjects.length * fortnight.days) / 30,
      heard.largestBaselineBytes,
    );
  }
  return { spend, sentiment };
};

const targetsOf = (prefix: string, m: Record<string, number>): Target[] => {
  const at = (key: string) => m[`${prefix}.${key}`] ?? Number.NaN;
  const check = (key: string, op: '>=' | '<=', line: number): Target => ({
    description: `${prefix}.${key} ${op} ${line} (is ${Number(at(key).toFixed(3))})`,
    met: op === '>=' ? at(key) >= line : at(key) <= line,
  });
  return [
    // The issue's line is 16 of 18 problems caught (0.8889), not a rounded 0.89 that 16 of 18 would miss.
    {
      description: `${prefix}.spend.recall >= 16/18 (is ${Number(at('spend.recall').toFixed(3))})`,
      met: at('spend.recall') >= SPEND_RECALL_LINE,
    },
    check('spend.precision', '>=', 0.85),
    {
      description: `${prefix}.spend.trackingBroken: all caught (${at('spend.trackingBroken.caught')} of ${at('spend.trackingBroken.total')})`,
      met: at('spend.trackingBroken.caught') === at('spend.trackingBroken.total'),
    },
    check('spend.overspend.leadDays', '>=', WARNING_LEAD_DAYS),
    check('sentiment.recall', '>=', 1),
    check('sentiment.crisisSudden.maxDelay', '<=', CRISIS_DELAY_LINE_HOURS),
    check('sentiment.precision', '>=', 0.85),
    check('sentiment.redFalsePagesPerSubjectMonth', '<=', 0.2),
  ];
};

export const suite: Suite = {
  name: 'eval-signals',
  async run(progress) {
    const metrics: Record<string, number> = {};
    const targets: Target[] = [];
    const runs: [string, readonly number[]][] = [['signals', DEVELOPMENT_SEEDS]];
    // SIGNALS_DEVELOPMENT=1 leaves the held-out seeds unseen while the detectors are tuned.
    if (process.env.SIGNALS_DEVELOPMENT !== '1')
      for (const [prefix, seed] of HOLDOUT_SEEDS) runs.push([prefix, [seed]]);
    // SIGNALS_SEEDS=7,8,9 replays those seeds instead (`signals.check.*`): a fresh check that a change
    // helps beyond the six development months, without spending the held-out ones.
    const check = (process.env.SIGNALS_SEEDS ?? '')
      .split(',')
      .filter((seed) => seed.trim() !== '')
      .map(Number);
    if (check.some((seed) => !Number.isInteger(seed)))
      throw new Error(
        `SIGNALS_SEEDS must be whole numbers separated by commas (is ${process.env.SIGNALS_SEEDS})`,
      );
    if (check.length > 0) runs.splice(0, runs.length, ['signals.check', check]);
    for (const [prefix, seeds] of runs) {
      progress(`replaying seeds ${seeds.join(', ')}`);
      const { spend, sentiment } = run(seeds);
      const own = {
        ...metricsOf(`${prefix}.spend`, spend, DAY),
        ...metricsOf(`${prefix}.sentiment`, sentiment, HOUR),
      };
      Object.assign(metrics, own);
      targets.push(...targetsOf(prefix, own));
    }
    return {
      metrics,
      targets,
      notes: [
        'Delays: spend in days, sentiment in hours, from the labelled start of the problem to the first yellow or red finding of its kind.',
        `*.crisisSudden.withinDelayLine counts the sudden crises caught within ${CRISIS_DELAY_LINE_HOURS} h, *.overspend.warnedInTime the overspends warned at least ${WARNING_LEAD_DAYS} days before the crossing (beside the worst case, maxDelay and leadDays). A six-hourly subject is read when its window closes: a crisis that began early in a window too diluted to prove anything is seen at the end of the next one, 7–12 h after it began.`,
        'Precision = problems caught ÷ (problems caught + false-alarm episodes); an episode is a run of yellow/red findings on one subject and risk type with no labelled problem running (2 days of grace after a spend problem, 12 h after a sentiment one).',
        'Overspend lead = days from the first pacing or overrun finding to the day spend crosses plan + 10 %; an overspend is labelled only when it is over pace from the start (when the warning is due, 10 days before the crossing, the month so far extrapolated in a straight line already reaches plan + 10 %; see bench/signals/spend-month.ts).',
        check.length > 0
          ? `Check seeds ${check.join(', ')} (pooled, signals.check.*), in place of the development and held-out seeds.`
          : `Development seeds ${DEVELOPMENT_SEEDS.join(', ')} (pooled); held-out seeds ${HOLDOUT_SEEDS.map(([prefix, seed]) => `${seed} (${prefix}.*)`).join(' and ')}.`,
      ],
    };
  },
};
