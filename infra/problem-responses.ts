import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { problemType } from '#shared/problem.ts';

interface ProblemResponse {
  readonly type: ResponseType;
  /** The problem type's slug; omitted, the type is `about:blank`. */
  readonly slug?: string;
  /** Overrides the gateway's own status; omitted, the gateway's status stands (and is not in the body). */
  readonly status?: number;
  readonly title: string;
}

/**
 * What API Gateway answers itself, before any function runs. The product's contract is that every error is
 * `application/problem+json` (RFC 9457) and that missing credentials are a 401, so the gateway's own
 * responses follow it too.
 */
const PROBLEM_RESPONSES: readonly ProblemResponse[] = [
  // Cognito authorizer: no token, or a token it does not accept.
  { type: ResponseType.UNAUTHORIZED, slug: 'unauthorized', status: 401, title: 'Unauthorized' },
  { type: ResponseType.ACCESS_DENIED, slug: 'forbidden', status: 403, title: 'Forbidden' },
  // Pushers: the API key is part of their credentials in AWS (the signature is checked by the function).
  { type: ResponseType.INVALID_API_KEY, slug: 'unauthorized', status: 401, title: 'Unauthorized' },
  // A REST API answers an unknown route with 403 "Missing Authentication Token"; it is a 404.
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, slug: 'not-found', status: 404, title: 'Not Found' },
  { type: ResponseType.THROTTLED, slug: 'too-many-requests', status: 429, title: 'Too Many Requests' },
  { type: ResponseType.QUOTA_EXCEEDED, slug: 'too-many-requests', status: 429, title: 'Too Many Requests' },
  { type: ResponseType.REQUEST_TOO_LARGE, slug: 'too-large', status: 413, title: 'Content Too Large' },
  // The request validator (infra/radar-api.ts): a POST without a JSON object body or a Content-Type header.
  { type: ResponseType.BAD_REQUEST_BODY, slug: 'validation', status: 400, title: 'Invalid request' },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, slug: 'validation', status: 400, title: 'Invalid request' },
  // The firewall (infra/api-firewall.ts) blocked the request.
  { type: ResponseType.WAF_FILTERED, slug: 'forbidden', status: 403, title: 'Forbidden' },
  { type: ResponseType.DEFAULT_4XX, title: 'Request rejected' },
  { type: ResponseType.DEFAULT_5XX, title: 'Gateway error' },
];

const problemBody = ({ slug, status, title }: ProblemResponse): string =>
  [
    `{"type":"${problemType(slug)}"`,
    `"title":"${title}"`,
    ...(status === undefined ? [] : [`"status":${status}`]),
    // messageString is the gateway's message, already a quoted JSON string.
    '"detail":$context.error.messageString}',
  ].join(',');

/** Adds the problem+json gateway responses to the API. */
export const addProblemResponses = (api: RestApi): void => {
  for (const response of PROBLEM_RESPONSES) {
    api.addGatewayResponse(response.type.responseType, {
      type: response.type,
      ...(response.status === undefined ? {} : { statusCode: String(response.status) }),
      responseHeaders: { 'Content-Type': "'application/problem+json'" },
      templates: { 'application/json': problemBody(response) },
    });
  }
};
