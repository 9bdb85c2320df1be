/**
 * What a pusher sends (DESIGN.md "Event contract"), as the domain reads it once the contract has admitted
 * it. The zod schemas in `shared/schemas/events.ts` check the wire form and are tied to these types, so a
 * field added here and not there (or the reverse) fails the typecheck.
 */

/** The languages ad copy may be written in: one rule pack family each. */
export const LANGUAGES = ['zh', 'vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The kinds of event: ad copy to check, spend against plan, a sentiment window. */
export const EVENT_TYPES = ['ad-copy', 'spend', 'sentiment'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface AdCopy {
  readonly copyId: string;
  readonly text: string;
  readonly lang: Language;
  /** ISO 3166-1 alpha-2, in capitals. */
  readonly market: string;
  readonly category: string;
  readonly brand: string;
  readonly campaignId?: string;
}

export interface Spend {
  readonly campaignId: string;
  readonly channel: string;
  /** ISO 4217, in capitals. */
  readonly currency: string;
  readonly plannedBudget: number;
  readonly actualSpend: number;
  readonly conversions?: number;
  /** ISO-8601 dates, both inclusive. */
  readonly periodStart: string;
  readonly periodEnd: string;
  /**
   * The campaign's brand and market, when the pusher knows them: they fill a campaign the catalogue has not
   * seen yet (shared/domain/catalogue.ts); a campaign a manager completed keeps what the manager set.
   */
  readonly brand?: string;
  /** ISO 3166-1 alpha-2, in capitals. */
  readonly market?: string;
}

export interface Sentiment {
  readonly brand: string;
  readonly product?: string;
  readonly channel: string;
  /** ISO-8601 instants. */
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly mentions: number;
  readonly negative: number;
  readonly positive?: number;
  readonly neutral?: number;
}

/**
 * The marker of a crisis drill's synthetic event (shared/domain/drill.ts): the case it opens is a drill case,
 * kept apart from real cases of the same subject, paged as `[DRILL]` and left out of every figure.
 */
export interface DrillMarker {
  /** The drill run it belongs to: one id per run, shared by its events and its cases. */
  readonly drillId: string;
}

/** What every event carries besides its body. */
interface Envelope {
  /** Client-chosen idempotency key. */
  readonly eventId: string;
  /** ISO-8601 with an offset; the pusher's clock. */
  readonly occurredAt: string;
  readonly source: string;
  /** Set only on a drill's synthetic events: their cases are drill cases. */
  readonly drill?: DrillMarker;
}

export interface AdCopyEvent extends Envelope {
  readonly type: 'ad-copy';
  readonly copy: AdCopy;
}

export interface SpendEvent extends Envelope {
  readonly type: 'spend';
  readonly spend: Spend;
}

export interface SentimentEvent extends Envelope {
  readonly type: 'sentiment';
  readonly sentiment: Sentiment;
}

export type RiskEvent = AdCopyEvent | SpendEvent | SentimentEvent;
