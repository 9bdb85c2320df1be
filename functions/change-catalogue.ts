import { systemClock } from '#shared/ports.ts';
import {
  BrandChangeRequestSchema,
  BrandNameSchema,
  CampaignChangeRequestSchema,
  CampaignIdSchema,
} from '#shared/schemas/catalogue-requests.ts';
import { changeBrandAs, changeCampaignAs } from '#shared/use-cases/catalogue.ts';
import { catalogueStore } from './dependencies/catalogue.ts';
import { caseReader } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseJsonBody, parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * PUT /v1/campaigns/{id} and PUT /v1/brands/{brand}: a manager completes or registers a campaign (brand,
 * market, channel, owner, plan) or a brand (owner, managers). `version` guards against a concurrent change
 * (409); each change is audited on the campaign's or brand's partition. 201 when it was created.
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager'] }))
  .handler(async (event, context) => {
    const principal = principalOf(context);
    const deps = { catalogue: catalogueStore(), clock: systemClock };
    switch (event.resource) {
      case '/v1/campaigns/{id}': {
        const id = parsePathParameter(event.pathParameters, 'id', CampaignIdSchema);
        const request = parseJsonBody(event.body, CampaignChangeRequestSchema);
        const { campaign, created } = await changeCampaignAs(principal, id, request, {
          ...deps,
          cases: caseReader(),
        });
        return json(created ? 201 : 200, campaign);
      }
      case '/v1/brands/{brand}': {
        const name = parsePathParameter(event.pathParameters, 'brand', BrandNameSchema);
        const request = parseJsonBody(event.body, BrandChangeRequestSchema);
        const { brand, created } = await changeBrandAs(principal, name, request, deps);
        return json(created ? 201 : 200, brand);
      }
      default:
        throw new Error(`change-catalogue does not serve ${event.resource}`);
    }
  });
