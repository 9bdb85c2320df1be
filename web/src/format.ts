import { formatCalendarDate, formatMoney } from '../../shared/i18n/formats.ts';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
import { domainWord, metricValue, subjectText } from '../../shared/i18n/vocabulary.ts';
import { type T, translatorFor, WEB_CATALOGUES, type WebMessageId } from './i18n/messages.ts';
import type { AuditAction, Case, CaseStatus, Decision, RiskType } from './types.ts';

/**
 * Dates, numbers, money and the domain's labels in one locale, through `Intl` (shared/i18n/formats.ts where it
 * fits): dates with the month spelled (never `03/01/2027`), VND without decimals, relative times ("5 minutes
 * ago", "5 分钟前", "5 phút trước"). Components get one from `useFormat()`; made once per locale and kept.
 */
export interface Format {
  readonly locale: Locale;
  /** An instant's calendar day in the reader's time zone: `Mar 1, 2027`, `2027年3月1日`, `1 thg 3, 2027`. */
  readonly date: (iso: string) => string;
  /** An instant with its time, in the reader's time zone. */
  readonly dateTime: (iso: string) => string;
  /** A calendar date with no time zone (`2027-03-01`): the same day for every reader. */
  readonly calendarDate: (date: string) => string;
  readonly number: (value: number, fractionDigits?: number) => string;
  readonly percent: (value: number) => string;
  readonly money: (amount: number, currency: string) => string;
  /** "5 minutes ago", "in 3 days", "now". */
  readonly ago: (iso: string, now?: number) => string;
  /** A finding's number as a person reads it (shares as percentages, ratios as multiples). */
  readonly metric: (key: string, value: number, siblings?: Readonly<Record<string, number>>) => string;
  /** A finding's number's name (`plannedBudget` → "Planned budget", "计划预算"; an unknown key humanized). */
  readonly metricName: (key: string) => string;
  /** `user:ana@example.com` → "ana@example.com"; `system:sla` → "SLA check". */
  readonly actor: (actor: string) => string;
  readonly level: (level: string) => string;
  readonly levelShort: (level: string) => string;
  readonly status: (status: CaseStatus) => string;
  readonly riskType: (riskType: RiskType) => string;
  readonly decision: (decision: Decision) => string;
  readonly decisionAction: (decision: Decision) => string;
  readonly audit: (action: AuditAction) => string;
  /** A probability or impact label of the matrix (`high`, `almost-certain`) as the reader names it. */
  readonly grade: (label: string) => string;
  /** What a case is about, in the reader's words (`facebook 投放活动 cmp-1`), from its subject's parts. */
  readonly subject: (subject: Case['subject']) => string;
  /** A copy's or a pack's language (`zh`, `vi`, `en`) as the reader names it. */
  readonly copyLanguage: (lang: string) => string;
}

export const RISK_TYPES: readonly RiskType[] = ['budget', 'channel', 'reputation', 'compliance'];

/** `plannedBudget` → "Planned budget": for keys no catalogue names (shared/i18n/vocabulary.ts). */
export { humanize } from '../../shared/i18n/vocabulary.ts';

/** The ids every locale has (each catalogue has exactly the English ids). */
const KNOWN_IDS: ReadonlySet<string> = new Set(Object.keys(WEB_CATALOGUES[DEFAULT_LOCALE]));

/** The label of a domain value (`core.level.red`), or `fallback` for a value no catalogue names. */
const known = (t: T, prefix: string, key: string, fallback = key): string => {
  const id = `${prefix}.${key}`;
  return KNOWN_IDS.has(id) ? t(id as WebMessageId) : fallback;
};

const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const made = new Map<Locale, Format>();

/** The formatter of a locale (kept once made). Components use `useFormat()`; tests and plain modules this. */
export const formatFor = (locale: Locale): Format => {
  const cached = made.get(locale);
  if (cached !== undefined) return cached;
  const t = translatorFor(locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (value: number, fractionDigits = 2): string => {
    let format = numbers.get(fractionDigits);
    if (format === undefined) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits });
      numbers.set(fractionDigits, format);
    }
    return format.format(value);
  };
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const instant = (iso: string, format: Intl.DateTimeFormat): string => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
  const format: Format = {
    locale,
    date: (iso) => instant(iso, dateOnly),
    dateTime: (iso) => instant(iso, dateTime),
    calendarDate: (date) => formatCalendarDate(locale, date),
    number,
    percent: (value) => percent.format(value),
    money: (amount, currency) => formatMoney(locale, amount, currency),
    ago: (iso, now = Date.now()) => {
      const seconds = (new Date(iso).getTime() - now) / 1000;
      if (Number.isNaN(seconds)) return '';
      const units: [Intl.RelativeTimeFormatUnit, number][] = [
        ['day', 86_400],
        ['hour', 3_600],
        ['minute', 60],
      ];
      for (const [unit, size] of units) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return t('core.time.justNow');
    },
    // A finding's numbers and their names: the domain's one vocabulary, as the notifications write them.
    metric: (key, value, siblings = {}) => metricValue(locale, key, value, siblings),
    metricName: (key) => domainWord(locale, 'metric', key),
    actor: (actor) => {
      const [kind, ...rest] = actor.split(':');
      const name = rest.join(':');
      if (kind === 'user') return name;
      if (kind === 'client') return t('core.actor.client', { name });
      if (kind === 'system') return name === 'sla' ? t('core.actor.sla') : t('core.actor.system', { name });
      return actor;
    },
    level: (level) => known(t, 'core.level', level),
    // Levels, risk types and matrix labels: the domain's one vocabulary (shared/i18n/vocabulary.ts).
    levelShort: (level) => capitalized(domainWord(locale, 'level', level)),
    status: (status) => known(t, 'core.status', status),
    riskType: (riskType) => domainWord(locale, 'riskType', riskType),
    decision: (decision) => known(t, 'core.decision', decision),
    decisionAction: (decision) => known(t, 'core.decisionAction', decision),
    audit: (action) => known(t, 'core.audit', action),
    copyLanguage: (lang) => known(t, 'core.copyLanguage', lang),
    // Matrices are data risk management owns: a label the vocabulary does not know is shown as written.
    grade: (label) => capitalized(domainWord(locale, 'grade', label)),
    subject: (subject) => subjectText(locale, subject),
  };
  made.set(locale, format);
  return format;
};
