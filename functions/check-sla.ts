import { systemClock } from '#shared/ports.ts';
import { checkSla, type SlaReport } from '#shared/use-cases/check-sla.ts';
import { levelsInForce, levelsWhere } from './dependencies/levels.ts';
import { slaHours } from './dependencies/schedule.ts';
import { caseReader, workflowStore } from './dependencies/workflow.ts';
import { logger } from './logger.ts';
import { scheduledFunction } from './scheduled.ts';

/** Scheduled: a red case not acknowledged within RED_ACK_SLA_HOURS escalates again at tier 2. */
export const handler = scheduledFunction<SlaReport>().handler(async () => {
  const { matrix, policy } = await levelsInForce();
  const report = await checkSla(
    { reader: caseReader(), cases: workflowStore(), policy, clock: systemClock, slaHours: slaHours() },
    levelsWhere(matrix, policy.escalates),
  );
  logger.info('SLA check done', { checked: report.checked, escalated: report.escalated });
  return report;
});
