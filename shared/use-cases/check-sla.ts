import { brandKey } from '#shared/auth/scope.ts';
import { escalateForSla, type LevelPolicy, type RiskCase, slaLapsed } from '#shared/domain/case.ts';
import type { CaseReader, CaseWorkflowStore, CatalogueStore, Clock } from '#shared/ports.ts';

export interface SlaDependencies {
  readonly reader: Pick<CaseReader, 'listCases'>;
  readonly cases: CaseWorkflowStore;
  /** Where the brands' managers (paged at tier 2) are read: one bulk read per page of lapsed cases. */
  readonly catalogue: Pick<CatalogueStore, 'getMany'>;
  readonly policy: LevelPolicy;
  readonly clock: Clock;
  readonly slaHours: number;
}

export interface SlaReport {
  readonly checked: number;
  readonly escalated: readonly string[];
}

/** The managers of each lapsed case's brand, by `brandKey`, read at once. */
const managersByBrand = async (
  catalogue: SlaDependencies['catalogue'],
  lapsed: readonly RiskCase[],
): Promise<ReadonlyMap<string, readonly string[]>> => {
  const byKey = new Map<string, string>();
  for (const riskCase of lapsed) {
    const brand = riskCase.subject.brand;
    if (brand !== undefined && !byKey.has(brandKey(brand))) byKey.set(brandKey(brand), brand);
  }
  const brands = [...byKey.values()];
  if (brands.length === 0) return new Map();
  const entries = await catalogue.getMany([], brands);
  return new Map([...entries.brands.values()].map((brand) => [brandKey(brand.brand), brand.managers]));
};

/**
 * Pages again, at tier 2, every open paging case nobody acknowledged within the SLA: its owner and its
 * brand's managers (shared/domain/escalation-policy.ts). Served by the status index; each escalation is a
 * versioned write, so two overlapping runs escalate a case once.
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
        // A drill's case runs on the SLA clock like any case: the drill measures the response.
        drill: 'include',
        limit: 100,
        ...(cursor === undefined ? {} : { cursor }),
      });
      checked += page.items.length;
      const lapsed = page.items.filter((candidate) => slaLapsed(candidate, deps.policy, now, deps.slaHours));
      const managers = await managersByBrand(deps.catalogue, lapsed);
      for (const candidate of lapsed) {
        const brand = candidate.subject.brand;
        const result = escalateForSla(
          candidate,
          now,
          deps.slaHours,
          brand === undefined ? [] : (managers.get(brandKey(brand)) ?? []),
        );
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
