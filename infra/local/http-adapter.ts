import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { type FunctionId, STAGE_NAME } from '#infra/catalog.ts';
import { type EventContext, toApiGatewayEvent } from './api-gateway-event.ts';
import { claimsFor, type TokenGroups } from './cognito-claims.ts';
import { createLambdaContext } from './lambda-context.ts';
import { consoleLogger, type LocalLogger } from './logger.ts';
import { PROBLEM_CONTENT_TYPE, problem } from './problem.ts';
import { readBody } from './read-body.ts';
import { createRouteMatcher } from './routes.ts';
import type { SiteHandler } from './static-site.ts';

/**
 * What the adapter calls: every HTTP function under functions/ (middy handlers fit). The result is checked
 * at run time, as API Gateway does, so a loaded module needs no cast.
 */
export type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

/** Handlers by function id, or a loader called on first use of each function. */
export type HttpHandlerSource =
  | ReadonlyMap<FunctionId, HttpHandler>
  | ((id: FunctionId) => Promise<HttpHandler>);

export interface LocalApiOptions {
  readonly functions: HttpHandlerSource;
  /** Bearer tokens accepted on `cognito` routes and the groups each stands for. */
  readonly tokens: TokenGroups;
  /** API Gateway stage name in `requestContext.stage`. */
  readonly stage?: string;
  readonly region?: string;
  /** API Gateway's integration timeout (29 s); the handler's context counts down from it. */
  readonly timeoutMs?: number;
  /** API Gateway's payload limit (10 MB). */
  readonly maxBodyBytes?: number;
  readonly logger?: LocalLogger;
  /** Serves the web app on paths outside `/v1` (infra/local/static-site.ts); without it they are API 404s. */
  readonly site?: SiteHandler;
}

export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const API_GATEWAY_TIMEOUT_MS = 29_000;

interface Reply {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
}

/**
 * A Node HTTP server that plays API Gateway (REST, Lambda proxy integration) in front of the functions:
 * routes by the catalog, emulates the Cognito authorizer with the dev tokens, and hands each handler the
 * exact event and context AWS would. Errors the gateway itself raises are problem+json; a handler that
 * throws yields a 500 and a logged stack, never a crashed server.
 *
 * @example
 * const server = createLocalApi({ functions: new Map([['get-health', handler]]), tokens: {} });
 * const { url } = await listen(server, 0);
 */
export const createLocalApi = (options: LocalApiOptions): Server => {
  const matchRoute = createRouteMatcher();
  const resolveHandler = handlerResolver(options.functions);
  const logger = options.logger ?? consoleLogger;
  const maxBodyBytes = options.maxBodyBytes ?? API_GATEWAY_MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? API_GATEWAY_TIMEOUT_MS;
  const region = options.region ?? 'us-east-1';

  const dispatch = async (request: IncomingMessage, requestId: string): Promise<Reply> => {
    const body = await readBody(request, maxBodyBytes);
    if (body === undefined) {
      // The rest of an oversized body is not worth reading: close the connection once the 413 is out.
      return problemReply(413, `The request body exceeds ${maxBodyBytes} bytes`, { Connection: 'close' });
    }

    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const match = matchRoute(method, path);
    if (match.kind === 'not-found') return problemReply(404, `No route for ${method} ${path}`);
    if (match.kind === 'method-not-allowed') {
      return problemReply(405, `${method} is not allowed on ${path}`, { Allow: match.allow.join(', ') });
    }

    let authorizer: EventContext['authorizer'] = null;
    if (match.route.auth === 'cognito') {
      const claims = claimsFor(request.headers.authorization, options.tokens);
      if (claims === undefined) {
        return problemReply(401, 'Send Authorization: Bearer <token> with a valid token for this route', {
          'WWW-Authenticate': 'Bearer',
        });
      }
      authorizer = { claims };
    }

    const event = toApiGatewayEvent(
      {
        method,
        url,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      },
      {
        resource: match.route.path,
        pathParameters: match.pathParameters,
        requestId,
        requestTimeEpoch: Date.now(),
        authorizer,
        stage: options.stage ?? STAGE_NAME,
      },
    );
    const context = createLambdaContext({
      functionName: match.functionId,
      awsRequestId: requestId,
      timeoutMs,
      region,
    });
    const handler = await resolveHandler(match.functionId);
    const outcome = await withTimeout(handler(event, context), timeoutMs);
    if (outcome === TIMED_OUT) {
      return problemReply(504, `${match.functionId} did not answer within ${timeoutMs} ms`);
    }
    return toReply(outcome, match.functionId, logger);
  };

  const server = createServer((request, response) => {
    if (options.site?.(request, response) === true) return;
    const started = performance.now();
    const requestId = randomUUID();
    dispatch(request, requestId)
      .catch((error: unknown) => {
        logger.error(`${request.method} ${request.url} failed (request ${requestId})`, error);
        return problemReply(500, `The function failed; see the local stack's log for request ${requestId}`);
      })
      .then((reply) => {
        const status = sendSafely(response, reply, requestId, logger);
        const elapsed = Math.round(performance.now() - started);
        logger.info(`${request.method} ${request.url} ${status} ${elapsed}ms`);
      });
  });
  // Idle keep-alive connections stay open longer than clients keep them (fetch: 4 s), so a client never
  // sends a request on a socket the server is closing at that moment (an ECONNRESET under load).
  server.keepAliveTimeout = 65_000;
  return server;
};

