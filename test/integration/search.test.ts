import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import { sentimentEvent } from '../fixtures/events.ts';
import { startTestStack } from '../support/test-stack.ts';
import { pushEvents } from '../web/browser.ts';

/**
 * Issue #16 point 6 over HTTP on the local stack: the stream indexer keeps the search index in line with
 * the case library, so a case resolved with a root cause is found by a word of it within seconds, by a
 * person whose scope covers its brand only; filters combine with the words.
 */

const MANAGER = 'dev-manager-token';
const ACME_ONLY = 'acme-only-manager-token';

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('search', {
    RADAR_USERS: JSON.stringify([{ token: ACME_ONLY, name: 'Ana', roles: ['manager'], brands: ['Acme'] }]),
  }));
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

type SearchPage = { items: RiskCase[]; cursor?: string; partial?: boolean };

const search = async (token: string, query: Record<string, string>): Promise<SearchPage> => {
  const response = await call(token, `/cases?${new URLSearchParams(query)}`);
  if (response.status !== 200)
    throw new Error(`search answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as SearchPage;
};

/**
 * Asks until the answer holds what is expected, for at most `ms`: the index follows the stream, a second
 * or two behind on a quiet machine (bench/suites/search.ts measures it), longer on a busy shared one.
 */
const eventually = async (
  ask: () => Promise<SearchPage>,
  done: (page: SearchPage) => boolean,
  ms = 90_000,
) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const page = await ask();
    if (done(page) || Date.now() > deadline) return page;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const ids = (page: SearchPage) => page.items.map((value) => value.caseId).sort();

describe('GET /v1/cases?q= (local stack)', () => {
  const caseOf = new Map<string, string>();

  beforeAll(async () => {
    // Three brands, one negative spike each: three reputation cases.
    const events = ['Acme', 'Bolt', 'Core'].map((brand) => ({
      ...sentimentEvent(
        { brand, mentions: 3_000, negative: 1_500, positive: 500, neutral: 1_000 },
        `e-search-${brand}`,
      ),
      occurredAt: new Date().toISOString(),
    }));
    const { results } = (await pushEvents(stack, events)) as { results: { caseId: string | null }[] };
    for (const [index, brand] of ['Acme', 'Bolt', 'Core'].entries()) {
      const caseId = results[index]?.caseId;
      if (typeof caseId !== 'string') throw new Error(`no case for ${brand}: ${JSON.stringify(results)}`);
      caseOf.set(brand, caseId);
    }
    // Acme's and Bolt's cases are resolved with the same root cause; Core's stays open.
    for (const brand of ['Acme', 'Bolt']) {
      const response = await call(MANAGER, `/cases/${caseOf.get(brand)}/resolve`, {
        method: 'POST',
        body: JSON.stringify({
          whys: ['Negative posts spiked', 'Một nhà cung cấp đã làm giả chứng nhận (counterfeit certificate)'],
          measures: ['Recalled the batch'],
          improvementPlan: 'Audit every supplier each quarter',
        }),
      });
      expect(response.status).toBe(200);
    }
  });

  it('finds a resolved case by a word of its root cause within seconds, accents ignored', async () => {
    // Act
    const page = await eventually(
      () => search(MANAGER, { q: 'counterfeit' }),
      (answer) => answer.items.length === 2,
    );
    const vietnamese = await search(MANAGER, { q: 'nha cung cap lam gia' });

    // Assess
    expect(ids(page)).toEqual([caseOf.get('Acme'), caseOf.get('Bolt')].sort());
    expect(ids(vietnamese)).toEqual(ids(page));
  });

  it("does not show a brand-scoped person another brand's match", async () => {
    // Prepare
    await eventually(
      () => search(MANAGER, { q: 'counterfeit' }),
      (answer) => answer.items.length === 2,
    );

    // Act
    const page = await search(ACME_ONLY, { q: 'counterfeit' });

    // Assess
    expect(ids(page)).toEqual([caseOf.get('Acme')]);
  });

  it('combines words with filters: status, brand and every word required', async () => {
    // Prepare
    await eventually(
      () => search(MANAGER, { q: 'counterfeit' }),
      (answer) => answer.items.length === 2,
    );

    // Act
    const open = await search(MANAGER, { q: 'negative', status: 'open' });
    const bolt = await search(MANAGER, { q: 'counterfeit', brand: 'BOLT' });
    const both = await search(MANAGER, { q: 'counterfeit quarterly-nothing' });

    // Assess
    expect(ids(open)).toEqual([caseOf.get('Core')]);
    expect(ids(bolt)).toEqual([caseOf.get('Bolt')]);
    expect(both.items).toEqual([]);
  });

  it('answers a query with no word to look for with a problem', async () => {
    // Act
    const response = await call(MANAGER, `/cases?${new URLSearchParams({ q: 'the' })}`);

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
