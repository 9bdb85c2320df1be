import { rmSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { freshCopyEvent } from '../fixtures/events.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, CHROMIUM_PATH, pushEvents, screenshot } from './browser.ts';

/**
 * The exception-date round trip in Chromium (issue #15, docs/legal.md "Exception dates"): a reviewer whose
 * browser is in UTC−8, UTC, UTC+7 or UTC+8 picks 1 March in the decision form and reads 1 March back in the
 * exception list and beside the claim it allows in a later copy — never 2 March, which is what the instant
 * the day ends shows in the zones east of it.
 */

const LEGAL_TOKEN = 'dev-legal-token';
/** A decision or an ingest on a busy machine, cold functions first. */
const SERVER_WORK = { timeout: 30_000, interval: 250 };

/** The next 1 March at least four weeks away, so the test does not expire with the calendar. */
const year = new Date().getUTCMonth() >= 1 ? new Date().getUTCFullYear() + 1 : new Date().getUTCFullYear();
const MARCH_1 = `${year}-03-01`;
/** How the English app writes a calendar day (the month spelled). */
const written = (day: number): string =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(year, 2, day));

/** A copy flagged only for 最佳 (cn.absolute.best): the claim legal substantiates. */
const SUBSTANTIATED = '全网最佳面霜';
/** The same claim with one legal has not allowed, so the copy is reviewed again. */
const WITH_ANOTHER = '全网最佳面霜，三天见效';

interface Review {
  reviewId: string;
  copy: { text: string; brand: string };
}
interface Exception {
  exceptionId: string;
  brand: string;
  expiresOn: string;
  timeZone: string;
  expiresAt: string;
}

let stack: LocalStack;
let browser: Browser;
let dataDir: string;

const copyEvent = (brand: string, text: string) =>
  freshCopyEvent({ brand, text, campaignId: 'cmp-web-exception-dates' });

const pendingReview = async (brand: string, text: string): Promise<Review> => {
  const { items } = await apiGet<{ items: Review[] }>(
    stack,
    LEGAL_TOKEN,
    '/reviews?status=pending&limit=100',
  );
  const review = items.find((item) => item.copy.brand === brand && item.copy.text === text);
  if (review === undefined) throw new Error(`No pending review of "${text}" for ${brand}`);
  return review;
};

/** Legal signed in, in a browser whose clock and Intl are in `timeZone`. */
const legalIn = async (timeZone: string): Promise<Page> => {
  const context = await browser.newContext({
    timezoneId: timeZone,
    locale: 'en-GB',
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(`${stack.url}/`);
  await page.getByRole('button', { name: 'Sign in as legal (dev)' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
};

const openReview = async (page: Page, review: Review): Promise<void> => {
  const item = page.locator(`[data-review-id="${review.reviewId}"]`);
  await expect.poll(() => item.count(), SERVER_WORK).toBe(1);
  await item.click();
};

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('web-exception-dates'));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Exception dates in the browser (Chromium, local stack)', () => {
  it.each([
    ['America/Los_Angeles', 'UTC−8', -8],
    ['UTC', 'UTC', 0],
    ['Asia/Ho_Chi_Minh', 'UTC+7', 7],
    ['Asia/Shanghai', 'UTC+8', 8],
  ])(
    'shows 1 March picked in %s (%s) as 1 March in the exception list and on the copy',
    async (timeZone, label, offset) => {
      // Prepare
      const brand = `Web TZ ${timeZone}`;
      await pushEvents(stack, [copyEvent(brand, SUBSTANTIATED)]);
      const review = await pendingReview(brand, SUBSTANTIATED);
      const legal = await legalIn(timeZone);
      // Chromium may name the zone by an alias (Asia/Saigon for Asia/Ho_Chi_Minh): the form sends what it says.
      const browserZone = await legal.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);

      // Act: approve, granting an exception until 1 March picked in the date field.
      await openReview(legal, review);
      await legal.keyboard.press('a');
      await legal.keyboard.type('Market-share report substantiates 最佳.');
      await legal.keyboard.press('Tab');
      await legal.keyboard.press('Space');
      await legal.getByLabel('Evidence reference (required)').fill('Nielsen 2026-Q3, ref. NS-4411');
      await legal.locator('fieldset.exception input[type="date"]').fill(MARCH_1);
      await legal.keyboard.press('Control+Enter');
      const granted = async (): Promise<Exception | undefined> =>
        (await apiGet<{ items: Exception[] }>(stack, LEGAL_TOKEN, '/exceptions?limit=100')).items.find(
          (item) => item.brand === brand,
        );
      await expect.poll(granted, SERVER_WORK).toBeDefined();
      const exception = await granted();
      if (exception === undefined) throw new Error(`No exception for ${brand}`);

      await legal.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exceptions' }).click();
      const row = legal.locator(`tr[data-exception-id="${exception.exceptionId}"]`);
      await row.waitFor({ timeout: SERVER_WORK.timeout });
      const listed = await row.textContent();
      await screenshot(legal, `exception-dates-list-${label}`);

      await pushEvents(stack, [copyEvent(brand, WITH_ANOTHER)]);
      const again = await pendingReview(brand, WITH_ANOTHER);
      await legal
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Review queue' })
        .click();
      await openReview(legal, again);
      const onCopy = legal.locator('dd', { hasText: exception.exceptionId });
      await onCopy.waitFor({ timeout: SERVER_WORK.timeout });
      const allowed = await onCopy.textContent();
      await screenshot(legal, `exception-dates-copy-${label}`);
      await legal.context().close();

      // Assess
      expect(exception).toMatchObject({
        expiresOn: MARCH_1,
        timeZone: browserZone,
        expiresAt: new Date(Date.UTC(year, 2, 2) - offset * 3_600_000).toISOString(),
      });
      expect(listed).toContain(written(1));
      expect(listed).not.toContain(written(2));
      expect(allowed).toBe(`Allowed by exception ${exception.exceptionId} until ${written(1)}`);
    },
  );
});
