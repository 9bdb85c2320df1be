import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { DynamoDbExceptionStore } from '#shared/adapters/dynamodb-exception-store.ts';
import { caseToItem, exceptionToItem, type Item, reviewToItem } from '#shared/adapters/dynamodb-items.ts';
import { DynamoDbReviewStore } from '#shared/adapters/dynamodb-review-store.ts';

import { covers, type Scope } from '#shared/auth/scope.ts';
import { openCase, type RiskCase, subjectOf } from '#shared/domain/case.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import { type Review, reviewFor } from '#shared/domain/review.ts';
import { ValidationError } from '#shared/errors.ts';
import type { Page } from '#shared/ports.ts';
import { adCopyEvent, assessment, finding } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/**
 * Scoped reads against DynamoDB Local: a scoped caller's pages hold exactly what the scope covers, in the
 * unscoped order, all of it across pages (the brand or market partitions merged), and a filter outside
 * the scope is an empty page.
 */

let table: TestTable;
let cases: DynamoDbCaseReader;
let reviews: DynamoDbReviewStore;
let exceptions: DynamoDbExceptionStore;

/** Brands written as pushers do (any casing), markets with UK for GB. */
const BRANDS = ['Acme', 'ACME', 'Bolt', 'Core'] as const;
const MARKETS = ['VN', 'CN', 'UK'] as const;
const stored: { cases: RiskCase[]; reviews: Review[]; exceptions: ClaimException[] } = {
  cases: [],
  reviews: [],
  exceptions: [],
};

const at = (n: number) => new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString();

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'scoped');
  cases = new DynamoDbCaseReader(table.docClient, table.tableName);
  reviews = new DynamoDbReviewStore(table.docClient, table.tableName);
  exceptions = new DynamoDbExceptionStore(table.docClient, table.tableName);
  const items: Item[] = [];
  for (let n = 0; n < 60; n += 1) {
    const brand = BRANDS[n % BRANDS.length] as string;
    const market = MARKETS[Math.floor(n / 4) % MARKETS.length] as string;
    // Rare red cases (every 13th), so a red filter with a brand scope needs several merge rounds.
    const level = n % 13 === 0 ? 'red' : 'yellow';
    const event = {
      ...adCopyEvent({ brand, market, copyId: `copy-${n}`, campaignId: `cmp-${n % 3}` }, `e-${n}`),
      occurredAt: at(n),
    };
    const opened = openCase(
      `case-${String(n).padStart(3, '0')}`,
      {
        event,
        assessment: assessment([finding({ level, riskType: 'compliance' })], level),
        riskType: 'compliance',
        subject: subjectOf(event),
        now: new Date(at(n)),
      },
      testPolicy,
    );
    stored.cases.push(opened);
    items.push(caseToItem(opened));
    const review = reviewFor(undefined, {
      caseId: opened.caseId,
      copy: event.copy,
      eventId: event.eventId,
      level,
      findings: [],
      now: new Date(at(n)),
    });
    stored.reviews.push(review);
    items.push(reviewToItem(review));
    const exception: ClaimException = {
      exceptionId: `x-${n}`,
      brand,
      ...(n % 5 === 0 ? {} : { market }),
      ruleId: 'cn.absolute-terms',
      evidence: 'report',
      expiresOn: '2027-12-31',
      timeZone: 'UTC',
      expiresAt: '2028-01-01T00:00:00.000Z',
      grantedBy: 'user:legal',
      grantedAt: at(n),
      reviewId: opened.caseId,
    };
    stored.exceptions.push(exception);
    items.push(exceptionToItem(exception));
  }
  for (let start = 0; start < items.length; start += 25) {
    await table.docClient.send(
      new BatchWriteCommand({
        RequestItems: {
          [table.tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
  }
});

afterAll(() => table.destroy());

/** Every page of a list, following cursors; the number of pages too. */
const allPages = async <T>(read: (cursor: string | undefined) => Promise<Page<T>>) => {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
    pages += 1;
  } while (cursor !== undefined && pages < 200);
  return { items, pages };
};

const SCOPES: readonly [string, Scope][] = [
  ['one brand (any casing)', { brands: ['acme'] }],
  ['two brands', { brands: ['Acme', 'Core'] }],
  ['one market, written UK', { markets: ['GB'] }],
  ['two markets', { markets: ['VN', 'CN'] }],
  ['a brand in a market', { brands: ['Bolt'], markets: ['VN'] }],
  ['two brands in two markets', { brands: ['Acme', 'Bolt'], markets: ['UK', 'CN'] }],
];

describe('Class: DynamoDbCaseReader (scoped)', () => {
  it.each(SCOPES)('lists all and only the cases of %s, newest first, across pages', async (_name, scope) => {
    // Prepare
    const expected = stored.cases
      .filter((riskCase) => covers(scope, riskCase.subject))
      .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt))
      .map((riskCase) => riskCase.caseId);

    // Act
    const { items } = await allPages((cursor) =>
      cases.listCases({ limit: 4, scope, ...(cursor === undefined ? {} : { cursor }) }),
    );

    // Assess
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((riskCase) => riskCase.caseId)).toEqual(expected);
  });

  it('applies the caller filters within the scope, when matches are rarer than a round can find', async () => {
    // Prepare
    const scope: Scope = { brands: ['Acme', 'Bolt'] };
    const expected = stored.cases
      .filter((riskCase) => covers(scope, riskCase.subject) && riskCase.level === 'red')
      .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt))
      .map((riskCase) => riskCase.caseId);

    // Act: one item per read, so a page runs out of rounds before it finds its red case.
    const { items, pages } = await allPages((cursor) =>
      cases.listCases({ limit: 1, level: 'red', scope, ...(cursor === undefined ? {} : { cursor }) }),
    );

    // Assess
    expect(expected.length).toBeGreaterThan(1);
    expect(items.map((riskCase) => riskCase.caseId)).toEqual(expected);
    expect(pages).toBeGreaterThan(expected.length);
  });

  it('reads a campaign, brand or market filter inside the scope, case-folded', async () => {
    // Prepare
    const scope: Scope = { brands: ['Acme'], markets: ['VN', 'GB'] };
    const of = (keep: (riskCase: RiskCase) => boolean) =>
      stored.cases
        .filter((riskCase) => covers(scope, riskCase.subject) && keep(riskCase))
        .map((riskCase) => riskCase.caseId)
        .sort()
        .reverse();

    // Act
    const byCampaign = await allPages((cursor) =>
      cases.listCases({ limit: 3, campaignId: 'cmp-1', scope, ...(cursor ? { cursor } : {}) }),
    );
    const byBrand = await allPages((cursor) =>
      cases.listCases({ limit: 3, brand: 'ACME', scope, ...(cursor ? { cursor } : {}) }),
    );
    const byMarket = await allPages((cursor) =>
      cases.listCases({ limit: 3, market: 'GB', scope, ...(cursor ? { cursor } : {}) }),
    );

    // Assess
    expect(byCampaign.items.map((c) => c.caseId)).toEqual(of((c) => c.subject.campaignId === 'cmp-1'));
    expect(byBrand.items.map((c) => c.caseId)).toEqual(of(() => true));
    expect(byMarket.items.map((c) => c.caseId)).toEqual(of((c) => c.subject.market === 'UK'));
    expect(byMarket.items.length).toBeGreaterThan(0);
  });

  it('answers a brand or market filter outside the scope with an empty page', async () => {
    // Act
    const brand = await cases.listCases({ limit: 10, brand: 'Bolt', scope: { brands: ['Acme'] } });
    const market = await cases.listCases({ limit: 10, market: 'CN', scope: { markets: ['VN'] } });

    // Assess
    expect(brand).toEqual({ items: [] });
    expect(market).toEqual({ items: [] });
  });

  it("refuses another query's cursor with a 400", async () => {
    // Prepare
    const page = await cases.listCases({ limit: 2, scope: { brands: ['Acme'] } });
    const unscoped = await cases.listCases({ limit: 2 });

    // Act / Assess
    await expect(
      cases.listCases({ limit: 2, scope: { brands: ['Bolt'] }, cursor: page.cursor as string }),
    ).rejects.toThrow(ValidationError);
    await expect(
      cases.listCases({ limit: 2, scope: { brands: ['Acme'] }, cursor: unscoped.cursor as string }),
    ).rejects.toThrow(ValidationError);
  });
});

