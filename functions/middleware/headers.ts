import type { MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

type HttpMiddleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

/**
 * Request header names in lower case (`event.headers['x-radar-client']`), whatever casing the client or
 * API Gateway used, in a null-prototype map.
 */
export const normalizedRequestHeaders = (): HttpMiddleware => httpHeaderNormalizer();

/**
 * Response header names in lower case, as the API has always sent them (HTTP/2 requires it), and
 * `cache-control: no-store` unless a handler chose otherwise: every answer is personal or live data.
 */
const lowerCaseResponseHeaders = (): HttpMiddleware => {
  const apply: NonNullable<HttpMiddleware['after']> = (request) => {
    if (request.response === undefined || request.response === null) return;
    const headers: Record<string, string | number | boolean> = { 'cache-control': 'no-store' };
    for (const [name, value] of Object.entries(request.response.headers ?? {})) {
      headers[name.toLowerCase()] = value;
    }
    request.response.headers = headers;
  };
  return { after: apply, onError: apply };
};

/**
 * Headers every API response carries, errors included: helmet's best practice through
 * `@middy/http-security-headers`, with a CSP that allows nothing (the API serves JSON, never a page) and
 * HSTS for two years.
 */
export const responseHeaders = (): HttpMiddleware[] => [
  // Middy runs `after` and `onError` in reverse order of `use`: the security headers are added first.
  lowerCaseResponseHeaders(),
  httpSecurityHeaders({
    contentSecurityPolicy: { 'default-src': "'none'", 'frame-ancestors': "'none'", 'report-to': '' },
    strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true, preload: false },
  }) as HttpMiddleware,
];
