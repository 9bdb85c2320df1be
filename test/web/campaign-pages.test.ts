import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import type { Campaign } from '#shared/domain/catalogue.ts';
import type { BrandOverview, CampaignOverview } from '#shared/schemas/overviews.ts';
import { demoScenario } from '../../cli/demo/scenario.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, type Browser, launchBrowser, pushEvents, screenshot } from './browser.ts';

/**
 * The campaign and brand pages (issue #16 point 5) in Chromium against the real local stack with the demo
 * scenario: the demo's spring launch has spend drifting over budget, ad copy naming it and its brand's
 * sentiment spiking, all of which its page shows on one timeline; a manager completes a campaign first seen
 * in a spend report (and meets someone else's save as a 409); the brand page's heat map shows the API's
 * weekly counts.
 */

const MANAGER_TOKEN = 'dev-manager-token';
const LEGAL_TOKEN = 'dev-legal-token';
const CAMPAIGN = 'cmp-demo-spring-launch';
const BRAND = 'Lumière';
/** A second manager: a re-allocation Ana (the dev manager) requests is decided by someone else. */
const LI_TOKEN = 'li-manager-token';
const USERS = [{ token: LI_TOKEN, name: 'Li Manager', username: 'li', roles: ['manager'] }];

let stack: LocalStack;
let browser: Browser;
let dataDir: string;
let runId: string;

/** A tab signed in as `role` (the session lives in sessionStorage), in English, at `path`. */
const open = async (role: 'legal' | 'manager', path: string, token?: string): Promise<Page> => {
  const page = await browser.context.newPage();
  const session = {
    token: token ?? (role === 'legal' ? LEGAL_TOKEN : MANAGER_TOKEN),
    roles: [role],
    name: `dev:${role}`,
  };
  await page.addInitScript(
    `if (sessionStorage.getItem('radar.session') === null) {` +
      `sessionStorage.setItem('radar.session', ${JSON.stringify(JSON.stringify(session))});` +
      `localStorage.setItem('radar.locale', 'en'); }`,
  );
  await page.goto(`${stack.url}${path}`);
  await page.locator('main h1').first().waitFor();
  return page;
};

/** A campaign as the catalogue holds it now (GET /v1/campaigns/{id} gives it with its change lines). */
const campaignOf = async (campaignId: string): Promise<Campaign> =>
  (await apiGet<{ campaign: Campaign }>(stack, MANAGER_TOKEN, `/campaigns/${encodeURIComponent(campaignId)}`))
    .campaign;

