import { scopeOfPrincipal } from '#shared/auth/principal.ts';
import { ListReviewsQuerySchema } from '#shared/schemas/requests.ts';
import { reviewStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseQuery } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** GET /v1/reviews?status=pending: legal's queue of flagged ad copy, oldest first: the copy of the caller's scope. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal'] }))
  .handler(async (event, context) => {
    const query = parseQuery(event.queryStringParameters, ListReviewsQuerySchema);
    return json(
      200,
      await reviewStore().listReviews({ ...query, scope: scopeOfPrincipal(principalOf(context)) }),
    );
  });
