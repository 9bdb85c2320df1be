import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { signatureHeader } from '#shared/auth/signature.ts';
import { describeField } from '#shared/domain/policy-fields.ts';
import { LOCALE_NAMES, LOCALES, type Locale } from '#shared/i18n/locales.ts';
import { freshCopyEvent } from '../fixtures/events.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, type Browser, launchBrowser, pushEvents, screenshot } from './browser.ts';

/**
 * The Policies area in a real browser against the real local stack (docs/web.md "Policies"): legal adds a
 * rule with its examples, sees a refused publish (409) with the failing example, fixes it, tests it against
 * a copy legal already decided, publishes, and the rule is live for POST /v1/evaluate; a manager publishes a
 * 5×5 matrix in the grid and the heat map follows it; a manager edits a spend threshold beside its
 * explanation and shipped default (a bad value refused at its field and kept, a good one tested and published);
 * each role sees the other's policy read-only; legal rolls back, then switches a shipped rule off.
 */

interface Review {
  reviewId: string;
  caseId: string;
  copy: { copyId: string; text: string };
  findings: { ruleId: string; evidence?: { text: string }[] }[];
}
interface Assessment {
  level: string;
  findings: { ruleId: string }[];
  engine: { rulesVersion: string; matrixVersion: string };
}
interface PolicyVersion {
  version: number;
  note: string;
  stamp: string;
  effective?: { probabilities: string[]; impacts: string[] };
}

/** A save, test or publish compiles the draft's rule packs: seconds on a busy machine. */
const SERVER_WORK = { timeout: 30_000, interval: 250 };

const LEGAL_TOKEN = 'dev-legal-token';
const MANAGER_TOKEN = 'dev-manager-token';

/** A brand's taboo: a competitor's product line no copy of ours may name. The shipped packs leave it alone. */
const TABOO = '星辰系列';
const RULE_ID = 'cn.custom.no-competitor-line';
/** Flagged by the shipped cn.absolute.best (最佳); legal approves it with an exception for 最佳. */
const DECIDED_TEXT = `全网最佳面霜，${TABOO}同款`;

let stack: LocalStack;
let browser: Browser;
let dataDir: string;
let legal: Page;
let manager: Page;
let decided: Review;

const copyEvent = (text: string) => freshCopyEvent({ text, campaignId: 'cmp-policies' });

/** POST /v1/evaluate as a signed pusher: the assessment ingest would make, nothing stored. */
const evaluate = async (text: string): Promise<Assessment> => {
  const body = JSON.stringify({ events: [copyEvent(text)] });
  const response = await fetch(`${stack.url}/v1/evaluate`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-radar-client': stack.credentials.clientId,
      'x-radar-signature': signatureHeader(stack.credentials.clientSecret, body, new Date()),
    },
    body,
  });
  if (!response.ok)
    throw new Error(`POST /v1/evaluate answered ${response.status}: ${await response.text()}`);
  const answer = (await response.json()) as { results: { assessment: Assessment }[] };
  const assessment = answer.results[0]?.assessment;
  if (assessment === undefined) throw new Error('POST /v1/evaluate answered no assessment');
  return assessment;
};

const signIn = async (role: 'legal' | 'manager'): Promise<Page> => {
  const page = await browser.context.newPage();
  await page.goto(`${stack.url}/`);
  await page.getByRole('button', { name: `Sign in as ${role} (dev)` }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
};

const openPolicy = async (page: Page, name: string): Promise<void> => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policies' }).click();
  await page.getByRole('link', { name }).click();
  await page.getByTestId('policy-status').waitFor();
};

/** A custom rule's text in every locale: one input each, named by the field and the language. */
const fillEveryLocale = async (page: Page, label: string, texts: Record<Locale, string>): Promise<void> => {
  for (const locale of LOCALES)
    await page.getByLabel(`${label}: ${LOCALE_NAMES[locale]}`).fill(texts[locale]);
};