const put = async (path: string, body: unknown): Promise<Response> =>
  fetch(`${stack.url}/v1${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${MANAGER_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('campaign-pages', { RADAR_USERS: JSON.stringify(USERS) }));
  browser = await launchBrowser();
  runId = randomUUID().slice(0, 8);
  // One event a request, in the story's order: a busy machine stores each well within the function's timeout.
  for (const part of demoScenario(new Date(), runId))
    for (const event of part.events) await pushEvents(stack, [event]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Campaign page', () => {
  it('shows the spend, sentiment and ad copy cases of one campaign on one timeline', async () => {
    // Prepare: what the API says the campaign's cases are.
    const overview = await apiGet<CampaignOverview>(
      stack,
      MANAGER_TOKEN,
      `/campaigns/${encodeURIComponent(CAMPAIGN)}/overview`,
    );
    const riskTypeOf = new Map(overview.cases.map((item) => [item.caseId, item.riskType]));

    // Act
    const page = await open('manager', `/campaigns/${CAMPAIGN}`);
    const timeline = page.locator('[data-testid="campaign-timeline"] li');
    await timeline.first().waitFor();
    const entries = await timeline.evaluateAll((items) =>
      items.map((item) => ({
        caseId: item.getAttribute('data-case-id') ?? '',
        riskType: item.getAttribute('data-risk-type') ?? '',
        href: item.querySelector('a')?.getAttribute('href') ?? '',
      })),
    );
    const copies = await page
      .locator('[data-testid="campaign-copies"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-copy-id')));
    const spendPoints = await page.locator('[data-testid="spend-chart"] circle').count();
    await screenshot(page, 'campaign-page');
    // The risk-type switch narrows the timeline to one kind.
    await page.locator('.timeline-filter button[data-risk-type="reputation"]').click();
    const onlyReputation = await timeline.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-risk-type')),
    );
    await page.close();

    // Assess: spend (budget), sentiment (reputation) and copy (compliance) on the one list, each line the
    // API's case of that type, linking to it.
    const kinds = new Set(entries.map((entry) => entry.riskType));
    expect(kinds).toContain('budget');
    expect(kinds).toContain('reputation');
    expect(kinds).toContain('compliance');
    for (const entry of entries) {
      expect(riskTypeOf.get(entry.caseId)).toBe(entry.riskType);
      expect(entry.href).toBe(`/cases/${encodeURIComponent(entry.caseId)}`);
    }
    expect(new Set(entries.map((entry) => entry.caseId))).toEqual(
      new Set(overview.timeline.map((entry) => entry.caseId)),
    );
    expect(entries).toHaveLength(overview.timeline.length);
    expect(copies.sort()).toEqual(overview.copies.map((copy) => copy.copyId).sort());
    expect(copies).toContain('demo-zh-1');
    const reports = overview.spend.channels.flatMap((channel) => channel.snapshots).length;
    expect(reports).toBeGreaterThan(0);
    expect(spendPoints).toBe(reports);
    expect(onlyReputation.length).toBeGreaterThan(0);
    expect(new Set(onlyReputation)).toEqual(new Set(['reputation']));
  });

  it('links a case’s brand and campaign to their pages', async () => {
    // Prepare
    const overview = await apiGet<CampaignOverview>(stack, MANAGER_TOKEN, `/campaigns/${CAMPAIGN}/overview`);
    const copyCase = overview.copies[0]?.caseId ?? '';

    // Act
    const page = await open('manager', `/cases/${encodeURIComponent(copyCase)}`);
    await page.locator('.facts a[href^="/campaigns/"]').first().click();
    await page.locator('[data-testid="campaign-timeline"]').waitFor();
    const atCampaign = new URL(page.url()).pathname;
    await page.locator(`nav.breadcrumbs a[href^="/brands/"]`).click();
    await page.locator('[data-testid="heat-weeks"]').waitFor();
    const atBrand = decodeURIComponent(new URL(page.url()).pathname);
    await page.close();

    // Assess
    expect(atCampaign).toBe(`/campaigns/${CAMPAIGN}`);
    expect(atBrand).toBe(`/brands/${BRAND}`);
  });
});

describe('Campaign catalogue', () => {
  it('lets a manager complete a campaign first seen in a spend report, and the change shows', async () => {
    // Prepare: a spend report of a campaign nobody registered.
    const campaignId = `cmp-first-${runId}`;
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await pushEvents(stack, [
      {
        eventId: `first-sight-${runId}`,
        type: 'spend',
        occurredAt: new Date().toISOString(),
        source: 'meta-ads-export',
        spend: {
          campaignId,
          channel: 'facebook',
          currency: 'USD',
          plannedBudget: 5_000,
          actualSpend: 1_000,
          periodStart: today,
          periodEnd: later,
        },
      },
    ]);
    const before = await campaignOf(campaignId);
    const page = await open('manager', '/campaigns?incomplete=1');
    const row = page.locator(`tr[data-campaign-id="${campaignId}"]`);
    await row.waitFor();
    const stateBefore = await row.locator('.badge').first().textContent();

    // Act: complete it in the form.
    await row.getByRole('button').click();
    await page.locator('#campaign-name').waitFor();
    await page.locator('#campaign-name').fill('Tết launch');
    await page.locator('#campaign-brand').fill(BRAND);
    await page.locator('#campaign-market').fill('vn');
    await page.locator('#campaign-owner').fill('bao');
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page.locator('#campaign-name').waitFor({ state: 'detached' });
    await page.goto(`${stack.url}/campaigns?incomplete=`);
    await row.waitFor();
    const stateAfter = await row.locator('.badge').first().textContent();
    const brandLink = await row.locator(`a[href^="/brands/"]`).textContent();
    const after = await campaignOf(campaignId);
    await page.goto(`${stack.url}/campaigns/${campaignId}`);
    await page.locator('[data-testid="campaign-facts"]').waitFor();
    const header = await page.locator('main h1').textContent();
    const facts = await page.locator('[data-testid="campaign-facts"]').textContent();
    await screenshot(page, 'campaign-completed');
    await page.close();

    // Assess
    expect(before.source).toBe('event');
    expect(before.brand).toBeUndefined();
    expect(stateBefore).toBe('Incomplete');
    expect(stateAfter).toBe('Complete');
    expect(brandLink).toBe(BRAND);
    expect(after).toMatchObject({
      name: 'Tết launch',
      brand: BRAND,
      market: 'VN',
      owner: 'bao',
      source: 'manager',
    });
    expect(after.plan).toEqual(before.plan);
    expect(after.version).toBe(before.version + 1);
    expect(header).toBe('Tết launch');
    expect(facts).toContain('bao');
    expect(facts).toContain('VN');
  });

  it('tells the manager when someone else saved the campaign first, and reloads theirs', async () => {
    // Prepare: the form open on the version read now.
    const campaignId = 'cmp-demo-evergreen';
    const page = await open('manager', `/campaigns?edit=${campaignId}`);
    await page.locator('#campaign-name').waitFor();
    const read = await campaignOf(campaignId);
    const theirs = await put(`/campaigns/${campaignId}`, {
      name: 'Evergreen (theirs)',
      version: read.version,
    });

    // Act
    await page.locator('#campaign-name').fill('Evergreen (mine)');
    await page.getByRole('button', { name: 'Save campaign' }).click();
    const conflict = await page.locator('[data-testid="campaign-conflict"]').textContent();
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect
      .poll(() => page.locator('#campaign-name').inputValue(), { timeout: 30_000, interval: 250 })
      .toBe('Evergreen (theirs)');
    const stored = await campaignOf(campaignId);
    await page.close();

    // Assess
    expect(theirs.status).toBe(200);
    expect(conflict).toContain('Changed by someone else');
    expect(stored.name).toBe('Evergreen (theirs)');
  });

  it('shows legal the catalogue read-only and refuses a field the catalogue does not take, in words', async () => {
    // Prepare + Act: legal reads; a manager types a market that is no country code.
    const legal = await open('legal', '/campaigns');
    await legal.locator('[data-testid="campaign-table"]').waitFor();
    const legalButtons = await legal.locator('[data-testid="campaign-table"] button').count();
    const readOnly = await legal.locator('.policy-readonly').textContent();
    await legal.close();
    const manager = await open('manager', `/campaigns?edit=${CAMPAIGN}`);
    await manager.locator('#campaign-market').fill('Vietnam');
    await manager.getByRole('button', { name: 'Save campaign' }).click();
    const problem = await manager.locator('#campaign-market-problems').textContent();
    const stored = await campaignOf(CAMPAIGN);
    await manager.close();

    // Assess
    expect(legalButtons).toBe(0);
    expect(readOnly).toContain('Read-only');
    expect(problem).toContain('Two capital letters');
    expect(stored.market).not.toBe('VIETNAM');
  });

  it('filters the catalogue by market on the server, and says so when a market is no country code', async () => {
    // Prepare
    const page = await open('manager', '/campaigns');
    await page.locator('[data-testid="campaign-table"]').waitFor();
    const market = page.getByRole('textbox', { name: 'Market' });

    // Act
    await market.fill('V');
    await page.getByRole('button', { name: 'Apply' }).click();
    const problem = await page.locator('.catalogue-filters [role="alert"]').textContent();
    const urlAfterWrong = new URL(page.url()).search;
    await market.fill('CN');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('market'), { timeout: 30_000 }).toBe('CN');
    await expect
      .poll(() => page.locator('tr[data-campaign-id="cmp-demo-evergreen"]').count(), { timeout: 30_000 })
      .toBe(0);
    const listed = await page
      .locator('[data-testid="campaign-table"] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-campaign-id')));
    await page.close();

    // Assess
    expect(problem).toContain('Two capital letters');
    expect(urlAfterWrong).not.toContain('market');
    expect(listed).toContain(CAMPAIGN);
    for (const campaignId of listed) expect((await campaignOf(String(campaignId))).market).toBe('CN');
  });
});

describe('Brand page', () => {
  it('shows the weekly counts of the brand’s heat map over time', async () => {
    // Prepare
    const overview = await apiGet<BrandOverview>(
      stack,
      MANAGER_TOKEN,
      `/brands/${encodeURIComponent(BRAND)}/overview`,
    );
    const weeks = overview.heatMap.weeks;
    const latest = weeks.at(-1);

    // Act
    const page = await open('manager', `/brands/${encodeURIComponent(BRAND)}`);
    await page.locator('[data-testid="heat-weeks"]').waitFor();
    const shownWeeks = await page.locator('[data-testid="heat-weeks"] button').evaluateAll((buttons) =>
      buttons.map((button) => ({
        week: button.getAttribute('data-week'),
        total: button.getAttribute('data-total'),
      })),
    );
    const grid = page.locator('[data-testid="heat-week-grid"]');
    const gridWeek = await grid.getAttribute('data-week');
    const cellCounts = new Map<string, number>();
    for (const cell of await grid.locator('[data-cell]').all()) {
      cellCounts.set(
        String(await cell.getAttribute('data-cell')),
        Number(await cell.locator('.heatmap-count').textContent()),
      );
    }
    await screenshot(page, 'brand-page');
    // An earlier week through its small multiple: the grid follows.
    const first = weeks[0];
    await page.locator(`[data-testid="heat-weeks"] button[data-week="${first?.week}"]`).click();
    const afterSelect = await grid.getAttribute('data-week');
    await page.close();

    // Assess: every week of the API's, in order, with its total; the latest week's matrix cell by cell.
    expect(shownWeeks).toEqual(weeks.map((week) => ({ week: week.week, total: String(week.total) })));
    expect(latest?.total).toBeGreaterThan(0);
    expect(gridWeek).toBe(latest?.week);
    for (const cell of latest?.cells ?? [])
      expect(cellCounts.get(`${cell.probability}-${cell.impact}`)).toBe(cell.count);
    const counted = [...cellCounts.values()].reduce((sum, count) => sum + count, 0);
    expect(counted).toBe(latest?.cells.reduce((sum, cell) => sum + cell.count, 0));
    expect(counted).toBeGreaterThan(0);
    expect(afterSelect).toBe(first?.week);
  });

  it('lets a manager set the brand’s owner and tier-2 managers', async () => {
    // Prepare
    const page = await open('manager', `/brands/${encodeURIComponent(BRAND)}`);
    await page.locator('#brand-owner').waitFor();

    // Act
    await page.locator('#brand-owner').fill('linh');
    await page.locator('#brand-managers').fill('an, bao ,an');
    await page.getByRole('button', { name: 'Save brand' }).click();
    await expect
      .poll(() => page.locator('[data-testid="brand-people"]').textContent(), {
        timeout: 30_000,
        interval: 250,
      })
      .toContain('an, bao');
    const people = await page.locator('[data-testid="brand-people"]').textContent();
    const stored = await apiGet<BrandOverview>(
      stack,
      MANAGER_TOKEN,
      `/brands/${encodeURIComponent(BRAND)}/overview`,
    );
    await page.close();

    // Assess
    expect(people).toContain('linh');
    expect(stored.brand.record).toMatchObject({ owner: 'linh', managers: ['an', 'bao'] });
  });
});

describe('Campaign page re-allocations', () => {
  it('lists a re-allocation with who asked and why, hides Approve from its requester, and lets another manager approve it', async () => {
    // Prepare: two planned campaigns, and Ana's request to move 1,500 EUR from one to the other.
    const [source, destination] = [`cmp-realloc-src-${runId}`, `cmp-realloc-dst-${runId}`];
    const plan = { currency: 'EUR', periodStart: '2026-12-01', periodEnd: '2026-12-31' };
    expect((await put(`/campaigns/${source}`, { plan: { ...plan, budget: 10_000 } })).status).toBe(201);
    expect((await put(`/campaigns/${destination}`, { plan: { ...plan, budget: 4_000 } })).status).toBe(201);
    const requested = await fetch(`${stack.url}/v1/reallocations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MANAGER_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        from: { campaignId: source },
        to: { campaignId: destination },
        amount: 1_500,
        currency: 'EUR',
        reason: 'Retargeting converts better',
      }),
    });
    expect(requested.status).toBe(201);
    const row = (page: Page) => page.locator('[data-testid="campaign-reallocations"] tbody tr').first();

    // Act: Ana sees her request without the decision; Li approves it with a note.
    const ana = await open('manager', `/campaigns/${source}`);
    await row(ana).waitFor({ timeout: 30_000 });
    const anaRow = await row(ana).textContent();
    const anaCanApprove = await row(ana).getByRole('button', { name: 'Approve' }).count();
    await ana.close();
    const li = await open('manager', `/campaigns/${source}`, LI_TOKEN);
    await row(li).getByRole('button', { name: 'Approve' }).waitFor({ timeout: 30_000 });
    await row(li).getByLabel('Note for the decision').fill('Agreed with finance');
    await row(li).getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() => row(li).getAttribute('data-state'), { timeout: 30_000, interval: 250 })
      .toBe('approved');
    const liRow = await row(li).textContent();
    await screenshot(li, 'campaign-reallocations');
    await li.close();

    // Assess
    expect(anaRow).toContain('Retargeting converts better');
    expect(anaRow).toContain('another manager decides');
    expect(anaCanApprove).toBe(0);
    expect(liRow).toContain('li');
    expect(liRow).toContain('Agreed with finance');
    expect((await campaignOf(source)).plan?.budget).toBe(8_500);
    expect((await campaignOf(destination)).plan?.budget).toBe(5_500);
  });
});