describe('Class: DynamoDbReviewStore (scoped)', () => {
  it.each(SCOPES)('queues all and only the copy of %s, oldest first, across pages', async (_name, scope) => {
    // Prepare
    const expected = stored.reviews
      .filter((review) => covers(scope, review.copy))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((review) => review.reviewId);

    // Act
    const { items } = await allPages((cursor) =>
      reviews.listReviews({ status: 'pending', limit: 5, scope, ...(cursor ? { cursor } : {}) }),
    );
    const newest = await reviews.listReviews({ status: 'pending', limit: 3, scope, newestFirst: true });

    // Assess
    expect(items.map((review) => review.reviewId)).toEqual(expected);
    expect(newest.items.map((review) => review.reviewId)).toEqual(expected.slice(-3).reverse());
  });

  it('has nothing in a status no review of the scope is in', async () => {
    // Act
    const page = await reviews.listReviews({ status: 'approved', limit: 5, scope: { brands: ['Acme'] } });

    // Assess
    expect(page).toEqual({ items: [] });
  });
});

describe('Class: DynamoDbExceptionStore (scoped)', () => {
  it.each(SCOPES)('lists all and only the exceptions of %s, newest first', async (_name, scope) => {
    // Prepare: an exception without a market is in no market's list.
    const expected = stored.exceptions
      .filter((exception) => covers(scope, exception))
      .sort((a, b) => b.grantedAt.localeCompare(a.grantedAt))
      .map((exception) => exception.exceptionId);

    // Act
    const { items } = await allPages((cursor) => exceptions.listExceptions(4, cursor, scope));

    // Assess
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((exception) => exception.exceptionId)).toEqual(expected);
  });
});
