import { describe, expect, it } from 'vitest';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { findingText } from '#shared/i18n/findings.ts';
import type { Locale } from '#shared/i18n/locales.ts';
import { CLI_CATALOGUES, uiLocale } from '../../cli/i18n/index.ts';
import { runCli } from '../../cli/main.ts';
import { expectCompleteCatalogues } from '../support/catalogues.ts';
import { fakeIo } from './fake-io.ts';

const COPY = '全网最佳美白精华，三天见效';
const CN = ['--market', 'CN', '--lang', 'zh', '--category', 'cosmetics'];

/** The engine's own findings for the copy, each message and suggestion as a reader of `locale` reads it. */
const expectedIn = (locale: Locale) => {
  const now = new Date('2026-11-22T09:00:00Z');
  const { findings } = createRiskEngine().evaluate(
    {
      eventId: 'risk-radar-check',
      type: 'ad-copy',
      occurredAt: now.toISOString(),
      source: 'risk-radar-cli',
      copy: {
        copyId: 'x',
        text: COPY,
        lang: 'zh',
        market: 'CN',
        category: 'cosmetics',
        brand: 'unspecified',
      },
    },
    { now },
  );
  return findings.map((finding) => ({
    message: finding.texts === undefined ? finding.message : findingText(locale, finding.texts.message),
    suggestion:
      finding.texts?.suggestion === undefined
        ? finding.suggestion
        : findingText(locale, finding.texts.suggestion),
  }));
};

describe('CLI language', () => {
  it('has every report word in every locale', () => {
    expectCompleteCatalogues('cli', CLI_CATALOGUES);
  });

  it.each([
    ['--lang-ui wins over the system locale', 'vi', { LANG: 'zh_CN.UTF-8' }, 'vi'],
    ['a system locale such as zh_CN.UTF-8', undefined, { LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    ['LC_ALL over LANG', undefined, { LC_ALL: 'vi_VN.UTF-8', LANG: 'en_US.UTF-8' }, 'vi'],
    ['LC_ALL=C as untranslated English', undefined, { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, 'en'],
    ['nothing set as English', undefined, {}, 'en'],
  ] as const)('chooses the language from %s', (_how, option, env, locale) => {
    expect(uiLocale(option, env)).toBe(locale);
  });

  it('refuses a --lang-ui it cannot speak as a usage error (exit 2)', async () => {
    const io = fakeIo({ stdin: COPY });
    expect(await runCli(['check', '-', ...CN, '--lang-ui', 'fr'], io)).toBe(2);
    expect(io.stderr.text()).toContain('--lang-ui must be zh-CN, vi or en, got "fr"');
  });

  it.each([
    ['vi', { LANG: 'en_US.UTF-8' }, ['--lang-ui', 'vi'], 'stdin: ĐỎ —', 'gợi ý sửa'],
    ['zh-CN', { LANG: 'zh_CN.UTF-8' }, [], 'stdin：红色 —', '修改建议'],
    ['en', {}, [], 'stdin: RED —', 'suggestion'],
  ] as const)('prints the report and every finding in %s', async (locale, env, args, verdict, label) => {
    // Prepare
    const io = fakeIo({ stdin: COPY, env: { ...env } });
    const expected = expectedIn(locale);

    // Act
    const code = await runCli(['check', '-', ...CN, ...args], io);

    // Assess
    const out = io.stdout.text();
    expect(code).toBe(1);
    expect(out.startsWith(verdict)).toBe(true);
    expect(expected.length).toBeGreaterThan(1);
    // The pack's own translation, not the English message shown everywhere.
    if (locale !== 'en') expect(expected).not.toContainEqual(expectedIn('en')[0]);
    for (const finding of expected) {
      expect(out).toContain(finding.message);
      expect(out).toContain(`${label} ${finding.suggestion}`);
    }
  });
});
