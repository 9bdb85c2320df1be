import type { RiskEngine } from '#shared/domain/engine.ts';
import type { Clock } from '#shared/ports.ts';
import { type EventResult, rejectedResult } from './event-results.ts';
import type { ParsedItem } from './parse-events.ts';

/** Assesses events without storing anything: what marketers run before publishing. */
export const evaluateEvents = (
  items: readonly ParsedItem[],
  deps: { readonly engine: RiskEngine; readonly clock: Clock },
): EventResult[] => {
  const now = deps.clock.now();
  return items.map((item) =>
    item.ok
      ? {
          index: item.index,
          eventId: item.event.eventId,
          status: 'evaluated',
          assessment: deps.engine.evaluate(item.event, { now }),
        }
      : rejectedResult(item),
  );
};
