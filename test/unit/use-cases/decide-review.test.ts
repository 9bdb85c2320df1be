import { describe, expect, it } from 'vitest';
import type { Principal } from '#shared/auth/principal.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import { type Review, reviewFor } from '#shared/domain/review.ts';
import { ValidationError } from '#shared/errors.ts';
import type { ReviewStore } from '#shared/ports.ts';
import { DecisionRequestSchema, type ExceptionRequest } from '#shared/schemas/requests.ts';
import { decide } from '#shared/use-cases/decide-review.ts';
import { adCopyEvent, finding } from '../../fixtures/events.ts';

const legal: Principal = {
  kind: 'person',
  id: 'sub-lena',
  username: 'lena',
  name: 'Lena',
  roles: ['legal'],
  scope: {},
};
const now = new Date('2027-02-01T17:00:00Z');
const clock = { now: () => now };

/** A store holding one pending review of a copy in `market`; it keeps the exception a decision saves. */
const storeWith = (market: string) => {
  const review = reviewFor(undefined, {
    caseId: 'case-1',
    copy: adCopyEvent({ market }).copy,
    eventId: 'e-1',
    level: 'yellow',
    findings: [finding({ ruleId: 'cn.absolute.best', riskType: 'compliance', level: 'yellow' })],
    now,
  });
  const saved: ClaimException[] = [];
  const reviews: ReviewStore = {
    listReviews: () => Promise.resolve({ items: [review] }),
    getReview: (id) => Promise.resolve(id === review.reviewId ? review : undefined),
    saveDecision: (_next: Review, _version: number, _audit: unknown, exception?: ClaimException) => {
      if (exception !== undefined) saved.push(exception);
      return Promise.resolve('saved');
    },
  };
  return { reviews, saved };
};

const approveWith = (market: string, exception: Omit<ExceptionRequest, 'ruleId' | 'evidence'>) => {
  const { reviews, saved } = storeWith(market);
  const request = {
    decision: 'approved' as const,
    note: 'Substantiated',
    exception: { ruleId: 'cn.absolute.best', evidence: 'Nielsen 2026-Q3', ...exception },
  };
  return {
    saved,
    run: () => decide('case-1', legal, request, { reviews, clock, newExceptionId: () => 'x-1' }),
  };
};

describe('Use case: decide (an exception until a calendar date)', () => {
  it("ends the day in the reviewer's zone when given, else in the copy's market's, else in UTC", async () => {
    // Prepare
    const cases = [
      approveWith('CN', { expiresOn: '2027-03-01', timeZone: 'America/Los_Angeles' }),
      approveWith('VN', { expiresOn: '2027-03-01' }),
      approveWith('CN', { expiresOn: '2027-03-01' }),
      approveWith('BR', { expiresOn: '2027-03-01' }),
    ];

    // Act
    const granted = await Promise.all(cases.map(async (approval) => (await approval.run()).exception));

    // Assess
    expect(
      granted.map((exception) => [exception?.expiresOn, exception?.timeZone, exception?.expiresAt]),
    ).toEqual([
      ['2027-03-01', 'America/Los_Angeles', '2027-03-02T08:00:00.000Z'],
      ['2027-03-01', 'Asia/Ho_Chi_Minh', '2027-03-01T17:00:00.000Z'],
      ['2027-03-01', 'Asia/Shanghai', '2027-03-01T16:00:00.000Z'],
      ['2027-03-01', 'UTC', '2027-03-02T00:00:00.000Z'],
    ]);
    expect(cases.map((approval) => approval.saved.length)).toEqual([1, 1, 1, 1]);
  });

  it('keeps the deprecated expiresAt instant, its day read in UTC', async () => {
    // Prepare
    const approval = approveWith('VN', { expiresAt: '2027-03-01T23:59:59Z' });

    // Act
    const { exception } = await approval.run();

    // Assess
    expect(exception).toMatchObject({
      expiresOn: '2027-03-01',
      timeZone: 'UTC',
      expiresAt: '2027-03-01T23:59:59.000Z',
    });
  });

  it('refuses a day that has already ended in its zone, and saves nothing', async () => {
    // Prepare: now is 01:00 on 2 February in Shanghai, 09:00 on 1 February in Los Angeles.
    const ended = approveWith('CN', { expiresOn: '2027-01-31' });
    const endedThere = approveWith('CN', { expiresOn: '2027-02-01', timeZone: 'Asia/Shanghai' });
    const stillToday = approveWith('CN', { expiresOn: '2027-02-01', timeZone: 'America/Los_Angeles' });

    // Act and assess
    await expect(ended.run()).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'exception.expiresOn' }],
    });
    await expect(endedThere.run()).rejects.toBeInstanceOf(ValidationError);
    await expect(stillToday.run()).resolves.toMatchObject({ exception: { expiresOn: '2027-02-01' } });
    expect([ended.saved, endedThere.saved].flat()).toEqual([]);
  });

  it('refuses an unknown zone, an offset, a false date, both dates and neither (the request schema)', () => {
    // Prepare
    const base = { decision: 'approved', note: 'n' };
    const exception = { ruleId: 'r', evidence: 'e' };
    const requests = [
      { ...exception, expiresOn: '2027-03-01', timeZone: 'Asia/Atlantis' },
      { ...exception, expiresOn: '2027-03-01', timeZone: '+07:00' },
      { ...exception, expiresOn: '2027-02-30' },
      { ...exception, expiresOn: '2027-03-01', expiresAt: '2027-03-01T23:59:59Z' },
      { ...exception, expiresAt: '2027-03-01T23:59:59Z', timeZone: 'UTC' },
      { ...exception },
    ];

    // Act
    const paths = requests.map((request) => {
      const result = DecisionRequestSchema.safeParse({ ...base, exception: request });
      return result.success ? 'accepted' : result.error.issues.map((issue) => issue.path.join('.')).join();
    });
    const valid = DecisionRequestSchema.safeParse({
      ...base,
      exception: { ...exception, expiresOn: '2027-03-01', timeZone: 'Asia/Ho_Chi_Minh' },
    });

    // Assess
    expect(paths).toEqual([
      'exception.timeZone',
      'exception.timeZone',
      'exception.expiresOn',
      'exception.expiresAt',
      'exception.timeZone',
      'exception.expiresOn',
    ]);
    expect(valid.success).toBe(true);
  });
});
