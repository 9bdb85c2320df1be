import { type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { covers, isUnscoped } from '#shared/auth/scope.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import {
  DEFAULT_DRILL_BRAND,
  type DrillKind,
  type DrillReport,
  type DrillTarget,
  drillIdOf,
  drillReportOf,
  drillScenario,
} from '#shared/domain/drill.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Clock } from '#shared/ports.ts';
import type { EventResult } from './event-results.ts';
import { type IngestDependencies, ingestEvents } from './ingest-events.ts';

/** Where a drill's cases are read: one drill run's cases (the `all` index files them by run). */
export interface DrillCases {
  listDrillRun(drillId: string): Promise<readonly RiskCase[]>;
}

/** What a started drill answers: its id, its kind, the events sent and the cases they opened. */
export interface DrillStarted {
  readonly drillId: string;
  readonly kind: DrillKind;
  readonly brand: string;
  readonly caseIds: readonly string[];
  readonly events: readonly EventResult[];
}

/** The case ids a drill's events opened or joined, each once, in event order. */
export const caseIdsOf = (results: readonly EventResult[]): string[] => [
  ...new Set(
    results.flatMap((result) =>
      result.status !== 'rejected' && typeof result.caseId === 'string' ? [result.caseId] : [],
    ),
  ),
];

/**
 * What a person's drill plays on: the brand they name (it must lie in their scope, or it is answered as a
 * brand that does not exist), else their scope's first brand, else `DEFAULT_DRILL_BRAND`; the market they
 * name (in their scope, likewise), else their scope's first market, else none (a claim drill plays in CN).
 */
export const drillTargetFor = (
  principal: Principal,
  brand: string | undefined,
  market: string | undefined,
): DrillTarget => {
  const scope = scopeOfPrincipal(principal);
  // One answer for both, naming neither: an out-of-scope brand reads exactly as a missing one.
  if (
    (brand !== undefined && !covers({ brands: scope.brands }, { brand })) ||
    (market !== undefined && !covers({ markets: scope.markets }, { market }))
  )
    throw new NotFoundError('No such brand or market to run a drill on');
  const chosenMarket = market ?? scope.markets?.[0];
  return {
    brand: brand ?? (isUnscoped(scope) ? undefined : scope.brands?.[0]) ?? DEFAULT_DRILL_BRAND,
    ...(chosenMarket === undefined ? {} : { market: chosenMarket }),
  };
};

/**
 * `POST /v1/drills`: a manager's drill, through the real path: the scenario's events (each with the drill
 * marker) go through the ingest use case as a pusher's would, as client `drill:<username>`; the cases open,
 * page as `[DRILL]` and run on the SLA clock.
 */
export const startDrill = async (
  principal: Principal,
  request: {
    readonly kind: DrillKind;
    readonly brand?: string | undefined;
    readonly market?: string | undefined;
  },
  deps: IngestDependencies & { readonly random: () => string },
): Promise<DrillStarted> => {
  const target = drillTargetFor(principal, request.brand, request.market);
  const now = deps.clock.now();
  const drillId = drillIdOf(now, deps.random());
  const events = drillScenario(request.kind, drillId, now, target);
  const clientId = `drill:${principal.kind === 'person' ? principal.username : principal.id}`;
  const results = await ingestEvents(
    clientId,
    events.map((event, index) => ({ index, ok: true, event })),
    deps,
  );
  return {
    drillId,
    kind: request.kind,
    brand: target.brand,
    caseIds: caseIdsOf(results),
    events: results,
  };
};

/**
 * `GET /v1/drills/{id}`: the drill report of the cases the caller's scope covers; a drill with none (or
 * none they may see) is answered as a missing one.
 */
export const drillReportFor = async (
  principal: Principal,
  drillId: string,
  deps: { readonly cases: DrillCases; readonly clock: Clock; readonly slaHours: number },
): Promise<DrillReport> => {
  const scope = scopeOfPrincipal(principal);
  const cases = (await deps.cases.listDrillRun(drillId)).filter((riskCase) =>
    covers(scope, riskCase.subject),
  );
  if (cases.length === 0) throw new NotFoundError(`No drill ${drillId}`);
  return drillReportOf(drillId, cases, deps.clock.now(), deps.slaHours);
};
