import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.ts';

/**
 * Who a notification is written for: a language and a time zone. Each manager subscription states both;
 * the notify and digest functions publish one message per distinct pair (`NOTIFY_AUDIENCES`, set by CDK
 * from the subscriptions), carrying them as the message attributes `lang` and `timeZone`, and each
 * subscription's filter policy selects its own.
 */
export interface Audience {
  readonly lang: Locale;
  /** IANA time zone, e.g. `Asia/Ho_Chi_Minh`. */
  readonly timeZone: string;
}

/** The message attributes an audience travels as, and subscription filter policies select on. */
export const AUDIENCE_ATTRIBUTES = { lang: 'lang', timeZone: 'timeZone' } as const;

/** Whoever states nothing: English, UTC. */
export const DEFAULT_AUDIENCE: Audience = { lang: DEFAULT_LOCALE, timeZone: 'UTC' };

/** An audience as text, `lang@timeZone`. @example audienceKey({ lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh' }); // 'vi@Asia/Ho_Chi_Minh' */
export const audienceKey = (audience: Audience): string => `${audience.lang}@${audience.timeZone}`;

/** True for a time zone `Intl` knows (IANA names such as `Asia/Shanghai`, and `UTC`). */
export const isTimeZone = (zone: string): boolean => {
  if (zone.trim() === '' || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The audience `lang@timeZone` names, or a sentence saying what is wrong with it. */
export const parseAudience = (text: string): Audience | string => {
  const at = text.indexOf('@');
  const lang = at < 0 ? text : text.slice(0, at);
  const timeZone = at < 0 ? DEFAULT_AUDIENCE.timeZone : text.slice(at + 1);
  if (!isLocale(lang)) return `"${text}": unknown language ${lang} (en, zh-CN or vi)`;
  if (!isTimeZone(timeZone))
    return `"${text}": unknown time zone ${timeZone} (an IANA zone such as Asia/Shanghai)`;
  return { lang, timeZone };
};

/**
 * The distinct audiences of a comma-separated list (`en@UTC,zh-CN@Asia/Shanghai`; a language alone means
 * UTC), in their order; an empty list means the default audience. Throws naming every bad entry.
 *
 * @example parseAudiences('zh-CN@Asia/Shanghai, vi@Asia/Ho_Chi_Minh').length; // 2
 */
export const parseAudiences = (text: string | undefined): readonly Audience[] => {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const parsed = entries.map(parseAudience);
  const problems = parsed.filter((entry): entry is string => typeof entry === 'string');
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  return distinctAudiences(parsed as Audience[]);
};

/** The distinct audiences among `audiences`, first seen first; none means the default. */
export const distinctAudiences = (audiences: readonly Audience[]): readonly Audience[] => {
  const byKey = new Map<string, Audience>();
  for (const audience of audiences) {
    if (!byKey.has(audienceKey(audience))) byKey.set(audienceKey(audience), audience);
  }
  return byKey.size === 0 ? [DEFAULT_AUDIENCE] : [...byKey.values()];
};
