import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { DynamoDbExceptionStore } from '#shared/adapters/dynamodb-exception-store.ts';
import { DynamoDbReviewStore } from '#shared/adapters/dynamodb-review-store.ts';
import { DynamoDbWorkflowStore } from '#shared/adapters/dynamodb-workflow-store.ts';
import type { Principal } from '#shared/auth/principal.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { ConflictError, ValidationError } from '#shared/errors.ts';
import type { DigestMessage } from '#shared/ports.ts';
import { acknowledge, resolve } from '#shared/use-cases/case-workflow.ts';
import { checkSla } from '#shared/use-cases/check-sla.ts';
import { decide } from '#shared/use-cases/decide-review.ts';
import { type IngestDependencies, ingestEvent } from '#shared/use-cases/ingest-events.ts';
import { revokeException } from '#shared/use-cases/revoke-exception.ts';
import { sendDigest } from '#shared/use-cases/send-digest.ts';
import { adCopyEvent, spendEvent } from '../fixtures/events.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/** A clock the test moves by hand. */
const clock = {
  at: new Date('2026-11-22T10:00:00Z'),
  now() {
    return this.at;
  },
};
const advance = (hours: number) => {
  clock.at = new Date(clock.at.getTime() + hours * 3_600_000);
};

const manager: Principal = {
  kind: 'person',
  id: 'sub-mia',
  username: 'mia',
  name: 'Mia',
  roles: ['manager'],
  scope: {},
};
const legal: Principal = {
  kind: 'person',
  id: 'sub-lena',
  username: 'lena',
  name: 'Lena',
  roles: ['legal'],
  scope: {},
};

let table: TestTable;
let ingest: IngestDependencies;
let reader: DynamoDbCaseReader;
let cases: DynamoDbWorkflowStore;
let reviews: DynamoDbReviewStore;
let exceptions: DynamoDbExceptionStore;
const engine = createRiskEngine();
const policy = levelPolicyOf(engine.matrix);

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'workflow');
  exceptions = new DynamoDbExceptionStore(table.docClient, table.tableName);
  ingest = {
    store: new DynamoDbEventStore(table.docClient, table.tableName),
    exceptions,
    engine,
    policy,
    clock,
    newCaseId: () => randomUUID(),
  };
  reader = new DynamoDbCaseReader(table.docClient, table.tableName);
  cases = new DynamoDbWorkflowStore(table.docClient, table.tableName);
  reviews = new DynamoDbReviewStore(table.docClient, table.tableName);
});

afterAll(() => table.destroy());

/** The rule and evidence of the finding that quotes `phrase`: the packs own rule ids, the test knows the claim. */
const claimIn = (
  result: Awaited<ReturnType<typeof ingestEvent>>,
  phrase: string,
): { ruleId: string; text: string } => {
  const findings = result.status === 'rejected' ? [] : result.assessment.findings;
  for (const finding of findings) {
    const evidence = finding.evidence?.find((e) => e.text.includes(phrase));
    if (evidence !== undefined) return { ruleId: finding.ruleId, text: evidence.text };
  }
  throw new Error(`no finding quotes ${phrase}: ${JSON.stringify(result)}`);
};

const caseIdOf = (result: Awaited<ReturnType<typeof ingestEvent>>): string => {
  if (result.status === 'rejected' || typeof result.caseId !== 'string')
    throw new Error(`no case: ${JSON.stringify(result)}`);
  return result.caseId;
};

