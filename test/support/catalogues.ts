import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { expect } from 'vitest';
import { DEFAULT_LOCALE, LOCALES } from '#shared/i18n/locales.ts';
import type { Catalogues } from '#shared/i18n/translator.ts';

/** The placeholder names a parsed ICU message uses, nested plurals and selects included. */
const argumentsOf = (elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> => {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
};

/**
 * What is wrong with a set of catalogues, one line a problem: an id a locale lacks or has extra, a message that
 * is not ICU MessageFormat, a translation whose placeholders differ from the English source's, an empty one.
 */
export const catalogueProblems = (catalogues: Catalogues<string>): string[] => {
  const source = catalogues[DEFAULT_LOCALE];
  const problems: string[] = [];
  for (const locale of LOCALES) {
    const catalogue = catalogues[locale] as Readonly<Record<string, string>>;
    for (const id of Object.keys(source)) if (!(id in catalogue)) problems.push(`${locale}: missing ${id}`);
    for (const id of Object.keys(catalogue)) if (!(id in source)) problems.push(`${locale}: extra ${id}`);
    for (const [id, message] of Object.entries(catalogue)) {
      if (message.trim() === '') {
        problems.push(`${locale}: ${id} is empty`);
        continue;
      }
      let used: Set<string>;
      try {
        used = argumentsOf(parse(message, { ignoreTag: true }));
      } catch (error) {
        problems.push(`${locale}: ${id} is not ICU MessageFormat (${(error as Error).message})`);
        continue;
      }
      const english = source[id];
      if (english === undefined || locale === DEFAULT_LOCALE) continue;
      const expected = argumentsOf(parse(english, { ignoreTag: true }));
      const differs =
        [...expected].some((name) => !used.has(name)) || [...used].some((name) => !expected.has(name));
      if (differs)
        problems.push(
          `${locale}: ${id} uses {${[...used].sort()}} where English uses {${[...expected].sort()}}`,
        );
    }
  }
  return problems;
};

/**
 * Asserts a set of catalogues is complete: every locale has exactly the English ids, each message parses and
 * uses the English message's placeholders. A missing translation fails here, not in front of a user.
 *
 * @example expectCompleteCatalogues('findings', FINDING_CATALOGUES);
 */
export const expectCompleteCatalogues = (name: string, catalogues: Catalogues<string>): void => {
  expect(
    Object.keys(catalogues[DEFAULT_LOCALE]).length,
    `${name}: the English catalogue is empty`,
  ).toBeGreaterThan(0);
  expect(catalogueProblems(catalogues), name).toEqual([]);
};
