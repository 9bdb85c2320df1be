import { describe, expect, it } from 'vitest';
import { refreshed } from '#functions/dependencies/refreshed.ts';

/** A read the test settles by hand, counting its calls. */
const manualRead = () => {
  const pending: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { read, pending };
};

describe('Function: refreshed', () => {
  it('shares one read among the calls that arrive while it is under way', async () => {
    // Prepare
    const { read, pending } = manualRead();
    const value = refreshed(
      read,
      5_000,
      () => {},
      () => 0,
    );

    // Act
    const calls = [value(), value(), value()];
    pending[0]?.resolve(7);

    // Assess
    expect(await Promise.all(calls)).toEqual([7, 7, 7]);
    expect(pending).toHaveLength(1);
  });

  it('answers from the value until it is older than maxAgeMs, then reads again', async () => {
    // Prepare
    let clock = 0;
    let reads = 0;
    const value = refreshed(
      async () => ++reads,
      5_000,
      () => {},
      () => clock,
    );
    await value();

    // Act
    clock = 4_999;
    const fresh = await value();
    clock = 5_000;
    const reread = await value();

    // Assess
    expect([fresh, reread, reads]).toEqual([1, 2, 2]);
  });

  it('falls back to the last value when a read fails, and reports the failure', async () => {
    // Prepare
    let clock = 0;
    let fail = false;
    const errors: unknown[] = [];
    const value = refreshed(
      async () => {
        if (fail) throw new Error('throttled');
        return 'v1';
      },
      1_000,
      (error) => errors.push(error),
      () => clock,
    );
    await value();

    // Act
    fail = true;
    clock = 2_000;
    const fallback = await value();

    // Assess
    expect(fallback).toBe('v1');
    expect(errors).toEqual([new Error('throttled')]);
  });

  it('fails when the first read fails, and reads again on the next call', async () => {
    // Prepare
    let attempts = 0;
    const value = refreshed(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('down');
        return 'up';
      },
      1_000,
      () => {},
      () => 0,
    );

    // Act
    const first = value();

    // Assess
    await expect(first).rejects.toThrow('down');
    expect(await value()).toBe('up');
  });
});
