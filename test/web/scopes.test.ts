import { rmSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { freshCopyEvent } from '../fixtures/events.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, CHROMIUM_PATH, pushEvents, screenshot } from './browser.ts';

/**
 * Issue #16 "Done when": a brand-scoped legal reviewer (an agency, RADAR_USERS) signed in to the web app
 * with their token sees only that brand's review queue, and another brand's case URL shows "no such case".
 */

const AGENCY = { token: 'agency-acme-legal', name: 'Agency Reviewer', roles: ['legal'], brands: ['Acme'] };
const LEGAL_TOKEN = 'dev-legal-token';
const SERVER_WORK = { timeout: 20_000, interval: 250 };

interface Review {
  reviewId: string;
  caseId: string;
  copy: { brand: string; copyId: string };
}

let stack: LocalStack;
let dataDir: string;
let browser: Browser;

const copies = ['Acme', 'Bolt'].flatMap((brand) =>
  [1, 2].map(() => freshCopyEvent({ brand, text: '全网最佳面霜', campaignId: `cmp-web-scope-${brand}` })),
);

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('web-scopes', { RADAR_USERS: JSON.stringify([AGENCY]) }));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  await pushEvents(stack, copies);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

/** The agency reviewer, signed in by pasting their token on the local sign-in page. */
const agencySignedIn = async (): Promise<Page> => {
  const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
  await page.goto(`${stack.url}/`);
  await page.getByLabel('Or paste a bearer token').fill(AGENCY.token);
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
};

describe('A brand-scoped legal reviewer in the browser (Chromium, local stack)', () => {
  it("sees only that brand's queue, and another brand's case is not found", async () => {
    // Prepare: what the unscoped queue holds of this test's copies.
    const { items } = await apiGet<{ items: Review[] }>(
      stack,
      LEGAL_TOKEN,
      '/reviews?status=pending&limit=100',
    );
    const ours = items.filter((review) => copies.some((copy) => copy.copy.copyId === review.copy.copyId));
    const acme = ours.filter((review) => review.copy.brand === 'Acme');
    const bolt = ours.filter((review) => review.copy.brand === 'Bolt');
    expect(acme).toHaveLength(2);
    expect(bolt).toHaveLength(2);

    // Act
    const page = await agencySignedIn();
    await page.goto(`${stack.url}/reviews`);
    const rows = page.locator('[data-review-id]');
    await expect.poll(() => rows.count(), SERVER_WORK).toBe(acme.length);
    const shown = await rows.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-review-id')),
    );
    await screenshot(page, 'scopes-agency-queue');
    await page.goto(`${stack.url}/cases/${bolt[0]?.caseId}`);
    const notFound = page.getByText('There is no such case.');
    await notFound.waitFor({ timeout: SERVER_WORK.timeout });
    const otherBrandNotFound = await notFound.isVisible();
    await screenshot(page, 'scopes-agency-other-brand-case');
    const own = acme[0];
    await page.goto(`${stack.url}/cases/${own?.caseId}`);
    // The own brand's case opens: its copy id is on the page, and no "no such case".
    const ownCopy = copies.find((copy) => copy.copy.copyId === own?.copy.copyId)?.copy.copyId ?? '';
    await page.getByText(ownCopy).first().waitFor({ timeout: SERVER_WORK.timeout });

    // Assess
    expect(shown.sort()).toEqual(acme.map((review) => review.reviewId).sort());
    expect(otherBrandNotFound).toBe(true);
    expect(await page.getByText('There is no such case.').count()).toBe(0);
  });
});
