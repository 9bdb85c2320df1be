import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type RouteDefinition } from '#infra/catalog.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import type { Role } from '#shared/auth/principal.ts';
import { covers, type Scope, type Scoped } from '#shared/auth/scope.ts';
import { freshCopyEvent, spendEvent } from '../fixtures/events.ts';
import { startTestStack } from '../support/test-stack.ts';
import { pushEvents } from '../web/browser.ts';

/**
 * The role × route × scope matrix (issue #16): every route of infra/catalog.ts, called by every kind of
 * person on the local stack, with cases, reviews and exceptions of two brands in two markets pushed through
 * POST /v1/events. A wrong role is a 401/403; an id outside the caller's scope is a 404 exactly like a
 * missing id; a list holds all and only what the scope covers, across its pages. A route added to the
 * catalog without an entry in MATRIX fails here, naming it.
 */

type Kind = 'manager' | 'legal' | 'agency' | 'vnManager' | 'nobody' | 'stranger';

interface Person {
  readonly token?: string;
  readonly roles: readonly Role[];
  readonly scope: Scope;
  /** The unscoped person of the same role, whose answer a scoped one's is compared with. */
  readonly peer: Kind;
}

const USERS = [
  { token: 'agency-acme-legal', name: 'Agency Reviewer', roles: ['legal'], brands: ['Acme'] },
  { token: 'vn-market-manager', name: 'Vy Manager', roles: ['manager'], markets: ['VN'] },
  { token: 'no-role-person-token', name: 'No Role', roles: [] },
  // Requests the re-allocations every manager of the matrix may then decide (a requester never decides).
  { token: 'realloc-requester-token', name: 'Rea Requester', roles: ['manager'] },
];

const PEOPLE: Record<Kind, Person> = {
  manager: { token: 'dev-manager-token', roles: ['manager'], scope: {}, peer: 'manager' },
  legal: { token: 'dev-legal-token', roles: ['legal'], scope: {}, peer: 'legal' },
  agency: { token: 'agency-acme-legal', roles: ['legal'], scope: { brands: ['Acme'] }, peer: 'legal' },
  vnManager: { token: 'vn-market-manager', roles: ['manager'], scope: { markets: ['VN'] }, peer: 'manager' },
  nobody: { token: 'no-role-person-token', roles: [], scope: {}, peer: 'nobody' },
  stranger: { roles: [], scope: {}, peer: 'stranger' },
};
const KINDS = Object.keys(PEOPLE) as Kind[];

/** What a route's {id} names in this test: one item per brand and market, seen as a scope sees it. */
type Target =
  | 'case'
  | 'pendingReview'
  | 'review'
  | 'exception'
  | 'campaign'
  | 'brand'
  | 'reallocation'
  | 'drill'
  | 'action';

interface Item {
  readonly id: string;
  readonly scoped: Scoped;
}

type Json = Record<string, unknown>;

type RouteSpec =
  /** No credentials: everyone gets the same answer. */
  | { readonly kind: 'public' }
  /** Pushers only: a person's bearer token is not a signature. */
  | { readonly kind: 'signed' }
  /**
   * Organisation-wide configuration (rules, policies): the roles that pass, and a scoped person gets the
   * very answer an unscoped one of the same role gets.
   */
  | {
      readonly kind: 'organisation';
      readonly roles: readonly Role[];
      readonly path: string;
      readonly body?: unknown;
      readonly mutates?: boolean;
    }
  /** A list: all and only what the scope covers, across pages. */
  | {
      readonly kind: 'list';
      readonly roles: readonly Role[];
      readonly query: string;
      readonly item: (value: Json) => Item;
      /** Whether the scope covers an item, when the route reads the scope otherwise than `covers`. */
      readonly covered?: (scope: Scope, item: Scoped) => boolean;
    }
  /** A CSV export of a list: as many rows as the scope covers. */
  | { readonly kind: 'csv'; readonly roles: readonly Role[]; readonly query: string; readonly list: string }
  /** One item by id: `ok` in scope, 404 as for a missing id outside it. */
  | {
      readonly kind: 'item';
      readonly roles: readonly Role[];
      readonly target: Target;
      readonly ok: readonly number[];
      /** The body, or the body naming the item (a route without `{id}`, such as a re-allocation request). */
      readonly body?: unknown;
      readonly bodyOf?: (id: string) => unknown;
      readonly mutates?: boolean;
      /** Whether the scope covers the item, when the route reads the scope otherwise than `covers`. */
      readonly covered?: (scope: Scope, item: Scoped) => boolean;
    }
  /** Testing a policy draft: the decided copies re-assessed are those of the tester's scope, counts too. */
  | { readonly kind: 'policy-test'; readonly roles: readonly Role[] };

