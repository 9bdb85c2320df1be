import fc from 'fast-check';
import {
  EARLIEST_YEAR,
  LATEST_YEAR,
  MAX_COUNT,
  MAX_MONEY,
  MAX_PERIOD_DAYS,
  MAX_WINDOW_DAYS,
  type RiskEvent,
} from '#shared/schemas/events.ts';

/**
 * Events anywhere in what the contract admits, edges weighted in: the least and the most money, the
 * longest periods, a billion mentions, the first and last admitted years. Every generated value passes
 * `RiskEventSchema` (the tests assert it), so a failure is about what happens after the contract.
 */

const DAY_MS = 86_400_000;
const FIRST = Date.UTC(EARLIEST_YEAR, 0, 1);
const LAST = Date.UTC(LATEST_YEAR, 11, 31, 23, 59, 59);

/** An instant in the admitted years, at whole seconds. */
const instantMs = fc.oneof(
  { arbitrary: fc.integer({ min: FIRST / 1000, max: LAST / 1000 }).map((s) => s * 1000), weight: 4 },
  { arbitrary: fc.constantFrom(FIRST, LAST, Date.UTC(2026, 10, 22, 9)), weight: 1 },
);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Money with at most 4 decimal places, from `min` to the contract's maximum, edges weighted in. */
export const moneyArbitrary = (min = 0): fc.Arbitrary<number> =>
  fc
    .oneof(
      { arbitrary: fc.constantFrom(min, 0.0001, 0.01, 1, MAX_MONEY - 0.0001, MAX_MONEY), weight: 1 },
      { arbitrary: fc.integer({ min: Math.round(min * 1e4), max: 1e8 }).map((k) => k / 1e4), weight: 2 },
      {
        arbitrary: fc.integer({ min: Math.round(min * 100), max: MAX_MONEY * 100 }).map((k) => k / 100),
        weight: 2,
      },
    )
    .filter((value) => value >= min);

const countArbitrary = (max = MAX_COUNT): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(0, 1, max), weight: 1 },
    { arbitrary: fc.nat(Math.min(max, 10_000)), weight: 2 },
    { arbitrary: fc.nat(max), weight: 2 },
  );

const label = fc.constantFrom('facebook', 'weibo', 'Acme', 'Serum X', 'tiktok', '品牌', 'Thương hiệu');

export const spendArbitrary = (eventId: fc.Arbitrary<string>): fc.Arbitrary<RiskEvent> =>
  fc
    .record({
      eventId,
      occurred: instantMs,
      start: instantMs,
      days: fc.oneof(fc.constantFrom(0, MAX_PERIOD_DAYS - 1), fc.nat(MAX_PERIOD_DAYS - 1)),
      plannedBudget: moneyArbitrary(0.01),
      actualSpend: moneyArbitrary(),
      conversions: fc.option(countArbitrary(), { nil: undefined }),
      campaignId: fc.constantFrom('cmp-1', 'cmp-2'),
      channel: label,
    })
    .map(
      ({ eventId, occurred, start, days, plannedBudget, actualSpend, conversions, campaignId, channel }) => {
        const first = Math.min(start, LAST - days * DAY_MS);
        return {
          eventId,
          type: 'spend' as const,
          occurredAt: iso(occurred),
          source: 'ads',
          spend: {
            campaignId,
            channel,
            currency: 'USD',
            plannedBudget,
            actualSpend,
            ...(conversions === undefined ? {} : { conversions }),
            periodStart: iso(first).slice(0, 10),
            periodEnd: iso(first + days * DAY_MS).slice(0, 10),
          },
        };
      },
    );

export const sentimentArbitrary = (eventId: fc.Arbitrary<string>): fc.Arbitrary<RiskEvent> =>
  fc
    .record({
      eventId,
      end: instantMs,
      seconds: fc.oneof(fc.constantFrom(0, MAX_WINDOW_DAYS * 86_400), fc.nat(MAX_WINDOW_DAYS * 86_400)),
      mentions: countArbitrary(),
      shares: fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000)),
      withBreakdown: fc.boolean(),
      brand: label,
      product: fc.option(label, { nil: undefined }),
      channel: label,
    })
    .map(({ eventId, end, seconds, mentions, shares, withBreakdown, brand, product, channel }) => {
      const [a, b, c] = shares;
      const total = Math.max(1, a + b + c);
      const negative = Math.floor((mentions * a) / total);
      const positive = Math.floor((mentions * b) / total);
      const windowEnd = Math.max(end, FIRST + seconds * 1000);
      return {
        eventId,
        type: 'sentiment' as const,
        occurredAt: iso(windowEnd),
        source: 'listening',
        sentiment: {
          brand,
          ...(product === undefined ? {} : { product }),
          channel,
          windowStart: iso(windowEnd - seconds * 1000),
          windowEnd: iso(windowEnd),
          mentions,
          negative,
          ...(withBreakdown ? { positive, neutral: mentions - negative - positive } : {}),
        },
      };
    });

/** Copy text: any well-formed text with something besides whitespace in it. */
const copyText = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }),
    fc.constantFrom(
      '全网最佳美白精华，三天见效',
      'Sản phẩm tốt nhất, duy nhất',
      'Cures acne, guaranteed results',
    ),
  )
  .filter((text) => text.trim() !== '');

export const adCopyArbitrary = (eventId: fc.Arbitrary<string>): fc.Arbitrary<RiskEvent> =>
  fc
    .record({
      eventId,
      occurred: instantMs,
      text: copyText,
      lang: fc.constantFrom('zh', 'vi', 'en' as const),
      market: fc.constantFrom('CN', 'VN', 'US', 'DE'),
      category: fc.constantFrom('cosmetics', 'medicine', 'food', 'general'),
      brand: label,
    })
    .map(({ eventId, occurred, text, lang, market, category, brand }) => ({
      eventId,
      type: 'ad-copy' as const,
      occurredAt: iso(occurred),
      source: 'cms',
      copy: { copyId: 'c-1', text, lang, market, category, brand },
    }));

/** Any admitted event. */
export const riskEventArbitrary = (
  eventId: fc.Arbitrary<string> = fc.constant('e-1'),
): fc.Arbitrary<RiskEvent> =>
  fc.oneof(spendArbitrary(eventId), sentimentArbitrary(eventId), adCopyArbitrary(eventId));

/** An evaluation instant: any time in and around the admitted years. */
export const nowArbitrary: fc.Arbitrary<Date> = fc.date({
  min: new Date(Date.UTC(EARLIEST_YEAR - 1, 0, 1)),
  max: new Date(Date.UTC(LATEST_YEAR + 1, 11, 31)),
  noInvalidDate: true,
});
