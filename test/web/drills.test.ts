import { rmSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, CHROMIUM_PATH, screenshot } from './browser.ts';

/**
 * Issue #17 part 4 "Done when": a manager starts a drill with the button (scenario, confirm), lands on the
 * drill report, and the drill case shows as a drill — on the report and on its case page — while the
 * cases board leaves it out.
 */

const MANAGER_TOKEN = 'dev-manager-token';
/** A loaded CI box: what takes a second at rest gets a minute. */
const SERVER_WORK = { timeout: 60_000, interval: 250 };

let stack: LocalStack;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('web-drills'));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

describe('Crisis drills in the browser (Chromium, local stack)', () => {
  it('the button starts a drill and its case shows as a drill everywhere it appears', async () => {
    // Prepare: a manager signed in with their token.
    const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Or paste a bearer token').fill(MANAGER_TOKEN);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: SERVER_WORK.timeout });

    // Act: Drills → choose the scenario → Run a drill → confirm.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drills' }).click();
    await page.getByLabel('Scenario').selectOption('claim');
    await page.getByRole('button', { name: 'Run a drill' }).click();
    await page.getByRole('button', { name: 'Yes, start the drill' }).click();
    await page.waitForURL(/\/drills\/drill-/, { timeout: SERVER_WORK.timeout });
    const drillId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    const step = page.locator('.drill-step').first();
    await step.waitFor({ timeout: SERVER_WORK.timeout });
    await screenshot(page, 'drills-report');
    const caseId = (await step.getAttribute('data-case-id')) ?? '';
    const stepBadge = await step.locator('.badge-drill').textContent();
    await step.getByRole('link').first().click();
    await page.waitForURL(/\/cases\/drill-/, { timeout: SERVER_WORK.timeout });
    const caseBadge = page.locator('.page-title .badge-drill');
    await caseBadge.waitFor({ timeout: SERVER_WORK.timeout });
    await screenshot(page, 'drills-case');

    // Assess: the API holds the drill's red case, marked; every page shows DRILL; the board leaves it out.
    const report = await apiGet<{ steps: { caseId: string; level: string }[] }>(
      stack,
      MANAGER_TOKEN,
      `/drills/${drillId}`,
    );
    expect(report.steps).toEqual([expect.objectContaining({ caseId, level: 'red' })]);
    expect(caseId).toMatch(/^drill-/);
    expect(stepBadge).toBe('DRILL');
    expect(await caseBadge.textContent()).toBe('DRILL');
    const board = await apiGet<{ items: { caseId: string }[] }>(stack, MANAGER_TOKEN, '/cases?limit=100');
    expect(board.items.map((item) => item.caseId)).not.toContain(caseId);
    const drills = await apiGet<{ items: { caseId: string }[] }>(stack, MANAGER_TOKEN, '/cases?drill=only');
    expect(drills.items.map((item) => item.caseId)).toEqual([caseId]);
  }, 300_000);
});
