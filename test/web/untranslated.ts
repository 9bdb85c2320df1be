import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { Page } from 'playwright-core';
import { LOCALES, type Locale } from '#shared/i18n/locales.ts';
import { VOCABULARY_CATALOGUES } from '#shared/i18n/vocabulary.ts';
import { WEB_CATALOGUES } from '../../web/src/i18n/messages.ts';

/**
 * Finds text on a page that is not in the page's language: words of another locale's catalogue, English
 * sentences on a Chinese or Vietnamese page, Chinese on an English one. What the API sent (case subjects, ad
 * copy, finding messages, rule ids, notes …) is data, not the app's words, and is taken out first; so is text
 * an element declares to be in another language (`lang`, e.g. the ad copy, the language switcher's names).
 */

/** The literal text of a parsed ICU message, plural and select branches included, split at placeholders. */
const literalsOf = (elements: readonly MessageFormatElement[], into: string[] = []): string[] => {
  let current = '';
  const flush = (): void => {
    if (current.trim() !== '') into.push(current.trim());
    current = '';
  };
  for (const element of elements) {
    if (element.type === TYPE.literal) current += element.value;
    else {
      flush();
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) literalsOf(option.value, into);
    }
  }
  flush();
  return into;
};

/** The web app's catalogues and the domain's vocabulary (levels, risk types, matrix labels) it shows. */
const fragmentsOf = (locale: Locale): Set<string> =>
  new Set(
    [WEB_CATALOGUES[locale], VOCABULARY_CATALOGUES[locale]].flatMap((catalogue) =>
      Object.values(catalogue as Readonly<Record<string, string>>).flatMap((message) =>
        literalsOf(parse(message, { ignoreTag: true })),
      ),
    ),
  );

/** Pieces of other locales' catalogues that would give away an untranslated string on a `locale` page. */
export const foreignFragments = (locale: Locale): { words: Set<string>; phrases: string[] } => {
  const own = fragmentsOf(locale);
  const ownText = [...own].join('\n');
  const words = new Set<string>();
  const phrases = new Set<string>();
  for (const other of LOCALES) {
    if (other === locale) continue;
    for (const fragment of fragmentsOf(other)) {
      // Shared spellings (SLA, "(dev)", a rule-id-like token) are not a giveaway.
      if (own.has(fragment) || ownText.includes(fragment)) continue;
      const letters = fragment.match(/\p{L}/gu)?.length ?? 0;
      if (letters < 3 && !/\p{Script=Han}/u.test(fragment)) continue;
      // A single word ("Open", "Brand") only counts as a whole text; a phrase wherever it appears.
      if (/\s/.test(fragment) || /\p{Script=Han}{2,}/u.test(fragment)) phrases.add(fragment);
      else words.add(fragment);
    }
  }
  return { words, phrases: [...phrases].sort((a, b) => b.length - a.length) };
};

/** Words English sentences cannot do without and Vietnamese and Chinese never use. */
const ENGLISH_FUNCTION_WORDS =
  /\b(the|and|of|is|are|with|for|by|from|this|that|not|be|was|has|have|will|your|you|there|been|could|should)\b/gi;

/**
 * Objects whose keys the app must name in the reader's language, so they are no data: a finding's numbers
 * (`metrics`: `plannedBudget` is shown as "计划预算", never as itself nor as "Planned budget").
 */
const NAMED_KEYS: ReadonlySet<string> = new Set(['metrics']);

/** Every string value of a JSON answer, recursively, and the keys that are names people gave. */
export const stringsOf = (value: unknown, into: Set<string>, keysAreData = true): Set<string> => {
  if (typeof value === 'string') {
    if (value.trim().length >= 2) into.add(value.trim());
  } else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      stringsOf(item, into, !NAMED_KEYS.has(key));
      // Keys are data too where they are names (subject fields, axis labels, a manager's own matrix labels).
      if (keysAreData && key.length >= 2) into.add(key);
    }
  return into;
};

/** The names of a finding's numbers in `locale` (the domain vocabulary's `metric.*`). */
export const metricNames = (locale: Locale): ReadonlySet<string> =>
  new Set(
    Object.entries(VOCABULARY_CATALOGUES[locale] as Readonly<Record<string, string>>)
      .filter(([id]) => id.startsWith('metric.'))
      .map(([, name]) => name),
  );

/** Collects what the API sends a page (every string of every JSON answer), from now on. */
export const recordApiData = (page: Page): Set<string> => {
  const data = new Set<string>();
  page.on('response', (response) => {
    if (!response.url().includes('/v1/')) return;
    if (!(response.headers()['content-type'] ?? '').includes('json')) return;
    response
      .json()
      .then((body: unknown) => stringsOf(body, data))
      .catch(() => undefined);
  });
  return data;
};

