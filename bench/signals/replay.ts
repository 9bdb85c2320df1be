import { asSentimentBaseline, asSpendBaseline, baselineKeyOf } from '#shared/domain/baselines.ts';
import { subjectOf } from '#shared/domain/case.ts';
import type { ConfiguredRiskEngine } from '#shared/domain/risk-engine.ts';
import type { Finding } from '#shared/schemas/assessment.ts';
import { type RiskEvent, RiskEventSchema } from '#shared/schemas/events.ts';
import type { Problem, TimedEvent } from './spend-month.ts';

/**
 * Replays a stream through the real engine exactly as ingest does (shared/use-cases/ingest-events.ts):
 * in arrival order, each event is validated by the v1 contract, judged against the stored baseline read
 * back through `asSpendBaseline`/`asSentimentBaseline`, then the engine's `nextBaseline` is stored — as
 * JSON, as DynamoDB would hold it — under `baselineKeyOf(event)`. Then scores what a manager would have
 * seen: events grouped per subject and risk type as cases are (shared/domain/case.ts).
 */

export interface Alarm {
  readonly subject: string;
  readonly at: number;
  readonly level: 'yellow' | 'red';
  readonly findings: readonly Finding[];
}

export interface Replayed {
  readonly alarms: readonly Alarm[];
  readonly largestBaselineBytes: number;
}

const isAlarm = (level: string): level is 'yellow' | 'red' => level === 'yellow' || level === 'red';

export const replay = (engine: ConfiguredRiskEngine, events: readonly TimedEvent<RiskEvent>[]): Replayed => {
  const stored = new Map<string, string>();
  const alarms: Alarm[] = [];
  let largestBaselineBytes = 0;
  for (const { event: raw, receivedAt } of events) {
    const event = RiskEventSchema.parse(raw);
    const key = baselineKeyOf(event);
    const json = key === undefined ? undefined : stored.get(key.key);
    const item: unknown = json === undefined ? undefined : JSON.parse(json);
    const previous = key?.kind === 'spend' ? asSpendBaseline(item) : asSentimentBaseline(item);
    const baselines =
      previous === undefined
        ? undefined
        : previous.kind === 'spend'
          ? { spend: previous }
          : { sentiment: previous };
    const assessment = engine.evaluate(event, {
      now: new Date(receivedAt),
      ...(baselines === undefined ? {} : { baselines }),
    });
    const next = engine.nextBaseline(event, previous);
    if (key !== undefined && next !== undefined && next !== previous) {
      const text = JSON.stringify(next);
      largestBaselineBytes = Math.max(largestBaselineBytes, Buffer.byteLength(text));
      stored.set(key.key, text);
    }
    const findings = assessment.findings.filter((finding) => isAlarm(finding.level));
    if (isAlarm(assessment.level) && findings.length > 0) {
      alarms.push({
        subject: subjectOf(event).key,
        at: Date.parse(event.occurredAt),
        level: assessment.level,
        findings,
      });
    }
  }
  return { alarms, largestBaselineBytes };
};

export interface ScoreOptions<K extends string> {
  /** Which rules catch each kind of problem ("a finding of the right kind"). */
  readonly rulesFor: Readonly<Record<K, readonly string[]>>;
  /** Alarms this long after a problem ends still belong to it (the tail of the same episode). */
  readonly graceMs: number;
  /** Alarms further apart than this on one subject and risk type are separate episodes. */
  readonly episodeGapMs: number;
}

export interface KindScore {
  total: number;
  caught: number;
  delaysMs: number[];
  leadsMs: number[];
}

export interface Score {
  readonly problems: number;
  readonly caught: number;
  readonly byKind: Record<string, KindScore>;
  readonly falseEpisodes: number;
  readonly redFalsePages: number;
  readonly delaysMs: readonly number[];
}

/**
 * Recall, delay, false-alarm episodes and red false pages of a replay against the labels. A problem is
 * caught by a yellow or red finding of one of its rules between its start and its end plus the grace; an
 * alarm on a subject and risk type with no labelled problem running is a false alarm, and such alarms
 * group into episodes as a case groups occurrences (a gap longer than `episodeGapMs` starts a new one);
 * an episode with a red in it paged a manager for nothing.
 */
export const score = <K extends string>(
  alarms: readonly Alarm[],
  problems: readonly Problem<K>[],
  options: ScoreOptions<K>,
): Score => {
  const byKind: Record<string, KindScore> = {};
  const delaysMs: number[] = [];
  let caught = 0;
  const explains = (problem: Problem<K>, alarm: Alarm, finding: Finding): boolean =>
    problem.subject === alarm.subject &&
    alarm.at >= problem.start &&
    alarm.at < problem.end + options.graceMs &&
    riskTypeOf(options.rulesFor[problem.kind]).has(finding.riskType);
  const riskTypes = new Map<string, Set<string>>();
  const riskTypeOf = (rules: readonly string[]): Set<string> => {
    const known = riskTypes.get(rules.join());
    if (known !== undefined) return known;
    const types = new Set(rules.map((rule) => RULE_RISK_TYPES[rule] ?? rule));
    riskTypes.set(rules.join(), types);
    return types;
  };
  for (const problem of problems) {
    const kind = byKind[problem.kind] ?? { total: 0, caught: 0, delaysMs: [], leadsMs: [] };
    byKind[problem.kind] = kind;
    kind.total += 1;
    const first = alarms.find(
      (alarm) =>
        alarm.subject === problem.subject &&
        alarm.at >= problem.start &&
        alarm.at < problem.end + options.graceMs &&
        alarm.findings.some((finding) => options.rulesFor[problem.kind].includes(finding.ruleId)),
    );
    if (first === undefined) continue;
    caught += 1;
    kind.caught += 1;
    kind.delaysMs.push(first.at - problem.start);
    delaysMs.push(first.at - problem.start);
    if (problem.crossingAt !== undefined) kind.leadsMs.push(problem.crossingAt - first.at);
  }
  // False alarms: findings no running problem of their risk type explains, as episodes per subject × type.
  const last = new Map<string, { at: number; red: boolean }>();
  let falseEpisodes = 0;
  let redFalsePages = 0;
  for (const alarm of alarms) {
    for (const finding of alarm.findings) {
      if (problems.some((problem) => explains(problem, alarm, finding))) continue;
      const key = `${alarm.subject}#${finding.riskType}`;
      const previous = last.get(key);
      const red = finding.level === 'red';
      if (previous === undefined || alarm.at - previous.at > options.episodeGapMs) {
        falseEpisodes += 1;
        if (red) redFalsePages += 1;
        last.set(key, { at: alarm.at, red });
      } else {
        if (red && !previous.red) redFalsePages += 1;
        last.set(key, { at: alarm.at, red: previous.red || red });
      }
    }
  }
  return { problems: problems.length, caught, byKind, falseEpisodes, redFalsePages, delaysMs };
};

/** The risk type each rule reports under (shared/domain/*-rules.ts); a rule missing here is its own type. */
export const RULE_RISK_TYPES: Readonly<Record<string, string>> = {
  'spend.overrun': 'budget',
  'spend.pacing': 'budget',
  'spend.cpa-spike': 'channel',
  'spend.tracking-broken': 'channel',
  'spend.delivery-stopped': 'channel',
  'sentiment.negative-share': 'reputation',
  'sentiment.spike': 'reputation',
  'sentiment.drift': 'reputation',
};

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
