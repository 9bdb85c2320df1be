import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import type { RulesInForce } from '#shared/use-cases/list-rules.ts';
import { demoScenario } from '../../cli/demo/scenario.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, type Browser, launchBrowser, pushEvents, screenshot } from './browser.ts';

/**
 * The web app in a real browser (Debian's Chromium through playwright-core) against the real local stack:
 * DynamoDB Local, the same handlers, the demo scenario pushed as signed events. Legal reviews with the
 * keyboard; a manager reads the heat map, acknowledges and resolves a red case. Each screen is saved under
 * test/artifacts/web/.
 */

interface Evidence {
  text: string;
  start: number;
  end: number;
}
interface Finding {
  ruleId: string;
  evidence?: Evidence[];
}
interface DatedFinding {
  seenAt: string;
  message: string;
  probability: string;
  impact: string;
}
interface Review {
  reviewId: string;
  caseId: string;
  copy: { copyId: string; text: string; lang: string };
  findings: Finding[];
  decision?: { decision: string; exceptionId?: string };
}
interface Case {
  caseId: string;
  riskType: string;
  level: string;
  status: string;
  probability: string;
  impact: string;
  subject: { label: string };
  resolution?: { whys: string[] };
}
interface CaseDetail {
  case: Case;
  audit: { action: string; actor: string }[];
  review?: Review;
}

let stack: LocalStack;
let browser: Browser;
let dataDir: string;
let legal: Page;
let manager: Page;

const LEGAL_TOKEN = 'dev-legal-token';
const MANAGER_TOKEN = 'dev-manager-token';

const pendingReviews = async (): Promise<Review[]> =>
  (await apiGet<{ items: Review[] }>(stack, LEGAL_TOKEN, '/reviews?status=pending&limit=100')).items;

const unresolvedCases = async (): Promise<Case[]> => {
  const [open, acknowledged] = await Promise.all(
    ['open', 'acknowledged'].map(
      async (status) =>
        (await apiGet<{ items: Case[] }>(stack, MANAGER_TOKEN, `/cases?status=${status}&limit=100`)).items,
    ),
  );
  return [...(open ?? []), ...(acknowledged ?? [])];
};

const countsByCell = (cases: readonly Case[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of cases) {
    const key = `${item.probability}-${item.impact}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

const CELLS = ['low', 'medium', 'high'].flatMap((p) =>
  ['minor', 'moderate', 'severe'].map((i) => `${p}-${i}`),
);

const heatMapCounts = async (page: Page): Promise<Map<string, number>> => {
  const counts = new Map<string, number>();
  for (const cell of CELLS) {
    const text = await page.locator(`[data-cell="${cell}"] .heatmap-count`).textContent();
    counts.set(cell, Number(text));
  }
  return counts;
};

/** The texts highlighted in the copy (each mark's own text, without its finding number). */
const highlighted = (page: Page): Promise<string[]> =>
  page.$$eval('[data-testid="copy-highlighted"] mark', (marks) =>
    marks.map((mark) => mark.firstChild?.textContent ?? ''),
  );

const selectedReviewId = (page: Page): Promise<string | null> =>
  page.locator('.queue-item[aria-current="true"]').getAttribute('data-review-id');

/** The review ids the queue shows, in its order. */
const queueIds = async (page: Page): Promise<unknown> =>
  page.evaluate("[...document.querySelectorAll('.queue-item')].map((item) => item.dataset.reviewId)");

// An expression evaluated in the page: this file is type-checked without the DOM library.
const activeElementId = async (page: Page): Promise<string> =>
  String(await page.evaluate("document.activeElement?.id ?? ''"));

const signIn = async (role: 'legal' | 'manager'): Promise<Page> => {
  // A new tab: sessions live in sessionStorage, one per tab.
  const page = await browser.context.newPage();
  await page.goto(`${stack.url}/`);
  await page.getByRole('button', { name: `Sign in as ${role} (dev)` }).click();
  return page;
};

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('web'));
  browser = await launchBrowser();
  const now = new Date();
  for (const part of demoScenario(now, randomUUID().slice(0, 8))) await pushEvents(stack, part.events);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Web app: sign-in', () => {
  it('serves the app at / with its security headers, and client-side routes on reload', async () => {
    const root = await fetch(`${stack.url}/`);
    const deep = await fetch(`${stack.url}/cases/some-case`);
    const config = await fetch(`${stack.url}/config.json`);
    const api = await fetch(`${stack.url}/v1/nope`);

    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(root.headers.get('x-frame-options')).toBe('DENY');
    expect(await deep.text()).toContain('<meta charset="utf-8" />');
    expect(await config.json()).toEqual({
      mode: 'local',
      apiBaseUrl: '',
      devTokens: { legal: LEGAL_TOKEN, manager: MANAGER_TOKEN },
    });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
  });

  it('offers the dev sign-in locally and refuses an unknown token in plain words', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/`);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);

    await page.getByLabel('Or paste a bearer token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in with token' }).click();

    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This token is not accepted');
    await screenshot(page, '01-sign-in');
    await page.close();
  });
});

