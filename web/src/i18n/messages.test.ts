import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectCompleteCatalogues } from '../../../test/support/catalogues.ts';
import { formatFor } from '../format.ts';
import { initialLocale, LOCALE_STORAGE_KEY } from './index.tsx';
import { translate, WEB_CATALOGUES } from './messages.ts';

describe('The web app’s catalogues (core and policies, merged)', () => {
  it('have every English id in zh-CN and vi, each ICU with the English placeholders', () => {
    expectCompleteCatalogues('web', WEB_CATALOGUES);
  });

  it('has no message left in English in zh-CN or vi (an English copy would pass the completeness check)', () => {
    // Prepare: words Vietnamese writes as English does ("token", "dev" are the words in Vietnamese IT too).
    const SAME_ON_PURPOSE = new Set(['vi core.signIn.tokenName', 'vi core.signIn.devName']);
    const english = WEB_CATALOGUES.en as Readonly<Record<string, string>>;

    // Act
    const copied = (['zh-CN', 'vi'] as const).flatMap((locale) => {
      const catalogue = WEB_CATALOGUES[locale] as Readonly<Record<string, string>>;
      return Object.entries(english)
        .filter(
          ([id, message]) =>
            catalogue[id] === message && /\p{L}{3}/u.test(message.replace(/\{[^{}]*\}/g, '')),
        )
        .map(([id]) => `${locale} ${id}`)
        .filter((entry) => !SAME_ON_PURPOSE.has(entry));
    });

    // Assess
    expect(copied).toEqual([]);
  });

  it('count with each language’s plural rules', () => {
    // Act
    const en = [1, 2].map((n) => translate('en', 'core.library.count', { n }));
    const zh = translate('zh-CN', 'core.library.count', { n: 2 });
    const vi = translate('vi', 'core.caseList.occurrences', { n: 1234 });

    // Assess
    expect(en).toEqual(['1 case', '2 cases']);
    expect(zh).toBe('2 个案件');
    expect(vi).toBe('1.234 lần xảy ra');
  });
});

describe('Function: formatFor', () => {
  it('spells the month, so a date reads one way in every locale', () => {
    // Act
    const dates = (['en', 'zh-CN', 'vi'] as const).map((locale) =>
      formatFor(locale).calendarDate('2027-03-01'),
    );

    // Assess
    expect(dates[0]).toMatch(/Mar/);
    expect(dates[1]).toBe('2027年3月1日');
    expect(dates[2]).toMatch(/thg 3/);
  });

  it('writes VND without decimals and the locale’s separators', () => {
    expect(formatFor('vi').money(2_500_000, 'VND')).toMatch(/^2\.500\.000\sVND$/);
    expect(formatFor('en').money(11_500, 'USD')).toMatch(/11,500\.00/);
  });

  it('names the domain’s values in the locale and keeps unknown ones as written', () => {
    // Prepare
    const zh = formatFor('zh-CN');

    // Act
    const named = [zh.level('red'), zh.status('resolved'), zh.grade('high'), zh.metricName('plannedBudget')];
    const unknown = [zh.level('purple'), zh.grade('extreme'), zh.metricName('someNewNumber')];

    // Assess
    expect(named).toEqual(['红色 · 紧急', '已结案', '高', '计划预算']);
    expect(unknown).toEqual(['purple', 'Extreme', 'Some new number']);
  });

  it('says how long ago in the locale', () => {
    // Prepare
    const now = Date.parse('2027-03-01T12:00:00Z');

    // Act
    const ago = formatFor('vi').ago('2027-03-01T11:55:00Z', now);
    const justNow = formatFor('zh-CN').ago('2027-03-01T11:59:30Z', now);

    // Assess
    expect(ago).toBe('5 phút trước');
    expect(justNow).toBe('刚刚');
  });

  it('names a pushing system and the SLA check as people read them', () => {
    expect(formatFor('vi').actor('system:sla')).toBe('Kiểm tra SLA');
    expect(formatFor('zh-CN').actor('client:crm')).toBe('crm（推送系统）');
    expect(formatFor('en').actor('user:ana@example.com')).toBe('ana@example.com');
  });
});

describe('Function: initialLocale', () => {
  afterEach(() => vi.unstubAllGlobals());

  const browser = (languages: readonly string[], stored: string | null): void => {
    vi.stubGlobal('navigator', { languages, language: languages[0] ?? 'en' });
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => (key === LOCALE_STORAGE_KEY ? stored : null),
    });
  };

  it('takes the first of the browser’s languages the app speaks', () => {
    // Prepare
    browser(['fr-FR', 'vi-VN', 'en'], null);

    // Act + Assess
    expect(initialLocale()).toBe('vi');
  });

  it('opens a notification’s link (?lang=vi) in its language, over the stored choice', () => {
    // Prepare
    browser(['en-US'], 'zh-CN');
    vi.stubGlobal('location', { search: '?lang=vi' });

    // Act + Assess
    expect(initialLocale()).toBe('vi');
  });

  it('ignores a ?lang= it does not speak', () => {
    // Prepare
    browser(['en-US'], 'zh-CN');
    vi.stubGlobal('location', { search: '?lang=fr' });

    // Act + Assess
    expect(initialLocale()).toBe('zh-CN');
  });

  it('prefers the language chosen earlier in this browser', () => {
    // Prepare
    browser(['vi-VN'], 'zh-CN');

    // Act + Assess
    expect(initialLocale()).toBe('zh-CN');
  });

  it('ignores a stored value it does not speak, and falls back to English', () => {
    // Prepare
    browser(['fr-FR', 'de'], 'klingon');

    // Act + Assess
    expect(initialLocale()).toBe('en');
  });
});
