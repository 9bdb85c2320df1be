import { randomBytes } from 'node:crypto';
import { DrillRequestSchema } from '#shared/schemas/drills.ts';
import { startDrill } from '#shared/use-cases/drill.ts';
import { ingestDependencies } from './dependencies/ingest.ts';
import { json } from './http.ts';
import { parseJsonBody } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/** Time kept back from the function's timeout for the answer, as the ingest function does. */
const RESPONSE_RESERVE_MS = 1_500;

/**
 * POST /v1/drills: a manager starts a crisis drill — a synthetic red scenario of the kind asked for, marked
 * as a drill, through the ingest use case (the case, its `[DRILL]` page, the SLA clock). 201 with the drill
 * id and its cases; the report is at `GET /v1/drills/{id}`.
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager'] }))
  .handler(async (event, context) => {
    const request = parseJsonBody(event.body, DrillRequestSchema);
    const started = await startDrill(principalOf(context), request, {
      ...(await ingestDependencies()),
      deadline: new Date(Date.now() + context.getRemainingTimeInMillis() - RESPONSE_RESERVE_MS),
      random: () => randomBytes(4).toString('hex'),
    });
    const { events: _events, ...answer } = started;
    return json(201, answer);
  });
