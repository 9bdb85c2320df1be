import { PRODUCT_METRICS } from '#shared/metrics.ts';
import type { IngestObservation } from '#shared/use-cases/ingest-events.ts';
import { ingestEvents } from '#shared/use-cases/ingest-events.ts';
import { batchResponse } from './batch-response.ts';
import { ingestDependencies } from './dependencies/ingest.ts';
import { signatureDependencies } from './dependencies/signature.ts';
import { parseEventsRequest } from './input.ts';
import { countBy } from './metrics.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * Time kept back from the function's timeout for the answer (and metrics) once retries stop, so a lost race
 * ends as a 503 with Retry-After, never as a timeout.
 */
const RESPONSE_RESERVE_MS = 1_500;

/** POST /v1/events: evaluate and store pushed events, opening or joining cases. */
export const handler = httpFunction()
  .use(authorize({ auth: 'signature', roles: ['ingest'], deps: signatureDependencies }))
  .handler(async (event, context) => {
    const request = parseEventsRequest(event.body);
    const observed: IngestObservation[] = [];
    const results = await ingestEvents(principalOf(context).id, request.items, {
      ...(await ingestDependencies()),
      deadline: new Date(Date.now() + context.getRemainingTimeInMillis() - RESPONSE_RESERVE_MS),
      observe: (observation) => observed.push(observation),
    });
    countBy(
      PRODUCT_METRICS.eventsIngested,
      observed.filter((o) => o.kind === 'event-stored'),
      (o) => ({ ...o }),
    );
    countBy(
      PRODUCT_METRICS.casesOpened,
      observed.filter((o) => o.kind === 'case-opened'),
      (o) => ({ ...o }),
    );
    return batchResponse(request.batch, results);
  });
