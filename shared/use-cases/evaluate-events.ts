import type { CatalogueStore, Clock } from '#shared/ports.ts';
import { type EventResult, type ParsedItem, rejectedResult } from './event-results.ts';
import { type JudgeDependencies, judgeWithPlans, loadKnowledge } from './judge-events.ts';

/**
 * Assesses events exactly as ingest would — against the subjects' stored baselines and the brands' claim
 * exceptions, a batch's events in order — and stores nothing: what marketers run before publishing.
 */
export const evaluateEvents = async (
  items: readonly ParsedItem[],
  deps: JudgeDependencies & {
    readonly clock: Clock;
    /** The catalogue, for the spend events' plans of record (as ingest reads them); without it, their own. */
    readonly catalogue?: Pick<CatalogueStore, 'getMany'>;
  },
): Promise<EventResult[]> => {
  const now = deps.clock.now();
  const valid = items.flatMap((item) => (item.ok ? [item] : []));
  const campaignIds = [
    ...new Set(valid.flatMap((item) => (item.event.type === 'spend' ? [item.event.spend.campaignId] : []))),
  ];
  const [knowledge, catalogue] = await Promise.all([
    loadKnowledge(
      valid.map((item) => item.event),
      now,
      deps,
    ),
    deps.catalogue === undefined || campaignIds.length === 0
      ? undefined
      : deps.catalogue.getMany(campaignIds, []),
  ]);
  const judged = new Map(
    judgeWithPlans(valid, now, knowledge, deps.engine, catalogue?.campaigns ?? new Map()).map((item) => [
      item.index,
      item,
    ]),
  );
  return items.map((item) => {
    if (!item.ok) return rejectedResult(item);
    const assessed = judged.get(item.index);
    if (assessed === undefined) throw new Error(`Invariant: event ${item.index} was not judged`);
    const { assessment } = assessed.judgement;
    return { index: item.index, eventId: item.event.eventId, status: 'evaluated', assessment };
  });
};
