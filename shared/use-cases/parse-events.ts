import { type FieldIssue, PayloadTooLargeError, ValidationError } from '#shared/errors.ts';
import {
  BatchRequestSchema,
  MAX_EVENTS_PER_REQUEST,
  type RiskEvent,
  RiskEventSchema,
} from '#shared/schemas/events.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';

/** API Gateway accepts far more; we keep requests small so one request is one quick transaction set. */
export const MAX_BODY_BYTES = 256 * 1024;

export type ParsedItem =
  | { readonly index: number; readonly ok: true; readonly event: RiskEvent }
  | {
      readonly index: number;
      readonly ok: false;
      readonly eventId?: string;
      readonly errors: readonly FieldIssue[];
    };

export interface ParsedRequest {
  /** `{ "events": [...] }` rather than one bare event. */
  readonly batch: boolean;
  readonly items: readonly ParsedItem[];
}

const parseJson = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ValidationError(`The request body is not valid JSON: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
};

const eventIdOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { eventId?: unknown }).eventId;
  return typeof id === 'string' ? id : undefined;
};

const parseItem = (value: unknown, index: number, prefix: readonly PropertyKey[]): ParsedItem => {
  const result = RiskEventSchema.safeParse(value);
  if (result.success) return { index, ok: true, event: result.data };
  const eventId = eventIdOf(value);
  return {
    index,
    ok: false,
    ...(eventId === undefined ? {} : { eventId }),
    errors: toFieldIssues(result.error, prefix),
  };
};

const isBatch = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'events' in value;

/**
 * Parses the body of `POST /v1/events` and `/v1/evaluate`. A malformed body or a bad single event is a
 * ValidationError listing every bad path; in a batch each event is validated on its own so one bad event
 * does not sink the others.
 */
export const parseEventsRequest = (body: string | null | undefined): ParsedRequest => {
  if (body === null || body === undefined || body.trim() === '') {
    throw new ValidationError('The request body is empty: send one event, or { "events": [ ... ] }');
  }
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(
      `The request body is larger than ${MAX_BODY_BYTES / 1024} KB; split it into smaller batches`,
    );
  }
  const value = parseJson(body);
  if (!isBatch(value)) {
    const item = parseItem(value, 0, []);
    if (!item.ok) throw new ValidationError('The event does not match the event contract', item.errors);
    return { batch: false, items: [item] };
  }
  const events = (value as { events: unknown }).events;
  if (Array.isArray(events) && events.length > MAX_EVENTS_PER_REQUEST) {
    throw new PayloadTooLargeError(
      `A batch holds at most ${MAX_EVENTS_PER_REQUEST} events; this one has ${events.length}. Split it into smaller batches`,
    );
  }
  const outer = BatchRequestSchema.safeParse(value);
  if (!outer.success)
    throw new ValidationError('The batch does not match the event contract', toFieldIssues(outer.error));
  return {
    batch: true,
    items: outer.data.events.map((event, index) => parseItem(event, index, ['events', index])),
  };
};