describe('Web app: legal', () => {
  it('lists the review queue oldest first, each copy with its evidence highlighted in place', async () => {
    const reviews = await pendingReviews();
    expect(reviews.length).toBeGreaterThanOrEqual(4);
    legal = await signIn('legal');
    await legal.locator('.queue-item').first().waitFor();

    const listed = await legal
      .locator('.queue-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-review-id')));
    expect(listed).toEqual(reviews.map((review) => review.reviewId));

    for (const [index, review] of reviews.entries()) {
      await expect.poll(() => selectedReviewId(legal)).toBe(review.reviewId);
      const spans = review.findings.flatMap((finding) => finding.evidence ?? []);
      // The API's offsets are UTF-16 indexes into the text; the page highlights exactly those characters.
      for (const span of spans) expect(review.copy.text.slice(span.start, span.end)).toBe(span.text);
      const marks = await highlighted(legal);
      for (const span of spans) expect(marks).toContain(span.text);
      await expect
        .poll(() => legal.locator('[data-testid="copy-highlighted"]').getAttribute('lang'))
        .toMatch(new RegExp(`^${review.copy.lang}`));
      // The first copy of each language: the oldest, often the one with the most findings.
      if (reviews.findIndex((other) => other.copy.lang === review.copy.lang) === index) {
        await screenshot(legal, `02-review-queue-${review.copy.lang}`);
      }
      if (index < reviews.length - 1) await legal.keyboard.press('j');
    }
  });

  it('shows each copy exactly as submitted, in Chinese, Vietnamese and English', async () => {
    const reviews = await pendingReviews();
    await legal.locator('.queue-item').first().click();
    for (const [index, review] of reviews.entries()) {
      await expect.poll(() => selectedReviewId(legal)).toBe(review.reviewId);
      await legal.getByRole('button', { name: 'As submitted' }).click();
      expect(await legal.locator('[data-testid="copy-submitted"]').textContent()).toBe(review.copy.text);
      await legal.getByRole('button', { name: 'Highlighted' }).click();
      if (index < reviews.length - 1) await legal.keyboard.press('j');
    }
    expect(new Set(reviews.map((review) => review.copy.lang))).toEqual(new Set(['zh', 'vi', 'en']));
  });

  it('decides reviews with the keyboard alone: j/k to move, r/c/a to choose, Ctrl+Enter to submit', async () => {
    const before = await pendingReviews();
    const [first, second, third] = before;
    if (first === undefined || second === undefined || third === undefined)
      throw new Error('Expected 3 reviews');
    // j and k move through the queue as the page shows it: wait until it shows what the API holds (the
    // page polls, and the reviews were created moments ago).
    await expect.poll(() => queueIds(legal), { timeout: 15_000 }).toEqual(before.map((r) => r.reviewId));
    await legal.locator(`[data-review-id="${first.reviewId}"]`).focus();
    await legal.keyboard.press('Enter');
    await expect.poll(() => selectedReviewId(legal)).toBe(first.reviewId);
    await legal.keyboard.press('j');
    await expect.poll(() => selectedReviewId(legal)).toBe(second.reviewId);
    await legal.keyboard.press('k');
    await expect.poll(() => selectedReviewId(legal)).toBe(first.reviewId);
    // Keys typed faster than the page renders each count.
    await legal.keyboard.press('j');
    await legal.keyboard.press('j');
    await expect.poll(() => selectedReviewId(legal)).toBe(third.reviewId);
    await legal.keyboard.press('k');
    await legal.keyboard.press('k');
    await expect.poll(() => selectedReviewId(legal)).toBe(first.reviewId);

    // Help is one key away.
    await legal.keyboard.press('?');
    await expect.poll(() => legal.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    await screenshot(legal, '03-shortcut-help', { fullPage: false });
    await legal.keyboard.press('Escape');

    await legal.keyboard.press('r');
    await expect.poll(() => activeElementId(legal)).toBe('decision-note');
    await legal.keyboard.type('Absolute claim without proof — 不得使用“最佳”。');
    await legal.keyboard.press('Control+Enter');
    await expect.poll(() => legal.locator('.toast').textContent()).toContain('rejected');
    await expect.poll(() => selectedReviewId(legal)).toBe(second.reviewId);

    await legal.keyboard.press('c');
    await legal.keyboard.type('Please add the disclaimer and drop the superlative.');
    await legal.keyboard.press('Control+Enter');
    await expect.poll(() => legal.locator('.toast').textContent()).toContain('changes requested');
    await expect.poll(() => selectedReviewId(legal)).toBe(third.reviewId);

    const decided = await Promise.all(
      [first, second].map((review) => apiGet<CaseDetail>(stack, LEGAL_TOKEN, `/cases/${review.caseId}`)),
    );
    expect(decided.map((detail) => detail.review?.decision?.decision)).toEqual([
      'rejected',
      'changes_requested',
    ]);
    await expect.poll(async () => (await pendingReviews()).length).toBe(before.length - 2);
    await expect.poll(() => legal.locator('.queue-item').count()).toBe(before.length - 2);
  });

  it('approves with a documented, expiring exception for a substantiated claim', async () => {
    const [review] = await pendingReviews();
    if (review === undefined) throw new Error('Expected a pending review');
    await legal.locator(`[data-review-id="${review.reviewId}"]`).click();
    await legal.keyboard.press('a');
    await expect.poll(() => activeElementId(legal)).toBe('decision-note');
    await legal.keyboard.type('Claim substantiated by the attached study.');
    // Tab to the exception checkbox and tick it, then fill the evidence: still no mouse.
    await legal.keyboard.press('Tab');
    await legal.keyboard.press('Space');
    await legal
      .getByLabel('Evidence reference (required)')
      .fill('Clinical study CS-2026-114, Dermatest GmbH');
    await screenshot(legal, '04-approve-with-exception');
    await legal.keyboard.press('Control+Enter');
    await expect.poll(() => legal.locator('.toast').textContent()).toContain('approved');

    const detail = await apiGet<CaseDetail>(stack, LEGAL_TOKEN, `/cases/${review.caseId}`);
    expect(detail.review?.decision?.decision).toBe('approved');
    expect(detail.review?.decision?.exceptionId).toBeDefined();
  });

  it('lists exceptions with their expiry, and revokes one', async () => {
    await legal.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exceptions' }).click();
    const row = legal.locator('tr[data-exception-id]').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('In force');
    expect(await row.textContent()).toContain('Clinical study CS-2026-114');
    await screenshot(legal, '05-exceptions');

    await row.getByRole('button', { name: /Revoke exception/ }).click();
    await row.getByRole('button', { name: 'Confirm revoke' }).click();

    await expect.poll(() => row.textContent()).toContain('Revoked');
    const { items } = await apiGet<{ items: { revokedAt?: string }[] }>(stack, LEGAL_TOKEN, '/exceptions');
    expect(items[0]?.revokedAt).toBeDefined();
  });

  it('shows the rules in force with their basis, rewrite and examples, and finds one by a phrase', async () => {
    const inForce = await apiGet<RulesInForce>(stack, LEGAL_TOKEN, '/rules');
    const total = inForce.packs.reduce((sum, pack) => sum + pack.rules.length, 0);
    await legal.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    await legal.locator('article[data-rule-id]').first().waitFor();

    expect(await legal.locator('article[data-rule-id]').count()).toBe(total);
    expect(await legal.locator('.lede code').textContent()).toBe(inForce.rulesVersion);
    for (const pack of inForce.packs) {
      expect(await legal.locator(`[data-pack-id="${pack.id}"] h2`).textContent()).toContain(pack.version);
    }

    await legal.getByLabel('Find a rule').fill('最佳');
    const best = legal.locator('article[data-rule-id="cn.absolute.best"]');
    await best.waitFor();
    const shown = await legal.locator('article[data-rule-id]').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    expect(await legal.locator('article[data-rule-id^="en."]').count()).toBe(0);
    const rule = inForce.packs.flatMap((pack) => pack.rules).find((r) => r.id === 'cn.absolute.best');
    if (rule === undefined) throw new Error('Expected cn.absolute.best in force');
    const text = (await best.textContent()) ?? '';
    for (const expected of [
      rule.basis,
      rule.suggestion,
      ...rule.examples.positive,
      ...rule.examples.negative,
    ]) {
      expect(text).toContain(expected);
    }
    await screenshot(legal, '05b-rules');

    await legal.getByLabel('Find a rule').fill('no rule says this');
    await expect.poll(() => legal.getByText('No rule mentions that.').isVisible()).toBe(true);
  });
});

