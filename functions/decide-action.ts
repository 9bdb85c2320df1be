import { systemClock } from '#shared/ports.ts';
import { ActionDecisionRequestSchema, ActionIdSchema } from '#shared/schemas/actions.ts';
import { decideActionRequest } from '#shared/use-cases/actions.ts';
import { actionStore } from './dependencies/actions.ts';
import { workflowStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseJsonBody, parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * POST /v1/actions/{id}/approve and /reject: a manager decides a pending guarded action (audited, with an
 * optional note). An approved request is carried out asynchronously (carry-out-actions); a request no longer
 * pending is a 409.
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', ActionIdSchema);
    const { note } = parseJsonBody(event.body, ActionDecisionRequestSchema);
    const decision = event.resource.endsWith('/reject') ? 'reject' : 'approve';
    const next = await decideActionRequest(id, decision, principalOf(context), note, {
      actions: actionStore(),
      cases: workflowStore(),
      clock: systemClock,
    });
    return json(200, next);
  });
