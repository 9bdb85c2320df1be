import * as z from 'zod/mini';

/**
 * The v1 event contract (DESIGN.md "Event contract"). Every object is strict: an unknown field is a
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

/** Most identifiers a pusher sends: short, printable, no control characters. */
const Id = (what: string) =>
  z
    .string()
    .check(
      z.minLength(1, `${what} must not be empty`),
      z.maxLength(128, `${what} must be at most 128 characters`),
      z.regex(/^[^\p{Cc}\s][^\p{Cc}]*$/u, `${what} must be printable text without leading spaces`),
    );

const Label = (what: string, max = 200) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, `${what} must not be empty`),
      z.maxLength(max, `${what} must be at most ${max} characters`),
    );

const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time, e.g. 2026-11-22T09:00:00Z',
});
const IsoDate = z.iso.date({ error: 'must be an ISO-8601 date, e.g. 2026-11-30' });
const Money = z.number().check(z.gte(0), z.lte(1e12));
const Count = z.int({ error: 'must be a whole number' }).check(z.gte(0), z.lte(1e12));

export const MAX_COPY_LENGTH = 20_000;
export const MAX_EVENTS_PER_REQUEST = 100;

export const LanguageSchema = document(z.enum(['zh', 'vi', 'en']), { description: 'Language of the copy.' });
export type Language = z.infer<typeof LanguageSchema>;

export const AdCopySchema = document(
  z.strictObject({
    copyId: Id('copyId'),
    text: z
      .string()
      .check(
        z.minLength(1, 'text must not be empty'),
        z.maxLength(MAX_COPY_LENGTH, `text must be at most ${MAX_COPY_LENGTH} characters`),
      ),
    lang: LanguageSchema,
    market: z
      .string()
      .check(
        z.regex(
          /^[A-Z]{2}$/,
          'market must be an ISO 3166-1 alpha-2 country code in capitals, e.g. CN, VN, US',
        ),
      ),
    category: Label('category', 64),
    brand: Label('brand'),
    campaignId: z.optional(Id('campaignId')),
  }),
  { id: 'AdCopy' },
);
export type AdCopy = z.infer<typeof AdCopySchema>;

export const SpendSchema = document(
  z
    .strictObject({
      campaignId: Id('campaignId'),
      channel: Label('channel', 64),
      currency: z
        .string()
        .check(z.regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code in capitals, e.g. USD')),
      plannedBudget: z.number().check(z.gt(0, 'plannedBudget must be greater than 0'), z.lte(1e12)),
      actualSpend: Money,
      conversions: z.optional(Count),
      periodStart: IsoDate,
      periodEnd: IsoDate,
    })
    .check(
      z.refine((s) => s.periodStart <= s.periodEnd, {
        error: 'periodEnd must not be before periodStart',
        path: ['periodEnd'],
      }),
    ),
  { id: 'Spend' },
);
export type Spend = z.infer<typeof SpendSchema>;

export const SentimentSchema = document(
  z
    .strictObject({
      brand: Label('brand'),
      product: z.optional(Label('product')),
      channel: Label('channel', 64),
      windowStart: IsoDateTime,
      windowEnd: IsoDateTime,
      mentions: Count,
      negative: Count,
      positive: z.optional(Count),
      neutral: z.optional(Count),
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
    ),
  { id: 'Sentiment' },
);
export type Sentiment = z.infer<typeof SentimentSchema>;

const envelope = {
  eventId: document(Id('eventId'), { description: 'Client-chosen idempotency key.' }),
  occurredAt: IsoDateTime,
  source: Label('source', 64),
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
export type RiskEvent = z.infer<typeof RiskEventSchema>;
export type AdCopyEvent = z.infer<typeof AdCopyEventSchema>;
export type SpendEvent = z.infer<typeof SpendEventSchema>;
export type SentimentEvent = z.infer<typeof SentimentEventSchema>;
export type EventType = RiskEvent['type'];

/**
 * The request body of `POST /v1/events` and `POST /v1/evaluate`: one event, or a batch. Each element of a
 * batch is validated on its own (see `ingest`), so the batch schema only checks the outer shape.
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