const subjectOf = (value: Json) => value.subject as Scoped;

/** Brands are open to a market-scoped person (their pages then hold only their markets' cases). */
const brandCovered = (scope: Scope, item: Scoped) =>
  covers(scope.brands === undefined ? {} : { brands: scope.brands }, item);

const MATRIX: Readonly<Record<string, RouteSpec>> = {
  'POST /v1/events': { kind: 'signed' },
  'POST /v1/evaluate': { kind: 'signed' },
  'POST /v1/reallocation-requests': { kind: 'signed' },
  'GET /v1/health': { kind: 'public' },
  'GET /v1/openapi.json': { kind: 'public' },
  'GET /v1/cases': {
    kind: 'list',
    roles: ['manager', 'legal'],
    query: '',
    item: (value) => ({ id: String(value.caseId), scoped: subjectOf(value) }),
  },
  'GET /v1/cases/{id}': { kind: 'item', roles: ['manager', 'legal'], target: 'case', ok: [200] },
  'GET /v1/campaigns/{id}/overview': {
    kind: 'item',
    roles: ['manager', 'legal'],
    target: 'campaign',
    ok: [200],
  },
  'GET /v1/brands/{brand}/overview': {
    kind: 'item',
    roles: ['manager', 'legal'],
    target: 'brand',
    ok: [200],
    covered: brandCovered,
  },
  'GET /v1/campaigns': {
    kind: 'list',
    roles: ['manager', 'legal'],
    query: '',
    item: (value) => ({ id: String(value.campaignId), scoped: value as Scoped }),
  },
  'GET /v1/campaigns/{id}': { kind: 'item', roles: ['manager', 'legal'], target: 'campaign', ok: [200] },
  'GET /v1/brands': {
    kind: 'list',
    roles: ['manager', 'legal'],
    query: '',
    item: (value) => ({ id: String(value.brand), scoped: value as Scoped }),
    covered: brandCovered,
  },
  'GET /v1/brands/{brand}': {
    kind: 'item',
    roles: ['manager', 'legal'],
    target: 'brand',
    ok: [200],
    covered: brandCovered,
  },
  'PUT /v1/campaigns/{id}': {
    kind: 'item',
    roles: ['manager'],
    target: 'campaign',
    body: { channel: 'facebook' },
    ok: [200, 409],
    mutates: true,
  },
  'GET /v1/campaigns/{id}/reallocations': {
    kind: 'item',
    roles: ['manager', 'legal'],
    target: 'campaign',
    ok: [200],
  },
  'POST /v1/reallocations': {
    kind: 'item',
    roles: ['manager'],
    target: 'campaign',
    bodyOf: (id) => ({
      from: { campaignId: id },
      to: { campaignId: `${id}-b` },
      amount: 1,
      currency: 'EUR',
      reason: 'Scope matrix',
    }),
    ok: [201],
    mutates: true,
  },
  'POST /v1/reallocations/{id}/decision': {
    kind: 'item',
    roles: ['manager'],
    target: 'reallocation',
    body: { decision: 'rejected', note: 'Scope matrix' },
    ok: [200, 409],
    mutates: true,
  },
  'PUT /v1/brands/{brand}': {
    kind: 'item',
    roles: ['manager'],
    target: 'brand',
    body: { managers: ['li'] },
    ok: [200, 409],
    mutates: true,
    covered: brandCovered,
  },
  'POST /v1/cases/{id}/owner': {
    kind: 'item',
    roles: ['manager'],
    target: 'case',
    body: { owner: 'ana', note: 'Ana runs this launch.' },
    ok: [200, 409],
    mutates: true,
  },
  'GET /v1/reviews': {
    kind: 'list',
    roles: ['legal'],
    query: 'status=pending',
    item: (value) => ({ id: String(value.reviewId), scoped: value.copy as Scoped }),
  },
  'GET /v1/exceptions': {
    kind: 'list',
    roles: ['legal'],
    query: '',
    item: (value) => ({ id: String(value.exceptionId), scoped: value as Scoped }),
  },
  'GET /v1/exports/cases.csv': { kind: 'csv', roles: ['manager', 'legal'], query: '', list: '/v1/cases' },
  'GET /v1/exports/reviews.csv': {
    kind: 'csv',
    roles: ['legal'],
    query: 'status=pending',
    list: '/v1/reviews',
  },
  'GET /v1/exports/exceptions.csv': { kind: 'csv', roles: ['legal'], query: '', list: '/v1/exceptions' },
  'GET /v1/reviews/{id}/evidence.pdf': {
    kind: 'item',
    roles: ['manager', 'legal'],
    target: 'review',
    ok: [200],
  },
  'GET /v1/rules': { kind: 'organisation', roles: ['manager', 'legal'], path: '/v1/rules' },
  'GET /v1/policies': { kind: 'organisation', roles: ['manager', 'legal'], path: '/v1/policies' },
  'GET /v1/policies/{id}': {
    kind: 'organisation',
    roles: ['manager', 'legal'],
    path: '/v1/policies/claims',
  },
  'GET /v1/policies/{id}/versions': {
    kind: 'organisation',
    roles: ['manager', 'legal'],
    path: '/v1/policies/matrix/versions',
  },
  'GET /v1/policies/{id}/versions/{version}': {
    kind: 'organisation',
    roles: ['manager', 'legal'],
    path: '/v1/policies/matrix/versions/0',
  },
  'GET /v1/policies/{id}/diff': {
    kind: 'organisation',
    roles: ['manager', 'legal'],
    path: '/v1/policies/claims/diff',
  },
  'GET /v1/policies/{id}/draft': {
    kind: 'organisation',
    roles: ['manager', 'legal'],
    path: '/v1/policies/claims/draft',
  },
  // Changing the claims policy is legal's (the owner); an empty body shows the door without changing it.
  'PUT /v1/policies/{id}/draft': {
    kind: 'organisation',
    roles: ['legal'],
    path: '/v1/policies/claims/draft',
    body: {},
  },
  'POST /v1/policies/{id}/draft/test': { kind: 'policy-test', roles: ['legal'] },
  'POST /v1/policies/{id}/publish': {
    kind: 'organisation',
    roles: ['legal'],
    path: '/v1/policies/claims/publish',
    body: {},
  },
  'POST /v1/policies/{id}/rollback': {
    kind: 'organisation',
    roles: ['legal'],
    path: '/v1/policies/claims/rollback',
    body: {},
  },
  'POST /v1/cases/{id}/acknowledge': {
    kind: 'item',
    roles: ['manager'],
    target: 'case',
    body: { note: 'Seen.' },
    ok: [200, 409],
    mutates: true,
  },
  'POST /v1/cases/{id}/resolve': {
    kind: 'item',
    roles: ['manager'],
    target: 'case',
    body: { whys: ['Copy not checked'], measures: ['Copy withdrawn'], improvementPlan: 'Check first.' },
    ok: [200, 409],
    mutates: true,
  },
  'POST /v1/reviews/{id}/decision': {
    kind: 'item',
    roles: ['legal'],
    target: 'pendingReview',
    body: { decision: 'changes_requested', note: 'Cite the study.' },
    ok: [200, 409],
    mutates: true,
  },
  // A drill plays on a brand (and market) of the caller's scope; its report shows the cases the scope covers.
  'POST /v1/drills': {
    kind: 'item',
    roles: ['manager'],
    target: 'campaign',
    bodyOf: (id) => {
      const [brand, market] = id.replace('cmp-matrix-', '').split('-');
      return {
        kind: 'budget',
        brand: brand === 'acme' ? 'Acme' : brand === 'bolt' ? 'Bolt' : 'NoSuchBrand',
        market: market?.toUpperCase() ?? 'ZZ',
      };
    },
    ok: [201],
    mutates: true,
  },
  'GET /v1/drills/{id}': { kind: 'item', roles: ['manager', 'legal'], target: 'drill', ok: [200] },
  // Guarded actions: a case's requests are read like the case; a request is decided through its case's scope.
  'GET /v1/cases/{id}/actions': { kind: 'item', roles: ['manager', 'legal'], target: 'case', ok: [200] },
  'POST /v1/actions/{id}/approve': {
    kind: 'item',
    roles: ['manager'],
    target: 'action',
    body: { note: 'Scope matrix' },
    ok: [200, 409],
    mutates: true,
  },
  'POST /v1/actions/{id}/reject': {
    kind: 'item',
    roles: ['manager'],
    target: 'action',
    body: {},
    ok: [200, 409],
    mutates: true,
  },
  'POST /v1/exceptions/{id}/revoke': {
    kind: 'item',
    roles: ['legal'],
    target: 'exception',
    ok: [200, 409],
    mutates: true,
  },
};

