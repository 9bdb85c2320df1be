import { asSpendBaseline, type SpendBaseline } from '#shared/domain/baselines.ts';
import { nextSpendBaseline, readSpend } from '#shared/domain/spend-model.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { seeded } from './random.ts';
import { spendMonth } from './spend-month.ts';

/**
 * `node bench/signals/cpa-spans.ts 1,2,3`: every labelled CPA spike of those seeds with the most
 * surprising day and run the spend model saw from its start to two days after its end (p, observed and
 * expected conversions), so a change aimed at CPA recall can see how far each miss is from the line.
 * Prints; writes nothing.
 */
const DAY = 86_400_000;
const seeds = (process.argv[2] ?? '1,2,3,4,5,6').split(',').map(Number);
const t = DEFAULT_SPEND_THRESHOLDS;
for (const seed of seeds) {
  const month = spendMonth(seeded(seed));
  for (const problem of month.problems) {
    if (problem.kind !== 'cpaSpike') continue;
    const campaign = month.campaigns.find((c) => c.subject === problem.subject);
    let baseline: SpendBaseline | undefined;
    let bestDay = { p: 1, o: 0, e: 0 };
    let bestRun = { p: 1, o: 0, e: 0, d: 0 };
    let spanObserved = 0;
    let spanExpected = 0;
    let spiked = false;
    for (const { event } of month.events) {
      if (event.spend.campaignId !== campaign?.id) continue;
      const at = Date.parse(event.occurredAt);
      const r = readSpend(event.spend, at, baseline, t);
      const c = r.conversion;
      if (c !== undefined && at > problem.start && at < problem.end + 2 * DAY) {
        if (c.pDay < bestDay.p) bestDay = { p: c.pDay, o: c.observed, e: c.expected };
        if (c.run.p < bestRun.p)
          bestRun = { p: c.run.p, o: c.run.observed, e: c.run.expected, d: c.run.days };
        if (at <= problem.end + DAY) {
          spanObserved += c.observed;
          spanExpected += c.expected;
        }
        spiked ||= c.spike;
      }
      baseline = asSpendBaseline(
        JSON.parse(JSON.stringify(nextSpendBaseline(baseline, event.spend, event.occurredAt, t))),
      );
    }
    console.log(
      `seed ${seed} ${campaign?.id} ${spiked ? 'caught' : 'MISSED'} days ${((problem.end - problem.start) / DAY).toFixed(0)} span ${spanObserved}/${spanExpected.toFixed(0)} day p ${bestDay.p.toExponential(1)} ${bestDay.o}/${bestDay.e.toFixed(0)} run p ${bestRun.p.toExponential(1)} ${bestRun.o}/${bestRun.e.toFixed(0)} ${bestRun.d.toFixed(0)}d lag0 ${campaign?.lag[0]?.toFixed(2)} noise ${campaign?.rateNoise.toFixed(2)}`,
    );
  }
}
