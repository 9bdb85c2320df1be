/**
 * Calendar dates in time zones, through `Intl` (no hand-written zone tables): when a day ends in a zone,
 * whether a name is an IANA zone, and the zone of each market the rule packs know. Pure and free of Node,
 * so the web app reads it too.
 */

/**
 * The zone a market's calendar dates are read in, by the market codes the rule packs and CMSs use. A market
 * spanning several zones reads them in its capital's (the EU in Brussels'). A market not listed reads them
 * in UTC.
 */
export const MARKET_TIME_ZONES: Readonly<Record<string, string>> = {
  CN: 'Asia/Shanghai',
  VN: 'Asia/Ho_Chi_Minh',
  UK: 'Europe/London',
  GB: 'Europe/London',
  US: 'America/New_York',
  CA: 'America/Toronto',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  SG: 'Asia/Singapore',
  EU: 'Europe/Brussels',
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  HR: 'Europe/Zagreb',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  GR: 'Europe/Athens',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IT: 'Europe/Rome',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SK: 'Europe/Bratislava',
  SI: 'Europe/Ljubljana',
  ES: 'Europe/Madrid',
  SE: 'Europe/Stockholm',
};

/** @example marketTimeZone('vn'); // 'Asia/Ho_Chi_Minh' — marketTimeZone('BR'); // 'UTC' */
export const marketTimeZone = (market: string): string =>
  MARKET_TIME_ZONES[market.trim().toUpperCase()] ?? 'UTC';

/** A zone name's shape: `UTC`, `Asia/Ho_Chi_Minh`, `America/Argentina/Buenos_Aires`, `Etc/GMT+8`. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The parts formatter of a zone, or undefined when `Intl` knows no such zone. */
const partsFormat = (timeZone: string): Intl.DateTimeFormat | undefined => {
  if (timeZone.length > 64 || !ZONE_NAME.test(timeZone)) return undefined;
  let format = formats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
        era: 'short',
      });
    } catch {
      return undefined;
    }
    formats.set(timeZone, format);
  }
  return format;
};

/**
 * Whether `name` is an IANA time zone `Intl` knows (`Asia/Ho_Chi_Minh`, `UTC`); a UTC offset such as
 * `+07:00` is not one (it knows no summer time).
 */
export const isTimeZone = (name: unknown): name is string =>
  typeof name === 'string' && partsFormat(name) !== undefined;

/**
 * A zone name as given, or as `Intl` spells it when it differs only in case (`utc` → `UTC`). An alias stays
 * as given: `Intl` would answer `Asia/Saigon` for `Asia/Ho_Chi_Minh`, which is not what the reviewer chose.
 * @throws RangeError for a name `Intl` does not know
 */
export const spelledTimeZone = (name: string): string => {
  const format = partsFormat(name);
  if (format === undefined) throw new RangeError(`Not an IANA time zone: ${name}`);
  const spelled = format.resolvedOptions().timeZone;
  return spelled.toLowerCase() === name.toLowerCase() ? spelled : name;
};

/** `2027-03-01`: a calendar date, no time zone. */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (2027-02-30 is not). */
export const isCalendarDate = (value: string): boolean => {
  const match = CALENDAR_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** The wall clock of `instant` in the zone, as if it were UTC, in milliseconds (seconds precision). */
const wallClock = (format: Intl.DateTimeFormat, instant: number): number => {
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(instant))) parts[part.type] = part.value;
  const year = Number(parts.year) * (parts.era === 'BC' ? -1 : 1);
  const utc = new Date(0);
  utc.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  utc.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), instant % 1000);
  return utc.getTime();
};

const DAY_MS = 86_400_000;

/**
 * The first instant of the day after `date` in `timeZone` (ISO, UTC): when "until 1 March" stops being true
 * there. DST-safe: the zone's offset is read from `Intl` on either side of that midnight, and a midnight a
 * clock change skips ends the day at the change.
 *
 * @example
 * endOfDay('2027-03-01', 'Asia/Ho_Chi_Minh'); // '2027-03-01T17:00:00.000Z'
 * endOfDay('2027-03-01', 'America/Los_Angeles'); // '2027-03-02T08:00:00.000Z'
 */
export const endOfDay = (date: string, timeZone: string): string => {
  const format = partsFormat(timeZone);
  if (format === undefined) throw new RangeError(`Not an IANA time zone: ${timeZone}`);
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  // Midnight starting the next day, on the zone's wall clock written as UTC.
  const next = Date.parse(`${date}T00:00:00Z`) + DAY_MS;
  const startsNextDay = (instant: number): boolean =>
    wallClock(format, instant) >= next && wallClock(format, instant - 1) < next;
  // The offsets a day before and after that midnight bracket it (zones change offset at most once a day).
  const candidates = [next - DAY_MS, next + DAY_MS]
    .map((probe) => next - (wallClock(format, probe) - probe))
    .filter(startsNextDay)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) throw new RangeError(`No end of ${date} found in ${timeZone}`);
  return new Date(first).toISOString();
};

/**
 * The UTC calendar date of the last moment before `instant`: the last day something ending at `instant`
 * was in force, read in UTC (`2027-03-01T23:59:59Z` and `2027-03-02T00:00:00Z` both give 2027-03-01).
 */
export const lastUtcDayBefore = (instant: string): string =>
  new Date(Date.parse(instant) - 1).toISOString().slice(0, 10);
