import { scopeOfPrincipal } from '#shared/auth/principal.ts';
import { systemClock } from '#shared/ports.ts';
import {
  BrandOverviewQuerySchema,
  BrandParamSchema,
  CampaignIdParamSchema,
  CampaignOverviewQuerySchema,
} from '#shared/schemas/overview-requests.ts';
import { brandOverview, campaignOverview } from '#shared/use-cases/overviews.ts';
import { overviewDeps } from './dependencies/overviews.ts';
import { json } from './http.ts';
import { parsePathParameter, parseQuery } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * GET /v1/campaigns/{id}/overview and GET /v1/brands/{brand}/overview: the whole risk of a launch on one page
 * (shared/use-cases/overviews.ts). Only what the caller's scope covers; an out-of-scope campaign or brand is
 * answered as a missing one (404).
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event, context) => {
    const scope = scopeOfPrincipal(principalOf(context));
    const deps = overviewDeps(systemClock.now());
    switch (event.resource) {
      case '/v1/campaigns/{id}/overview': {
        const id = parsePathParameter(event.pathParameters, 'id', CampaignIdParamSchema);
        parseQuery(event.queryStringParameters, CampaignOverviewQuerySchema);
        return json(200, await campaignOverview(id, scope, deps));
      }
      case '/v1/brands/{brand}/overview': {
        const brand = parsePathParameter(event.pathParameters, 'brand', BrandParamSchema);
        const { weeks } = parseQuery(event.queryStringParameters, BrandOverviewQuerySchema);
        return json(200, await brandOverview(brand, weeks, scope, deps));
      }
      default:
        throw new Error(`read-overviews does not serve ${event.resource}`);
    }
  });
