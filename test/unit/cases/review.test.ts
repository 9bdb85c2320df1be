import { describe, expect, it } from 'vitest';
import { applyExceptions, type ClaimException } from '#shared/domain/claim-exception.ts';
import { decideReview, type Review, reviewFor } from '#shared/domain/review.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { adCopyEvent, assessment, finding } from '../../fixtures/events.ts';

const now = new Date('2026-11-22T10:00:00Z');
const copy = adCopyEvent().copy;
const absolute = finding({
  ruleId: 'cn.absolute-terms',
  riskType: 'compliance',
  level: 'yellow',
  probability: 'medium',
  impact: 'moderate',
  evidence: [{ text: '第一', start: 0, end: 2 }],
});
const medical = finding({
  ruleId: 'cn.medical-claims',
  riskType: 'compliance',
  level: 'red',
  evidence: [{ text: '治愈', start: 3, end: 5 }],
});
const input = { caseId: 'case-1', copy, eventId: 'e-1', level: 'red', findings: [absolute, medical], now };

const exception = (overrides: Partial<ClaimException> = {}): ClaimException => ({
  exceptionId: 'x-1',
  brand: 'Acme',
  ruleId: 'cn.absolute-terms',
  evidence: 'Nielsen market share report 2026-Q3',
  expiresOn: '2026-12-30',
  timeZone: 'UTC',
  expiresAt: '2026-12-31T00:00:00.000Z',
  grantedBy: 'user:lena',
  grantedAt: '2026-11-01T00:00:00.000Z',
  reviewId: 'case-0',
  ...overrides,
});

describe('Function: reviewFor', () => {
  it('opens a pending first round, updates it while pending, and starts a new round after a decision', () => {
    // Prepare
    const decide = (review: Review): Review => {
      const decided = decideReview(
        review,
        { decision: 'changes_requested', note: 'drop 治愈' },
        'user:lena',
        now,
      );
      if (!decided.ok) throw new Error('expected a decision');
      return decided.next;
    };

    // Act
    const first = reviewFor(undefined, input);
    const updated = reviewFor(first, { ...input, eventId: 'e-2' });
    const resubmitted = reviewFor(decide(updated), { ...input, eventId: 'e-3' });

    // Assess
    expect(first).toMatchObject({ reviewId: 'case-1', status: 'pending', round: 1, version: 1 });
    expect(updated).toMatchObject({ status: 'pending', round: 1, eventId: 'e-2', version: 2 });
    expect(resubmitted).toMatchObject({ status: 'pending', round: 2, eventId: 'e-3' });
    expect(resubmitted.decision).toBeUndefined();
  });
});

describe('Function: decideReview', () => {
  it('records the decision and refuses a second one (409 material)', () => {
    // Prepare
    const pending = reviewFor(undefined, input);

    // Act
    const decided = decideReview(pending, { decision: 'rejected', note: 'medical claim' }, 'user:lena', now);
    const again = decided.ok
      ? decideReview(decided.next, { decision: 'approved', note: 'x' }, 'user:lena', now)
      : undefined;

    // Assess
    expect(decided).toMatchObject({
      ok: true,
      next: { status: 'rejected', decision: { by: 'user:lena', note: 'medical claim' } },
      audit: { action: 'review-decided', to: 'rejected' },
    });
    expect(again).toMatchObject({ ok: false, current: { status: 'rejected' } });
  });
});

describe('Function: applyExceptions', () => {
  const flagged = assessment([absolute, medical], 'red');

  it('lets an active exception allow its claim and says so, keeping other findings in force', () => {
    // Prepare
    const allowed = [exception()];

    // Act
    const result = applyExceptions(DEFAULT_MATRIX, assessment([absolute]), 'Acme', allowed, now);
    const both = applyExceptions(DEFAULT_MATRIX, flagged, 'Acme', allowed, now);

    // Assess
    expect(result.level).toBe('green');
    expect(result.findings[0]).toMatchObject({
      level: 'green',
      exception: { id: 'x-1', expiresOn: '2026-12-30', expiresAt: '2026-12-31T00:00:00.000Z' },
    });
    expect(result.findings[0]?.message).toMatch(/^Allowed by exception x-1 until Dec 30, 2026 /);
    expect(both).toMatchObject({ level: 'red', probability: 'high', impact: 'severe' });
  });

  it.each([
    ['expired', exception({ expiresAt: '2026-11-22T09:59:59.000Z' })],
    ['revoked', exception({ revokedAt: '2026-11-20T00:00:00.000Z' })],
    ['for another brand', exception({ brand: 'Other' })],
    ['for another rule', exception({ ruleId: 'cn.guarantees' })],
    ['for another phrase', exception({ phrase: '唯一' })],
  ])('does not apply when %s', (_name, candidate) => {
    // Prepare
    const flaggedOnce = assessment([absolute]);

    // Act
    const result = applyExceptions(DEFAULT_MATRIX, flaggedOnce, 'Acme', [candidate], now);

    // Assess
    expect(result.level).toBe('yellow');
    expect(result.findings[0]?.exception).toBeUndefined();
  });

  it('matches a phrase exception on the evidence text', () => {
    // Prepare
    const forThePhrase = [exception({ phrase: '第一' })];

    // Act
    const result = applyExceptions(DEFAULT_MATRIX, assessment([absolute]), 'Acme', forThePhrase, now);

    // Assess
    expect(result.level).toBe('green');
  });
});