const statusVersion = (page: Page): Promise<string | null> =>
  page.getByTestId('policy-status').getAttribute('data-version');

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('web-policies'));
  browser = await launchBrowser();

  // A copy legal has decided: approved, with an exception for its 最佳 (substantiated).
  await pushEvents(stack, [copyEvent(DECIDED_TEXT)]);
  const { items } = await apiGet<{ items: Review[] }>(
    stack,
    LEGAL_TOKEN,
    '/reviews?status=pending&limit=100',
  );
  const review = items.find((item) => item.copy.text === DECIDED_TEXT);
  if (review === undefined) throw new Error('The decided copy was not flagged for review');
  expect(review.findings.map((finding) => finding.ruleId)).toEqual(['cn.absolute.best']);
  const response = await fetch(`${stack.url}/v1/reviews/${review.reviewId}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${LEGAL_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      decision: 'approved',
      note: 'Market-share report substantiates 最佳.',
      exception: {
        ruleId: 'cn.absolute.best',
        phrase: '最佳',
        evidence: 'Nielsen market-share report 2026-Q3, ref. NS-4411',
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    }),
  });
  if (!response.ok) throw new Error(`The decision answered ${response.status}: ${await response.text()}`);
  decided = review;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Policies: legal owns the claim rules', () => {
  it('adds a rule with its examples; a publish whose example fails is refused with the failing example', async () => {
    // Prepare
    legal = await signIn('legal');
    await openPolicy(legal, 'Claim rules');
    expect(await statusVersion(legal)).toBe('0');

    // Act: a rule whose positive example misspells the phrase (星晨 for 星辰), saved and published.
    await legal.getByRole('button', { name: 'Add a rule' }).click();
    await legal.getByLabel('Chinese').check();
    await legal.getByLabel('Rule id').fill(RULE_ID);
    await legal.getByLabel('Markets').fill('CN');
    await legal.getByLabel('Phrases it flags (one per line)').fill(TABOO);
    await legal.getByLabel('Probability').selectOption('high');
    await legal.getByLabel('Impact').selectOption('severe');
    await legal
      .getByLabel('Legal basis')
      .fill('Acme brand guideline 4.2: competitors’ product lines are never named');
    await fillEveryLocale(legal, 'What is wrong (for the marketer)', {
      en: 'The copy names a competitor’s product line.',
      'zh-CN': '文案提到了竞争对手的产品线。',
      vi: 'Nội dung nhắc đến dòng sản phẩm của đối thủ.',
    });
    await fillEveryLocale(legal, 'What to write instead', {
      en: 'Name our own product line.',
      'zh-CN': '改为介绍我们自己的产品线。',
      vi: 'Hãy giới thiệu dòng sản phẩm của chính chúng ta.',
    });
    await legal.getByLabel('Copies it must flag (one per line)').fill('星晨系列同款面霜');
    await legal.getByLabel('Copies it must leave alone (one per line)').fill('我们的新面霜，温和不刺激');
    // A translation left blank keeps the rule out of the draft, named at its own input.
    const vietnamese = legal.getByLabel(`What to write instead: ${LOCALE_NAMES.vi}`);
    await vietnamese.fill('');
    await legal.getByRole('button', { name: 'Add to the draft' }).click();
    await expect.poll(() => vietnamese.getAttribute('aria-invalid')).toBe('true');
    expect(await legal.locator('#rule-suggestion-vi-problems').textContent()).toContain('is required');
    expect(await legal.locator(`[data-testid="claims-overlay"] [data-rule-id="${RULE_ID}"]`).count()).toBe(0);
    await vietnamese.fill('Hãy giới thiệu dòng sản phẩm của chính chúng ta.');
    await legal.getByRole('button', { name: 'Add to the draft' }).click();
    await legal.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => legal.locator('.toast').textContent(), SERVER_WORK).toContain('Draft saved');
    await legal.getByLabel('Note for the history (required)').fill('Acme guideline 4.2');
    await legal.getByRole('button', { name: 'Publish' }).click();

    // Assess: 409 on screen, and the test beneath names the failing example; nothing published.
    const refusal = legal.locator('.policy-publish [role="alert"]');
    await expect.poll(() => refusal.textContent(), SERVER_WORK).toContain('Not published.');
    await expect
      .poll(() => legal.getByTestId('example-failures').textContent(), SERVER_WORK)
      .toContain('星晨系列同款面霜');
    await screenshot(legal, '20-policies-claims-409');
    expect((await apiGet<PolicyVersion>(stack, LEGAL_TOKEN, '/policies/claims')).version).toBe(0);
    const draft = await apiGet<{ document: { rules: { message: unknown }[] } }>(
      stack,
      LEGAL_TOKEN,
      '/policies/claims/draft',
    );
    expect(draft.document.rules[0]?.message).toEqual({
      en: 'The copy names a competitor’s product line.',
      'zh-CN': '文案提到了竞争对手的产品线。',
      vi: 'Nội dung nhắc đến dòng sản phẩm của đối thủ.',
    });
    expect(await legal.locator(`[data-testid="claims-overlay"] [data-rule-id="${RULE_ID}"]`).count()).toBe(1);
  });

  it('fixes the example, tests it and sees the decided copy it would newly flag, a regression', async () => {
    // Act
    await legal
      .getByRole('button', { name: `Edit ${RULE_ID}` })
      .first()
      .click();
    await legal.getByLabel('Copies it must flag (one per line)').fill(`${TABOO}同款面霜`);
    await legal.getByRole('button', { name: 'Update in the draft' }).click();
    await legal.getByRole('button', { name: 'Test the changes' }).click();

    // Assess
    const row = legal.locator(`[data-testid="regression-changes"] tr[data-case-id="${decided.caseId}"]`);
    await row.waitFor({ timeout: SERVER_WORK.timeout });
    expect(await row.getAttribute('data-verdict')).toBe('newly-flagged');
    expect(await row.getAttribute('class')).toContain('is-regression');
    expect(await row.textContent()).toContain('Approved');
    expect(await legal.getByTestId('example-failures').count()).toBe(0);
    await screenshot(legal, '21-policies-claims-test');
  });

  it('publishes with a note: the rule is live for POST /v1/evaluate, with the new rules version stamped', async () => {
    // Prepare
    const before = await evaluate(`${TABOO}同款，限时特价`);
    expect(before.findings.map((finding) => finding.ruleId)).not.toContain(RULE_ID);

    // Act
    await legal.getByLabel('Note for the history (required)').fill('Acme guideline 4.2: no competitor lines');
    await legal.getByRole('button', { name: 'Save and publish' }).click();

    // Assess
    await expect.poll(() => statusVersion(legal), SERVER_WORK).toBe('1');
    const active = await apiGet<PolicyVersion>(stack, LEGAL_TOKEN, '/policies/claims');
    expect(active).toMatchObject({ version: 1, note: 'Acme guideline 4.2: no competitor lines' });
    await expect
      .poll(
        async () => (await evaluate(`${TABOO}同款，限时特价`)).findings.map((finding) => finding.ruleId),
        {
          timeout: 60_000,
          interval: 2_000,
        },
      )
      .toContain(RULE_ID);
    const after = await evaluate(`${TABOO}同款，限时特价`);
    expect(after.engine.rulesVersion).toContain(active.stamp);
    await expect
      .poll(() => legal.locator('[data-testid="policy-versions"] tr[data-version="1"]').textContent())
      .toContain('no competitor lines');
    await screenshot(legal, '22-policies-claims-published');
  });
});

describe('Policies: managers own the matrix', () => {
  it('publishes a 5×5 matrix built in the grid, and the heat map shows 5×5', async () => {
    // Prepare
    manager = await signIn('manager');
    await openPolicy(manager, 'Risk matrix');
    expect(await manager.getByTestId('matrix-editor').getAttribute('data-size')).toBe('3x3');

    // Act: two rows and two columns, the new labels renamed, one cell raised.
    await manager.getByRole('button', { name: 'Add a probability (row on top)' }).click();
    await manager.getByRole('button', { name: 'Add a probability (row on top)' }).click();
    await manager.getByRole('button', { name: 'Add an impact (column on the right)' }).click();
    await manager.getByRole('button', { name: 'Add an impact (column on the right)' }).click();
    await manager.getByLabel('Probability 4 label').fill('likely');
    await manager.getByLabel('Probability 4 label').press('Enter');
    await manager.getByLabel('Probability 5 label').fill('almost-certain');
    await manager.getByLabel('Probability 5 label').press('Enter');
    await manager.getByLabel('Impact 4 label').fill('major');
    await manager.getByLabel('Impact 4 label').press('Enter');
    await manager.getByLabel('Impact 5 label').fill('catastrophic');
    await manager.getByLabel('Impact 5 label').press('Enter');
    const corner = manager.locator('[data-cell="low-minor"]');
    await corner.click();
    // low × minor is now yellow above its neighbours' green: the level drop is shown on the cells.
    await expect.poll(() => manager.locator('.matrix-cell.has-problem').count()).toBeGreaterThan(0);
    await corner.click();
    await corner.click();
    await expect.poll(() => corner.getAttribute('data-level')).toBe('green');
    expect(await manager.locator('.matrix-cell.has-problem').count()).toBe(0);
    await manager.locator('[data-cell="almost-certain-minor"]').click();
    expect(await manager.getByTestId('matrix-editor').getAttribute('data-size')).toBe('5x5');
    await screenshot(manager, '23-policies-matrix-grid');
    await manager.getByLabel('Note for the history (required)').fill('5×5 matrix agreed with risk committee');
    await manager.getByRole('button', { name: 'Save and publish' }).click();

    // Assess
    await expect.poll(() => statusVersion(manager), SERVER_WORK).toBe('1');
    const active = await apiGet<PolicyVersion>(stack, MANAGER_TOKEN, '/policies/matrix');
    expect(active.effective?.probabilities).toEqual(['low', 'medium', 'high', 'likely', 'almost-certain']);
    expect(active.effective?.impacts).toEqual(['minor', 'moderate', 'severe', 'major', 'catastrophic']);
    await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Open cases' }).click();
    await expect
      .poll(() => manager.getByTestId('heatmap-grid').getAttribute('data-size'), SERVER_WORK)
      .toBe('5x5');
    expect(await manager.locator('.heatmap-cell').count()).toBe(25);
    expect(await manager.locator('[data-cell="almost-certain-catastrophic"]').count()).toBe(1);
    await screenshot(manager, '24-policies-heatmap-5x5');
  });
});

describe('Policies: managers own the thresholds', () => {
  it('shows each field with what it does and its shipped default; a bad value is refused at its field and kept', async () => {
    // Prepare
    await openPolicy(manager, 'Spend thresholds');
    const interval = manager.locator('[data-path="pacing.interval"]');
    const input = interval.locator('input');
    expect(await interval.textContent()).toContain(describeField('spend', ['pacing', 'interval']));
    expect(await interval.textContent()).toContain('As shipped');

    // Act: a forecast interval of 150 %, then saved.
    await input.fill('1.5');
    await manager.getByRole('button', { name: 'Save draft' }).click();

    // Assess: refused at the field, nothing saved, the value still in the form.
    await expect.poll(() => interval.locator('.field-problems').textContent()).toContain('must be in');
    expect(await manager.locator('.policy-actions [role="alert"]').textContent()).toContain('was not saved');
    expect(await input.inputValue()).toBe('1.5');
    const draft = await fetch(`${stack.url}/v1/policies/spend/draft`, {
      headers: { authorization: `Bearer ${MANAGER_TOKEN}` },
    });
    expect(draft.status).toBe(404);
    await screenshot(manager, '28-policies-spend-refused');
  });

  it('publishes a changed threshold tested against recent cases; only the difference is stored', async () => {
    // Act
    const interval = manager.locator('[data-path="pacing.interval"]');
    await interval.locator('input').fill('0.8');
    await manager.getByRole('button', { name: 'Test the changes' }).click();
    await expect
      .poll(() => manager.getByTestId('policy-test').textContent(), SERVER_WORK)
      .toContain('recent cases');
    await manager.getByLabel('Note for the history (required)').fill('Pacing warns on an 80 % interval');
    await manager.getByRole('button', { name: 'Save and publish' }).click();

    // Assess
    await expect.poll(() => statusVersion(manager), SERVER_WORK).toBe('1');
    expect(await interval.textContent()).toContain('Shipped default: 0.9');
    const active = await apiGet<
      PolicyVersion & { document: unknown; effective: { pacing: { interval: number } } }
    >(stack, MANAGER_TOKEN, '/policies/spend');
    expect(active.document).toEqual({ pacing: { interval: 0.8 } });
    expect(active.effective.pacing.interval).toBe(0.8);
    await screenshot(manager, '29-policies-spend-published');
  });
});

describe('Policies: the other role reads, read-only', () => {
  it('shows legal the matrix without any edit control, and a manager the claims likewise', async () => {
    // Act
    await openPolicy(legal, 'Risk matrix');
    await openPolicy(manager, 'Claim rules');

    // Assess
    await legal.getByTestId('policy-readonly').waitFor();
    expect(await legal.getByTestId('matrix-editor').getAttribute('data-size')).toBe('5x5');
    expect(await legal.locator('button.matrix-cell').count()).toBe(0);
    expect(await legal.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    expect(await legal.getByRole('button', { name: /Roll back/ }).count()).toBe(0);
    await screenshot(legal, '25-policies-matrix-read-only');

    await manager.getByTestId('policy-readonly').waitFor();
    await manager.locator(`[data-testid="claims-overlay"] [data-rule-id="${RULE_ID}"]`).waitFor();
    expect(await manager.getByRole('button', { name: 'Add a rule' }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: /Switch off/ }).count()).toBe(0);
    await screenshot(manager, '26-policies-claims-read-only');
  });
});

describe('Policies: roll back', () => {
  it('legal rolls the claims back to the shipped packs with a note, and the rule stops firing', async () => {
    // Act
    await openPolicy(legal, 'Claim rules');
    await legal.getByRole('button', { name: 'Roll back to version 0' }).click();
    await legal.getByLabel('Why restore version 0 (required)').fill('Guideline 4.2 withdrawn');
    await legal.getByRole('button', { name: 'Roll back', exact: true }).click();

    // Assess
    await expect.poll(() => statusVersion(legal), SERVER_WORK).toBe('2');
    await expect
      .poll(() => legal.locator('[data-testid="policy-versions"] tr[data-version="2"]').textContent())
      .toContain('Rolled back to version 0');
    await expect
      .poll(
        async () => (await evaluate(`${TABOO}同款，限时特价`)).findings.map((finding) => finding.ruleId),
        {
          timeout: 60_000,
          interval: 2_000,
        },
      )
      .not.toContain(RULE_ID);
    await screenshot(legal, '27-policies-claims-rolled-back');
  });
});

describe('Policies: a shipped rule switched off', () => {
  it('legal switches off a shipped rule with a reason and publishes: it no longer fires', async () => {
    // Prepare
    const before = await evaluate('全网最佳面霜');
    expect(before.findings.map((finding) => finding.ruleId)).toContain('cn.absolute.best');

    // Act
    await legal.getByLabel('Find a rule').fill('cn.absolute.best');
    await legal.getByRole('button', { name: 'Switch off: cn.absolute.best' }).click();
    await legal.getByLabel('Reason (required)').fill('Brand-approved superlatives reviewed case by case');
    await legal.getByRole('button', { name: 'Switch off in the draft' }).click();
    await legal.getByLabel('Note for the history (required)').fill('Superlatives off for the launch');
    await legal.getByRole('button', { name: 'Save and publish' }).click();

    // Assess
    await expect.poll(() => statusVersion(legal), SERVER_WORK).toBe('3');
    const listed = legal.locator('[data-testid="claims-overlay"] [data-rule-id="cn.absolute.best"]');
    expect(await listed.textContent()).toContain('Brand-approved superlatives');
    await expect
      .poll(async () => (await evaluate('全网最佳面霜')).findings.map((finding) => finding.ruleId), {
        timeout: 60_000,
        interval: 2_000,
      })
      .not.toContain('cn.absolute.best');
    await screenshot(legal, '30-policies-claims-rule-switched-off');
  });
});
