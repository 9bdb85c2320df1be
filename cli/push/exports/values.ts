import type { DateFormat } from './mapping.ts';

/**
 * Numbers and dates as exports write them. Each parser returns the value, or a sentence saying what was
 * expected, for the error that names the row and the column.
 */

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly expected: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(expected: string): Parsed<T> => ({ ok: false, expected });

/** Cells that platforms write for "nothing": Google Ads' `--`, an empty cell. */
const EMPTY = new Set(['', '--', '-', '—', 'n/a', 'N/A']);

/**
 * A number written with thousands separators, a decimal comma or point, a currency symbol or code around
 * it: `1,234.56`, `1.234,56` (decimal `,`), `1 234,56`, `$1,234.56`, `₫1.234.567`, `12,345 VND`. An empty
 * cell or `--` is 0.
 *
 * @example parseNumber('1.234,56', ',') // { ok: true, value: 1234.56 }
 */
export const parseNumber = (cell: string, decimal: '.' | ','): Parsed<number> => {
  const trimmed = cell.trim();
  if (EMPTY.has(trimmed)) return ok(0);
  // A currency symbol or ISO code before or after the figure: $1,234.56, ₫1.234.567, 12,345 VND.
  const bare = trimmed
    .replace(/^(\p{Sc}|[A-Z]{3}\s?)/u, '')
    .replace(/(\s?[A-Z]{3}|\p{Sc})$/u, '')
    .replace(/[\s\u00a0\u202f']/g, '');
  const grouping = decimal === '.' ? ',' : '.';
  const pattern =
    decimal === '.' ? /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/ : /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
  if (!pattern.test(bare))
    return fail(
      decimal === '.'
        ? 'a number such as 1,234.56 (decimal point)'
        : 'a number such as 1.234,56 (decimal comma)',
    );
  const value = Number(bare.split(grouping).join('').replace(decimal, '.'));
  return Number.isFinite(value) ? ok(value) : fail('a finite number');
};

/**
 * How a number cell reads with each decimal separator: `'.'` or `','` when only that one reads it (or the
 * two readings differ only in that one being possible), `'either'` when both give the same value (`1234`,
 * `--`), `'ambiguous'` when both read it differently (`1,234` is 1234 or 1.234), `'neither'` when no
 * reading works.
 *
 * @example decimalOf('612.40') // '.'
 */
export const decimalOf = (cell: string): '.' | ',' | 'either' | 'ambiguous' | 'neither' => {
  const point = parseNumber(cell, '.');
  const comma = parseNumber(cell, ',');
  if (point.ok && comma.ok) return point.value === comma.value ? 'either' : 'ambiguous';
  return point.ok ? '.' : comma.ok ? ',' : 'neither';
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

const isoDay = (year: number, month: number, day: number): string | undefined => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? `${year}-${pad(month)}-${pad(day)}`
    : undefined;
};

/** A calendar day and, when the cell has one, its time of day (`HH:MM:SS`) and UTC offset. */
export interface Moment {
  readonly day: string;
  readonly time?: string;
  readonly offset?: string;
}

const DAY_PATTERNS: Readonly<
  Record<'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY' | 'YYYY/MM/DD', [RegExp, 'dmy' | 'mdy' | 'ymd']>
> = {
  'DD/MM/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})/, 'dmy'],
  'MM/DD/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})/, 'mdy'],
  'DD.MM.YYYY': [/^(\d{1,2})\.(\d{1,2})\.(\d{4})/, 'dmy'],
  'YYYY/MM/DD': [/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})/, 'ymd'],
};

const TIME = /^(?:[ T]|, )(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;

/** A day written with its month's name: `Nov 1, 2026`, `November 1, 2026`, `1 Nov 2026`, `1-Nov-2026`. */
const NAMED = [
  { pattern: /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})/, month: 1, day: 2 },
  { pattern: /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4})/, month: 2, day: 1 },
] as const;

type DayMatch = { readonly day: string | undefined; readonly rest: string } | undefined;

