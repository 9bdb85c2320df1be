import type { z } from 'zod';
import { PayloadTooLargeError, ValidationError } from '#shared/errors.ts';
import { BatchRequestSchema, MAX_EVENTS_PER_REQUEST, RiskEventSchema } from '#shared/schemas/events.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';
import type { ParsedItem } from '#shared/use-cases/event-results.ts';

/**
 * Parsing at the edge: the bytes of a body, its JSON, a query string or a path parameter against its zod
 * schema, or a ValidationError naming every bad field (answered as a 400 problem). The use cases receive
 * parsed values only.
 */

/** API Gateway accepts far more; we keep requests small so one request is one quick transaction set. */
export const MAX_BODY_BYTES = 256 * 1024;

const isBlank = (body: string | null | undefined): body is null | undefined | '' =>
  body === null || body === undefined || body.trim() === '';

/** The JSON of a body, or a ValidationError quoting the parser. */
const jsonOf = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ValidationError(`The request body is not valid JSON: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
};

/** A JSON body against its schema; an empty body is `{}`. */
export const parseJsonBody = <S extends z.ZodType>(body: string | null, schema: S): z.infer<S> => {
  const result = schema.safeParse(isBlank(body) ? {} : jsonOf(body));
  if (!result.success) throw new ValidationError('The request body is invalid', toFieldIssues(result.error));
  return result.data;
};

export const parseQuery = <S extends z.ZodType>(
  query: Record<string, string | undefined> | null,
  schema: S,
): z.infer<S> => {
  const result = schema.safeParse(query ?? {});
  if (!result.success) throw new ValidationError('Invalid query parameters', toFieldIssues(result.error));
  return result.data;
};

export const parsePathParameter = <S extends z.ZodType>(
  parameters: Record<string, string | undefined> | null,
  name: string,
  schema: S,
): z.infer<S> => {
  const result = schema.safeParse(parameters?.[name]);
  if (!result.success) throw new ValidationError(`Invalid ${name}`, toFieldIssues(result.error, [name]));
  return result.data;
};

/** The body of `POST /v1/events` and `/v1/evaluate`, parsed. */
export interface ParsedRequest {
  /** `{ "events": [...] }` rather than one bare event. */
  readonly batch: boolean;
  readonly items: readonly ParsedItem[];
}

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
 * Parses the body of `POST /v1/events` and `/v1/evaluate`. An empty, oversized or malformed body or a bad
 * single event is an error listing every bad path; in a batch each event is validated on its own so one
 * bad event does not sink the others.
 *
 * @throws {PayloadTooLargeError} for a body over {@link MAX_BODY_BYTES} or a batch over
 *   MAX_EVENTS_PER_REQUEST events.
 * @example parseEventsRequest('{"events":[…]}') // { batch: true, items: [{ index: 0, ok: true, event }] }
 */
export const parseEventsRequest = (body: string | null | undefined): ParsedRequest => {
  if (isBlank(body)) {
    throw new ValidationError('The request body is empty: send one event, or { "events": [ ... ] }');
  }
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(
      `The request body is larger than ${MAX_BODY_BYTES / 1024} KB; split it into smaller batches`,
    );
  }
  const value = jsonOf(body);
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
