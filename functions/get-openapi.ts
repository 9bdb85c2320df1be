import { openApiDocument } from '#shared/schemas/openapi.ts';
import { json } from './http.ts';
import { httpFunction } from './middleware.ts';

/** GET /v1/openapi.json: the OpenAPI document, generated from the zod schemas at cold start. */
const document = openApiDocument();

export const handler = httpFunction().handler(async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
