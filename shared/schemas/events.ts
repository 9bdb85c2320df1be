import * as z from 'zod/mini';
import type {
  AdCopy,
  AdCopyEvent,
  DrillMarker,
  RiskEvent,
  Sentiment,
  SentimentEvent,
  Spend,
  SpendEvent,
} from '#shared/domain/event.ts';
import { LANGUAGES } from '#shared/domain/event.ts';
import type { Tied } from './tie.ts';

/**
 * The v1 event contract (DESIGN.md "Event contract"): the wire form of the domain's event types
 * (`shared/domain/event.ts`), each schema tied to its type. Every object is strict: an unknown field is a
 * client bug we want to hear about, not silently drop.
 *
 * Written with zod/mini, whose functions tree-shake: the ingest Lambda bundles these schemas, and zod's
 * method-chaining classic API would add about 90 kB to it. Other schemas, used by smaller functions and the
 * OpenAPI generator, use the classic API; both are zod 4 schemas and compose freely.
 */

/** Registers OpenAPI metadata (component id, description), as classic zod's `.meta()` does. */
const document = <S extends z.ZodMiniType>(schema: S, meta: { id?: string; description?: string }): S => {
  z.globalRegistry.add(schema, meta);
  return schema;
};

/**
 * Every string of the contract is well-formed Unicode. JSON may carry a lone UTF-16 surrogate (`"x\ud800"`),
 * which DynamoDB's UTF-8 cannot hold: stored, it becomes U+FFFD, so two different ids would collide.
 */
const wellFormed = z.refine<string>((value) => value.isWellFormed(), {
  error: 'must be well-formed Unicode text (it holds a lone UTF-16 surrogate such as \\ud800)',
  abort: true,
});

/** Most identifiers a pusher sends: short, printable, no control characters. */
const Id = (what: string) =>
  z
    .string()
    .check(
      wellFormed,
      z.minLength(1, `${what} must not be empty`),
      z.maxLength(128, `${what} must be at most 128 characters`),
      z.regex(/^[^\p{Cc}\s][^\p{Cc}]*$/u, `${what} must be printable text without leading spaces`),
    );

const Label = (what: string, max = 200) =>
  z
    .string()
    .check(
      wellFormed,
      z.trim(),
      z.minLength(1, `${what} must not be empty`),
      z.maxLength(max, `${what} must be at most ${max} characters`),
    );

/**
 * Instants and dates between these years: wider than any real campaign, narrow enough that period
 * arithmetic in the detectors stays far from the limits of `Date`.
 */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2099;
