import {
  ReallocationDecisionRequestSchema,
  ReallocationIdSchema,
  ReallocationRequestSchema,
} from '#shared/schemas/reallocations.ts';
import { decideReallocationAs, requestReallocationAs } from '#shared/use-cases/reallocations.ts';
import { reallocationDependencies } from './dependencies/reallocations.ts';
import { json } from './http.ts';
import { parseJsonBody, parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * POST /v1/reallocations and POST /v1/reallocations/{id}/decision: a manager requests a budget
 * re-allocation between two campaigns' plans (with a reason), another manager approves or rejects it
 * (shared/use-cases/reallocations.ts). 201 for a request; the decided re-allocation for a decision.
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager'] }))
  .handler(async (event, context) => {
    const principal = principalOf(context);
    switch (event.resource) {
      case '/v1/reallocations': {
        const request = parseJsonBody(event.body, ReallocationRequestSchema);
        return json(201, await requestReallocationAs(principal, request, reallocationDependencies()));
      }
      case '/v1/reallocations/{id}/decision': {
        const id = parsePathParameter(event.pathParameters, 'id', ReallocationIdSchema);
        const decision = parseJsonBody(event.body, ReallocationDecisionRequestSchema);
        return json(200, await decideReallocationAs(principal, id, decision, reallocationDependencies()));
      }
      default:
        throw new Error(`change-reallocations does not serve ${event.resource}`);
    }
  });
