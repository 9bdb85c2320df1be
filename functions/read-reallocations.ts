import { CampaignIdSchema, NoQuerySchema } from '#shared/schemas/catalogue-requests.ts';
import { reallocationsOf } from '#shared/use-cases/reallocations.ts';
import { reallocationDependencies } from './dependencies/reallocations.ts';
import { json } from './http.ts';
import { parsePathParameter, parseQuery } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * GET /v1/campaigns/{id}/reallocations: a campaign's budget re-allocations, in and out, newest first, with
 * who requested and decided each, when and why; a campaign outside the caller's scope is a 404.
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event, context) => {
    parseQuery(event.queryStringParameters, NoQuerySchema);
    const id = parsePathParameter(event.pathParameters, 'id', CampaignIdSchema);
    return json(200, await reallocationsOf(principalOf(context), id, reallocationDependencies()));
  });