describe('Web app: managers', () => {
  let redCase: Case;
  let before: Map<string, number>;

  it('draws the risk matrix heat map with the count of unresolved cases in each cell', async () => {
    manager = await signIn('manager');
    await manager.locator('.heatmap-cell').first().waitFor();
    const expected = countsByCell(await unresolvedCases());
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);

    await expect
      .poll(() => heatMapCounts(manager))
      .toEqual(new Map(CELLS.map((cell) => [cell, expected.get(cell) ?? 0])));
    // Colours follow the matrix: red top right, green bottom left.
    expect(await manager.locator('[data-cell="high-severe"]').getAttribute('class')).toContain(
      'level-cell-red',
    );
    expect(await manager.locator('[data-cell="low-minor"]').getAttribute('class')).toContain(
      'level-cell-green',
    );
    before = await heatMapCounts(manager);
    await screenshot(manager, '06-open-cases');
  });

  it('filters the list to a cell when the cell is clicked', async () => {
    const cases = await unresolvedCases();
    const red = cases.filter((item) => item.level === 'red' && item.status === 'open');
    const target = red.find((item) => item.riskType === 'budget') ?? red[0];
    if (target === undefined) throw new Error('Expected an open red case');
    redCase = target;
    const cell = `${target.probability}-${target.impact}`;
    const inCell = cases.filter((item) => `${item.probability}-${item.impact}` === cell);

    await manager.locator(`[data-cell="${cell}"]`).click();

    await expect
      .poll(() => manager.locator(`[data-cell="${cell}"]`).getAttribute('aria-pressed'))
      .toBe('true');
    await expect
      .poll(() =>
        manager
          .locator('.case-row')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id')).sort()),
      )
      .toEqual(inCell.map((item) => item.caseId).sort());
    await screenshot(manager, '07-open-cases-filtered');
  });

  it('acknowledges and resolves a red case with the 5 whys, measures and plan, and shows its audit trail', async () => {
    await manager.locator(`[data-case-id="${redCase.caseId}"] a.case-title`).click();
    await manager.getByRole('heading', { name: 'What happened' }).waitFor();
    if (redCase.riskType === 'budget')
      expect(await manager.locator('.metrics').first().textContent()).toContain('Planned budget');
    await screenshot(manager, '08-case-detail');

    await manager
      .getByLabel('Note (optional)')
      .first()
      .fill('Paused the TikTok ad sets; calling the agency.');
    await manager.getByRole('button', { name: 'Acknowledge case' }).click();
    await expect.poll(() => manager.locator('.title-badges').textContent()).toContain('Acknowledged');

    await manager.getByLabel('Why 1', { exact: true }).fill('Spend ran 28 % over the plan.');
    await manager.getByRole('button', { name: 'Add a why' }).click();
    await manager.getByLabel('Why 2', { exact: true }).fill('Daily caps were lifted for the launch week.');
    await manager.getByRole('button', { name: 'Add a why' }).click();
    await manager.getByLabel('Why 3', { exact: true }).fill('Nobody owned the budget line after the launch.');
    await manager.getByLabel('Measure 1', { exact: true }).fill('Restored daily caps.');
    await manager.getByRole('button', { name: 'Add a measure' }).click();
    await manager
      .getByLabel('Measure 2', { exact: true })
      .fill('Moved USD 5,000 from the summer budget, approved by finance.');
    await manager
      .getByLabel('Improvement plan')
      .fill('Budget owner named per campaign; caps reviewed weekly.');
    await screenshot(manager, '09-resolve-form');
    await manager.getByRole('button', { name: 'Resolve case' }).click();

    await expect.poll(() => manager.locator('.title-badges').textContent()).toContain('Resolved');
    await manager.getByRole('heading', { name: 'Risk library record' }).waitFor();
    const trail = await manager.locator('.timeline').textContent();
    expect(trail).toContain('Acknowledged');
    expect(trail).toContain('Resolved');
    await screenshot(manager, '10-case-resolved');

    const detail = await apiGet<CaseDetail>(stack, MANAGER_TOKEN, `/cases/${redCase.caseId}`);
    expect(detail.case.status).toBe('resolved');
    expect(detail.case.resolution?.whys).toHaveLength(3);
    expect(detail.audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['acknowledged', 'resolved']),
    );
  });

  it('takes the resolved case off the heat map, and shows new cases without a reload', async () => {
    await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Open cases' }).click();
    // The menu link opens the board unfiltered.
    await expect.poll(() => manager.locator('[aria-pressed="true"].heatmap-cell').count()).toBe(0);
    const cell = `${redCase.probability}-${redCase.impact}`;
    await expect.poll(async () => (await heatMapCounts(manager)).get(cell)).toBe((before.get(cell) ?? 0) - 1);

    await manager.evaluate("window.marker = 'same page'");
    const campaignId = `cmp-web-${randomUUID().slice(0, 6)}`;
    const today = new Date().toISOString().slice(0, 10);
    // The toast shows for 6 s: watch for it from before the push, so a slow browser cannot miss it.
    const toast = manager
      .locator('.toast', { hasText: 'new case' })
      .waitFor({ timeout: 60_000 })
      .then(() => true);
    await pushEvents(stack, [
      {
        eventId: `web-${randomUUID()}`,
        type: 'spend',
        occurredAt: new Date().toISOString(),
        source: 'meta-ads',
        spend: {
          campaignId,
          channel: 'facebook',
          currency: 'USD',
          plannedBudget: 10_000,
          actualSpend: 14_000,
          conversions: 80,
          periodStart: today,
          periodEnd: today,
        },
      },
    ]);

    await expect
      .poll(() => manager.locator('.case-row', { hasText: campaignId }).count(), { timeout: 60_000 })
      .toBe(1);
    expect(await toast).toBe(true);
    expect(await manager.evaluate('window.marker')).toBe('same page');
    const expected = countsByCell(await unresolvedCases());
    await expect
      .poll(() => heatMapCounts(manager))
      .toEqual(new Map(CELLS.map((c) => [c, expected.get(c) ?? 0])));
    await screenshot(manager, '11-new-case-arrived');
  });

  it('shows a case at its latest and worst finding, dated: card, heat-map cell and detail', async () => {
    // Prepare: a campaign 15 % over plan two hours ago, 28 % over an hour ago.
    const campaignId = `cmp-late-${randomUUID().slice(0, 6)}`;
    const today = new Date().toISOString().slice(0, 10);
    const report = (hoursAgo: number, actualSpend: number) => ({
      eventId: `late-${randomUUID()}`,
      type: 'spend',
      occurredAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
      source: 'meta-ads',
      spend: {
        campaignId,
        channel: 'facebook',
        currency: 'USD',
        plannedBudget: 20_000,
        actualSpend,
        conversions: 80,
        periodStart: today,
        periodEnd: today,
      },
    });
    const latest = report(1, 25_600);
    await pushEvents(stack, [report(2, 23_000)]);
    await pushEvents(stack, [latest]);
    const listed = (await unresolvedCases()).find((item) => item.subject.label.includes(campaignId));
    if (listed === undefined) throw new Error('Expected the campaign to have a case');
    const { case: stored } = await apiGet<{ case: Case & { findings: (Finding & DatedFinding)[] } }>(
      stack,
      MANAGER_TOKEN,
      `/cases/${listed.caseId}`,
    );
    const [headline] = stored.findings;
    if (headline === undefined) throw new Error('Expected findings');

    // Act
    await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Open cases' }).click();
    const card = manager.locator(`[data-case-id="${stored.caseId}"]`);
    await card.waitFor({ timeout: 15_000 });

    // Assess: the headline is the worst finding and the latest report's; the case sits in its cell.
    expect(headline.seenAt).toBe(latest.occurredAt);
    expect([stored.probability, stored.impact]).toEqual([headline.probability, headline.impact]);
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain(headline.message);
    expect(cardText).toContain('25,600');
    expect(cardText).not.toContain('23,000');
    expect(await card.locator('time').getAttribute('datetime')).toBe(headline.seenAt);
    await expect
      .poll(() =>
        manager.locator(`[data-cell="${stored.probability}-${stored.impact}"] .heatmap-count`).textContent(),
      )
      .toBe(String(countsByCell(await unresolvedCases()).get(`${stored.probability}-${stored.impact}`)));

    await card.locator('a.case-title').click();
    await manager.getByRole('heading', { name: 'What happened' }).waitFor();
    const dates = await manager
      .locator('.findings .finding-date')
      .evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));
    expect(dates).toEqual(stored.findings.map((finding) => finding.seenAt));
    await screenshot(manager, '11b-case-latest-and-worst');
  });

  it('searches the case library by risk type and text', async () => {
    await manager
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Case library' })
      .click();
    await manager.locator('.case-row').first().waitFor();
    await manager.getByLabel('Text').fill('Glow Serum');
    await manager.getByRole('button', { name: 'Search' }).click();

    // The server searches the whole library (GET /v1/cases?q=): one case or several may match.
    await expect
      .poll(() => manager.locator('.results-title').textContent())
      .toMatch(/match(es)? “Glow Serum”/);
    const rows = await manager.locator('.case-row').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('Glow Serum');

    await manager.getByLabel('Text').fill('');
    await manager.getByLabel('Risk type').selectOption('budget');
    await manager.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(async () => (await manager.locator('.risk-type').allTextContents()).every((t) => t === 'Budget'))
      .toBe(true);
    await manager.getByLabel('Status').selectOption('resolved');
    await manager.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => manager.locator(`[data-case-id="${redCase.caseId}"]`).count()).toBe(1);
    await screenshot(manager, '12-case-library');
  });

  it('approves a red budget case’s guarded action after a confirmation, and shows it carried out', async () => {
    // A campaign whose period ended 80 % over plan: a red budget case asking to pause it (the shipped policy).
    const campaignId = `cmp-act-${randomUUID().slice(0, 6)}`;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await pushEvents(stack, [
      {
        eventId: `web-act-${randomUUID()}`,
        type: 'spend',
        occurredAt: new Date().toISOString(),
        source: 'meta-ads',
        spend: {
          campaignId,
          channel: 'facebook',
          currency: 'USD',
          plannedBudget: 10_000,
          actualSpend: 18_000,
          conversions: 80,
          periodStart: day(-20),
          periodEnd: day(-1),
        },
      },
    ]);
    const { items } = await apiGet<{ items: Case[] }>(
      stack,
      MANAGER_TOKEN,
      `/cases?campaignId=${campaignId}`,
    );
    const caseId = items[0]?.caseId ?? '';
    await manager.goto(`${stack.url}/cases/${caseId}`);

    // The request is made from the table stream and the panel polls: generous on a loaded box.
    const panel = manager.getByTestId('action-requests');
    await expect.poll(() => panel.textContent(), { timeout: 60_000 }).toContain('Waiting for approval');
    await panel.getByRole('button', { name: 'Approve' }).click();
    await panel.getByLabel('Note (optional)').fill('Pause until finance reviews the plan.');
    await screenshot(manager, '13-action-confirm');
    await panel.getByRole('button', { name: 'Yes, confirm' }).click();

    await expect
      .poll(() => panel.textContent(), { timeout: 60_000 })
      .toContain('Carried out after 1 attempt');
    expect(await panel.textContent()).toContain('Pause until finance reviews the plan.');
    await screenshot(manager, '14-action-carried-out');
    const detail = await apiGet<CaseDetail>(stack, MANAGER_TOKEN, `/cases/${caseId}`);
    expect(detail.audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['action-requested', 'action-approved', 'action-succeeded']),
    );
  }, 180_000);
});
