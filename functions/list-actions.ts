import { systemClock } from '#shared/ports.ts';
import { CaseIdSchema } from '#shared/schemas/requests.ts';
import { listCaseActions } from '#shared/use-cases/actions.ts';
import { actionStore } from './dependencies/actions.ts';
import { workflowStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** GET /v1/cases/{id}/actions: the case's guarded action requests, oldest first (404 outside the caller's scope). */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', CaseIdSchema);
    const answer = await listCaseActions(id, principalOf(context), {
      actions: actionStore(),
      cases: workflowStore(),
      clock: systemClock,
    });
    return json(200, answer);
  });
