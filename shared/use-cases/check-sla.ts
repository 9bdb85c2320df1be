import { escalateForSla, type LevelPolicy, slaLapsed } from '#shared/domain/case.ts';
import type { CaseReader, CaseWorkflowStore, Clock } from '#shared/ports.ts';

export interface SlaDependencies {
  readonly reader: Pick<CaseReader, 'listCases'>;
  readonly cases: CaseWorkflowStore;
  readonly policy: LevelPolicy;
  readonly clock: Clock;
  readonly slaHours: number;
}

export interface SlaReport {
  readonly checked: number;
  readonly escalated: readonly string[];
}

/**
 * Pages managers again (tier 2) for every open red case nobody acknowledged within the SLA. Served by the
 * status index; each escalation is a versioned write, so two overlapping runs escalate a case once.
 */
export const checkSla = async (deps: SlaDependencies, levels: readonly string[]): Promise<SlaReport> => {
  const now = deps.clock.now();
  const escalated: string[] = [];
  let checked = 0;
  for (const level of levels) {
    let cursor: string | undefined;
    do {
      const page = await deps.reader.listCases({
        status: 'open',
        level,
        limit: 100,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const candidate of page.items) {
        checked += 1;
        if (!slaLapsed(candidate, deps.policy, now, deps.slaHours)) continue;
        const result = escalateForSla(candidate, now, deps.slaHours);
        if (
          result.ok &&
          (await deps.cases.saveTransition(result.next, candidate.version, result.audit)) === 'saved'
        ) {
          escalated.push(candidate.caseId);
        }
      }
      cursor = page.cursor;
    } while (cursor !== undefined);
  }
  return { checked, escalated };
};
