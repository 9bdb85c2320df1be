import { asSpendBaseline, type SpendBaseline } from '#shared/domain/baselines.ts';
import { nextSpendBaseline, rateCv2Of, readSpend } from '#shared/domain/spend-model.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { seeded } from './random.ts';
import { spendMonth } from './spend-month.ts';

/**
 * `node bench/signals/spend-trace.ts 9 cmp-25`: one generated campaign's reports, day by day, as the spend
 * model reads them (slice, expected and observed conversions, p-values, CUSUM, weekday factors): for
 * finding out why a finding fired. Prints; writes nothing.
 */
const seed = Number(process.argv[2] ?? 7);
const id = process.argv[3] ?? 'cmp-01';
const month = spendMonth(seeded(seed));
const campaign = month.campaigns.find((c) => c.id === id);
console.log(JSON.stringify(campaign));
console.log(
  JSON.stringify(
    month.problems
      .filter((p) => p.subject === campaign?.subject)
      .map((p) => ({ ...p, start: new Date(p.start).toISOString(), end: new Date(p.end).toISOString() })),
  ),
);
let baseline: SpendBaseline | undefined;
const t = DEFAULT_SPEND_THRESHOLDS;
const f = (v: number | undefined, d = 2) => (v === undefined ? '-' : v.toFixed(d));
for (const { event } of month.events) {
  if (event.spend.campaignId !== id) continue;
  const at = Date.parse(event.occurredAt);
  const r = readSpend(event.spend, at, baseline, t);
  const c = r.conversion;
  console.log(
    [
      event.occurredAt.slice(5, 16),
      `wd${r.slice?.weekday}`,
      `days ${f(r.slice?.days)}`,
      `spend ${f(r.slice?.spend, 0)}`,
      `conv ${r.slice?.conversions}`,
      `exp ${f(c?.expected, 1)}`,
      `pDay ${c?.pDay.toExponential(1)}`,
      `run ${f(c?.run.observed, 0)}/${f(c?.run.expected, 0)} ${f(c?.run.days, 0)}d p ${c?.run.p.toExponential(1)}`,
      `cusum ${f(c?.cusum)}`,
      c?.spike ? 'SPIKE' : '',
      c?.suspect ? 'suspect' : '',
      `cv2 ${baseline ? f(rateCv2Of(baseline, t), 3) : '-'}`,
      `wk ${baseline?.conversionWeekday.map((x) => x.toFixed(2)).join(',')}`,
    ].join(' '),
  );
  baseline = asSpendBaseline(
    JSON.parse(JSON.stringify(nextSpendBaseline(baseline, event.spend, event.occurredAt, t))),
  );
}
