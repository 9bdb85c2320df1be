import { json } from './http.ts';
import { httpFunction } from './middleware.ts';

/** GET /v1/health: liveness; public, touches nothing. */
export const handler = httpFunction().handler(async () => json(200, { status: 'ok' }));
