import { ingestEvents } from '#shared/use-cases/ingest-events.ts';
import { parseEventsRequest } from '#shared/use-cases/parse-events.ts';
import { batchResponse } from './batch-response.ts';
import { ingestDependencies } from './dependencies/ingest.ts';
import { signatureDependencies } from './dependencies/signature.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** POST /v1/events: evaluate and store pushed events, opening or joining cases. */
export const handler = httpFunction()
  .use(authorize({ auth: 'signature', roles: ['ingest'], deps: signatureDependencies }))
  .handler(async (event) => {
    const request = parseEventsRequest(event.body);
    const results = await ingestEvents(principalOf(event).id, request.items, ingestDependencies());
    return batchResponse(request.batch, results);
  });
