import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { exportText } from '#shared/export/labels.ts';
import { domainWord } from '#shared/i18n/vocabulary.ts';
import { demoScenario } from '../../cli/demo/scenario.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, type Browser, launchBrowser, pushEvents, screenshot } from './browser.ts';

/**
 * Owners, "my cases", the library's server search and the export buttons (issue #16), in Chromium against
 * the local stack with the demo scenario: a manager reassigns a case and reads it in the audit trail; "My
 * cases" lists only the caller's (the API resolves `owner=me` to the dev manager, `local-manager`); the
 * library finds a resolved case by a word of its root cause through `GET /v1/cases?q=`; the export buttons
 * download CSV files with Chinese and Vietnamese rows and an evidence pack that is a PDF.
 */

const LEGAL_TOKEN = 'dev-legal-token';
const MANAGER_TOKEN = 'dev-manager-token';
/** The dev manager's username (infra/local/cognito-claims.ts): what `owner=me` means for MANAGER_TOKEN. */
const ME = 'local-manager';

interface Case {
  caseId: string;
  riskType: string;
  status: string;
  owner?: string;
  subject: { copyId?: string };
}
interface AuditEntry {
  action: string;
  actor: string;
  from?: string;
  to?: string;
  note?: string;
}
interface Review {
  reviewId: string;
  caseId: string;
  copy: { copyId: string; text: string; lang: string };
}

let stack: LocalStack;
let browser: Browser;
let dataDir: string;
const ids: {
  budget?: string;
  compliance?: string;
  zhCopy?: string;
  zhReview?: string;
  zhCase?: string;
  others: string[];
} = { others: [] };

