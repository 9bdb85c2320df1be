import { CaseIdSchema } from '#shared/schemas/requests.ts';
import { caseFor } from '#shared/use-cases/read-cases.ts';
import { caseReader } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** GET /v1/cases/{id}: one case with its findings, occurrences, audit trail and review (404 outside the caller's scope). */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', CaseIdSchema);
    return json(200, await caseFor(principalOf(context), id, caseReader()));
  });