const inYears = (value: string): boolean => {
  const year = Number(value.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};
const YEARS_MESSAGE = `must lie between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

const IsoDateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO-8601 date-time, e.g. 2026-11-22T09:00:00Z', abort: true })
  .check(z.refine(inYears, YEARS_MESSAGE));
const IsoDate = z.iso
  .date({ error: 'must be an ISO-8601 date, e.g. 2026-11-30', abort: true })
  .check(z.refine(inYears, YEARS_MESSAGE));

/** The largest amount of money (in the event's currency) and count the contract admits. */
export const MAX_MONEY = 1e13;
export const MAX_COUNT = 1e9;
/** A spend period covers at most a year (a leap year's 366 days), a sentiment window at most 31 days. */
export const MAX_PERIOD_DAYS = 366;
export const MAX_WINDOW_DAYS = 31;
const DAY_MS = 86_400_000;

/**
 * At most 4 decimal places. `String` gives the shortest representation that reads back as the same
 * number, in plain notation from 1e-6 up (below, `1e-7` has an exponent and more decimals anyway).
 */
const fourDecimals = (value: number): boolean => /^\d+(\.\d{1,4})?$/.test(String(value));
const Money = (what: string, min = 0) =>
  z
    .number({ error: `${what} must be a number` })
    .check(
      z.gte(min, { error: `${what} must be at least ${min}`, abort: true }),
      z.lte(MAX_MONEY, { error: `${what} must be at most ${MAX_MONEY.toExponential()}`, abort: true }),
      z.refine(fourDecimals, `${what} must have at most 4 decimal places`),
    );
const Count = (what: string) =>
  z
    .int({ error: `${what} must be a whole number` })
    .check(
      z.gte(0, `${what} must not be negative`),
      z.lte(MAX_COUNT, `${what} must be at most ${MAX_COUNT.toExponential()}`),
    );

export const MAX_COPY_LENGTH = 20_000;
export const MAX_EVENTS_PER_REQUEST = 100;

/** ISO 3166-1 alpha-2 in capitals: the market of a copy or a campaign. */
const Market = () =>
  z
    .string()
    .check(
      z.regex(/^[A-Z]{2}$/, 'market must be an ISO 3166-1 alpha-2 country code in capitals, e.g. CN, VN, US'),
    );

export const LanguageSchema = document(z.enum(LANGUAGES), { description: 'Language of the copy.' });

export const AdCopySchema = document(
  z.strictObject({
    copyId: Id('copyId'),
    text: z.string().check(
      wellFormed,
      z.minLength(1, 'text must not be empty'),
      z.refine((text) => text.trim() !== '', 'text must not be only whitespace'),
      z.maxLength(MAX_COPY_LENGTH, `text must be at most ${MAX_COPY_LENGTH} characters`),
    ),
    lang: LanguageSchema,
    market: Market(),
    category: Label('category', 64),
    brand: Label('brand'),
    campaignId: z.optional(Id('campaignId')),
  }),
  { id: 'AdCopy' },
);
true satisfies Tied<typeof AdCopySchema, AdCopy>;

export const SpendSchema = document(
  z
    .strictObject({
      campaignId: Id('campaignId'),
      channel: Label('channel', 64),
      currency: z
        .string()
        .check(z.regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code in capitals, e.g. USD')),
      plannedBudget: Money('plannedBudget', 0.01),
      actualSpend: Money('actualSpend'),
      conversions: z.optional(Count('conversions')),
      periodStart: IsoDate,
      periodEnd: IsoDate,
      brand: z.optional(Label('brand')),
      market: z.optional(Market()),
    })
    .check(
      z.refine((s) => s.periodStart <= s.periodEnd, {
        error: 'periodEnd must not be before periodStart',
        path: ['periodEnd'],
      }),
      z.refine((s) => Date.parse(s.periodEnd) - Date.parse(s.periodStart) < MAX_PERIOD_DAYS * DAY_MS, {
        error: `a spend period covers at most ${MAX_PERIOD_DAYS} days`,
        path: ['periodEnd'],
      }),
    ),
  { id: 'Spend' },
);
true satisfies Tied<typeof SpendSchema, Spend>;

export const SentimentSchema = document(
  z
    .strictObject({
      brand: Label('brand'),
      product: z.optional(Label('product')),
      channel: Label('channel', 64),
      windowStart: IsoDateTime,
      windowEnd: IsoDateTime,
      mentions: Count('mentions'),
      negative: Count('negative'),
      positive: z.optional(Count('positive')),
      neutral: z.optional(Count('neutral')),
    })
    .check(
      z.refine((s) => s.negative <= s.mentions, {
        error: 'negative must not exceed mentions',
        path: ['negative'],
      }),
      z.refine((s) => (s.positive ?? 0) + (s.neutral ?? 0) + s.negative <= s.mentions, {
        error: 'negative + positive + neutral must not exceed mentions',
        path: ['mentions'],
      }),
      z.refine((s) => Date.parse(s.windowStart) <= Date.parse(s.windowEnd), {
        error: 'windowEnd must not be before windowStart',
        path: ['windowEnd'],
      }),
      z.refine((s) => Date.parse(s.windowEnd) - Date.parse(s.windowStart) <= MAX_WINDOW_DAYS * DAY_MS, {
        error: `a sentiment window covers at most ${MAX_WINDOW_DAYS} days`,
        path: ['windowEnd'],
      }),
    ),
  { id: 'Sentiment' },
);
true satisfies Tied<typeof SentimentSchema, Sentiment>;

/**
 * A drill's marker (shared/domain/drill.ts): its events open drill cases, apart from real ones. Only a pusher
 * sends events, and `POST /v1/drills` (managers) sends them through the same use case.
 */
export const DrillMarkerSchema = document(
  z.strictObject({
    drillId: z
      .string()
      .check(
        z.regex(
          /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
          'drillId must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
        ),
      ),
  }),
  { id: 'DrillMarker', description: "Marks a crisis drill's synthetic event: its case is a drill case." },
);
true satisfies Tied<typeof DrillMarkerSchema, DrillMarker>;

const envelope = {
  eventId: document(Id('eventId'), { description: 'Client-chosen idempotency key.' }),
  occurredAt: IsoDateTime,
  source: Label('source', 64),
  drill: z.optional(DrillMarkerSchema),
};

export const AdCopyEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('ad-copy'),
  copy: AdCopySchema,
});
export const SpendEventSchema = z.strictObject({ ...envelope, type: z.literal('spend'), spend: SpendSchema });
export const SentimentEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('sentiment'),
  sentiment: SentimentSchema,
});

export const RiskEventSchema = document(
  z.discriminatedUnion('type', [AdCopyEventSchema, SpendEventSchema, SentimentEventSchema], {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'type must be one of "ad-copy", "spend", "sentiment"' : undefined,
  }),
  { id: 'RiskEvent' },
);
true satisfies Tied<typeof AdCopyEventSchema, AdCopyEvent>;
true satisfies Tied<typeof SpendEventSchema, SpendEvent>;
true satisfies Tied<typeof SentimentEventSchema, SentimentEvent>;
true satisfies Tied<typeof RiskEventSchema, RiskEvent>;

/** The domain's event types, for the files that parse events with these schemas. */
export type * from '#shared/domain/event.ts';

/**
 * The request body of `POST /v1/events` and `POST /v1/evaluate`: one event, or a batch. Each element of a
 * batch is validated on its own (`parseEventsRequest` in functions/input.ts), so the batch schema only
 * checks the outer shape.
 */
export const BatchRequestSchema = document(
  z.strictObject({
    events: z
      .array(z.unknown())
      .check(
        z.minLength(1, 'events must hold at least one event'),
        z.maxLength(MAX_EVENTS_PER_REQUEST, `events must hold at most ${MAX_EVENTS_PER_REQUEST} events`),
      ),
  }),
  { id: 'EventBatch' },
);
