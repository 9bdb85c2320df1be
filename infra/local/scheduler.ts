import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './api-gateway-event.ts';
import { createLambdaContext } from './lambda-context.ts';
import type { LoadedHandler } from './load-handlers.ts';
import type { LocalLogger } from './logger.ts';

export interface LocalSchedulerOptions {
  readonly functions: ReadonlyMap<string, LoadedHandler>;
  /** How often each scheduled function runs locally, whatever its AWS schedule says. */
  readonly intervalMs: number;
  readonly region: string;
  readonly logger: LocalLogger;
}

/** The EventBridge Scheduler event a scheduled Lambda receives. */
const scheduledEvent = (functionId: string, region: string, now: Date): ScheduledEvent => ({
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
 * Runs the catalog's scheduled functions (SLA check, digest) on an interval, as EventBridge Scheduler does
 * in AWS. Runs of one function never overlap; `stop()` waits for those in flight.
 */
export const startLocalScheduler = (options: LocalSchedulerOptions): { stop(): Promise<void> } => {
  const running = new Map<string, Promise<void>>();
  const run = (id: string, handler: LoadedHandler) => {
    if (running.has(id)) return;
    const context = createLambdaContext({
      functionName: id,
      awsRequestId: randomUUID(),
      timeoutMs: 60_000,
      region: options.region,
    });
    const invocation = handler(scheduledEvent(id, options.region, new Date()), context)
      .then((result) => options.logger.info(`schedule ${id}: ${JSON.stringify(result)}`))
      .catch((error: unknown) =>
        options.logger.error(
          `schedule ${id} failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => running.delete(id));
    running.set(id, invocation);
  };
  const timer = setInterval(() => {
    for (const [id, handler] of options.functions) run(id, handler);
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
};
