import { UsageError } from '#shared/errors.ts';
import { type Locale, localeOfTag, preferredLocale } from '#shared/i18n/locales.ts';
import { type Catalogues, type MessageValues, translator } from '#shared/i18n/translator.ts';
import { domainWord } from '#shared/i18n/vocabulary.ts';
import { CLI_EN, type CliMessageId } from './en.ts';
import { CLI_VI } from './vi.ts';
import { CLI_ZH_CN } from './zh-CN.ts';

export const CLI_CATALOGUES: Catalogues<CliMessageId> = { en: CLI_EN, 'zh-CN': CLI_ZH_CN, vi: CLI_VI };

const translate = translator(CLI_CATALOGUES);

/** The CLI's words in one locale, and the domain's (levels, matrix labels). */
export type CliText = ((id: CliMessageId, values?: MessageValues) => string) & {
  readonly locale: Locale;
  readonly word: (kind: 'level' | 'riskType' | 'grade', word: string) => string;
};

/** @example cliText('vi')('finding.suggestion') // 'gợi ý sửa'; cliText('vi').word('level', 'red') // 'Đỏ' */
export const cliText = (locale: Locale): CliText =>
  Object.assign((id: CliMessageId, values?: MessageValues) => translate(locale, id, values), {
    locale,
    word: (kind: 'level' | 'riskType' | 'grade', word: string) => domainWord(locale, kind, word),
  });

/** The POSIX locale variables, most specific first (LC_ALL overrides, LANG is the default). */
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/**
 * The language the CLI prints in: `--lang-ui` (zh-CN, zh, vi, en …; anything else is a usage error), else
 * the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, as `zh_CN.UTF-8`), else English.
 *
 * @example uiLocale(undefined, { LANG: 'vi_VN.UTF-8' }) // 'vi'
 */
export const uiLocale = (
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Locale => {
  if (option !== undefined) {
    const locale = localeOfTag(option);
    if (locale === undefined) throw new UsageError(`--lang-ui must be zh-CN, vi or en, got "${option}"`);
    return locale;
  }
  const system = LOCALE_VARIABLES.map((name) => env[name])
    .filter((value): value is string => value !== undefined && value !== '')
    .map((value) => value.split('.')[0] ?? value);
  // The first variable set decides (LC_ALL=C means untranslated, i.e. English).
  return preferredLocale(system.slice(0, 1));
};
