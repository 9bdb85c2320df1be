import { asSpendBaseline, type SpendBaseline } from '#shared/domain/baselines.ts';
import { nextSpendBaseline, readSpend } from '#shared/domain/spend-model.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { negativeBinomialCdf } from '#shared/domain/stats.ts';
import { seeded } from './random.ts';
import { spendMonth } from './spend-month.ts';

/**
 * `node bench/signals/cpa-spans.ts 1,2,3`: every labelled CPA spike of those seeds with the most
 * surprising day and run the spend model saw from its start to two days after its end (p, observed and
 * expected conversions), so a change aimed at CPA recall can see how far each miss is from the line.
 * Beside them, what the generator drew — the spike's ratio (how many times dearer a conversion was), its
 * days, the campaign's normal conversions a day over the span (spend × its true rate, weekday and fatigue
 * included) and its day-to-day rate variation — and what an oracle would see: a test that knows the
 * span and the true normal rate, judging the conversions a typical spike of that ratio leaves (the normal
 * count ÷ ratio) with a negative binomial of the rate's variation over the span's days (`oracle p`). A
 * spike whose oracle p is above the detector's line (`cpaSpike.p`) cannot be told from noise by a detector
 * that also has to find the span and learn the rate. Prints; writes nothing.
 */
const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00Z');
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
    // The campaign's normal conversions over the span: each account day's spend (from the cumulative
    // exports; a missed export's two days split evenly) × its true rate without the spike.
    const spendByDay = new Map<number, number>();
    let lastDay = -1;
    let lastSpend = 0;
    for (const { event } of month.events) {
      if (event.spend.campaignId !== campaign?.id) continue;
      const day = Number(event.eventId.split('-d').at(-1)) - 1;
      const gap = day - lastDay;
      for (let d = lastDay + 1; d <= day; d += 1)
        spendByDay.set(d, (event.spend.actualSpend - lastSpend) / gap);
      lastDay = day;
      lastSpend = event.spend.actualSpend;
    }
    const accountDay = (at: number) => Math.round((at - START) / DAY + (campaign?.offset ?? 0) / 24);
    const spanDays = Math.round((problem.end - problem.start) / DAY);
    let normal = 0;
    for (let d = accountDay(problem.start); d < accountDay(problem.start) + spanDays; d += 1) {
      const weekday = new Date(START + d * DAY).getUTCDay();
      normal +=
        ((spendByDay.get(d) ?? 0) / (campaign?.cpa ?? 1)) *
        (campaign?.conversionWeek[weekday] ?? 1) *
        (1 - (campaign?.fatigue ?? 0)) ** d;
    }
    // The conversions the exports reported over the span's account days (late ones of earlier days in,
    // the span's own late ones out; a missed export's two days split evenly), against the normal for
    // those days: what an oracle reads.
    const reportedByDay = new Map<number, number>();
    let previousDay = -1;
    let previousConversions = 0;
    for (const { event } of month.events) {
      if (event.spend.campaignId !== campaign?.id) continue;
      const day = Number(event.eventId.split('-d').at(-1)) - 1;
      const conversions = event.spend.conversions ?? 0;
      for (let d = previousDay + 1; d <= day; d += 1)
        reportedByDay.set(d, (conversions - previousConversions) / (day - previousDay));
      previousDay = day;
      previousConversions = conversions;
    }
    const first = accountDay(problem.start);
    let reported = 0;
    for (let d = first; d < first + spanDays; d += 1) reported += reportedByDay.get(d) ?? 0;
    const ratio = problem.ratio ?? 1;
    const cv = campaign?.rateNoise ?? 0.15;
    const oracleP = negativeBinomialCdf(Math.floor(normal / ratio), normal, spanDays / cv ** 2);
    const reportedP = negativeBinomialCdf(reported, normal, spanDays / cv ** 2);
    console.log(
      `seed ${seed} ${campaign?.id} ${spiked ? 'caught' : 'MISSED'} ratio ${ratio.toFixed(2)} ${(normal / spanDays).toFixed(1)}/day oracle p ${oracleP.toExponential(1)} reported ${Math.round(reported)}/${normal.toFixed(0)} p ${reportedP.toExponential(1)} days ${((problem.end - problem.start) / DAY).toFixed(0)} span ${spanObserved}/${spanExpected.toFixed(0)} day p ${bestDay.p.toExponential(1)} ${bestDay.o}/${bestDay.e.toFixed(0)} run p ${bestRun.p.toExponential(1)} ${bestRun.o}/${bestRun.e.toFixed(0)} ${bestRun.d.toFixed(0)}d lag0 ${campaign?.lag[0]?.toFixed(2)} noise ${campaign?.rateNoise.toFixed(2)}`,
    );
  }
}