/** Ids no item has, answered 404 by every route: what an out-of-scope id must look exactly like. */
const MISSING: Record<Target, string> = {
  case: 'no-such-case-0000',
  pendingReview: 'no-such-review-0000',
  review: 'no-such-review-0000',
  exception: 'no-such-exception-0000',
  campaign: 'cmp-no-such-campaign',
  brand: 'NoSuchBrand',
  reallocation: 'no-such-reallocation-0000',
  drill: 'no-such-drill-0000',
  action: 'no-such-case-0000.notify-webhook.yellow',
};

const BRANDS = ['Acme', 'Bolt'] as const;
const MARKETS = ['VN', 'CN'] as const;
/** Ad copy flagged for one superlative in each market's language (a case and a pending review each). */
const TEXT = {
  VN: { text: 'Kem dưỡng tốt nhất thị trường', lang: 'vi' },
  CN: { text: '全网最佳面霜', lang: 'zh' },
};
const campaignOf = (brand: string, market: string) =>
  `cmp-matrix-${brand.toLowerCase()}-${market.toLowerCase()}`;

let stack: LocalStack;
let dataDir: string;
const targets = {} as Record<Target, Item[]>;

const routeKey = (route: RouteDefinition) => `${route.method} ${route.path}`;

const call = (kind: Kind, method: string, path: string, body?: unknown): Promise<Response> => {
  const { token } = PEOPLE[kind];
  return fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
};

