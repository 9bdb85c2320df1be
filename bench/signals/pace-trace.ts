import { asSpendBaseline, type SpendBaseline } from '#shared/domain/baselines.ts';
import { nextSpendBaseline, readSpend } from '#shared/domain/spend-model.ts';
import { spendForecast } from '#shared/domain/spend-rules.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { seeded } from './random.ts';
import { spendMonth } from './spend-month.ts';

/**
 * `node bench/signals/pace-trace.ts 6 cmp-21`: one generated campaign's pacing, report by report (the
 * pace, its variation, the days it rests on, the forecast interval against plan + 10 %): for finding out
 * why an overspend was warned late. Prints; writes nothing.
 */
const seed = Number(process.argv[2] ?? 7);
const id = process.argv[3] ?? 'cmp-01';
const month = spendMonth(seeded(seed));
const t = DEFAULT_SPEND_THRESHOLDS;
let baseline: SpendBaseline | undefined;
for (const problem of month.problems.filter((p) => p.subject.includes(`|${id}|`)))
  console.log(
    problem.kind,
    new Date(problem.start).toISOString(),
    problem.crossingAt && new Date(problem.crossingAt).toISOString(),
  );
for (const { event } of month.events) {
  if (event.spend.campaignId !== id) continue;
  const at = Date.parse(event.occurredAt);
  const r = readSpend(event.spend, at, baseline, t);
  const f = spendForecast(event.spend, r, t);
  const plan = event.spend.plannedBudget;
  console.log(
    `${event.occurredAt.slice(5, 16)} spent ${(event.spend.actualSpend / plan).toFixed(3)} slice ${r.slice?.spend.toFixed(0)} pace ${r.level.daily.toFixed(0)} cv ${Math.sqrt(r.level.variance).toFixed(3)} n ${r.level.recent.length} planDays ${r.level.planDays.toFixed(1)} forecast ${f ? `${(f.low / plan).toFixed(3)} ${(f.projected / plan).toFixed(3)} ${(f.high / plan).toFixed(3)}` : '-'} recent ${r.level.recent.map((v) => v.toFixed(0)).join(',')}`,
  );
  baseline = asSpendBaseline(
    JSON.parse(JSON.stringify(nextSpendBaseline(baseline, event.spend, event.occurredAt, t))),
  );
}
