import { actorOf, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { systemClock } from '#shared/ports.ts';
import { IdSchema } from '#shared/schemas/requests.ts';
import { revokeException } from '#shared/use-cases/revoke-exception.ts';
import { exceptionStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** POST /v1/exceptions/{id}/revoke: the claim is flagged again from now on (404 outside the caller's scope). */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', IdSchema);
    const principal = principalOf(context);
    return json(
      200,
      await revokeException(
        id,
        actorOf(principal),
        { exceptions: exceptionStore(), clock: systemClock },
        scopeOfPrincipal(principal),
      ),
    );
  });
