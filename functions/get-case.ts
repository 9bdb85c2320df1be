import { NotFoundError } from '#shared/errors.ts';
import { CaseIdSchema } from '#shared/schemas/requests.ts';
import { caseReader } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parsePathParameter } from './input.ts';
import { authorize, httpFunction } from './middleware.ts';

/** GET /v1/cases/{id}: one case with its findings, occurrences, audit trail and review. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event) => {
    const id = parsePathParameter(event.pathParameters, 'id', CaseIdSchema);
    const detail = await caseReader().getCase(id);
    if (detail === undefined) throw new NotFoundError(`No case ${id}`);
    return json(200, detail);
  });
