import { ValidationError } from '#shared/errors.ts';
import { ListCasesQuerySchema } from '#shared/schemas/cases.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';
import { caseReader } from './dependencies/cases.ts';
import { json } from './http.ts';
import { authorize, httpFunction } from './middleware.ts';

/** GET /v1/cases: the case library, newest first, filtered and paginated. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event) => {
    const query = ListCasesQuerySchema.safeParse(event.queryStringParameters ?? {});
    if (!query.success) throw new ValidationError('Invalid query parameters', toFieldIssues(query.error));
    return json(200, await caseReader().listCases(query.data));
  });
