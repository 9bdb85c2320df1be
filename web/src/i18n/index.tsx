import { type ComponentChildren, createContext, Fragment, type VNode } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_NAMES,
  LOCALES,
  type Locale,
  localeOfTag,
  preferredLocale,
} from '../../../shared/i18n/locales.ts';
import { type Format, formatFor } from '../format.ts';
import { type T, translatorFor, type WebMessageId } from './messages.ts';

export type { T, WebMessageId } from './messages.ts';
export type { Locale };
export { LOCALE_NAMES, LOCALES };

/** Where the person's choice of language is remembered (this browser only). */
export const LOCALE_STORAGE_KEY = 'radar.locale';

/**
 * The language the app opens in: the one a link names (`?lang=vi`, as notification links do), else the one
 * chosen earlier in this browser, else the first of the browser's languages (`navigator.languages`) the app
 * speaks (any Chinese reads zh-CN), else English.
 */
export const initialLocale = (): Locale => {
  const linked = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  const fromLink = linked === null ? undefined : localeOfTag(linked);
  if (fromLink !== undefined) return fromLink;
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage blocked (private mode, policy): fall through to the browser's languages.
  }
  const languages = navigator.languages?.length > 0 ? navigator.languages : [navigator.language];
  return preferredLocale(languages);
};

const remember = (locale: Locale): void => {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembered; the choice still holds until the page is reloaded.
  }
};

export interface I18n {
  readonly locale: Locale;
  /** Switches the whole app to `locale` at once (no reload) and remembers it. */
  readonly setLocale: (locale: Locale) => void;
  readonly t: T;
  readonly format: Format;
}

const i18nOf = (locale: Locale, setLocale: (locale: Locale) => void): I18n => ({
  locale,
  setLocale,
  t: translatorFor(locale),
  format: formatFor(locale),
});

const I18nContext = createContext<I18n>(i18nOf(DEFAULT_LOCALE, () => undefined));

/** Gives every component below it the chosen language; `<html lang>` follows it. */
export const I18nProvider = ({
  children,
  initial = initialLocale,
}: {
  children: ComponentChildren;
  initial?: Locale | (() => Locale);
}) => {
  const [locale, setLocaleState] = useState<Locale>(initial);
  const value = useMemo(
    () =>
      i18nOf(locale, (next) => {
        remember(next);
        setLocaleState(next);
      }),
    [locale],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};

export const useI18n = (): I18n => useContext(I18nContext);

/** `t(id, values?)`: a message of the web catalogues in the chosen language (ICU plurals). */
export const useT = (): T => useContext(I18nContext).t;

/** Dates, numbers, money, relative times and the domain's labels in the chosen language. */
export const useFormat = (): Format => useContext(I18nContext).format;

export const useLocale = (): Locale => useContext(I18nContext).locale;

const MARK = '\u0000';

/**
 * A message with elements in it (`{j} / {k} move through the queue`, j and k as `<kbd>`): the translation
 * decides where each element goes. Each placeholder named in `elements` becomes that element; the others
 * take `values` as usual.
 *
 * @example <Rich id="core.queue.keys" elements={{ j: <kbd>j</kbd> }} />
 */
export const Rich = ({
  id,
  elements,
  values = {},
}: {
  id: WebMessageId;
  elements: Readonly<Record<string, VNode>>;
  values?: Readonly<Record<string, string | number>>;
}) => {
  const t = useT();
  const marked = Object.fromEntries(Object.keys(elements).map((name) => [name, `${MARK}${name}${MARK}`]));
  const parts = t(id, { ...values, ...marked }).split(MARK);
  return (
    <>
      {parts.map((part, index) =>
        // Odd parts are the names of elements, even parts the text between them.
        index % 2 === 1 ? <Fragment key={index}>{elements[part]}</Fragment> : part,
      )}
    </>
  );
};

/** The language switcher: each language named in itself, so anyone can find their own. */
export const LanguageSwitcher = ({ class: className }: { class?: string }) => {
  const { locale, setLocale, t } = useI18n();
  return (
    <label class={className === undefined ? 'language' : `language ${className}`}>
      <span class="visually-hidden">{t('core.language.label')}</span>
      <select
        value={locale}
        aria-label={t('core.language.label')}
        onChange={(event) => {
          const next = event.currentTarget.value;
          if (isLocale(next)) setLocale(next);
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
    </label>
  );
};