const json = async (kind: Kind, method: string, path: string, body?: unknown): Promise<Json> => {
  const response = await call(kind, method, path, body);
  if (!response.ok)
    throw new Error(`${method} ${path} as ${kind}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Json;
};

/** Every item of a list, page after page (small pages, so a scoped list spans several). */
const everything = async (kind: Kind, path: string, query: string): Promise<Json[]> => {
  const items: Json[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const params = new URLSearchParams(query);
    params.set('limit', '3');
    if (cursor !== undefined) params.set('cursor', cursor);
    const page = await json(kind, 'GET', `${path}?${params}`);
    items.push(...(page.items as Json[]));
    cursor = page.cursor as string | undefined;
    if (cursor === undefined) return items;
  }
  throw new Error(`${path} did not end within 100 pages`);
};

const passes = (kind: Kind, roles: readonly Role[]) =>
  PEOPLE[kind].roles.some((role) => roles.includes(role));

/** The refusal of a person the route is not for: 401 without credentials, 403 with the wrong role. */
const refusal = (kind: Kind) => (PEOPLE[kind].token === undefined ? 401 : 403);

/** A problem's words with the id it names taken out, to compare an out-of-scope answer with a missing one. */
const problemShape = async (response: Response, id: string) => {
  const problem = (await response.json()) as Json;
  return {
    status: response.status,
    type: problem.type,
    title: problem.title,
    detail: String(problem.detail).replaceAll(id, '<id>'),
  };
};

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('scope-matrix', { RADAR_USERS: JSON.stringify(USERS) }));
  const copies = BRANDS.flatMap((brand) =>
    MARKETS.flatMap((market) =>
      [0, 1, 2].map(() =>
        freshCopyEvent({
          brand,
          market,
          ...TEXT[market],
          lang: TEXT[market].lang as 'vi' | 'zh',
          campaignId: campaignOf(brand, market),
        }),
      ),
    ),
  );
  // A spend case: no brand or market, so outside every brand or market scope.
  const spend = { ...spendEvent({ campaignId: 'cmp-matrix-spend' }, `e-matrix-spend-${Date.now()}`) };
  // The catalogue first: each brand, and each campaign with its brand and market.
  for (const brand of BRANDS) {
    await call('manager', 'PUT', `/v1/brands/${brand}`, { owner: 'ana', managers: [] });
    for (const market of MARKETS) {
      await call('manager', 'PUT', `/v1/campaigns/${campaignOf(brand, market)}`, { brand, market });
    }
  }
  // Each campaign with a plan and a sister campaign, and a re-allocation between them to decide.
  const plan = { budget: 10_000, currency: 'EUR', periodStart: '2026-01-01', periodEnd: '2027-12-31' };
  const reallocations: Item[] = [];
  for (const brand of BRANDS) {
    for (const market of MARKETS) {
      const id = campaignOf(brand, market);
      await json('manager', 'PUT', `/v1/campaigns/${id}`, { plan });
      await json('manager', 'PUT', `/v1/campaigns/${id}-b`, { brand, market, plan });
      const response = await fetch(`${stack.url}/v1/reallocations`, {
        method: 'POST',
        headers: { authorization: 'Bearer realloc-requester-token', 'content-type': 'application/json' },
        body: JSON.stringify({
          from: { campaignId: id },
          to: { campaignId: `${id}-b` },
          amount: 100,
          currency: 'EUR',
          reason: 'Scope matrix: to decide',
        }),
      });
      if (response.status !== 201) throw new Error(`re-allocation of ${id}: ${await response.text()}`);
      const { reallocationId } = (await response.json()) as Json;
      reallocations.push({ id: String(reallocationId), scoped: { brand, market } });
    }
  }
  targets.reallocation = reallocations;
  // A flagged copy's case asks the customer's automation to be told (a manager approves): a request to decide.
  await json('manager', 'PUT', '/v1/policies/actions/draft', {
    document: { compliance: [{ kind: 'notify-webhook', atLevel: 'yellow', approval: 'manual' }] },
  });
  await json('manager', 'POST', '/v1/policies/actions/publish', { note: 'Scope matrix: requests to decide' });
  const events = [...copies, { ...spend, occurredAt: new Date().toISOString() }];
  // A few at a time, again on a fault (an event id is stored once): the machine is shared and slow.
  for (let start = 0; start < events.length; start += 4) {
    const batch = events.slice(start, start + 4);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await pushEvents(stack, batch);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  // Legal decides some of the copies: an approval with an exception and a rejection per brand and market.
  const pending = await everything('legal', '/v1/reviews', 'status=pending');
  const reviewOf = (brand: string, market: string, nth: number) => {
    const found = pending.filter((review) => {
      const copy = review.copy as Scoped;
      return copy.brand === brand && copy.market === market;
    })[nth];
    if (found === undefined) throw new Error(`No pending review ${nth} of ${brand} in ${market}`);
    return found;
  };
  for (const brand of BRANDS) {
    for (const market of MARKETS) {
      const approved = reviewOf(brand, market, 1);
      const ruleId = (approved.findings as { ruleId: string }[])[0]?.ruleId;
      await json('legal', 'POST', `/v1/reviews/${approved.reviewId}/decision`, {
        decision: 'approved',
        note: 'Substantiated by the market-share report.',
        exception: {
          ruleId,
          evidence: 'Report NS-4411',
          expiresOn: `${new Date().getUTCFullYear() + 2}-03-01`,
        },
      });
      const rejected = reviewOf(brand, market, 2);
      await json('legal', 'POST', `/v1/reviews/${rejected.reviewId}/decision`, {
        decision: 'rejected',
        note: 'Superlative without proof.',
      });
    }
  }

  // The items the {id} routes are called with: one per brand and market.
  const cases = await everything('manager', '/v1/cases', '');
  const reviews = [
    ...(await everything('legal', '/v1/reviews', 'status=pending')),
    ...(await everything('legal', '/v1/reviews', 'status=approved')),
  ];
  const exceptions = await everything('legal', '/v1/exceptions', '');
  const combos = BRANDS.flatMap((brand) => MARKETS.map((market) => ({ brand, market })));
  const one = <T extends Json>(items: T[], scopedOf: (item: T) => Scoped, idOf: (item: T) => string) =>
    combos.map(({ brand, market }) => {
      const found = items.find((item) => {
        const scoped = scopedOf(item);
        return scoped.brand === brand && scoped.market === market;
      });
      if (found === undefined) throw new Error(`No item of ${brand} in ${market}`);
      return { id: idOf(found), scoped: { brand, market } };
    });
  targets.case = one(cases, subjectOf, (item) => String(item.caseId));
  targets.pendingReview = one(
    reviews.filter((review) => review.status === 'pending'),
    (review) => review.copy as Scoped,
    (review) => String(review.reviewId),
  );
  targets.review = one(
    reviews.filter((review) => review.status === 'approved'),
    (review) => review.copy as Scoped,
    (review) => String(review.reviewId),
  );
  targets.exception = one(
    exceptions,
    (exception) => exception as Scoped,
    (item) => String(item.exceptionId),
  );
  targets.campaign = combos.map(({ brand, market }) => ({
    id: campaignOf(brand, market),
    scoped: { brand, market },
  }));
  targets.brand = BRANDS.map((brand) => ({ id: brand, scoped: { brand } }));
  // Each case's request is made from the table stream: a minute on a loaded box.
  targets.action = await Promise.all(
    targets.case.map(async ({ id, scoped }) => {
      for (let waited = 0; waited < 60_000; waited += 500) {
        const { items } = (await json('manager', 'GET', `/v1/cases/${id}/actions`)) as { items: Json[] };
        const request = items[0];
        if (request !== undefined) return { id: String(request.actionId), scoped };
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`No action request on case ${id} after 60 s`);
    }),
  );
  // One claim drill per brand and market: its case is the brand's copy in that market.
  targets.drill = await Promise.all(
    combos.map(async ({ brand, market }) => {
      const { drillId } = await json('manager', 'POST', '/v1/drills', { kind: 'claim', brand, market });
      return { id: String(drillId), scoped: { brand, market } };
    }),
  );
  // Minutes on a loaded CI box: about 70 requests before the first route is asked.
}, 360_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

const ROUTES = FUNCTIONS.flatMap((definition) => definition.routes as readonly RouteDefinition[]);
// Reads first: the actions change what later lists hold.
const ORDERED = [...ROUTES].sort((a, b) => Number(mutates(a)) - Number(mutates(b)));

function mutates(route: RouteDefinition): boolean {
  const spec = MATRIX[routeKey(route)];
  return spec !== undefined && 'mutates' in spec && spec.mutates === true;
}

describe('Scope matrix: every route × role × scope', () => {
  it('has an expectation for every route of the catalog', () => {
    // Act
    const missing = ROUTES.map(routeKey).filter((key) => MATRIX[key] === undefined);

    // Assess
    expect(
      missing,
      `routes without an entry in test/integration/scope-matrix.test.ts MATRIX: ${missing.join(', ')}`,
    ).toEqual([]);
  });

  // Minutes, not seconds: a policy test compiles every rule, and the machine running this may be shared.
  it.each(ORDERED.map((route) => [routeKey(route), route] as const))(
    '%s',
    async (key, route) => {
      const spec = MATRIX[key];
      if (spec === undefined) {
        throw new Error(`${key} has no entry in the scope matrix: add its expectations for every person`);
      }
      switch (spec.kind) {
        case 'public': {
          for (const kind of KINDS) {
            expect((await call(kind, route.method, route.path)).status, kind).toBe(200);
          }
          return;
        }
        case 'signed': {
          for (const kind of KINDS) {
            expect((await call(kind, route.method, route.path, { events: [] })).status, kind).toBe(401);
          }
          return;
        }
        case 'organisation': {
          for (const kind of KINDS) {
            const response = await call(kind, route.method, spec.path, spec.body);
            if (!passes(kind, spec.roles)) {
              expect(response.status, kind).toBe(refusal(kind));
              continue;
            }
            // Organisation-wide: the same answer whatever the scope.
            const peer = await call(PEOPLE[kind].peer, route.method, spec.path, spec.body);
            expect([response.status, await response.text()], kind).toEqual([peer.status, await peer.text()]);
            expect(response.status, kind).toBeLessThan(500);
          }
          return;
        }
        case 'list': {
          for (const kind of KINDS) {
            if (!passes(kind, spec.roles)) {
              expect((await call(kind, 'GET', `${route.path}?${spec.query}`)).status, kind).toBe(
                refusal(kind),
              );
              continue;
            }
            const { scope, peer } = PEOPLE[kind];
            const covered = (item: Item) => (spec.covered ?? covers)(scope, item.scoped);
            const all = (await everything(peer, route.path, spec.query)).map(spec.item);
            const expected = all.filter(covered).map((item) => item.id);
            const seen = (await everything(kind, route.path, spec.query)).map(spec.item);
            expect(
              seen.filter((item) => !covered(item)),
              `${kind} sees items outside the scope`,
            ).toEqual([]);
            expect(
              seen.map((item) => item.id),
              `${kind} sees all of the scope`,
            ).toEqual(expected);
            expect(expected.length, `${kind}: the scope holds something`).toBeGreaterThan(0);
            if (kind !== peer && spec.covered === undefined) {
              expect(expected.length, `${kind}: the scope leaves something out`).toBeLessThan(all.length);
            }
          }
          return;
        }
        case 'csv': {
          for (const kind of KINDS) {
            const path = `${route.path}${spec.query === '' ? '' : `?${spec.query}`}`;
            const response = await call(kind, 'GET', path);
            if (!passes(kind, spec.roles)) {
              expect(response.status, kind).toBe(refusal(kind));
              continue;
            }
            const { scope, peer } = PEOPLE[kind];
            const listSpec = MATRIX[`GET ${spec.list}`];
            if (listSpec?.kind !== 'list') throw new Error(`${spec.list} is not a list of the matrix`);
            const expected = (await everything(peer, spec.list, spec.query))
              .map(listSpec.item)
              .filter((item) => covers(scope, item.scoped));
            expect(response.status, kind).toBe(200);
            expect(Number(response.headers.get('x-export-rows')), `${kind}: rows`).toBe(expected.length);
            const body = await response.text();
            for (const item of expected) expect(body, `${kind}: ${item.id}`).toContain(item.id);
          }
          return;
        }
        case 'item': {
          const path = (id: string) => route.path.replace(/\{[^}]+\}/, encodeURIComponent(id));
          const bodyOf = (id: string) => (spec.bodyOf === undefined ? spec.body : spec.bodyOf(id));
          for (const kind of KINDS) {
            for (const target of targets[spec.target]) {
              const response = await call(kind, route.method, path(target.id), bodyOf(target.id));
              const label = `${kind} on ${target.scoped.brand}/${target.scoped.market ?? '-'}`;
              if (!passes(kind, spec.roles)) {
                expect(response.status, label).toBe(refusal(kind));
                continue;
              }
              const covered = (spec.covered ?? covers)(PEOPLE[kind].scope, target.scoped);
              if (covered) {
                expect(spec.ok, `${label}: ${response.status}`).toContain(response.status);
                continue;
              }
              // Out of scope: a 404 that reads exactly as a missing id's.
              const missing = await call(
                kind,
                route.method,
                path(MISSING[spec.target]),
                bodyOf(MISSING[spec.target]),
              );
              expect(await problemShape(response, target.id), label).toEqual(
                await problemShape(missing, MISSING[spec.target]),
              );
              expect(response.status, label).toBe(404);
            }
          }
          return;
        }
        case 'policy-test': {
          // Disabling the superlative rules would clear every rejected copy: each is a change the test reports.
          const document = {
            disable: {
              'cn.absolute.best': { reason: 'Scope matrix' },
              'vn.superlative.best': { reason: 'Scope matrix' },
            },
          };
          const path = '/v1/policies/claims/draft/test';
          // A test compiles every rule and re-assesses every decided copy: ask once per person, and again
          // when the function ran out of time on a busy machine (a 500 says nothing about scopes).
          const ask = async (kind: Kind): Promise<Response> => {
            for (let attempt = 1; ; attempt += 1) {
              const response = await call(kind, 'POST', path, { document });
              if (response.status < 500 || attempt === 3) return response;
            }
          };
          const answers = new Map<Kind, Promise<Response>>();
          const answer = (kind: Kind) => {
            const asked = answers.get(kind) ?? ask(kind);
            answers.set(kind, asked);
            return asked.then((response) => response.clone());
          };
          for (const kind of KINDS) {
            const response = await answer(kind);
            if (!passes(kind, spec.roles)) {
              expect(response.status, kind).toBe(refusal(kind));
              continue;
            }
            expect(response.status, kind).toBe(200);
            const { regression } = (await response.json()) as {
              regression: { checked: number; changes: { caseId: string }[] };
            };
            const { scope, peer } = PEOPLE[kind];
            const cases = new Map(
              (await everything(peer, '/v1/cases', '')).map((value) => [value.caseId, subjectOf(value)]),
            );
            const all = (await (await answer(peer)).json()) as {
              regression: { checked: number; changes: { caseId: string }[] };
            };
            const expected = all.regression.changes.filter((change) => {
              const subject = cases.get(change.caseId);
              return subject !== undefined && covers(scope, subject);
            });
            expect(
              regression.changes.map((change) => change.caseId),
              kind,
            ).toEqual(expected.map((change) => change.caseId));
            expect(expected.length, `${kind}: changes in scope`).toBeGreaterThan(0);
            if (kind !== peer) {
              expect(regression.checked, `${kind}: counted only in scope`).toBeLessThan(
                all.regression.checked,
              );
            }
          }
          return;
        }
      }
    },
    240_000,
  );
});
