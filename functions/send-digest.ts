import { systemClock } from '#shared/ports.ts';
import { sendDigest } from '#shared/use-cases/send-digest.ts';
import { levelsInForce, levelsWhere } from './dependencies/levels.ts';
import { digestNotifier } from './dependencies/notifier.ts';
import { caseReader } from './dependencies/workflow.ts';
import { logger } from './logger.ts';
import { scheduledFunction } from './scheduled.ts';

/**
 * Scheduled daily: one message per audience (language × time zone, `NOTIFY_AUDIENCES`) summarising the
 * day's new cases that need attention but do not page.
 */
export const handler = scheduledFunction<{ sent: boolean; cases: number }[]>().handler(async () => {
  const { matrix, policy } = await levelsInForce();
  const attention = levelsWhere(matrix, (level) => policy.opensCase(level) && !policy.escalates(level));
  const deps = { reader: caseReader(), notifier: digestNotifier(), clock: systemClock };
  const results = [];
  for (const level of attention) results.push(await sendDigest(deps, level));
  logger.info('Digest done', { results });
  return results;
});