describe('Case lifecycle (DynamoDB Local)', () => {
  it('goes open → acknowledged → resolved, reopens on a new red occurrence, and audits every step', async () => {
    const caseId = caseIdOf(
      await ingestEvent('pusher', 0, spendEvent({ campaignId: 'life' }, 'life-1'), ingest),
    );
    await acknowledge(caseId, manager, 'looking', { cases, clock });
    await expect(acknowledge(caseId, manager, undefined, { cases, clock })).rejects.toMatchObject({
      name: 'ConflictError',
      current: { status: 'acknowledged' },
    });
    await resolve(
      caseId,
      manager,
      { whys: ['Cap removed'], measures: ['Paused'], improvementPlan: 'Pacing alert' },
      { cases, clock },
    );
    await expect(
      resolve(caseId, manager, { whys: ['x'], measures: ['y'], improvementPlan: 'z' }, { cases, clock }),
    ).rejects.toBeInstanceOf(ConflictError);

    const again = await ingestEvent('pusher', 0, spendEvent({ campaignId: 'life' }, 'life-2'), ingest);
    expect(caseIdOf(again)).toBe(caseId);
    const detail = await reader.getCase(caseId);
    expect(detail?.case).toMatchObject({
      status: 'open',
      occurrences: 2,
      resolution: { whys: ['Cap removed'] },
    });
    expect(detail?.audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['opened', 'client:pusher'],
      ['acknowledged', 'user:mia'],
      ['resolved', 'user:mia'],
      ['reopened', 'client:pusher'],
    ]);
    expect(detail?.case.escalation).toMatchObject({ id: `${caseId}#2`, reason: 'reopened' });
  });
});

describe('SLA and digest (DynamoDB Local)', () => {
  it('escalates an unacknowledged red case at tier 2 once the SLA lapses, once', async () => {
    const caseId = caseIdOf(
      await ingestEvent('pusher', 0, spendEvent({ campaignId: 'sla' }, 'sla-1'), ingest),
    );
    // No brand in the catalogue: nobody to add at tier 2 (test/unit/use-cases/check-sla.test.ts covers the brand's managers).
    const catalogue = { getMany: async () => ({ campaigns: new Map(), brands: new Map() }) };
    const deps = { reader, cases, catalogue, policy, clock, slaHours: 4 };
    expect((await checkSla(deps, ['red'])).escalated).not.toContain(caseId);
    advance(5);
    expect((await checkSla(deps, ['red'])).escalated).toContain(caseId);
    expect((await checkSla(deps, ['red'])).escalated).not.toContain(caseId);
    const detail = await reader.getCase(caseId);
    expect(detail?.case.escalation).toMatchObject({ tier: 2, reason: 'sla-lapsed' });
    expect(detail?.audit.at(-1)).toMatchObject({ action: 'escalated', actor: 'system:sla' });
  });

  it('sums up the day’s new yellow cases in one digest message', async () => {
    const caseId = caseIdOf(
      await ingestEvent(
        'pusher',
        0,
        {
          ...spendEvent({ campaignId: 'digest', actualSpend: 11500 }, 'digest-1'),
          occurredAt: clock.now().toISOString(),
        },
        ingest,
      ),
    );
    const sent: DigestMessage[] = [];
    const result = await sendDigest(
      {
        reader,
        clock,
        notifier: {
          publishDigest: async (message) => {
            sent.push(message);
          },
        },
      },
      'yellow',
    );
    expect(result.sent).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.cases.map((c) => c.caseId)).toContain(caseId);
  });
});

