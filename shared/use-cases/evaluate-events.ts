import type { Clock } from '#shared/ports.ts';
import { type EventResult, type ParsedItem, rejectedResult } from './event-results.ts';
import { type JudgeDependencies, judgeInOrder, loadKnowledge } from './judge-events.ts';

/**
 * Assesses events exactly as ingest would — against the subjects' stored baselines and the brands' claim
 * exceptions, a batch's events in order — and stores nothing: what marketers run before publishing.
 */
export const evaluateEvents = async (
  items: readonly ParsedItem[],
  deps: JudgeDependencies & { readonly clock: Clock },
): Promise<EventResult[]> => {
  const now = deps.clock.now();
  const valid = items.flatMap((item) => (item.ok ? [item] : []));
  const knowledge = await loadKnowledge(
    valid.map((item) => item.event),
    now,
    deps,
  );
  const judged = new Map(judgeInOrder(valid, now, knowledge, deps.engine).map((item) => [item.index, item]));
  return items.map((item) => {
    if (!item.ok) return rejectedResult(item);
    const assessed = judged.get(item.index);
    if (assessed === undefined) throw new Error(`Invariant: event ${item.index} was not judged`);
    const { assessment } = assessed.judgement;
    return { index: item.index, eventId: item.event.eventId, status: 'evaluated', assessment };
  });
};
