import { ListCasesQuerySchema } from '#shared/schemas/requests.ts';
import { caseReader } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseQuery } from './input.ts';
import { authorize, httpFunction } from './middleware.ts';

/** GET /v1/cases: the case library, newest first, filtered and paginated. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event) =>
    json(200, await caseReader().listCases(parseQuery(event.queryStringParameters, ListCasesQuerySchema))),
  );
