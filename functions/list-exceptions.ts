import { ListExceptionsQuerySchema } from '#shared/schemas/requests.ts';
import { exceptionStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseQuery } from './input.ts';
import { authorize, httpFunction } from './middleware.ts';

/** GET /v1/exceptions: every claim exception legal granted, newest first, with expiry (the day, its zone, the instant it ends) and revocation. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal'] }))
  .handler(async (event) => {
    const { limit, cursor } = parseQuery(event.queryStringParameters, ListExceptionsQuerySchema);
    return json(200, await exceptionStore().listExceptions(limit, cursor));
  });
