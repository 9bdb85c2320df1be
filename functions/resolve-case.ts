import { PRODUCT_METRICS } from '#shared/metrics.ts';
import { systemClock } from '#shared/ports.ts';
import { CaseIdSchema, ResolveRequestSchema } from '#shared/schemas/requests.ts';
import { resolve } from '#shared/use-cases/case-workflow.ts';
import { workflowStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseJsonBody, parsePathParameter } from './input.ts';
import { countBy } from './metrics.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** POST /v1/cases/{id}/resolve: root cause (5 whys), measures and improvement plan. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', CaseIdSchema);
    const resolution = parseJsonBody(event.body, ResolveRequestSchema);
    const next = await resolve(id, principalOf(context), resolution, {
      cases: workflowStore(),
      clock: systemClock,
    });
    countBy(PRODUCT_METRICS.casesResolved, [next], (resolved) => ({ riskType: resolved.riskType }));
    return json(200, next);
  });
