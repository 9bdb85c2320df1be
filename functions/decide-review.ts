import { PRODUCT_METRICS } from '#shared/metrics.ts';
import { systemClock } from '#shared/ports.ts';
import { DecisionRequestSchema, IdSchema } from '#shared/schemas/requests.ts';
import { decide } from '#shared/use-cases/decide-review.ts';
import { reviewStore } from './dependencies/workflow.ts';
import { json } from './http.ts';
import { parseJsonBody, parsePathParameter } from './input.ts';
import { countBy } from './metrics.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** POST /v1/reviews/{id}/decision: approve (optionally with an exception), reject or ask for changes. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal'] }))
  .handler(async (event, context) => {
    const id = parsePathParameter(event.pathParameters, 'id', IdSchema);
    const request = parseJsonBody(event.body, DecisionRequestSchema);
    const decided = await decide(id, principalOf(context), request, {
      reviews: reviewStore(),
      clock: systemClock,
    });
    countBy(PRODUCT_METRICS.reviewDecisions, [decided.review], (review) => ({ decision: review.status }));
    return json(200, decided);
  });
