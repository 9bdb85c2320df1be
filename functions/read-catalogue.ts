import {
  BrandNameSchema,
  CampaignIdSchema,
  ListBrandsQuerySchema,
  ListCampaignsQuerySchema,
  NoQuerySchema,
} from '#shared/schemas/catalogue-requests.ts';
import { brandFor, campaignFor, listBrandsFor, listCampaignsFor } from '#shared/use-cases/catalogue.ts';
import { catalogueStore } from './dependencies/catalogue.ts';
import { json } from './http.ts';
import { parsePathParameter, parseQuery } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * GET /v1/campaigns, /v1/campaigns/{id}, /v1/brands, /v1/brands/{brand}: the campaign and brand catalogue
 * (shared/use-cases/catalogue.ts), as far as the caller's scope reaches; one outside it is a 404.
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event, context) => {
    const principal = principalOf(context);
    const catalogue = catalogueStore();
    const query = event.queryStringParameters;
    /** The one item a path names (`id`, `brand`); such a route takes no query. */
    const named = <S extends Parameters<typeof parsePathParameter>[2]>(name: string, schema: S) => {
      parseQuery(query, NoQuerySchema);
      return parsePathParameter(event.pathParameters, name, schema);
    };
    switch (event.resource) {
      case '/v1/campaigns':
        return json(
          200,
          await listCampaignsFor(principal, parseQuery(query, ListCampaignsQuerySchema), catalogue),
        );
      case '/v1/campaigns/{id}':
        return json(200, await campaignFor(principal, named('id', CampaignIdSchema), catalogue));
      case '/v1/brands':
        return json(200, await listBrandsFor(principal, parseQuery(query, ListBrandsQuerySchema), catalogue));
      case '/v1/brands/{brand}':
        return json(200, await brandFor(principal, named('brand', BrandNameSchema), catalogue));
      default:
        throw new Error(`read-catalogue does not serve ${event.resource}`);
    }
  });
