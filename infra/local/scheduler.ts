import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './api-gateway-event.ts';
import type { LoadedHandler } from './handler-types.ts';
import { createLambdaContext } from './lambda-context.ts';
import type { LocalLogger } from './logger.ts';
import { nextRun } from './schedule-expression.ts';

export interface LocalSchedulerOptions {
  readonly functions: ReadonlyMap<string, LoadedHandler>;
  /** Each function's schedule expression (infra/catalog.ts `schedule`): it runs when AWS would run it. */
  readonly schedules: ReadonlyMap<string, string>;
  /** Instead, run every function this often (`RADAR_SCHEDULE_INTERVAL_MS`; tests). */
  readonly intervalMs?: number;
  /** The zone of cron schedules (context `scheduleTimeZone` in AWS). @default UTC */
  readonly timeZone?: string;
  readonly region: string;
  readonly logger: LocalLogger;
}

export interface LocalScheduler {
  /** When each function runs next. */
  next(): ReadonlyMap<string, Date>;
  /** Runs one function now, as `aws lambda invoke` would, and returns what it returned. */
  runNow(id: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** setTimeout's longest delay (about 24.8 days); a later run re-arms on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The EventBridge Scheduler event a scheduled Lambda receives. */
export const scheduledEvent = (functionId: string, region: string, now: Date): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: LOCAL_ACCOUNT_ID,
  time: now.toISOString(),
  region,
  resources: [`arn:aws:scheduler:${region}:${LOCAL_ACCOUNT_ID}:schedule/default/${functionId}`],
  detail: {},
});

/**
 * Runs the catalog's scheduled functions (SLA check, digest) on their own schedule expressions, as
 * EventBridge Scheduler does in AWS: the daily digest once a day, the SLA check every 15 minutes. Runs of
 * one function never overlap (a run due while one is in flight is skipped); `stop()` waits for those in
 * flight.
 */
export const startLocalScheduler = (options: LocalSchedulerOptions): LocalScheduler => {
  const running = new Map<string, Promise<unknown>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const due = new Map<string, Date>();
  const start = new Date();
  let stopped = false;

  const invoke = (id: string): Promise<unknown> => {
    const handler = options.functions.get(id);
    if (handler === undefined) return Promise.reject(new Error(`No scheduled function ${id}`));
    const inFlight = running.get(id);
    if (inFlight !== undefined) return inFlight;
    const context = createLambdaContext({
      functionName: id,
      awsRequestId: randomUUID(),
      timeoutMs: 60_000,
      region: options.region,
    });
    const invocation = handler(scheduledEvent(id, options.region, new Date()), context).finally(() =>
      running.delete(id),
    );
    running.set(id, invocation);
    return invocation;
  };

  const run = (id: string): void => {
    if (running.has(id)) return;
    invoke(id).then(
      (result) => options.logger.info(`schedule ${id}: ${JSON.stringify(result)}`),
      (error: unknown) =>
        options.logger.error(
          `schedule ${id} failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  };

  const nextOf = (id: string, after: Date): Date => {
    if (options.intervalMs !== undefined) return new Date(after.getTime() + options.intervalMs);
    const expression = options.schedules.get(id);
    if (expression === undefined) throw new RangeError(`No schedule for ${id}`);
    return nextRun(expression, after, {
      start,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    });
  };

  const arm = (id: string, at: Date): void => {
    if (stopped) return;
    due.set(id, at);
    const timer = setTimeout(
      () => {
        if (Date.now() < at.getTime()) return arm(id, at);
        run(id);
        arm(id, nextOf(id, at));
      },
      Math.min(Math.max(0, at.getTime() - Date.now()), MAX_TIMER_MS),
    );
    timer.unref();
    timers.set(id, timer);
  };

  for (const id of options.functions.keys()) arm(id, nextOf(id, start));

  return {
    next: () => new Map(due),
    runNow: invoke,
    stop: async () => {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.allSettled(running.values());
    },
  };
};
