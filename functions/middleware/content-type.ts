import type { APIGatewayProxyEvent } from 'aws-lambda';
import { UnsupportedMediaTypeError } from '#shared/errors.ts';

/** `application/json`, optionally with parameters (`; charset=utf-8`); the media type is case-insensitive. */
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Every body the API reads is JSON: a request with a body must say so (`content-type: application/json`),
 * or it is a 415 problem before anything reads it. A form post or `text/plain` sent by mistake (or by a
 * browser form on another site) is refused instead of being parsed as if it were JSON. `authorize` calls
 * it once the caller is known, so a stranger gets a 401 whatever it sent. Request header names are lower
 * case here (`normalizedRequestHeaders` runs first).
 */
export const requireJsonBody = (event: APIGatewayProxyEvent): void => {
  const { body, headers } = event;
  if (body === null || body === undefined || body === '') return;
  const contentType = headers?.['content-type'];
  if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError(
      `Send the body as JSON with content-type: application/json (got ${contentType === undefined ? 'no content-type' : `"${contentType.slice(0, 100)}"`})`,
    );
  }
};
