import type { ScheduledEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
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
});
