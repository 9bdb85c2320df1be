import * as z from 'zod';

/**
 * The v1 event contract (DESIGN.md "Event contract"). Every object is strict: an unknown field is a
 * client bug we want to hear about, not silently drop.
 */

/** Most identifiers a pusher sends: short, printable, no control characters. */
const Id = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(128, `${what} must be at most 128 characters`)
    .regex(/^[^\p{Cc}\s][^\p{Cc}]*$/u, `${what} must be printable text without leading spaces`);

const Label = (what: string, max = 200) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);

const IsoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 date-time, e.g. 2026-11-22T09:00:00Z',
});
const IsoDate = z.iso.date({ message: 'must be an ISO-8601 date, e.g. 2026-11-30' });
const Money = z.number().finite().nonnegative().max(1e12);
const Count = z.number().int('must be a whole number').nonnegative().max(1e12);

export const MAX_COPY_LENGTH = 20_000;
export const MAX_EVENTS_PER_REQUEST = 100;

export const LanguageSchema = z.enum(['zh', 'vi', 'en']).meta({ description: 'Language of the copy.' });
export type Language = z.infer<typeof LanguageSchema>;

export const AdCopySchema = z
  .strictObject({
    copyId: Id('copyId'),
    text: z
      .string()
      .min(1, 'text must not be empty')
      .max(MAX_COPY_LENGTH, `text must be at most ${MAX_COPY_LENGTH} characters`),
    lang: LanguageSchema,
    market: z
      .string()
      .regex(/^[A-Z]{2}$/, 'market must be an ISO 3166-1 alpha-2 country code in capitals, e.g. CN, VN, US'),
    category: Label('category', 64),
    brand: Label('brand'),
    campaignId: Id('campaignId').optional(),
  })
  .meta({ id: 'AdCopy' });
export type AdCopy = z.infer<typeof AdCopySchema>;

export const SpendSchema = z
  .strictObject({
    campaignId: Id('campaignId'),
    channel: Label('channel', 64),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code in capitals, e.g. USD'),
    plannedBudget: Money.positive('plannedBudget must be greater than 0'),
    actualSpend: Money,
    conversions: Count.optional(),
    periodStart: IsoDate,
    periodEnd: IsoDate,
  })
  .refine((s) => s.periodStart <= s.periodEnd, {
    message: 'periodEnd must not be before periodStart',
    path: ['periodEnd'],
  })
  .meta({ id: 'Spend' });
export type Spend = z.infer<typeof SpendSchema>;

export const SentimentSchema = z
  .strictObject({
    brand: Label('brand'),
    product: Label('product').optional(),
    channel: Label('channel', 64),
    windowStart: IsoDateTime,
    windowEnd: IsoDateTime,
    mentions: Count,
    negative: Count,
    positive: Count.optional(),
    neutral: Count.optional(),
  })
  .refine((s) => s.negative <= s.mentions, {
    message: 'negative must not exceed mentions',
    path: ['negative'],
  })
  .refine((s) => (s.positive ?? 0) + (s.neutral ?? 0) + s.negative <= s.mentions, {
    message: 'negative + positive + neutral must not exceed mentions',
    path: ['mentions'],
  })
  .refine((s) => Date.parse(s.windowStart) <= Date.parse(s.windowEnd), {
    message: 'windowEnd must not be before windowStart',
    path: ['windowEnd'],
  })
  .meta({ id: 'Sentiment' });
export type Sentiment = z.infer<typeof SentimentSchema>;

const envelope = {
  eventId: Id('eventId').meta({ description: 'Client-chosen idempotency key.' }),
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

export const RiskEventSchema = z
  .discriminatedUnion('type', [AdCopyEventSchema, SpendEventSchema, SentimentEventSchema], {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'type must be one of "ad-copy", "spend", "sentiment"' : undefined,
  })
  .meta({ id: 'RiskEvent' });
export type RiskEvent = z.infer<typeof RiskEventSchema>;
export type AdCopyEvent = z.infer<typeof AdCopyEventSchema>;
export type SpendEvent = z.infer<typeof SpendEventSchema>;
export type SentimentEvent = z.infer<typeof SentimentEventSchema>;
export type EventType = RiskEvent['type'];

/**
 * The request body of `POST /v1/events` and `POST /v1/evaluate`: one event, or a batch. Each element of a
 * batch is validated on its own (see `ingest`), so the batch schema only checks the outer shape.
 */
export const BatchRequestSchema = z
  .strictObject({
    events: z
      .array(z.unknown())
      .min(1, 'events must hold at least one event')
      .max(MAX_EVENTS_PER_REQUEST, `events must hold at most ${MAX_EVENTS_PER_REQUEST} events`),
  })
  .meta({ id: 'EventBatch' });

export const IngestRequestSchema = z.union([RiskEventSchema, BatchRequestSchema]);
