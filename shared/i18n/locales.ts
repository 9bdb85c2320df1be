/**
 * The languages people read the product in: screens, finding messages, notifications, the CLI. One owner
 * for the list; the web app, the API (`Accept-Language` / `lang`), the packs' message data and the
 * notification subscriptions all take their locale from here.
 */
export const LOCALES = ['en', 'zh-CN', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];

/** What the API answers in when the caller asks for nothing it speaks. */
export const DEFAULT_LOCALE: Locale = 'en';

/** The name of each locale in its own language, for a language switcher. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
  vi: 'Tiếng Việt',
};

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * The supported locale a language tag means, or undefined: Chinese in any script or region reads the
 * Chinese catalogue (the only one), `vi-VN` the Vietnamese, `en-GB` the English; tags are case-insensitive.
 *
 * @example
 * localeOfTag('zh-Hant-TW'); // 'zh-CN'
 * localeOfTag('fr'); // undefined
 */
export const localeOfTag = (tag: string): Locale | undefined => {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'vi') return 'vi';
  if (primary === 'en') return 'en';
  return undefined;
};

/**
 * The first supported locale of a list of language tags in order of preference (`navigator.languages`, a
 * system locale), else the default.
 *
 * @example
 * preferredLocale(['fr-FR', 'vi-VN', 'en']); // 'vi'
 */
export const preferredLocale = (tags: readonly string[], fallback: Locale = DEFAULT_LOCALE): Locale => {
  for (const tag of tags) {
    const locale = localeOfTag(tag);
    if (locale !== undefined) return locale;
  }
  return fallback;
};

/** Longer than any real header; a longer one is read only this far (negotiation stays linear and cheap). */
const MAX_ACCEPT_LANGUAGE = 1024;

/**
 * The locale an HTTP `Accept-Language` header (RFC 9110 §12.5.4) asks for: ranges by descending quality
 * (`q=0` means "not this"), ties in the order given, `*` meaning the default. Malformed parts are skipped.
 *
 * @example
 * negotiateLocale('fr;q=0.9, vi-VN;q=0.8, en;q=0.5'); // 'vi'
 * negotiateLocale(undefined); // 'en'
 */
export const negotiateLocale = (header: string | undefined, fallback: Locale = DEFAULT_LOCALE): Locale => {
  if (header === undefined || header.trim() === '') return fallback;
  const ranges = header
    .slice(0, MAX_ACCEPT_LANGUAGE)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';').map((piece) => piece.trim());
      const q = params.find((param) => /^q=/i.test(param));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag !== '' && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    if (range.tag === '*') return fallback;
    const locale = localeOfTag(range.tag);
    if (locale !== undefined) return locale;
  }
  return fallback;
};
