import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { LOCALES, type Locale } from '#shared/i18n/locales.ts';
import { demoScenario } from '../../cli/demo/scenario.ts';
import { startTestStack } from '../support/test-stack.ts';
import { ARTIFACTS, apiGet, type Browser, launchBrowser, pushEvents, screenshot } from './browser.ts';
import {
  foreignFragments,
  metricNames,
  overflows,
  pageTexts,
  recordApiData,
  stringsOf,
  untranslated,
} from './untranslated.ts';

/**
 * The web app in each of its languages (issue #15), in Chromium against the local stack with the demo
 * scenario: every page opened as the role that uses it, its text walked (text nodes, titles, aria-labels,
 * placeholders) against the catalogues of the other languages and for English sentences, with what the API
 * sent taken out as data; and no label spilling out of its box nor the page scrolling sideways, on a laptop
 * (1280×800) and a phone (390×844). The browser speaks Vietnamese: `vi` pages are reached through
 * `navigator.languages`, the others through the choice remembered in localStorage.
 */

const LEGAL_TOKEN = 'dev-legal-token';
const MANAGER_TOKEN = 'dev-manager-token';
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

interface Case {
  caseId: string;
  riskType: string;
  status: string;
}

let stack: LocalStack;
let browser: Browser;
let dataDir: string;
const caseIds: { compliance?: string; budget?: string } = {};

type Role = 'legal' | 'manager';

interface Screen {
  readonly name: string;
  readonly role: Role;
  readonly path: () => string;
  /** What to do on the page before reading it (open a dialog, reveal a form). */
  readonly prepare?: (page: Page) => Promise<void>;
  /** The page lists a finding's numbers (`.metrics`), whose names must be the vocabulary's. */
  readonly showsMetrics?: boolean;
}

const SCREENS: readonly Screen[] = [
  { name: 'review queue', role: 'legal', path: () => '/reviews' },
  {
    name: 'review queue, shortcut help',
    role: 'legal',
    path: () => '/reviews',
    prepare: async (page) => {
      await page.keyboard.press('?');
      await page.locator('dialog[open]').waitFor();
    },
  },
  {
    name: 'review queue, approving with an exception',
    role: 'legal',
    path: () => '/reviews',
    prepare: async (page) => {
      await page.locator('.queue-item').first().focus();
      await page.keyboard.press('a');
      await page.locator('.exception input[type="checkbox"]').check();
      await page.locator('#exception-evidence').waitFor();
    },
  },
  {
    name: 'review queue, submitting without a decision',
    role: 'legal',
    path: () => '/reviews',
    prepare: async (page) => {
      await page.locator('form.decision button[type="submit"]').click();
      await page.locator('form.decision .form-problem').waitFor();
    },
  },
  { name: 'case detail with its review (legal)', role: 'legal', path: () => `/cases/${caseIds.compliance}` },
  { name: 'exceptions', role: 'legal', path: () => '/exceptions' },
  { name: 'rules in force', role: 'legal', path: () => '/rules' },
  { name: 'policies', role: 'legal', path: () => '/policies' },
  { name: 'claim rules policy', role: 'legal', path: () => '/policies/claims' },
  { name: 'open cases and heat map', role: 'manager', path: () => '/cases' },
  { name: 'case library', role: 'manager', path: () => '/library' },
  { name: 'case library, my cases', role: 'manager', path: () => '/library?owner=me' },
  { name: 'case library, a search finding nothing', role: 'manager', path: () => '/library?q=quasar' },
  { name: 'open cases, my cases', role: 'manager', path: () => '/cases?owner=me' },
  {
    name: 'budget case, reassigning without a username',
    role: 'manager',
    path: () => `/cases/${caseIds.budget}`,
    prepare: async (page) => {
      await page.locator('form.reassign button[type="submit"]').click();
      await page.locator('#reassign-problem').waitFor();
    },
  },
  {
    name: 'budget case with its forms',
    role: 'manager',
    path: () => `/cases/${caseIds.budget}`,
    showsMetrics: true,
  },
  {
    name: 'budget case, resolving with nothing filled in',
    role: 'manager',
    path: () => `/cases/${caseIds.budget}`,
    prepare: async (page) => {
      await page.locator('form.resolve button[type="submit"]').click();
      await page.locator('form.resolve .form-problem').waitFor();
    },
  },
  { name: 'risk matrix policy', role: 'manager', path: () => '/policies/matrix' },
  { name: 'spend thresholds policy', role: 'manager', path: () => '/policies/spend' },
  { name: 'sentiment thresholds policy', role: 'manager', path: () => '/policies/sentiment' },
  // The campaign and brand pages (issue #16): the demo's spring launch and its brand.
  { name: 'campaigns, read-only (legal)', role: 'legal', path: () => '/campaigns' },
  { name: 'campaigns', role: 'manager', path: () => '/campaigns' },
  {
    name: 'campaigns, completing one with a wrong market',
    role: 'manager',
    path: () => '/campaigns?edit=cmp-demo-spring-launch',
    prepare: async (page) => {
      await page.locator('#campaign-market').fill('Vietnam');
      await page.locator('form.campaign-form button[type="submit"]').click();
      await page.locator('#campaign-market-problems').waitFor();
    },
  },
  {
    name: 'campaign page with its timeline, spend and copies',
    role: 'manager',
    path: () => '/campaigns/cmp-demo-spring-launch',
    prepare: async (page) => {
      await page.locator('[data-testid="campaign-timeline"]').waitFor();
      await page.locator('.spend-table summary').click();
    },
    showsMetrics: true,
  },
  { name: 'brand page with its heat map over time', role: 'manager', path: () => '/brands/Lumi%C3%A8re' },
];

