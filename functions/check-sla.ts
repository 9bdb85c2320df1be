import { systemClock } from '#shared/ports.ts';
import { checkSla, type SlaReport } from '#shared/use-cases/check-sla.ts';
import { catalogueStore } from './dependencies/catalogue.ts';
import { levelsInForce, levelsWhere } from './dependencies/levels.ts';
import { slaHours } from './dependencies/schedule.ts';
import { caseReader, workflowStore } from './dependencies/workflow.ts';
import { logger } from './logger.ts';
import { scheduledFunction } from './scheduled.ts';

/**
 * Scheduled: a red case not acknowledged within RED_ACK_SLA_HOURS escalates again at tier 2, to its owner and
 * its brand's managers (read from the catalogue).
 */
export const handler = scheduledFunction<SlaReport>().handler(async () => {
  const { matrix, policy } = await levelsInForce();
  const report = await checkSla(
    {
      reader: caseReader(),
      cases: workflowStore(),
      catalogue: catalogueStore(),
      policy,
      clock: systemClock,
      slaHours: slaHours(),
    },
    levelsWhere(matrix, policy.escalates),
  );
  logger.info('SLA check done', { checked: report.checked, escalated: report.escalated });
  return report;
});