const handlerResolver = (source: HttpHandlerSource): ((id: FunctionId) => Promise<HttpHandler>) => {
  if (typeof source === 'function') {
    // Load each function once, as a warm Lambda container would keep it.
    const loaded = new Map<FunctionId, Promise<HttpHandler>>();
    return (id) => {
      let handler = loaded.get(id);
      if (handler === undefined) {
        handler = source(id);
        loaded.set(id, handler);
        // A failed load is retried on the next request instead of being cached forever.
        handler.catch(() => loaded.delete(id));
      }
      return handler;
    };
  }
  return async (id) => {
    const handler = source.get(id);
    if (handler === undefined) throw new Error(`No handler registered for function ${id}`);
    return handler;
  };
};

const TIMED_OUT = Symbol('timed out');

const withTimeout = async <T>(work: Promise<T>, timeoutMs: number): Promise<T | typeof TIMED_OUT> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Maps the handler's proxy result to the HTTP response as API Gateway does; a result without a numeric
 * `statusCode` or with a non-string body is what API Gateway calls a malformed Lambda proxy response (502).
 */
const toReply = (result: unknown, functionId: string, logger: LocalLogger): Reply => {
  if (!isRecord(result) || typeof result.statusCode !== 'number' || !isOptionalString(result.body)) {
    logger.error(`${functionId} returned a malformed Lambda proxy response`, result);
    return problemReply(502, `${functionId} returned a malformed Lambda proxy response`);
  }
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(
    isRecord(result.multiValueHeaders) ? result.multiValueHeaders : {},
  )) {
    if (Array.isArray(values)) headers[name] = values.map(String);
  }
  // API Gateway merges both maps; a value present in both is sent once.
  for (const [name, value] of Object.entries(isRecord(result.headers) ? result.headers : {})) {
    const existing = headers[name] ?? [];
    headers[name] = existing.includes(String(value)) ? existing : [...existing, String(value)];
  }
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded === true ? 'base64' : 'utf8');
  return { statusCode: result.statusCode, headers, body };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isOptionalString = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string';

const problemReply = (
  status: number,
  detail: string,
  headers: Readonly<Record<string, string>> = {},
): Reply => ({
  statusCode: status,
  headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers },
  body: Buffer.from(JSON.stringify(problem(status, detail))),
});

const send = (response: ServerResponse, reply: Reply, requestId: string): void => {
  response.statusCode = reply.statusCode;
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  // API Gateway stamps every response with its request id; logs and bug reports can quote it.
  response.setHeader('x-amzn-RequestId', requestId);
  response.end(reply.body);
};

/**
 * Sends the reply and returns the status sent. A result Node refuses to write (a header name or value
 * with a newline, a status out of range) becomes a 502, as API Gateway rejects it, instead of an
 * unhandled rejection that would take the server down.
 */
const sendSafely = (
  response: ServerResponse,
  reply: Reply,
  requestId: string,
  logger: LocalLogger,
): number => {
  try {
    send(response, reply, requestId);
    return reply.statusCode;
  } catch (error) {
    logger.error(`Could not send the response of request ${requestId}`, error);
    if (response.headersSent) {
      response.destroy();
      return reply.statusCode;
    }
    for (const name of response.getHeaderNames()) response.removeHeader(name);
    send(
      response,
      problemReply(502, 'The function returned a response that cannot be sent over HTTP'),
      requestId,
    );
    return 502;
  }
};
