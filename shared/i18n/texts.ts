import { formatCalendarDate, formatMoney } from './formats.ts';
import { LOCALES, type Locale } from './locales.ts';
import type { MessageValues, Translate } from './translator.ts';

/**
 * How a finding says what it says in every language. A rule pack's finding carries its rule's message and
 * suggestion in each locale (`LocalizedText`, from the pack data); a spend or sentiment finding carries the
 * id of a catalogue sentence and the numbers it is rendered from (`TextRef`), so a stored case can be read
 * in any language, now or after a translation is improved.
 */

/** One text in every locale. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/** An amount of money, formatted per locale (VND without decimals). */
export interface MoneyValue {
  readonly amount: number;
  readonly currency: string;
}

/** A calendar date (`2027-03-01`), the same day in every time zone. */
export interface DateValue {
  readonly date: string;
}

/** What a sentence's placeholder takes: a plain value, money, a date, or a text of its own in every locale. */
export type TextValue = string | number | boolean | MoneyValue | DateValue | LocalizedText;

/** A catalogue sentence (`shared/i18n/catalogues/findings/`) and its values. */
export interface TextRef {
  readonly id: string;
  readonly values?: Readonly<Record<string, TextValue>>;
}

export type Text = LocalizedText | TextRef;

/** A finding's message and suggestion in every language. */
export interface FindingTexts {
  readonly message: Text;
  readonly suggestion?: Text;
}

export const isTextRef = (text: Text): text is TextRef => typeof (text as TextRef).id === 'string';

const isLocalized = (value: object): value is LocalizedText =>
  LOCALES.every((locale) => typeof (value as Record<string, unknown>)[locale] === 'string');

/** A value as the sentence shows it in `locale`. */
const shown = (locale: Locale, value: TextValue): string | number | boolean => {
  if (typeof value !== 'object') return value;
  if ('currency' in value) return formatMoney(locale, value.amount, value.currency);
  if ('date' in value) return formatCalendarDate(locale, value.date);
  if (isLocalized(value)) return value[locale];
  return String(value);
};

/**
 * A text in one locale: the locale's own version of a localized text, or the catalogue sentence rendered
 * with its values (money and dates formatted for the locale first).
 *
 * @example
 * renderText(t, 'vi', { id: 'spend.overrun', values: { spent: { amount: 2.5e6, currency: 'VND' } } });
 */
export const renderText = (translate: Translate<string>, locale: Locale, text: Text): string => {
  if (!isTextRef(text)) return text[locale];
  const values: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) values[name] = shown(locale, value);
  return translate(locale, text.id, values as MessageValues);
};

/**
 * A text as every locale shows it: a localized text as it is, a plain phrase (a draft saved before rules
 * carried all three locales) the same in each.
 */
export const localized = (text: string | LocalizedText): LocalizedText =>
  typeof text === 'string' ? { en: text, 'zh-CN': text, vi: text } : text;
