import type { ScheduledEvent } from 'aws-lambda';
import { systemClock } from '#shared/ports.ts';
import { sendDigest } from '#shared/use-cases/send-digest.ts';
import { levelsInForce, levelsWhere } from './dependencies/levels.ts';
import { digestNotifier } from './dependencies/notifier.ts';
import { caseReader } from './dependencies/workflow.ts';
import { logger } from './logger.ts';
import { scheduledFunction } from './scheduled.ts';

/**
 * The time the run was scheduled for: the scheduled event's `time` (EventBridge Scheduler fills it with
 * `<aws.scheduler.scheduled-time>`, infra/scheduled-invoke.ts; the local scheduler with the run's time). The
 * same on every retry of the run, so it names the digest's window. An ad-hoc invocation without it gets now.
 */
const scheduledTime = (event: Partial<ScheduledEvent> | undefined): Date | undefined => {
  const time = typeof event?.time === 'string' ? new Date(event.time) : undefined;
  return time === undefined || Number.isNaN(time.getTime()) ? undefined : time;
};

/**
 * Scheduled daily: one message per audience (language × time zone, `NOTIFY_AUDIENCES`) summarising the
 * day's new cases that need attention but do not page. Each digest (level × window) goes to each audience
 * at most once: a failed publish fails the invocation, and the retry (Lambda's asynchronous retries, the
 * same event) sends only the audiences not yet sent.
 */
export const handler = scheduledFunction<{ sent: boolean; cases: number }[]>().handler(
  async (event, context) => {
    const notifier = digestNotifier();
    notifier.registerContext(context);
    const { matrix, policy } = await levelsInForce();
    const attention = levelsWhere(matrix, (level) => policy.opensCase(level) && !policy.escalates(level));
    const deps = { reader: caseReader(), notifier, clock: systemClock };
    const at = scheduledTime(event);
    const results = [];
    for (const level of attention) results.push(await sendDigest(deps, level, at));
    logger.info('Digest done', { results, at: at?.toISOString() });
    return results;
  },
);