const named = (text: string): DayMatch => {
  for (const { pattern, month, day } of NAMED) {
    const match = pattern.exec(text);
    const index = match === null ? -1 : MONTHS.indexOf((match[month] ?? '').toLowerCase());
    if (match !== null && index >= 0)
      return {
        day: isoDay(Number(match[3]), index + 1, Number(match[day])),
        rest: text.slice(match[0].length),
      };
  }
  return undefined;
};

const iso = (text: string): DayMatch => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  return match === null
    ? undefined
    : {
        day: isoDay(Number(match[1]), Number(match[2]), Number(match[3])),
        rest: text.slice(match[0].length),
      };
};

const numeric = (text: string, format: keyof typeof DAY_PATTERNS): DayMatch => {
  const [pattern, order] = DAY_PATTERNS[format];
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = order === 'dmy' ? isoDay(c, b, a) : order === 'mdy' ? isoDay(c, a, b) : isoDay(a, b, c);
  return { day, rest: text.slice(match[0].length) };
};

/** Day and month both in figures before the year: which comes first only the user can say. */
const AMBIGUOUS = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/;

/** What `auto` reads: only the ways of writing a day that cannot be misread. */
const auto = (text: string): DayMatch => iso(text) ?? named(text) ?? numeric(text, 'YYYY/MM/DD');

const EXAMPLES: Readonly<Record<DateFormat, string>> = {
  auto: '2026-11-01 or Nov 1, 2026',
  iso: '2026-11-01',
  'DD/MM/YYYY': 'DD/MM/YYYY',
  'MM/DD/YYYY': 'MM/DD/YYYY',
  'DD.MM.YYYY': 'DD.MM.YYYY',
  'YYYY/MM/DD': 'YYYY/MM/DD',
  'MMM D, YYYY': 'MMM D, YYYY',
};

/**
 * A date cell in the mapping's format, with an optional time and offset after it. `auto` reads ISO dates,
 * dates with a month name and year-first dates; a date such as `05/01/2027`, which is 5 January in most of
 * the world and May 1 in the US, is refused with the advice to pass `--date-format`, never guessed.
 *
 * @example parseMoment('2026-11-01 14:05:00', 'iso') // { ok: true, value: { day: '2026-11-01', time: '14:05:00' } }
 */
export const parseMoment = (cell: string, format: DateFormat): Parsed<Moment> => {
  const text = cell.trim();
  const match =
    format === 'auto'
      ? auto(text)
      : format === 'iso'
        ? iso(text)
        : format === 'MMM D, YYYY'
          ? named(text)
          : numeric(text, format);
  if (match === undefined && format === 'auto' && AMBIGUOUS.test(text))
    return fail(
      'a date that says which figure is the day: pass --date-format DD/MM/YYYY, MM/DD/YYYY or DD.MM.YYYY',
    );
  const example = EXAMPLES[format];
  if (match?.day === undefined) return fail(`a date written as ${example}`);
  const { day, rest } = match;
  if (rest === '') return ok({ day });
  const time = TIME.exec(rest);
  if (time === null)
    return fail(`a date written as ${example}, optionally followed by a time such as 14:05:00`);
  const zone = time[4];
  const offset =
    zone === undefined
      ? undefined
      : zone === 'Z' || zone === 'UTC' || zone === 'GMT'
        ? '+00:00'
        : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return ok({
    day,
    time: `${time[1]?.padStart(2, '0')}:${time[2]}:${time[3] ?? '00'}`,
    ...(offset === undefined ? {} : { offset }),
  });
};

/** `+07:00`, `-08:00`, `Z`; the offset an export's times are in when they do not say. */
export const parseOffset = (text: string): string | undefined => {
  if (text === 'Z' || text === 'UTC') return '+00:00';
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  return match === null || Number(match[2]) > 14 || Number(match[3]) > 59
    ? undefined
    : `${match[1]}${match[2]}:${match[3]}`;
};

/** The instant a moment stands for, in milliseconds, its own offset first, else `offset`. */
export const instantOf = (moment: Moment, offset: string): number =>
  Date.parse(`${moment.day}T${moment.time ?? '00:00:00'}${moment.offset ?? offset}`);

/** The next calendar day of an ISO date. */
export const nextDay = (day: string): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};
