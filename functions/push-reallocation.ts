import { ReallocationRequestSchema } from '#shared/schemas/reallocations.ts';
import { requestReallocationAs } from '#shared/use-cases/reallocations.ts';
import { reallocationDependencies } from './dependencies/reallocations.ts';
import { signatureDependencies } from './dependencies/signature.ts';
import { json } from './http.ts';
import { parseJsonBody } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * POST /v1/reallocation-requests: a pusher (a finance system, signed like `POST /v1/events`) requests a
 * budget re-allocation exactly as a manager does with `POST /v1/reallocations`; it is recorded as requested
 * by `client:<id>`, and any manager decides it.
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'signature', roles: ['ingest'], deps: signatureDependencies }))
  .handler(async (event, context) => {
    const request = parseJsonBody(event.body, ReallocationRequestSchema);
    return json(201, await requestReallocationAs(principalOf(context), request, reallocationDependencies()));
  });
