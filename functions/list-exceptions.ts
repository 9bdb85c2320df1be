import { scopeOfPrincipal } from '#shared/auth/principal.ts';
import { ListExceptionsQuerySchema } from '#shared/schemas/requests.ts';
import { exceptionStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseQuery } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** GET /v1/exceptions: every claim exception legal granted (of the caller's scope), newest first, with expiry (the day, its zone, the instant it ends) and revocation. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal'] }))
  .handler(async (event, context) => {
    const { limit, cursor } = parseQuery(event.queryStringParameters, ListExceptionsQuerySchema);
    const scope = scopeOfPrincipal(principalOf(context));
    return json(200, await exceptionStore().listExceptions(limit, cursor, scope));
  });
