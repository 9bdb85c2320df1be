import { ListCasesQuerySchema } from '#shared/schemas/requests.ts';
import { listCasesFor } from '#shared/use-cases/read-cases.ts';
import { searchCasesFor } from '#shared/use-cases/search-cases.ts';
import { searchIndex } from './dependencies/search.ts';
import { caseReader } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseQuery } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** GET /v1/cases: the case library, newest first, filtered and paginated, as far as the caller's scope reaches. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event, context) => {
    const { q, ...query } = parseQuery(event.queryStringParameters, ListCasesQuerySchema);
    // With words to look for, the search index answers (README "Search"); the filters and scope still hold.
    if (q !== undefined)
      return json(200, await searchCasesFor(principalOf(context), { ...query, q }, searchIndex()));
    return json(200, await listCasesFor(principalOf(context), query, caseReader()));
  });