export interface PageText {
  /** The text, whitespace collapsed. */
  readonly text: string;
  /** Where: `text in button`, `aria-label of nav` … */
  readonly where: string;
}

/**
 * The page's words: each text node (not script or style), and each title, aria-label, placeholder and
 * alt, skipping what sits inside an element declared in another language than the page's.
 */
export const pageTexts = async (page: Page): Promise<PageText[]> =>
  (await page.evaluate(`(() => {
    const pageLang = document.documentElement.lang;
    const foreign = (element) => {
      const declared = element.closest('[lang]');
      return declared !== null && declared !== document.documentElement && declared.lang !== pageLang;
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent === null || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) || foreign(parent)) continue;
      const text = node.textContent.replace(/\\s+/g, ' ').trim();
      if (text !== '') out.push({ text, where: 'text in ' + parent.tagName.toLowerCase() + (parent.className ? '.' + String(parent.className).split(' ')[0] : '') });
    }
    for (const element of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (foreign(element)) continue;
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = element.getAttribute(name);
        if (value !== null && value.trim() !== '') out.push({ text: value.replace(/\\s+/g, ' ').trim(), where: name + ' of ' + element.tagName.toLowerCase() });
      }
    }
    return out;
  })()`)) as PageText[];

/** `text` with every piece of data in it taken out, longest first. */
const withoutData = (text: string, data: readonly string[]): string => {
  let rest = text;
  for (const piece of data) if (rest.includes(piece)) rest = rest.split(piece).join(' ');
  return rest;
};

/** The product's name is the same in every language. */
const ALWAYS = ['Marketing Risk Radar'];

/** The texts of a page that are not in `locale`: each with why it was flagged. */
export const untranslated = (
  locale: Locale,
  texts: readonly PageText[],
  data: ReadonlySet<string>,
  fragments = foreignFragments(locale),
): string[] => {
  const pieces = [...data, ...ALWAYS].sort((a, b) => b.length - a.length);
  const problems = new Set<string>();
  for (const { text, where } of texts) {
    if (data.has(text)) continue;
    const rest = withoutData(text, pieces).replace(/\s+/g, ' ').trim();
    // Quoted examples of ad copy ("“Replace 最佳 with …”") keep the copy's own language.
    const unquoted = rest.replace(/[“「『][^”」』]*[”」』]/g, ' ');
    if (rest === '' || !/\p{L}/u.test(rest)) continue;
    const reasons: string[] = [];
    if (fragments.words.has(rest)) reasons.push(`"${rest}" is another language's catalogue word`);
    const phrase = fragments.phrases.find((candidate) => rest.includes(candidate));
    if (phrase !== undefined) reasons.push(`contains "${phrase}" from another language's catalogue`);
    if (locale !== 'en') {
      const english = new Set(
        (unquoted.match(ENGLISH_FUNCTION_WORDS) ?? []).map((word) => word.toLowerCase()),
      );
      if (english.size >= 2) reasons.push(`reads as English (${[...english].join(', ')})`);
    } else if (/\p{Script=Han}/u.test(unquoted)) reasons.push('Chinese on an English page');
    if (reasons.length > 0) problems.add(`${where}: "${text}" — ${reasons.join('; ')}`);
  }
  return [...problems];
};

/**
 * Elements whose content is wider than their box (a label cut off or spilling out) and whether the page
 * itself scrolls sideways. Elements inside a deliberately scrolling container are judged by the container.
 */
export const overflows = async (page: Page): Promise<string[]> =>
  (await page.evaluate(`(() => {
    const out = [];
    const root = document.documentElement;
    const describe = (element) => element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    if (root.scrollWidth > root.clientWidth + 1) {
      // Name the widest culprits: elements reaching past the right edge whose parent does not.
      const culprits = [...document.body.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
        .filter((element) => element.parentElement === null || element.parentElement.getBoundingClientRect().right <= root.clientWidth + 1)
        .slice(0, 4)
        .map((element) => describe(element) + ' (' + Math.round(element.getBoundingClientRect().right) + 'px)');
      out.push('the page scrolls sideways: ' + root.scrollWidth + ' > ' + root.clientWidth + ', past the edge: ' + culprits.join(', '));
    }
    const selector = 'button, a.button, th, td, .badge, .nav-link, h1, h2, h3, label, dt, dd, .summary-item, .heatmap-cell, .case-row, .queue-item, select, .topbar, .panel';
    for (const element of document.querySelectorAll(selector)) {
      if (element.closest('dialog:not([open])')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'inline' || element.clientWidth === 0) continue;
      if (['auto', 'scroll'].includes(style.overflowX)) continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        const label = (element.textContent || element.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
        out.push(describe(element) + ' "' + label + '": ' + element.scrollWidth + ' > ' + element.clientWidth);
      }
    }
    return out;
  })()`)) as string[];