describe('Legal review and exceptions (DynamoDB Local)', () => {
  const claim = (copyId: string, eventId: string) =>
    adCopyEvent({ copyId, brand: 'Exc', text: 'Exc 精华，全国销量第一，温和配方。' }, eventId);

  it('queues the flagged copy, takes a decision once, and lets an exception allow the claim until it expires', async () => {
    const first = await ingestEvent('cms', 0, claim('exc-1', 'exc-e1'), ingest);
    const caseId = caseIdOf(first);
    const { ruleId, text: claimed } = claimIn(first, '第一');

    const queue = await reviews.listReviews({ status: 'pending', limit: 100 });
    const review = queue.items.find((item) => item.caseId === caseId);
    expect(review).toMatchObject({ status: 'pending', copy: { text: 'Exc 精华，全国销量第一，温和配方。' } });
    expect(review?.findings[0]?.evidence?.[0]?.text).toBe(claimed);

    await expect(
      decide(
        caseId,
        legal,
        {
          decision: 'rejected',
          note: 'x',
          exception: { ruleId, evidence: 'r', expiresAt: '2027-01-01T00:00:00Z' },
        },
        { reviews, clock },
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    const expiresAt = new Date(clock.now().getTime() + 48 * 3_600_000).toISOString();
    const decided = await decide(
      caseId,
      legal,
      {
        decision: 'approved',
        note: 'Substantiated',
        exception: { ruleId, phrase: claimed, evidence: 'Nielsen 2026-Q3 report', expiresAt },
      },
      { reviews, clock },
    );
    expect(decided.review).toMatchObject({ status: 'approved', decision: { by: 'user:lena' } });
    await expect(
      decide(caseId, legal, { decision: 'rejected', note: 'changed my mind' }, { reviews, clock }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      current: { status: 'approved' },
    });

    const allowed = await ingestEvent('cms', 0, claim('exc-2', 'exc-e2'), ingest);
    expect(allowed).toMatchObject({ status: 'created', caseId: null, assessment: { level: 'green' } });
    const allowedFinding = allowed.status === 'rejected' ? undefined : allowed.assessment.findings[0];
    expect(allowedFinding?.exception?.id).toBe(decided.exception?.exceptionId);
    expect(allowedFinding?.message).toMatch(/^Allowed by exception/);

    advance(49);
    const expired = await ingestEvent('cms', 0, claim('exc-3', 'exc-e3'), ingest);
    expect(expired).toMatchObject({ assessment: { level: 'yellow' } });
  });

  it('flags the claim again once legal revokes the exception, and refuses a second revocation', async () => {
    const first = await ingestEvent(
      'cms',
      0,
      adCopyEvent({ copyId: 'rev-1', brand: 'Rev', text: 'Rev 面霜 销量第一' }, 'rev-e1'),
      ingest,
    );
    const caseId = caseIdOf(first);
    const { ruleId } = claimIn(first, '第一');
    const expiresAt = new Date(clock.now().getTime() + 48 * 3_600_000).toISOString();
    const { exception } = await decide(
      caseId,
      legal,
      {
        decision: 'approved',
        note: 'ok',
        exception: { ruleId, evidence: 'report', expiresAt },
      },
      { reviews, clock },
    );
    const exceptionId = exception?.exceptionId ?? '';
    expect((await exceptions.listExceptions(100)).items.map((item) => item.exceptionId)).toContain(
      exceptionId,
    );
    expect(
      await ingestEvent(
        'cms',
        0,
        adCopyEvent({ copyId: 'rev-2', brand: 'Rev', text: 'Rev 面霜 销量第一' }, 'rev-e2'),
        ingest,
      ),
    ).toMatchObject({
      assessment: { level: 'green' },
    });
    const revoked = await revokeException(exceptionId, 'user:lena', { exceptions, clock });
    expect(revoked).toMatchObject({ revokedBy: 'user:lena' });
    await expect(revokeException(exceptionId, 'user:lena', { exceptions, clock })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(
      await ingestEvent(
        'cms',
        0,
        adCopyEvent({ copyId: 'rev-3', brand: 'Rev', text: 'Rev 面霜 销量第一' }, 'rev-e3'),
        ingest,
      ),
    ).toMatchObject({
      assessment: { level: 'yellow' },
    });
  });
});

describe('Case search (DynamoDB Local)', () => {
  it('finds cases by brand, market, campaign and time range through the indexes', async () => {
    await ingestEvent(
      'cms',
      0,
      adCopyEvent(
        {
          copyId: 'search-1',
          brand: 'Findme',
          market: 'VN',
          lang: 'vi',
          text: 'Sản phẩm tốt nhất thị trường',
        },
        'search-e1',
      ),
      ingest,
    );
    const byBrand = await reader.listCases({ brand: 'Findme', limit: 10 });
    expect(byBrand.items.map((c) => c.subject.copyId)).toEqual(['search-1']);
    expect((await reader.listCases({ market: 'VN', brand: 'Findme', limit: 10 })).items).toHaveLength(1);
    expect(
      (await reader.listCases({ campaignId: 'life', limit: 10 })).items.map((c) => c.subject.campaignId),
    ).toEqual(['life']);
    const seen = byBrand.items[0]?.lastSeenAt ?? '';
    expect((await reader.listCases({ brand: 'Findme', from: seen, limit: 10 })).items).toHaveLength(1);
    expect((await reader.listCases({ brand: 'Findme', to: seen, limit: 10 })).items).toHaveLength(0);
  });
});
