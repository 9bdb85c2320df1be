import { asSentimentBaseline, type SentimentBaseline } from '#shared/domain/baselines.ts';
import { nextSentimentBaseline, readSentiment } from '#shared/domain/sentiment-model.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import type { SentimentEvent } from '#shared/schemas/events.ts';
import { seeded } from './random.ts';
import { sentimentFortnight } from './sentiment-fortnight.ts';

/**
 * `node bench/signals/sentiment-trace.ts 1,2,3 [maxHours]`: every labelled sudden crisis of those seeds'
 * fortnights (the evaluation draws a fortnight from seed × 7919), with the windows from its start until
 * the first spike as the sentiment model reads them (counts, normal share, p of the window, of the window
 * before, of the volume, of the pooled test and of the burst chart), for the crises first seen later than
 * `maxHours` (default 8; 0 lists every crisis): for finding out why a crisis was seen late. Prints;
 * writes nothing.
 */
const HOUR = 3_600_000;
const seeds = (process.argv[2] ?? '1,2,3,4,5,6').split(',').map(Number);
const maxHours = Number(process.argv[3] ?? 8);
const t = DEFAULT_SENTIMENT_THRESHOLDS;
const e = (v: number) => v.toExponential(1);

for (const seed of seeds) {
  const fortnight = sentimentFortnight(seeded(seed * 7919));
  const bySubject = new Map<string, SentimentEvent[]>();
  for (const { event } of fortnight.events) {
    const s = event.sentiment;
    const key = `sentiment|${encodeURIComponent(s.brand)}|${encodeURIComponent(s.product ?? '')}|${encodeURIComponent(s.channel)}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), event]);
  }
  for (const problem of fortnight.problems) {
    if (problem.kind !== 'crisisSudden') continue;
    const events = bySubject.get(problem.subject) ?? [];
    let baseline: SentimentBaseline | undefined;
    const lines: string[] = [];
    let firstSpike: number | undefined;
    const hoursTotal = events.reduce(
      (sum, ev) => sum + (Date.parse(ev.sentiment.windowEnd) - Date.parse(ev.sentiment.windowStart)) / HOUR,
      0,
    );
    const perHour = events.reduce((sum, ev) => sum + ev.sentiment.mentions, 0) / hoursTotal;
    for (const event of events) {
      const at = Date.parse(event.occurredAt);
      const r = readSentiment(event.sentiment, at, baseline, t);
      if (at > problem.start && firstSpike === undefined) {
        lines.push(
          `  +${((at - problem.start) / HOUR).toFixed(0)}h ${r.window.negative}/${r.window.mentions} share ${r.window.share.toFixed(3)} exp ${r.expectedShare.toFixed(3)} p ${e(r.pWindow)} prev ${e(r.previousP)} vol ${e(r.volume.p)} (usual neg ${r.volume.expectedNegative.toFixed(1)}) pool ${e(r.pooled.p)}×${r.pooled.windows} burst ${e(r.burst.p)} ${r.burst.excessShare.toFixed(3)} rho ${r.rho.toFixed(4)}${r.spike ? ` SPIKE${r.windowSpike ? '' : r.pooled.alarm ? '(pool)' : '(burst)'} ${r.spikeWindows}` : ''}`,
        );
        if (r.spike) firstSpike = at;
      }
      baseline = asSentimentBaseline(
        JSON.parse(JSON.stringify(nextSentimentBaseline(baseline, event.sentiment, event.occurredAt, t))),
      );
    }
    const delay = firstSpike === undefined ? Number.POSITIVE_INFINITY : (firstSpike - problem.start) / HOUR;
    if (delay <= maxHours) continue;
    console.log(
      `seed ${seed} ${decodeURIComponent(problem.subject)} start ${new Date(problem.start).toISOString()} ${perHour.toFixed(1)} mentions/h, first spike +${delay}h`,
    );
    for (const line of lines) console.log(line);
  }
}
