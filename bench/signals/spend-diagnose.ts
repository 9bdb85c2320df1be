import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import { SPEND_RULES } from '../suites/eval-signals.ts';
import { seeded } from './random.ts';
import { RULE_RISK_TYPES, replay, score } from './replay.ts';
import { spendMonth, type TimedEvent, WARNING_LEAD_DAYS } from './spend-month.ts';

/**
 * `node bench/signals/spend-diagnose.ts 7,8,9`: the spend half of the signal evaluation on these seeds,
 * with every false-alarm episode listed (rule, day, the numbers its finding states, and what the
 * generator drew for the campaign: weekday pattern, volume, fatigue, ramp, plan change, dip), so a change
 * to the spend model can be judged by the causes of its false alarms, not only by their number. Prints;
 * writes nothing.
 */

const DAY = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const seeds = (process.argv[2] ?? '7,8,9,10,11,12,13,14,15,16,17,18').split(',').map(Number);
const verbose = process.argv.includes('--list');
const engine = createRiskEngine();
const totals = { problems: 0, caught: 0, falseEpisodes: 0, red: 0, subjectMonths: 0 };
const byKind: Record<string, { total: number; caught: number }> = {};
const byRule: Record<string, number> = {};
const leads: number[] = [];
const round = (value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(3)) : value);

for (const seed of seeds) {
  const month = spendMonth(seeded(seed));
  const { alarms } = replay(engine, month.events as readonly TimedEvent<RiskEvent>[]);
  const result = score(alarms, month.problems, {
    rulesFor: SPEND_RULES,
    graceMs: 2 * DAY,
    episodeGapMs: 2 * DAY,
  });
  totals.problems += result.problems;
  totals.caught += result.caught;
  totals.falseEpisodes += result.falseEpisodes;
  totals.red += result.redFalsePages;
  totals.subjectMonths += (month.subjects.length * month.days) / 30;
  for (const [kind, own] of Object.entries(result.byKind)) {
    const total = byKind[kind] ?? { total: 0, caught: 0 };
    byKind[kind] = total;
    total.total += own.total;
    total.caught += own.caught;
    leads.push(...own.leadsMs.map((lead) => lead / DAY));
  }
  // Overspends warned less than WARNING_LEAD_DAYS before the crossing, with the campaign's draw.
  for (const problem of month.problems) {
    if (problem.kind !== 'overspend' || problem.crossingAt === undefined || !verbose) continue;
    const first = alarms.find(
      (alarm) =>
        alarm.subject === problem.subject &&
        alarm.at >= problem.start &&
        alarm.findings.some((finding) => SPEND_RULES.overspend.includes(finding.ruleId)),
    );
    const lead = first === undefined ? Number.NEGATIVE_INFINITY : (problem.crossingAt - first.at) / DAY;
    if (lead >= WARNING_LEAD_DAYS) continue;
    const campaign = month.campaigns.find((c) => c.subject === problem.subject);
    console.log(
      `seed ${seed} | ${problem.subject} | overspend lead ${lead.toFixed(2)} d | start ${new Date(problem.start).toISOString().slice(5, 10)} crossing ${new Date(problem.crossingAt).toISOString().slice(5, 10)} | ${JSON.stringify({ id: campaign?.id, ramp: campaign?.rampDays, replan: campaign?.replan, dip: campaign?.dip, spendNoise: round(campaign?.spendNoise), pace: round(campaign?.pace), offset: campaign?.offset })}`,
    );
  }
  // CPA spikes no finding caught, with the campaign's draw.
  for (const problem of month.problems) {
    if (problem.kind !== 'cpaSpike' || !verbose) continue;
    const caught = alarms.some(
      (alarm) =>
        alarm.subject === problem.subject &&
        alarm.at >= problem.start &&
        alarm.at < problem.end + 2 * DAY &&
        alarm.findings.some((finding) => SPEND_RULES.cpaSpike.includes(finding.ruleId)),
    );
    if (caught) continue;
    const campaign = month.campaigns.find((c) => c.subject === problem.subject);
    console.log(
      `seed ${seed} | ${problem.subject} | cpaSpike missed | ${new Date(problem.start).toISOString().slice(5, 16)} to ${new Date(problem.end).toISOString().slice(5, 16)} | ${JSON.stringify({ low: campaign?.lowVolume, perDay: round((campaign?.plan ?? 0) / 30 / (campaign?.cpa ?? 1)), rateNoise: round(campaign?.rateNoise), lag: campaign?.lag.map(round), ramp: campaign?.rampDays, replan: campaign?.replan, dip: campaign?.dip })}`,
    );
  }
  // The same episodes as `score` counts, listed with their first finding.
  const last = new Map<string, number>();
  for (const alarm of alarms) {
    for (const finding of alarm.findings) {
      const explained = month.problems.some(
        (p) =>
          p.subject === alarm.subject &&
          alarm.at >= p.start &&
          alarm.at < p.end + 2 * DAY &&
          SPEND_RULES[p.kind].some((rule) => RULE_RISK_TYPES[rule] === finding.riskType),
      );
      if (explained) continue;
      const key = `${alarm.subject}#${finding.riskType}`;
      const previous = last.get(key);
      last.set(key, alarm.at);
      if (previous !== undefined && alarm.at - previous <= 2 * DAY) continue;
      byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
      if (!verbose) continue;
      const campaign = month.campaigns.find((c) => c.subject === alarm.subject);
      const problem = month.problems.find((p) => p.subject === alarm.subject);
      const local = new Date(alarm.at + (campaign?.offset ?? 0) * 3_600_000 - DAY / 2);
      console.log(
        [
          `seed ${seed}`,
          alarm.subject,
          new Date(alarm.at).toISOString().slice(0, 16),
          `local day ${local.toISOString().slice(5, 10)} ${WEEKDAYS[local.getUTCDay()]}`,
          finding.ruleId,
          finding.level,
          JSON.stringify(
            Object.fromEntries(Object.entries(finding.metrics ?? {}).map(([k, v]) => [k, round(v)])),
          ),
          campaign === undefined
            ? ''
            : JSON.stringify({
                low: campaign.lowVolume,
                cpa: round(campaign.cpa),
                perDay: round(campaign.plan / 30 / campaign.cpa),
                convWeek: campaign.conversionWeek.map(round),
                rateNoise: round(campaign.rateNoise),
                fatigue: round(campaign.fatigue),
                ramp: campaign.rampDays,
                replan: campaign.replan,
                dip: campaign.dip,
                offset: campaign.offset,
                problem:
                  problem === undefined
                    ? undefined
                    : `${problem.kind}@${new Date(problem.start).toISOString().slice(5, 10)}`,
              }),
        ].join(' | '),
      );
    }
  }
}

const precision = totals.caught / (totals.caught + totals.falseEpisodes);
console.log(
  `seeds ${seeds.join(',')}: recall ${totals.caught}/${totals.problems} (${(totals.caught / totals.problems).toFixed(3)}), precision ${precision.toFixed(3)}, false episodes ${totals.falseEpisodes} (${(totals.falseEpisodes / totals.subjectMonths).toFixed(3)} per subject-month, red ${totals.red})`,
);
console.log(
  `by kind ${JSON.stringify(byKind)}; false episodes by first rule ${JSON.stringify(byRule)}; overspend lead worst ${Math.min(...leads).toFixed(2)} d, warned ≥ ${WARNING_LEAD_DAYS} d: ${leads.filter((l) => l >= WARNING_LEAD_DAYS).length}/${leads.length}`,
);
