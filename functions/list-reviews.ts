import { ListReviewsQuerySchema } from '#shared/schemas/requests.ts';
import { reviewStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseQuery } from './input.ts';
import { authorize, httpFunction } from './middleware.ts';

/** GET /v1/reviews?status=pending: legal's queue of flagged ad copy, oldest first. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal'] }))
  .handler(async (event) =>
    json(
      200,
      await reviewStore().listReviews(parseQuery(event.queryStringParameters, ListReviewsQuerySchema)),
    ),
  );
