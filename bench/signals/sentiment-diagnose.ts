import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import { SENTIMENT_RULES } from '../suites/eval-signals.ts';
import { seeded } from './random.ts';
import { RULE_RISK_TYPES, replay, score } from './replay.ts';
import { sentimentFortnight } from './sentiment-fortnight.ts';
import type { TimedEvent } from './spend-month.ts';

/**
 * `node bench/signals/sentiment-diagnose.ts 7,8,9 [--list]`: the sentiment half of the signal evaluation
 * on these seeds (each fortnight drawn from seed × 7919, as the evaluation does), with its false-alarm
 * episodes counted by cause — the tail of a labelled problem (within two days after its grace), a viral
 * storm running (or in the 12 hours after it), a complaint-prone subject (normal share 13 % or more), a
 * small subject (under 25 mentions an hour), else none of these — and, with `--list`, each episode's
 * first finding with its numbers and what the generator drew for the subject. For judging a change to
 * the sentiment model by the causes of its false alarms, not only by their number. Prints; writes nothing.
 */

const HOUR = 3_600_000;
const START = Date.parse('2026-11-09T00:00:00Z');
const GRACE = 12 * HOUR;
const EPISODE_GAP = 24 * HOUR;

const seeds = (process.argv[2] ?? '7,8,9,10,11,12,13,14,15,16,17,18').split(',').map(Number);
const verbose = process.argv.includes('--list');
const engine = createRiskEngine();
const totals = { problems: 0, caught: 0, falseEpisodes: 0, red: 0, subjectMonths: 0 };
const byCause: Record<string, { episodes: number; red: number }> = {};
const byRule: Record<string, number> = {};
const round = (value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(3)) : value);

for (const seed of seeds) {
  const fortnight = sentimentFortnight(seeded(seed * 7919));
  const { alarms } = replay(engine, fortnight.events as readonly TimedEvent<RiskEvent>[]);
  const result = score(alarms, fortnight.problems, {
    rulesFor: SENTIMENT_RULES,
    graceMs: GRACE,
    episodeGapMs: EPISODE_GAP,
  });
  totals.problems += result.problems;
  totals.caught += result.caught;
  totals.falseEpisodes += result.falseEpisodes;
  totals.red += result.redFalsePages;
  totals.subjectMonths += (fortnight.subjects.length * fortnight.days) / 30;
  // The same episodes as `score` counts, each with the cause of its first finding.
  const last = new Map<string, { at: number; red: boolean; cause: string }>();
  for (const alarm of alarms) {
    for (const finding of alarm.findings) {
      const explained = fortnight.problems.some(
        (p) =>
          p.subject === alarm.subject &&
          alarm.at >= p.start &&
          alarm.at < p.end + GRACE &&
          SENTIMENT_RULES[p.kind].some((rule) => RULE_RISK_TYPES[rule] === finding.riskType),
      );
      if (explained) continue;
      const key = `${alarm.subject}#${finding.riskType}`;
      const previous = last.get(key);
      const red = finding.level === 'red';
      if (previous !== undefined && alarm.at - previous.at <= EPISODE_GAP) {
        // A red later in the episode pages as `score` counts it: once per episode.
        const cause = byCause[previous.cause];
        if (red && !previous.red && cause !== undefined) cause.red += 1;
        last.set(key, { ...previous, at: alarm.at, red: previous.red || red });
        continue;
      }
      const subject = fortnight.drawn.find((s) => s.key === alarm.subject);
      const problem = fortnight.problems.find((p) => p.subject === alarm.subject);
      const hour = (alarm.at - START) / HOUR;
      const storm = subject?.virals.find((v) => hour >= v.at && hour <= v.at + v.hours + 12);
      const cause =
        problem !== undefined && alarm.at >= problem.end + GRACE && alarm.at < problem.end + GRACE + 48 * HOUR
          ? 'after a problem'
          : storm !== undefined
            ? 'viral storm'
            : (subject?.share ?? 0) >= 0.13
              ? 'complaint-prone'
              : (subject?.hourlyVolume ?? 0) < 25
                ? 'small subject'
                : 'none of these';
      const own = byCause[cause] ?? { episodes: 0, red: 0 };
      byCause[cause] = own;
      own.episodes += 1;
      if (red) own.red += 1;
      last.set(key, { at: alarm.at, red, cause });
      byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
      if (!verbose) continue;
      const local = new Date(alarm.at + (subject?.utcOffset ?? 0) * HOUR);
      console.log(
        [
          `seed ${seed}`,
          alarm.subject,
          new Date(alarm.at).toISOString().slice(5, 16),
          `local ${local.toISOString().slice(11, 13)}h`,
          finding.ruleId,
          finding.level,
          cause,
          JSON.stringify(
            Object.fromEntries(Object.entries(finding.metrics ?? {}).map(([k, v]) => [k, round(v)])),
          ),
          subject === undefined
            ? ''
            : JSON.stringify({
                every: `${subject.hoursPerWindow}h`,
                perHour: round(subject.hourlyVolume),
                share: round(subject.share),
                concentration: round(subject.concentration),
                tail: round(subject.tail),
                shareCycle: round(subject.shareCycle),
                storms: subject.virals.map(
                  (v) => `${new Date(START + v.at * HOUR).toISOString().slice(5, 13)}+${v.hours}h`,
                ),
                problem:
                  problem === undefined
                    ? undefined
                    : `${problem.kind}@${new Date(problem.start).toISOString().slice(5, 13)}`,
              }),
        ].join(' | '),
      );
    }
  }
}

const precision = totals.caught / (totals.caught + totals.falseEpisodes);
console.log(
  `seeds ${seeds.join(',')}: recall ${totals.caught}/${totals.problems}, precision ${precision.toFixed(3)}, false episodes ${totals.falseEpisodes} (${(totals.falseEpisodes / totals.subjectMonths).toFixed(3)} per subject-month, red ${totals.red})`,
);
console.log(`false episodes by cause ${JSON.stringify(byCause)}; by first rule ${JSON.stringify(byRule)}`);
