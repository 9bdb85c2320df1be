import { describe, expect, it } from 'vitest';
import type { RiskEvent } from '#shared/schemas/events.ts';
import { planBatches } from '../../cli/push/batches.ts';
import type { ValidRecord } from '../../cli/push/read-events.ts';
import { backoffDelay, DEFAULT_RETRY, retryAfterMs } from '../../cli/push/retry.ts';
import { adCopyEvent, spendEvent } from '../fixtures/events.ts';

const records = (
  count: number,
  make: (i: number) => RiskEvent = (i) => spendEvent({}, `e-${i}`),
): ValidRecord[] => Array.from({ length: count }, (_, i) => ({ line: i + 2, event: make(i) }));

describe('Function: planBatches', () => {
  it('sends at most 100 events per request, in file order', () => {
    // Act
    const { batches, oversized } = planBatches(records(250));

    // Assess
    expect(batches.map((batch) => batch.records.length)).toEqual([100, 100, 50]);
    expect(batches[2]?.records[0]?.line).toBe(202);
    expect(oversized).toEqual([]);
    expect(JSON.parse(batches[0]?.body ?? '')).toEqual({ events: records(100).map((r) => r.event) });
  });

  it('keeps every request body within 256 KB', () => {
    // Prepare: 19,000 Chinese characters are 57 KB of UTF-8 each
    const big = records(20, (i) => adCopyEvent({ text: '美'.repeat(19_000) }, `c-${i}`));

    // Act
    const { batches } = planBatches(big);

    // Assess
    expect(batches.length).toBeGreaterThan(4);
    for (const batch of batches) expect(Buffer.byteLength(batch.body)).toBeLessThanOrEqual(256 * 1024);
    expect(batches.flatMap((batch) => batch.records)).toEqual(big);
  });

  it('sets apart an event no request could carry', () => {
    // Act
    const { batches, oversized } = planBatches(records(3), { maxEvents: 100, maxBytes: 100 });

    // Assess
    expect(batches).toEqual([]);
    expect(oversized).toHaveLength(3);
  });
});

describe('Function: backoffDelay', () => {
  it.each([
    [1, 1, 500],
    [2, 1, 1000],
    [3, 0.5, 1000],
    [10, 1, 30_000],
    [4, 0, 0],
  ])('attempt %d with random %d waits %d ms', (attempt, random, expected) => {
    expect(backoffDelay(DEFAULT_RETRY, attempt, random)).toBe(expected);
  });

  it('waits at least what Retry-After asks, within the cap', () => {
    expect(backoffDelay(DEFAULT_RETRY, 1, 0.5, 4000)).toBe(4000);
    expect(backoffDelay(DEFAULT_RETRY, 1, 0.5, 120_000)).toBe(30_000);
  });
});

describe('Function: retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    const now = new Date('2026-11-22T09:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Sun, 22 Nov 2026 09:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
