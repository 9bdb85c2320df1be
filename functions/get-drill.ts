import { systemClock } from '#shared/ports.ts';
import { DrillIdSchema } from '#shared/schemas/drills.ts';
import { drillReportFor } from '#shared/use-cases/drill.ts';
import { slaHours } from './dependencies/schedule.ts';
import { caseReader } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * GET /v1/drills/{id}: the drill report — per step, time to acknowledge and to resolve, who acted, what was
 * missed — of the drill's cases the caller's scope covers (404 when none).
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', DrillIdSchema);
    return json(
      200,
      await drillReportFor(principalOf(context), id, {
        cases: caseReader(),
        clock: systemClock,
        slaHours: slaHours(),
      }),
    );
  });