const apiPost = async <T>(token: string, path: string, body: unknown): Promise<T> => {
  const response = await fetch(`${stack.url}/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

const casesOf = async (query: string): Promise<Case[]> =>
  (await apiGet<{ items: Case[] }>(stack, MANAGER_TOKEN, `/cases?${query}&limit=100`)).items;

/** A new tab signed in through the dev button of `role`. */
const signIn = async (role: 'legal' | 'manager', path: string): Promise<Page> => {
  const page = await browser.context.newPage();
  await page.goto(`${stack.url}/`);
  await page.getByRole('button', { name: `Sign in as ${role} (dev)` }).click();
  await page.locator('header.topbar').waitFor();
  await page.goto(`${stack.url}${path}`);
  await page.locator('header.topbar').waitFor();
  return page;
};

/** The case ids a case list on the page shows, once it shows `expected` of them. */
const listedIds = async (page: Page, expected: number): Promise<string[]> => {
  await expect.poll(() => page.locator('.case-row').count(), { timeout: 60_000 }).toBe(expected);
  return page.$$eval('.case-row', (rows) => rows.map((row) => row.getAttribute('data-case-id') ?? ''));
};

/** RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks) as rows of cells; a BOM is dropped. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index];
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[index + 1] === '\n') index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
};

/** Clicks `button` and returns the bytes of the file the browser saves. */
const download = async (page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> => {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
};

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('owners-search'));
  browser = await launchBrowser();
  // A few events a request, as a CMS or an ad export pushes them: each request stays well within its time.
  for (const part of demoScenario(new Date(), randomUUID().slice(0, 8)))
    for (let start = 0; start < part.events.length; start += 2)
      await pushEvents(stack, part.events.slice(start, start + 2));
  const open = await casesOf('status=open');
  ids.budget = open.find((item) => item.riskType === 'budget')?.caseId;
  const reviews = (await apiGet<{ items: Review[] }>(stack, LEGAL_TOKEN, '/reviews?status=pending&limit=100'))
    .items;
  const zh = reviews.find((review) => review.copy.lang === 'zh');
  ids.zhReview = zh?.reviewId;
  ids.zhCopy = zh?.copy.copyId;
  ids.zhCase = zh?.caseId;
  ids.compliance = open.find(
    (item) => item.riskType === 'compliance' && item.caseId !== zh?.caseId && item.caseId !== ids.budget,
  )?.caseId;
  ids.others = open
    .map((item) => item.caseId)
    .filter((caseId) => ![ids.budget, ids.compliance, zh?.caseId].includes(caseId));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Web app: owners', () => {
  it('has the cases the tests need', () => {
    expect(ids.budget).toBeDefined();
    expect(ids.compliance).toBeDefined();
    expect(ids.zhReview).toBeDefined();
    expect(ids.others.length).toBeGreaterThan(1);
  });

  it('reassigns a case from its page, and the audit trail says from whom to whom, by whom, why', async () => {
    // Prepare
    const page = await signIn('manager', `/cases/${ids.budget}`);
    await page.locator('#reassign-owner').waitFor({ timeout: 60_000 });
    const before = await apiGet<{ case: Case }>(stack, MANAGER_TOKEN, `/cases/${ids.budget}`);

    // Act
    await page.locator('#reassign-owner').fill('bao.tran');
    await page.locator('#reassign-note').fill('Bao runs the spring launch');
    await page.getByRole('button', { name: 'Reassign case' }).click();
    await expect.poll(() => page.locator('.owner-name').textContent(), { timeout: 10_000 }).toBe('bao.tran');
    const line = page.locator('.timeline-item.action-reassigned').first();
    await line.waitFor();
    const lineText = await line.textContent();
    const detail = await apiGet<{ case: Case; audit: AuditEntry[] }>(
      stack,
      MANAGER_TOKEN,
      `/cases/${ids.budget}`,
    );
    // The same person again is refused before any request: nothing changes.
    await page.locator('#reassign-owner').fill('bao.tran');
    await page.getByRole('button', { name: 'Reassign case' }).click();
    const refusal = await page.locator('#reassign-problem').textContent();
    await screenshot(page, 'owner-reassigned');
    await page.close();

    // Assess
    expect(lineText).toContain('Reassigned');
    expect(lineText).toContain(`${before.case.owner ?? 'nobody'} → bao.tran`);
    expect(lineText).toContain(`by ${ME}`);
    expect(lineText).toContain('Bao runs the spring launch');
    expect(detail.case.owner).toBe('bao.tran');
    expect(detail.audit.filter((entry) => entry.action === 'reassigned')).toEqual([
      expect.objectContaining({ to: 'bao.tran', actor: `user:${ME}`, note: 'Bao runs the spring launch' }),
    ]);
    expect(refusal).toBe('bao.tran already owns this case.');
  });

  it('"My cases" on the board and in the library lists only the caller’s, and stays in the URL', async () => {
    // Prepare: one case is the dev manager's, another someone else's.
    await apiPost(MANAGER_TOKEN, `/cases/${ids.compliance}/owner`, { owner: ME });
    const other = ids.others[0];
    await apiPost(MANAGER_TOKEN, `/cases/${other}/owner`, { owner: 'lan.nguyen' });
    const mine = (await casesOf(`owner=${ME}`)).map((item) => item.caseId);
    const page = await signIn('manager', '/cases');
    await page.locator('.case-row').first().waitFor({ timeout: 60_000 });

    // Act
    await page.getByRole('button', { name: 'My cases' }).click();
    const onBoard = await listedIds(page, 1);
    const boardUrl = page.url();
    await page.reload();
    const afterReload = await listedIds(page, 1);
    const pressed = await page.getByRole('button', { name: 'My cases' }).getAttribute('aria-pressed');
    await page.goto(`${stack.url}/library`);
    await page.locator('.case-row').first().waitFor({ timeout: 60_000 });
    const everyone = await page.locator('.case-row').count();
    await page.getByRole('button', { name: 'My cases' }).click();
    const inLibrary = await listedIds(page, 1);
    await screenshot(page, 'library-my-cases');
    await page.close();

    // Assess
    expect(mine).toEqual([ids.compliance]);
    expect(onBoard).toEqual([ids.compliance]);
    expect(new URL(boardUrl).searchParams.get('owner')).toBe('me');
    expect(afterReload).toEqual([ids.compliance]);
    expect(pressed).toBe('true');
    expect(everyone).toBeGreaterThan(1);
    expect(inLibrary).toEqual([ids.compliance]);
  });
});

describe('Web app: the library searches on the server', () => {
  it('finds a resolved case by a word of its root cause, as typing pauses, keeping the filters', async () => {
    // Prepare: a case resolved with a root cause; the search index follows the table stream.
    const target = ids.others[1];
    await apiPost(MANAGER_TOKEN, `/cases/${target}/resolve`, {
      whys: [
        'The copy went live before legal saw it',
        'The agency reused last season’s brochure wording without its substantiation file',
      ],
      measures: ['Pulled the copy from every channel'],
      improvementPlan: 'Agency briefs link the claim file; nothing ships without a legal review id.',
    });
    // The API answers the browser's own question (the word and the status filter) before the browser asks it.
    await expect
      .poll(async () => (await casesOf('q=substantiation&status=resolved')).map((item) => item.caseId), {
        timeout: 90_000,
        interval: 500,
      })
      .toContain(target);
    const page = await signIn('manager', '/library?status=resolved');
    await page.locator('main h2#results-title').waitFor({ timeout: 60_000 });
    const searched: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v1/cases?')) searched.push(request.url());
    });

    // Act: typing, no Enter.
    await page.getByRole('searchbox').pressSequentially('substantiation', { delay: 30 });
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('q=substantiation');
    // The resolved list may already hold one case before the answer for the word arrives: wait for the title
    // that names the search, then read its rows.
    const answered = await expect
      .poll(() => page.locator('#results-title').textContent(), { timeout: 60_000, interval: 250 })
      .toContain('matches “substantiation”')
      .then(
        () => true,
        async (error: unknown) => {
          // Say what the API answers now beside what the page shows, so a failure tells index from page.
          const api = await casesOf('q=substantiation&status=resolved');
          const now = await apiGet<Case>(stack, MANAGER_TOKEN, `/cases/${target}`);
          throw new Error(
            `${String(error)}; the page asked ${JSON.stringify(searched)}; the API now finds ` +
              `${JSON.stringify(api.map((item) => [item.caseId, item.status]))}; the case is ${now.status}`,
          );
        },
      );
    expect(answered).toBe(true);
    const found = await listedIds(page, 1);
    const title = await page.locator('#results-title').textContent();
    await page.getByRole('searchbox').fill('quasar moonbeam');
    await page.locator('.empty-title').waitFor({ timeout: 30_000 });
    const empty = await page.locator('.empty-title').textContent();
    await page.close();

    // Assess
    expect(found).toEqual([target]);
    expect(title).toContain('1 case matches “substantiation”');
    // One request for the word (not one per key), carrying the status filter along.
    const forWord = searched.filter((url) => new URL(url).searchParams.get('q') === 'substantiation');
    expect(forWord).toHaveLength(1);
    expect(new URL(forWord[0] ?? '').searchParams.get('status')).toBe('resolved');
    // Typing pauses only at the end on a quiet machine; a stalled browser may also search a prefix it paused
    // on, but never one request per key.
    const words = searched.map((url) => new URL(url).searchParams.get('q')).filter((q) => q !== null);
    expect(words.filter((q) => q !== 'quasar moonbeam').every((q) => 'substantiation'.startsWith(q))).toBe(
      true,
    );
    expect(words.filter((q) => q !== 'quasar moonbeam').length).toBeLessThan('substantiation'.length / 2);
    expect(words).toContain('quasar moonbeam');
    expect(empty).toBe('No case matches “quasar moonbeam”.');
  }, 180_000); // the index follows the stream: on a loaded CI box that alone can take a minute
});

describe('Web app: export buttons', () => {
  it('downloads the review queue as CSV with its Chinese and Vietnamese copies', async () => {
    // Prepare
    const page = await signIn('legal', '/reviews');
    await page.locator('.queue-item').first().waitFor({ timeout: 60_000 });

    // Act
    const file = await download(page, () =>
      page.getByRole('button', { name: 'Export the legal reviews as CSV' }).click(),
    );
    await page.close();

    // Assess
    const rows = parseCsv(file.bytes.toString('utf8'));
    const header = rows[0] ?? [];
    expect(file.name).toMatch(/\.csv$/);
    expect(header).toContain(exportText('en', 'column.reviewId'));
    expect(header).toContain(exportText('en', 'column.copyText'));
    const text = header.indexOf(exportText('en', 'column.copyText'));
    const copies = rows.slice(1).map((row) => row[text] ?? '');
    expect(copies).toContain('全网最佳美白精华，三天见效！');
    expect(copies).toContain('Kem dưỡng trắng da tốt nhất cho làn da của bạn.');
  });

  it('downloads the library as filtered, and the exceptions', async () => {
    // Prepare
    const page = await signIn('manager', '/library?riskType=compliance');
    await page.locator('.case-row').first().waitFor({ timeout: 60_000 });
    const compliance = (await casesOf('riskType=compliance')).length;

    // Act
    const cases = await download(page, () =>
      page.getByRole('button', { name: 'Export the cases as filtered as CSV' }).click(),
    );
    await page.close();
    const legal = await signIn('legal', '/exceptions');
    const exceptions = await download(legal, () =>
      legal.getByRole('button', { name: 'Export the exceptions as CSV' }).click(),
    );
    await legal.close();

    // Assess
    const rows = parseCsv(cases.bytes.toString('utf8')).filter((row) => row.some((cell) => cell !== ''));
    const header = rows[0] ?? [];
    const riskType = header.indexOf(exportText('en', 'column.riskType'));
    expect(riskType).toBeGreaterThanOrEqual(0);
    expect(rows.length - 1).toBe(compliance);
    expect(new Set(rows.slice(1).map((row) => row[riskType]))).toEqual(
      new Set([domainWord('en', 'riskType', 'compliance')]),
    );
    expect(parseCsv(exceptions.bytes.toString('utf8'))[0]).toContain(exportText('en', 'column.brand'));
  });

  it('downloads the evidence pack of a decided review as a PDF from its case', async () => {
    // Prepare: legal rejects the Chinese copy.
    await apiPost(LEGAL_TOKEN, `/reviews/${ids.zhReview}/decision`, {
      decision: 'rejected',
      note: '“全网最佳” is an absolute claim (《广告法》第九条).',
    });
    const detail = await apiGet<{ review?: { decision?: unknown } }>(
      stack,
      LEGAL_TOKEN,
      `/cases/${ids.zhCase}`,
    );
    const page = await signIn('legal', `/cases/${ids.zhCase}`);
    await page.locator('main h1').first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'evidence-pack-case');

    // Act
    const button = page.getByRole('button', {
      name: `Download the evidence pack of copy ${ids.zhCopy} as PDF`,
    });
    await button.waitFor({ timeout: 60_000 });
    const file = await download(page, () => button.click());
    await page.close();

    // Assess
    expect(detail.review?.decision).toBeDefined();
    expect(file.name).toMatch(/\.pdf$/);
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.bytes.length).toBeGreaterThan(1_000);
  });

  it('says in words why a download failed, and the button works again', async () => {
    // Prepare: the export answers 503 with a problem.
    const page = await signIn('manager', '/library');
    await page.route('**/v1/exports/cases.csv*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Service Unavailable', detail: 'try again in a moment', status: 503 }),
      }),
    );
    await page.goto(`${stack.url}/library`);
    await page.locator('.case-row').first().waitFor({ timeout: 60_000 });

    // Act
    const button = page.getByRole('button', { name: 'Export the cases as filtered as CSV' });
    await button.click();
    const alert = page.locator('.export [role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    const message = await alert.textContent();
    const enabled = await button.isEnabled();
    await page.close();

    // Assess
    expect(message).toContain('The file could not be downloaded.');
    expect(message).toContain('try again in a moment');
    expect(enabled).toBe(true);
  });
});
