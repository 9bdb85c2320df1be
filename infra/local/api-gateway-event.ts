import type { APIGatewayProxyEvent } from 'aws-lambda';
import { safeDecode } from './routes.ts';

/** What the adapter knows about one HTTP request once the body has been read. */
export interface LocalRequest {
  readonly method: string;
  /** The request target as sent: path plus optional query string. */
  readonly url: string;
  /** Node's `rawHeaders`: name, value, name, value … with the client's casing. */
  readonly rawHeaders: readonly string[];
  readonly body: string;
  readonly sourceIp: string;
}

export interface EventContext {
  /** The matched resource path template, e.g. `/v1/cases/{id}`. */
  readonly resource: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly requestId: string;
  readonly requestTimeEpoch: number;
  /** `requestContext.authorizer`: `{ claims }` on Cognito routes, otherwise null as in API Gateway. */
  readonly authorizer: { readonly claims: Readonly<Record<string, string>> } | null;
  readonly stage: string;
}

/** Fixed, obviously fake identifiers so logs never suggest a real account. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';

/**
 * Builds the API Gateway REST API (payload format 1.0) Lambda proxy event for a request, field for field,
 * so handlers cannot tell the local stack from AWS. As in API Gateway: single-value maps keep the last
 * value of a repeated header or parameter, empty maps are `null`, query values and path parameters arrive
 * decoded while `path` stays as sent, and an empty body is `null`.
 *
 * @example toApiGatewayEvent({ method: 'GET', url: '/v1/cases/c-1?level=red', rawHeaders: [], body: '', sourceIp: '127.0.0.1' }, context)
 */
export const toApiGatewayEvent = (request: LocalRequest, context: EventContext): APIGatewayProxyEvent => {
  const [path = '/', query] = splitUrl(request.url);
  const [headers, multiValueHeaders] = collectHeaders(withForwardingHeaders(request));
  const [queryStringParameters, multiValueQueryStringParameters] = parseQuery(query);
  const userAgent = lastValue(multiValueHeaders, 'user-agent') ?? null;

  return {
    resource: context.resource,
    path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: Object.keys(context.pathParameters).length > 0 ? { ...context.pathParameters } : null,
    stageVariables: null,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      authorizer: context.authorizer === null ? null : { claims: { ...context.authorizer.claims } },
      domainName: lastValue(multiValueHeaders, 'host') ?? '127.0.0.1',
      domainPrefix: LOCAL_API_ID,
      extendedRequestId: context.requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      path,
      protocol: 'HTTP/1.1',
      requestId: context.requestId,
      requestTime: formatRequestTime(context.requestTimeEpoch),
      requestTimeEpoch: context.requestTimeEpoch,
      resourceId: 'local',
      resourcePath: context.resource,
      stage: context.stage,
    },
    body: request.body === '' ? null : request.body,
    isBase64Encoded: false,
  };
};

type SingleValues = Record<string, string>;
type MultiValues = Record<string, string[]>;

const splitUrl = (url: string): [string, string | undefined] => {
  const index = url.indexOf('?');
  return index === -1 ? [url, undefined] : [url.slice(0, index), url.slice(index + 1)];
};

/** API Gateway adds these in front of the function; handlers may read the client address from them. */
const withForwardingHeaders = (request: LocalRequest): readonly string[] => {
  const present = new Set(
    request.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase()),
  );
  const added: string[] = [];
  if (!present.has('x-forwarded-for')) added.push('X-Forwarded-For', request.sourceIp);
  if (!present.has('x-forwarded-proto')) added.push('X-Forwarded-Proto', 'http');
  return [...request.rawHeaders, ...added];
};

/**
 * Collects name/value pairs into API Gateway's two maps. The names are the client's (`__proto__`,
 * `constructor` are valid header and parameter names), so they are gathered in a Map and become own data
 * properties through `Object.fromEntries`: no lookup ever reaches `Object.prototype`.
 */
const collect = (pairs: Iterable<readonly [string, string]>): [SingleValues, MultiValues] => {
  const values = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const seen = values.get(name);
    if (seen === undefined) values.set(name, [value]);
    else seen.push(value);
  }
  const single = Object.fromEntries([...values].map(([name, all]) => [name, all.at(-1) ?? '']));
  return [single, Object.fromEntries(values)];
};

function* headerPairs(rawHeaders: readonly string[]): Generator<readonly [string, string]> {
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index];
    const value = rawHeaders[index + 1];
    if (name !== undefined && value !== undefined) yield [name, value];
  }
}

const collectHeaders = (rawHeaders: readonly string[]): [SingleValues, MultiValues] =>
  collect(headerPairs(rawHeaders));

function* queryPairs(query: string): Generator<readonly [string, string]> {
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const name = safeDecode(separator === -1 ? pair : pair.slice(0, separator));
    yield [name, separator === -1 ? '' : safeDecode(pair.slice(separator + 1))];
  }
}

const parseQuery = (query: string | undefined): [SingleValues | null, MultiValues | null] => {
  if (query === undefined || query === '') return [null, null];
  const [single, multi] = collect(queryPairs(query));
  return Object.keys(single).length === 0 ? [null, null] : [single, multi];
};

/** Header names are case-insensitive; the event keeps the client's casing, so look up without it. */
const lastValue = (headers: MultiValues, name: string): string | undefined => {
  const key = Object.keys(headers).findLast((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key]?.at(-1);
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** API Gateway's `requestTime` format, e.g. `22/Nov/2026:09:00:00 +0000`. */
const formatRequestTime = (epochMs: number): string => {
  const date = new Date(epochMs);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};
