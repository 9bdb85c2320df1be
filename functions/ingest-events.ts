import { PRODUCT_METRICS } from '#shared/metrics.ts';
import type { IngestObservation } from '#shared/use-cases/ingest-events.ts';
import { ingestEvents } from '#shared/use-cases/ingest-events.ts';
import { parseEventsRequest } from '#shared/use-cases/parse-events.ts';
import { batchResponse } from './batch-response.ts';
import { ingestDependencies } from './dependencies/ingest.ts';
import { signatureDependencies } from './dependencies/signature.ts';
import { countBy } from './metrics.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** POST /v1/events: evaluate and store pushed events, opening or joining cases. */
export const handler = httpFunction()
  .use(authorize({ auth: 'signature', roles: ['ingest'], deps: signatureDependencies }))
  .handler(async (event) => {
    const request = parseEventsRequest(event.body);
    const observed: IngestObservation[] = [];
    const results = await ingestEvents(principalOf(event).id, request.items, {
      ...ingestDependencies(),
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
