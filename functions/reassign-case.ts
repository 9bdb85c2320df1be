import { systemClock } from '#shared/ports.ts';
import { ReassignRequestSchema } from '#shared/schemas/catalogue-requests.ts';
import { CaseIdSchema } from '#shared/schemas/requests.ts';
import { reassign } from '#shared/use-cases/case-workflow.ts';
import { workflowStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseJsonBody, parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** POST /v1/cases/{id}/owner: a manager hands the case to another owner (audited: from, to, who, note). */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', CaseIdSchema);
    const { owner, note } = parseJsonBody(event.body, ReassignRequestSchema);
    const next = await reassign(id, principalOf(context), owner, note, {
      cases: workflowStore(),
      clock: systemClock,
    });
    return json(200, next);
  });
