import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '#infra/catalog.ts';
import { nextRun } from '#infra/local/schedule-expression.ts';

describe('Function: nextRun', () => {
  it.each([
    ['cron(0 8 * * ? *)', '2026-12-01T09:00:00Z', '2026-12-02T08:00:00.000Z'],
    ['cron(0 8 * * ? *)', '2026-12-01T07:59:59Z', '2026-12-01T08:00:00.000Z'],
    ['cron(0/15 * * * ? *)', '2026-12-01T09:01:00Z', '2026-12-01T09:15:00.000Z'],
    // EventBridge counts weekdays from Sunday = 1: 2 is Monday; 2026-12-05 is a Saturday.
    ['cron(30 6 ? * 2 *)', '2026-12-05T00:00:00Z', '2026-12-07T06:30:00.000Z'],
    ['cron(0 9 ? * MON-FRI *)', '2026-12-05T10:00:00Z', '2026-12-07T09:00:00.000Z'],
  ])('fires %s after %s at %s (UTC)', (expression, after, expected) => {
    expect(nextRun(expression, new Date(after)).toISOString()).toBe(expected);
  });

  it('fires rate expressions every period from the start', () => {
    const start = new Date('2026-12-01T09:00:00Z');

    expect(nextRun('rate(15 minutes)', new Date('2026-12-01T09:20:00Z'), { start }).toISOString()).toBe(
      '2026-12-01T09:30:00.000Z',
    );
    expect(nextRun('rate(1 day)', start, { start }).toISOString()).toBe('2026-12-02T09:00:00.000Z');
  });

  it('follows the time zone of cron schedules', () => {
    expect(
      nextRun('cron(0 8 * * ? *)', new Date('2026-11-30T23:00:00Z'), {
        timeZone: 'Asia/Shanghai',
      }).toISOString(),
    ).toBe('2026-12-01T00:00:00.000Z');
  });

  it.each(['every day', 'cron(0 8 * * ?)', 'rate(0 minutes)', 'rate(5 weeks)'])(
    'refuses %s',
    (expression) => {
      expect(() => nextRun(expression, new Date())).toThrow(RangeError);
    },
  );

  it("understands every schedule in the catalog, the daily digest's once a day", () => {
    const after = new Date('2026-12-01T09:00:00Z');
    for (const definition of FUNCTIONS) {
      if (!('schedule' in definition)) continue;
      expect(nextRun(definition.schedule, after).getTime()).toBeGreaterThan(after.getTime());
    }
    const digest = FUNCTIONS.find((definition) => definition.id === 'send-digest');
    const first = nextRun(digest && 'schedule' in digest ? digest.schedule : '', after);
    expect(
      nextRun(digest && 'schedule' in digest ? digest.schedule : '', first).getTime() - first.getTime(),
    ).toBe(86_400_000);
  });
});
