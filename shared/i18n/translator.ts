import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, type Locale } from './locales.ts';

/**
 * A message catalogue: message id → ICU MessageFormat string (plurals, selects, numbers). The English
 * catalogue is the source; every other locale must have exactly its ids (the type says so, and
 * `test/support/catalogues.ts` checks the placeholders match).
 */
export type Catalogue<Id extends string = string> = Readonly<Record<Id, string>>;

/** One catalogue per locale, each with the English catalogue's ids. */
export type Catalogues<Id extends string> = Readonly<Record<Locale, Catalogue<Id>>>;

/** What a message's placeholders take; money and dates are formatted before the message sees them. */
export type MessageValues = Readonly<Record<string, string | number | boolean | Date>>;

/** A function that renders a catalogue's message in a locale. */
export type Translate<Id extends string> = (locale: Locale, id: Id, values?: MessageValues) => string;

/**
 * A translator over a set of catalogues (intl-messageformat, the ICU MessageFormat of FormatJS): each
 * message is parsed once per locale, on first use, and kept. A message missing from a locale's catalogue
 * (only possible for data typed loosely) falls back to English rather than showing an id.
 *
 * @example
 * const t = translator({ en: { cases: '{n, plural, one {# case} other {# cases}}' }, 'zh-CN': …, vi: … });
 * t('en', 'cases', { n: 2 }); // '2 cases'
 */
export const translator = <Id extends string>(catalogues: Catalogues<Id>): Translate<Id> => {
  const parsed = new Map<string, IntlMessageFormat>();
  return (locale, id, values) => {
    const key = `${locale}\u0000${id}`;
    let format = parsed.get(key);
    if (format === undefined) {
      const source = catalogues[locale][id] ?? catalogues[DEFAULT_LOCALE][id];
      if (source === undefined) throw new Error(`No message "${id}" in the ${locale} catalogue`);
      format = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
      parsed.set(key, format);
    }
    const text = format.format(values as Record<string, string | number | boolean | Date> | undefined);
    return typeof text === 'string' ? text : String(text);
  };
};
