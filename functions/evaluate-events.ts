import { PRODUCT_METRICS } from '#shared/metrics.ts';
import { evaluateEvents } from '#shared/use-cases/evaluate-events.ts';
import { batchResponse } from './batch-response.ts';
import { evaluateDependencies } from './dependencies/evaluate.ts';
import { signatureDependencies } from './dependencies/signature.ts';
import { parseEventsRequest } from './input.ts';
import { countBy } from './metrics.ts';
import { authorize, httpFunction } from './middleware.ts';

/** POST /v1/evaluate: the assessment of events, storing nothing (a pre-publication check). */
export const handler = httpFunction()
  .use(authorize({ auth: 'signature', roles: ['ingest'], deps: signatureDependencies }))
  .handler(async (event) => {
    const request = parseEventsRequest(event.body);
    const results = await evaluateEvents(request.items, await evaluateDependencies());
    const evaluated = request.items.flatMap((item) => {
      const result = results[item.index];
      return item.ok && result?.status === 'evaluated'
        ? [{ type: item.event.type, level: result.assessment.level }]
        : [];
    });
    countBy(PRODUCT_METRICS.eventsEvaluated, evaluated, (entry) => entry);
    return batchResponse(request.batch, results);
  });