/** A new tab signed in as `role`, in `locale`: remembered for en and zh-CN, the browser's own for vi. */
const open = async (role: Role, locale: Locale, path: string) => {
  const page = await browser.context.newPage();
  const data = recordApiData(page);
  const session = {
    token: role === 'legal' ? LEGAL_TOKEN : MANAGER_TOKEN,
    roles: [role],
    name: `dev:${role}`,
  };
  // Once per tab: a reload keeps what the person chose meanwhile.
  await page.addInitScript(
    `if (sessionStorage.getItem('radar.session') === null) {` +
      `sessionStorage.setItem('radar.session', ${JSON.stringify(JSON.stringify(session))});` +
      (locale === 'vi'
        ? `localStorage.removeItem('radar.locale');`
        : `localStorage.setItem('radar.locale', ${JSON.stringify(locale)});`) +
      '}',
  );
  await page.goto(`${stack.url}${path}`);
  await settle(page);
  return { page, data };
};

/** The screen has drawn what it loads: a heading, nothing loading, the network quiet. */
const settle = async (page: Page): Promise<void> => {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
};

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('web-i18n'));
  browser = await launchBrowser({ locale: 'vi-VN' });
  for (const part of demoScenario(new Date(), randomUUID().slice(0, 8))) await pushEvents(stack, part.events);
  const open = (await apiGet<{ items: Case[] }>(stack, MANAGER_TOKEN, '/cases?status=open&limit=100')).items;
  caseIds.compliance = open.find((item) => item.riskType === 'compliance')?.caseId;
  caseIds.budget = open.find((item) => item.riskType === 'budget')?.caseId;
  // An owner and a reassigned line in the budget case's audit trail, for every language to word.
  const reassigned = await fetch(`${stack.url}/v1/cases/${caseIds.budget}/owner`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MANAGER_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ owner: 'bao.tran', note: 'Bảo phụ trách đợt ra mắt này' }),
  });
  if (!reassigned.ok) throw new Error(`reassigning answered ${reassigned.status}`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Web app languages: the text check', () => {
  it('flags an English label, an English sentence and Chinese out of place, but not data', () => {
    // Prepare
    const texts = [
      { text: 'Review queue', where: 'text in h1' },
      { text: 'Nobody is waiting for the agency and the brand', where: 'text in p' },
      { text: '审核队列', where: 'text in h1' },
      { text: 'Lumière Glow Serum on weibo', where: 'text in a' },
      { text: 'Lumière Glow Serum on weibo · 红色', where: 'text in a' },
    ];
    const data = new Set(['Lumière Glow Serum on weibo']);

    // Act
    const zh = untranslated('zh-CN', texts.slice(0, 2), data);
    const en = untranslated('en', texts.slice(2), data);
    const zhData = untranslated('zh-CN', texts.slice(3, 4), data);

    // Assess
    expect(zh).toHaveLength(2);
    expect(zh[0]).toContain('"Review queue"');
    expect(zh[1]).toContain('reads as English');
    expect(en).toHaveLength(2);
    expect(en[1]).toContain('Chinese on an English page');
    expect(zhData).toEqual([]);
  });

  it('takes a finding’s number keys for names the app must translate, not for data', () => {
    // Prepare: the API sends `metrics: { negative, mentions }`; the page shows an English name made of them.
    const data = stringsOf(
      { subject: { campaignId: 'cmp-1' }, metrics: { negative: 3, mentions: 10 } },
      new Set(),
    );
    const texts = [{ text: 'Negative mentions', where: 'text in dt' }];

    // Act
    const problems = untranslated('zh-CN', texts, data);

    // Assess
    expect([...data].sort()).toEqual(['campaignId', 'cmp-1', 'metrics', 'subject']);
    expect(problems).toHaveLength(1);
    expect(metricNames('zh-CN').has('负面提及量')).toBe(true);
    expect(metricNames('zh-CN').has('Negative mentions')).toBe(false);
  });
});

