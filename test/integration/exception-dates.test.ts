import { rmSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { DynamoDbExceptionStore } from '#shared/adapters/dynamodb-exception-store.ts';
import { exceptionToItem } from '#shared/adapters/dynamodb-items.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import { freshCopyEvent } from '../fixtures/events.ts';
import { createTestTable } from '../support/dynamo.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, pushEvents } from '../web/browser.ts';

/**
 * Legal's "expires 1 March" over HTTP on the local stack (issue #15, docs/legal.md "Exception dates"): an
 * exception granted until 1 March in UTC−8, UTC, UTC+7 and UTC+8 reads back as 1 March from the decision,
 * GET /v1/exceptions and the case of a later copy it allows, and ends when 1 March ends in that zone.
 */

const LEGAL_TOKEN = 'dev-legal-token';

/** The next 1 March at least four weeks away, so the test does not expire with the calendar. */
const year = new Date().getUTCMonth() >= 1 ? new Date().getUTCFullYear() + 1 : new Date().getUTCFullYear();
const MARCH_1 = `${year}-03-01`;
/** When 1 March ends at a whole-hour UTC offset (none of these zones changes its clock on 1 or 2 March). */
const endOfMarch1 = (offsetHours: number): string =>
  new Date(Date.UTC(year, 2, 2) - offsetHours * 3_600_000).toISOString();

interface Review {
  reviewId: string;
  caseId: string;
  copy: { text: string; brand: string };
}
interface Exception {
  exceptionId: string;
  expiresOn: string;
  timeZone: string;
  expiresAt: string;
}
interface CaseFinding {
  ruleId: string;
  level: string;
  message: string;
  exception?: { id: string; expiresOn?: string; expiresAt: string };
}

let stack: LocalStack;
let dataDir: string;

const copyEvent = (brand: string, text: string) =>
  freshCopyEvent({ brand, text, campaignId: 'cmp-exception-dates' });

/** A copy flagged only for 最佳 (cn.absolute.best): the claim legal substantiates. */
const SUBSTANTIATED = '全网最佳面霜';
/** The same claim with one legal has not allowed, so the copy still opens a case. */
const WITH_ANOTHER = '全网最佳面霜，三天见效';

const pendingReviewOf = async (brand: string): Promise<Review> => {
  const { items } = await apiGet<{ items: Review[] }>(
    stack,
    LEGAL_TOKEN,
    '/reviews?status=pending&limit=100',
  );
  const review = items.find((item) => item.copy.brand === brand && item.copy.text === SUBSTANTIATED);
  if (review === undefined) throw new Error(`No pending review for ${brand}`);
  return review;
};

const postDecision = (reviewId: string, exception: Record<string, unknown>): Promise<Response> =>
  fetch(`${stack.url}/v1/reviews/${reviewId}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${LEGAL_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      decision: 'approved',
      note: 'Market-share report substantiates 最佳.',
      exception: { ruleId: 'cn.absolute.best', evidence: 'Nielsen 2026-Q3, ref. NS-4411', ...exception },
    }),
  });

const allExceptions = async (): Promise<Exception[]> =>
  (await apiGet<{ items: Exception[] }>(stack, LEGAL_TOKEN, '/exceptions?limit=100')).items;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('exception-dates'));
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Exception dates over HTTP (local stack)', () => {
  it.each([
    ['America/Los_Angeles', 'UTC−8', -8],
    ['UTC', 'UTC', 0],
    ['Asia/Ho_Chi_Minh', 'UTC+7', 7],
    ['Asia/Shanghai', 'UTC+8', 8],
  ])(
    'keeps "until 1 March" in %s (%s) as 1 March from the decision, the list and the case',
    async (timeZone, _label, offset) => {
      // Prepare
      const brand = `TZ ${timeZone}`;
      await pushEvents(stack, [copyEvent(brand, SUBSTANTIATED)]);
      const review = await pendingReviewOf(brand);

      // Act
      const decision = await postDecision(review.reviewId, { expiresOn: MARCH_1, timeZone });
      const decided = (await decision.json()) as { exception: Exception };
      const listed = (await allExceptions()).find(
        (item) => item.exceptionId === decided.exception.exceptionId,
      );
      await pushEvents(stack, [copyEvent(brand, WITH_ANOTHER)]);
      const { items: cases } = await apiGet<{ items: { caseId: string }[] }>(
        stack,
        LEGAL_TOKEN,
        `/cases?brand=${encodeURIComponent(brand)}&limit=100`,
      );
      const details = await Promise.all(
        cases.map((item) =>
          apiGet<{ case: { findings: CaseFinding[] } }>(stack, LEGAL_TOKEN, `/cases/${item.caseId}`),
        ),
      );
      const allowed = details
        .flatMap((detail) => detail.case.findings)
        .find((finding) => finding.exception !== undefined);

      // Assess
      expect(decision.status).toBe(200);
      const expected = { expiresOn: MARCH_1, timeZone, expiresAt: endOfMarch1(offset) };
      expect(decided.exception).toMatchObject(expected);
      expect(listed).toMatchObject(expected);
      expect(allowed).toMatchObject({
        ruleId: 'cn.absolute.best',
        level: 'green',
        exception: { id: decided.exception.exceptionId, expiresOn: MARCH_1, expiresAt: endOfMarch1(offset) },
      });
      expect(allowed?.message).toContain(
        `until ${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(year, 2, 1))} (`,
      );
    },
  );

  it("reads the date in the copy's market's zone when the request names none", async () => {
    // Prepare
    const brand = 'TZ market default';
    await pushEvents(stack, [copyEvent(brand, SUBSTANTIATED)]);
    const review = await pendingReviewOf(brand);

    // Act
    const response = await postDecision(review.reviewId, { expiresOn: MARCH_1 });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      exception: { expiresOn: MARCH_1, timeZone: 'Asia/Shanghai', expiresAt: endOfMarch1(8) },
    });
  });

  it('refuses an unknown zone and a day already over with a problem, and writes nothing', async () => {
    // Prepare
    const brand = 'TZ refused';
    await pushEvents(stack, [copyEvent(brand, SUBSTANTIATED)]);
    const review = await pendingReviewOf(brand);
    const before = await allExceptions();

    // Act
    const badZone = await postDecision(review.reviewId, { expiresOn: MARCH_1, timeZone: 'Asia/Atlantis' });
    const past = await postDecision(review.reviewId, { expiresOn: '2020-03-01', timeZone: 'UTC' });
    const problems = [await badZone.json(), await past.json()];

    // Assess
    expect([badZone.status, past.status]).toEqual([400, 400]);
    expect(badZone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(problems).toMatchObject([
      { errors: [{ path: 'exception.timeZone' }] },
      { errors: [{ path: 'exception.expiresOn' }] },
    ]);
    expect(await allExceptions()).toEqual(before);
    expect(await pendingReviewOf(brand)).toMatchObject({ reviewId: review.reviewId });
  });
});

describe('Exceptions stored before calendar dates (DynamoDB Local)', () => {
  it("reads one with only an instant as its instant's UTC day, from the list, the brand and by id", async () => {
    // Prepare
    const table = await createTestTable(inject('dynamoEndpoint'), 'exception-dates');
    const store = new DynamoDbExceptionStore(table.docClient, table.tableName);
    const stored = {
      exceptionId: 'x-old',
      brand: 'Old',
      ruleId: 'cn.absolute.best',
      evidence: 'report',
      expiresAt: `${MARCH_1}T23:59:59.000Z`,
      grantedBy: 'user:lena',
      grantedAt: '2026-11-01T00:00:00.000Z',
      reviewId: 'case-old',
    } as unknown as ClaimException;
    await table.docClient.send(new PutCommand({ TableName: table.tableName, Item: exceptionToItem(stored) }));

    // Act
    const read = [
      (await store.listExceptions(10)).items[0],
      (await store.forBrand('Old', new Date()))[0],
      await store.getException('x-old'),
    ];
    await table.destroy();

    // Assess
    const expected = { expiresOn: MARCH_1, timeZone: 'UTC', expiresAt: `${MARCH_1}T23:59:59.000Z` };
    expect(read).toEqual([
      expect.objectContaining(expected),
      expect.objectContaining(expected),
      expect.objectContaining(expected),
    ]);
  });
});
