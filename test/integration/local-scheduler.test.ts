import type { ScheduledEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '#infra/catalog.ts';
import { nextRun } from '#infra/local/schedule-expression.ts';
import { startLocalScheduler } from '#infra/local/scheduler.ts';

const quiet = { info: () => {}, error: () => {} };

describe('Function: startLocalScheduler', () => {
  it('invokes each scheduled function with an EventBridge Scheduler event, without overlapping runs', async () => {
    const events: ScheduledEvent[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = async (event: unknown) => {
      events.push(event as ScheduledEvent);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 60));
      inFlight -= 1;
      return { ok: true };
    };
    const scheduler = startLocalScheduler({
      functions: new Map([['check-sla', slow]]),
      schedules: new Map([['check-sla', 'rate(15 minutes)']]),
      intervalMs: 10,
      region: 'us-east-1',
      logger: quiet,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await scheduler.stop();
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(maxInFlight).toBe(1);
    expect(events[0]).toMatchObject({ source: 'aws.scheduler', 'detail-type': 'Scheduled Event' });
    expect(events[0]?.resources[0]).toMatch(/schedule\/default\/check-sla$/);
  });

  it('keeps running after a failing run and waits for the run in flight on stop', async () => {
    let calls = 0;
    let finished = false;
    const failing = async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      await new Promise((resolve) => setTimeout(resolve, 50));
      finished = true;
    };
    const errors: string[] = [];
    const scheduler = startLocalScheduler({
      functions: new Map([['send-digest', failing]]),
      schedules: new Map([['send-digest', 'cron(0 8 * * ? *)']]),
      intervalMs: 10,
      region: 'us-east-1',
      logger: { info: () => {}, error: (message) => errors.push(message) },
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    await scheduler.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toContain('boom');
    expect(finished).toBe(true);
  });

  it('runs each function on its catalog schedule, not every minute: the daily digest once a day', async () => {
    // Prepare
    const schedules = new Map(
      FUNCTIONS.flatMap((definition) =>
        'schedule' in definition ? [[definition.id, definition.schedule] as const] : [],
      ),
    );
    const calls: string[] = [];
    const record = (id: string) => async () => {
      calls.push(id);
      return { id };
    };
    const before = new Date();

    // Act
    const scheduler = startLocalScheduler({
      functions: new Map([...schedules.keys()].map((id) => [id, record(id)])),
      schedules,
      region: 'us-east-1',
      logger: quiet,
    });
    const after = new Date();
    const next = scheduler.next();
    await scheduler.stop();

    // Assess
    const digest = next.get('send-digest');
    expect(digest?.getTime()).toBe(nextRun(schedules.get('send-digest') ?? '', before).getTime());
    expect(digest?.toISOString()).toMatch(/T08:00:00\.000Z$/);
    const sla = next.get('check-sla')?.getTime() ?? 0;
    expect(sla).toBeGreaterThanOrEqual(before.getTime() + 15 * 60_000);
    expect(sla).toBeLessThanOrEqual(after.getTime() + 15 * 60_000);
    expect(calls).toEqual([]);
  });

  it('runs a function now on request, returning its result, without waiting for its schedule', async () => {
    // Prepare
    const scheduler = startLocalScheduler({
      functions: new Map([['send-digest', async () => ({ sent: true, cases: 2 })]]),
      schedules: new Map([['send-digest', 'cron(0 8 * * ? *)']]),
      region: 'us-east-1',
      logger: quiet,
    });

    // Act
    const result = await scheduler.runNow('send-digest');
    await scheduler.stop();

    // Assess
    expect(result).toEqual({ sent: true, cases: 2 });
    await expect(scheduler.runNow('nothing')).rejects.toThrow('No scheduled function nothing');
  });
});