describe('Web app languages: the demo has what the pages show', () => {
  it('has an open compliance case and an open budget case', () => {
    expect(caseIds.compliance).toBeDefined();
    expect(caseIds.budget).toBeDefined();
  });
});

for (const locale of LOCALES) {
  describe(`Web app in ${locale}`, () => {
    const fragments = foreignFragments(locale);
    const names = metricNames(locale);

    it.each(SCREENS)('$name: every word in the page’s language, nothing overflowing', async (screen) => {
      // Prepare
      const { page, data } = await open(screen.role, locale, screen.path());
      await screen.prepare?.(page);

      // Act
      const lang = await page.evaluate('document.documentElement.lang');
      const problems = untranslated(locale, await pageTexts(page), data, fragments);
      // A finding's numbers are named by the vocabulary, never by their keys nor in English.
      const numberNames = (await page.locator('.metrics dt').allTextContents()).map((name) => name.trim());
      const spilled: string[] = [];
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.evaluate(
          'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))',
        );
        spilled.push(...(await overflows(page)).map((problem) => `${viewport.width}px: ${problem}`));
      }
      await page.close();

      // Assess
      expect(lang).toBe(locale);
      expect(problems.join('\n'), `untranslated on ${screen.name}`).toBe('');
      expect(numberNames.filter((name) => !names.has(name))).toEqual([]);
      if (screen.showsMetrics === true) expect(numberNames.length).toBeGreaterThan(0);
      expect(spilled.join('\n'), `overflowing on ${screen.name}`).toBe('');
    });
  });
}

/** Where the documentation's screenshots live; `UPDATE_SCREENSHOTS=1` rewrites them (docs/web.md). */
const DOCS_SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

describe('Web app languages: screenshots of the review queue, the heat map, a campaign and a brand', () => {
  it.each([
    ['review-queue', 'legal', '/reviews'],
    ['heat-map', 'manager', '/cases'],
    ['campaign-page', 'manager', '/campaigns/cmp-demo-spring-launch'],
    ['brand-page', 'manager', '/brands/Lumi%C3%A8re'],
  ] as const)('%s in zh-CN and vi', async (name, role, path) => {
    for (const locale of ['zh-CN', 'vi'] as const) {
      // Prepare
      const { page } = await open(role, locale, path);
      await page.setViewportSize({ width: 1280, height: 800 });
      const file = `${name}.${locale}.png`;
      const folder = process.env.UPDATE_SCREENSHOTS === '1' ? DOCS_SCREENSHOTS : ARTIFACTS;
      mkdirSync(folder, { recursive: true });

      // Act
      await page.screenshot({ path: join(folder, file) });
      await page.close();

      // Assess
      expect(statSync(join(folder, file)).size).toBeGreaterThan(10_000);
    }
  });
});

describe('Web app languages: switching', () => {
  it('switches the whole page at once, asks the API in the new language, and remembers it', async () => {
    // Prepare
    const { page } = await open('legal', 'en', '/reviews');
    await page.evaluate("window.marker = 'same page'");
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v1/')) asked.push(request.headers()['accept-language'] ?? '');
    });

    // Act
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('审核队列');
    const afterSwitch = {
      lang: await page.evaluate('document.documentElement.lang'),
      marker: await page.evaluate('window.marker'),
      stored: await page.evaluate("localStorage.getItem('radar.locale')"),
    };
    await page.reload();
    await settle(page);
    const afterReload = await page.locator('main h1').textContent();
    await page.close();

    // Assess
    expect(afterSwitch).toEqual({ lang: 'zh-CN', marker: 'same page', stored: 'zh-CN' });
    expect(asked).toContain('zh-CN');
    expect(afterReload).toBe('审核队列');
  });

  it('opens in the browser’s language when nothing was chosen', async () => {
    // Prepare + Act
    const { page } = await open('manager', 'vi', '/cases');
    const heading = await page.locator('main h1').textContent();
    await screenshot(page, 'i18n-vi-cases');
    await page.close();

    // Assess
    expect(heading).toBe('Hồ sơ đang mở');
  });
});
