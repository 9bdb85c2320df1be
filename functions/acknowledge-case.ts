import { systemClock } from '#shared/ports.ts';
import { AcknowledgeRequestSchema, CaseIdSchema } from '#shared/schemas/requests.ts';
import { acknowledge } from '#shared/use-cases/case-workflow.ts';
import { workflowStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseJsonBody, parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** POST /v1/cases/{id}/acknowledge: a manager has seen the case; the SLA clock stops. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', CaseIdSchema);
    const { note } = parseJsonBody(event.body, AcknowledgeRequestSchema);
    const next = await acknowledge(id, principalOf(context), note, {
      cases: workflowStore(),
      clock: systemClock,
    });
    return json(200, next);
  });
