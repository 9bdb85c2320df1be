import type { Locale } from './locales.ts';

/**
 * Numbers, money and dates as each locale writes them, through `Intl`: `1,234.5` / `1.234,5`, VND without
 * decimals (its currency has none), dates with the month spelled so 03/01 is never read two ways. The
 * formatters are made on first use per locale and kept (the first one loads ICU data, milliseconds of a
 * cold start).
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const made = <T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T => {
  let format = cache.get(key) as T | undefined;
  if (format === undefined) {
    format = make();
    cache.set(key, format);
  }
  return format;
};

/**
 * An amount of money: the currency's own decimals (VND none, USD two), the locale's separators and the
 * ISO code (`USD`, not `$`, which is ambiguous across markets).
 *
 * @example
 * formatMoney('en', 11500, 'USD'); // 'USD 11,500.00'
 * formatMoney('vi', 2500000, 'VND'); // '2.500.000 VND'
 */
export const formatMoney = (locale: Locale, amount: number, currency: string): string => {
  try {
    return made(
      `money|${locale}|${currency}`,
      () => new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' }),
    ).format(amount);
  } catch {
    // Not an ISO 4217 code: the number and the code as given.
    return `${formatNumber(locale, amount)} ${currency}`;
  }
};

/** A number with at most `fractionDigits` decimals. @example formatNumber('vi', 1234.5); // '1.234,5' */
export const formatNumber = (locale: Locale, value: number, fractionDigits = 2): string =>
  made(
    `number|${locale}|${fractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }),
  ).format(value);

/**
 * A share as a percentage with at most one decimal; `signed` puts the sign on a change (`+30%`, `−5%`, `0%`).
 *
 * @example formatPercent('en', 0.3); // '30%'
 * @example formatPercent('en', 0.3, { signed: true }); // '+30%'
 */
export const formatPercent = (locale: Locale, value: number, options: { signed?: boolean } = {}): string => {
  const signed = options.signed === true;
  return made(
    `percent|${locale}|${signed}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        maximumFractionDigits: 1,
        ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
      }),
  ).format(value);
};

/** `2027-03-01` (a calendar date, no time zone). */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (`2027-03-01`) as the locale writes it with the month spelled out: the same day whatever
 * the reader's time zone, because a calendar date has none.
 *
 * @example
 * formatCalendarDate('en', '2027-03-01'); // 'Mar 1, 2027'
 * formatCalendarDate('zh-CN', '2027-03-01'); // '2027年3月1日'
 */
export const formatCalendarDate = (locale: Locale, date: string): string => {
  const match = CALENDAR_DATE.exec(date);
  if (match === null) return date;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return made(
    `date|${locale}|UTC`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(utc);
};

/**
 * An instant as a reader in `timeZone` (IANA, e.g. `Asia/Ho_Chi_Minh`) sees it, with the zone named.
 *
 * @example
 * formatInstant('vi', '2027-03-01T01:00:00Z', 'Asia/Ho_Chi_Minh'); // '08:00 GMT+7 1 thg 3, 2027'
 */
export const formatInstant = (locale: Locale, iso: string, timeZone = 'UTC'): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return made(
    `instant|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
        timeZoneName: 'short',
      }),
  ).format(date);
};
