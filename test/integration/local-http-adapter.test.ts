import { request as httpRequest, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type FunctionId, STAGE_NAME } from '#infra/catalog.ts';
import { createLocalApi, type HttpHandler } from '#infra/local/http-adapter.ts';
import { closeServer, listen } from '#infra/local/server-lifecycle.ts';
import { recordingHttpHandler, recordingLogger } from '../support/fake-handlers.ts';

const TOKENS = { 'legal-token': ['legal'], 'manager-token': ['manager'] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: Server | undefined;

/** Starts the adapter on a free port with the given fake handlers. */
const startApi = async (
  functions: readonly (readonly [FunctionId, HttpHandler])[],
  options: { maxBodyBytes?: number; timeoutMs?: number } = {},
) => {
  const log = recordingLogger();
  server = createLocalApi({ functions: new Map(functions), tokens: TOKENS, logger: log.logger, ...options });
  const { url } = await listen(server, 0);
  return { url, log };
};

afterEach(async () => {
  if (server !== undefined) await closeServer(server);
  server = undefined;
});

describe('Function: createLocalApi', () => {
  describe('the event it hands a handler', () => {
    it('is the API Gateway REST proxy event of the request, with decoded path and query parameters', async () => {
      // Prepare
      const getCase = recordingHttpHandler();
      const { url } = await startApi([['get-case', getCase.handler]]);

      // Act
      const response = await fetch(`${url}/v1/cases/c%2D1?level=red&level=yellow&status=open&q=a%20b`, {
        headers: { Authorization: 'Bearer manager-token', 'X-Trace': 'abc', 'User-Agent': 'spec/1.0' },
      });

      // Assess
      expect(response.status).toBe(200);
      const [call] = getCase.calls;
      const event = call?.event;
      expect(event).toMatchObject({
        resource: '/v1/cases/{id}',
        path: '/v1/cases/c%2D1',
        httpMethod: 'GET',
        pathParameters: { id: 'c-1' },
        queryStringParameters: { level: 'yellow', status: 'open', q: 'a b' },
        multiValueQueryStringParameters: { level: ['red', 'yellow'], status: ['open'], q: ['a b'] },
        stageVariables: null,
        body: null,
        isBase64Encoded: false,
      });
      expect(event?.headers).toMatchObject({ 'X-Trace': 'abc', 'User-Agent': 'spec/1.0' });
      expect(event?.multiValueHeaders).toMatchObject({ 'X-Trace': ['abc'] });
      expect(event?.requestContext).toMatchObject({
        stage: STAGE_NAME,
        resourcePath: '/v1/cases/{id}',
        httpMethod: 'GET',
        path: '/v1/cases/c%2D1',
        identity: { sourceIp: '127.0.0.1', userAgent: 'spec/1.0' },
      });
      expect(event?.requestContext.requestId).toMatch(UUID);
      expect(response.headers.get('x-amzn-requestid')).toBe(event?.requestContext.requestId);
      expect(Math.abs((event?.requestContext.requestTimeEpoch ?? 0) - Date.now())).toBeLessThan(5_000);
    });

    it('carries the raw body unchanged, null parameters and no authorizer on a signature route', async () => {
      // Prepare
      const ingest = recordingHttpHandler();
      const { url } = await startApi([['ingest-events', ingest.handler]]);
      const body = '{ "eventId": "e-1",\n  "text": "最佳 nhất ✓" }';

      // Act
      await fetch(`${url}/v1/events`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });

      // Assess
      const event = ingest.calls[0]?.event;
      expect(event?.body).toBe(body);
      expect(event?.pathParameters).toBeNull();
      expect(event?.queryStringParameters).toBeNull();
      expect(event?.multiValueQueryStringParameters).toBeNull();
      expect(event?.requestContext.authorizer).toBeNull();
    });

    it('comes with a Lambda context naming the function and counting down its timeout', async () => {
      // Prepare
      const health = recordingHttpHandler();
      const { url } = await startApi([['get-health', health.handler]]);

      // Act
      await fetch(`${url}/v1/health`);

      // Assess
      const call = health.calls[0];
      expect(call?.context.functionName).toBe('get-health');
      expect(call?.context.awsRequestId).toBe(call?.event.requestContext.requestId);
      const remaining = call?.context.getRemainingTimeInMillis() ?? -1;
      expect(remaining).toBeGreaterThan(20_000);
      expect(remaining).toBeLessThanOrEqual(29_000);
    });
    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
      'carries a query parameter and a header named %s as plain data',
      async (name) => {
        // Prepare
        const health = recordingHttpHandler();
        const { url } = await startApi([['get-health', health.handler]]);

        // Act: fetch silently drops a header named __proto__, so the request goes out through node:http.
        const status = await new Promise<number | undefined>((resolve, reject) => {
          const request = httpRequest(`${url}/v1/health?${name}=1&${name}=2&level=red`, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode));
          });
          request.on('error', reject);
          request.setHeader(name, 'h1');
          request.end();
        });

        // Assess
        expect(status).toBe(200);
        const event = health.calls[0]?.event;
        expect(Object.hasOwn(event?.queryStringParameters ?? {}, name)).toBe(true);
        expect(Object.entries(event?.queryStringParameters ?? {})).toEqual([
          [name, '2'],
          ['level', 'red'],
        ]);
        expect(Object.entries(event?.multiValueQueryStringParameters ?? {})).toEqual([
          [name, ['1', '2']],
          ['level', ['red']],
        ]);
        const headerName = Object.keys(event?.headers ?? {}).find(
          (key) => key.toLowerCase() === name.toLowerCase(),
        );
        expect(headerName === undefined ? undefined : event?.headers[headerName]).toBe('h1');
        expect(headerName === undefined ? undefined : event?.multiValueHeaders[headerName]).toEqual(['h1']);
      },
    );
  });

  describe('the Cognito authorizer emulation', () => {
    it.each([
      ['legal-token', 'legal'],
      ['manager-token', 'manager'],
    ])(
      'turns Bearer %s into the claims of the %s group, as a REST Cognito authorizer passes them',
      async (token, group) => {
        // Prepare
        const listCases = recordingHttpHandler();
        const { url } = await startApi([['list-cases', listCases.handler]]);

        // Act
        await fetch(`${url}/v1/cases`, { headers: { Authorization: `Bearer ${token}` } });
        await fetch(`${url}/v1/cases`, { headers: { Authorization: `Bearer ${token}` } });

        // Assess
        const [first, second] = listCases.calls.map((call) => call.event.requestContext.authorizer?.claims);
        expect(first).toMatchObject({ 'cognito:groups': group, 'cognito:username': `local-${group}` });
        expect(first?.sub).toMatch(UUID);
        expect(second?.sub).toBe(first?.sub);
      },
    );

    it.each([
      ['no Authorization header', undefined],
      ['an unknown token', 'Bearer forged-token'],
      ['an empty bearer', 'Bearer '],
    ])('answers 401 problem+json to %s without calling the handler', async (_case, authorization) => {
      // Prepare
      const listCases = recordingHttpHandler();
      const { url } = await startApi([['list-cases', listCases.handler]]);

      // Act
      const response = await fetch(`${url}/v1/cases`, {
        headers: authorization === undefined ? {} : { Authorization: authorization },
      });

      // Assess
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
      });
      expect(listCases.calls).toHaveLength(0);
    });

    it('lets public routes through without credentials', async () => {
      // Prepare
      const health = recordingHttpHandler();
      const { url } = await startApi([['get-health', health.handler]]);

      // Act
      const response = await fetch(`${url}/v1/health`);

      // Assess
      expect(response.status).toBe(200);
      expect(health.calls[0]?.event.requestContext.authorizer).toBeNull();
    });
  });

  describe('the response it writes', () => {
    it('sends status, single and multi-value headers and the body of the proxy result', async () => {
      // Prepare
      const health = recordingHttpHandler(() => ({
        statusCode: 201,
        headers: { 'Content-Type': 'application/json', 'X-One': '1' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
        body: '{"status":"ok"}',
      }));
      const { url } = await startApi([['get-health', health.handler]]);

      // Act
      const response = await fetch(`${url}/v1/health`);

      // Assess
      expect(response.status).toBe(201);
      expect(response.headers.get('x-one')).toBe('1');
      expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('decodes a base64-flagged body to bytes', async () => {
      // Prepare
      const bytes = Buffer.from([0, 1, 2, 250, 255]);
      const health = recordingHttpHandler(() => ({
        statusCode: 200,
        headers: { 'Content-Type': 'application/octet-stream' },
        body: bytes.toString('base64'),
        isBase64Encoded: true,
      }));
      const { url } = await startApi([['get-health', health.handler]]);

      // Act
      const response = await fetch(`${url}/v1/health`);

      // Assess
      expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    });

    it('logs one line per request: method, path, status and duration', async () => {
      // Prepare
      const health = recordingHttpHandler();
      const { url, log } = await startApi([['get-health', health.handler]]);

      // Act
      await fetch(`${url}/v1/health`);
      await fetch(`${url}/v1/nowhere`);

      // Assess
      expect(log.lines).toHaveLength(2);
      expect(log.lines[0]).toMatch(/^GET \/v1\/health 200 \d+ms$/);
      expect(log.lines[1]).toMatch(/^GET \/v1\/nowhere 404 \d+ms$/);
    });
  });

  describe('the errors it raises as the gateway', () => {
    it('answers 404 problem+json for a path no function serves', async () => {
      // Prepare
      const { url } = await startApi([]);

      // Act
      const response = await fetch(`${url}/v1/nothing-here`);

      // Assess
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ title: 'Not Found', status: 404 });
    });

    it('answers 405 problem+json with Allow for a known path and another method', async () => {
      // Prepare
      const health = recordingHttpHandler();
      const { url } = await startApi([['get-health', health.handler]]);

      // Act
      const response = await fetch(`${url}/v1/health`, { method: 'DELETE' });

      // Assess
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
      expect(await response.json()).toMatchObject({ title: 'Method Not Allowed', status: 405 });
      expect(health.calls).toHaveLength(0);
    });

    it('answers 413 problem+json to a body over API Gateway’s 10 MB limit without calling the handler', async () => {
      // Prepare
      const ingest = recordingHttpHandler();
      const { url } = await startApi([['ingest-events', ingest.handler]]);

      // Act
      const response = await fetch(`${url}/v1/events`, {
        method: 'POST',
        body: 'x'.repeat(10 * 1024 * 1024 + 1),
      });

      // Assess
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ status: 413 });
      expect(ingest.calls).toHaveLength(0);
    });

    it('accepts a body of exactly the limit', async () => {
      // Prepare
      const ingest = recordingHttpHandler();
      const { url } = await startApi([['ingest-events', ingest.handler]], { maxBodyBytes: 1024 });

      // Act
      const response = await fetch(`${url}/v1/events`, { method: 'POST', body: 'x'.repeat(1024) });

      // Assess
      expect(response.status).toBe(200);
      expect(ingest.calls[0]?.event.body).toHaveLength(1024);
    });

    it('answers 500 problem+json when the handler throws, logs it, and keeps serving', async () => {
      // Prepare
      const boom = new Error('boom');
      const failing: HttpHandler = async () => {
        throw boom;
      };
      const health = recordingHttpHandler();
      const { url, log } = await startApi([
        ['get-case', failing],
        ['get-health', health.handler],
      ]);

      // Act
      const failed = await fetch(`${url}/v1/cases/c-1`, { headers: { Authorization: 'Bearer legal-token' } });
      const next = await fetch(`${url}/v1/health`);

      // Assess
      expect(failed.status).toBe(500);
      expect(failed.headers.get('content-type')).toBe('application/problem+json');
      const problem = await failed.json();
      expect(problem).toMatchObject({ title: 'Internal Server Error', status: 500 });
      // Like API Gateway, the client learns nothing of the internals; the log has the stack.
      expect(JSON.stringify(problem)).not.toContain('boom');
      expect(log.errors.map((error) => error.detail)).toContain(boom);
      expect(next.status).toBe(200);
    });

    it('answers 502 when the handler returns something that is not a proxy result', async () => {
      // Prepare
      const health = recordingHttpHandler(() => ({ body: 'no status code' }));
      const { url } = await startApi([['get-health', health.handler]]);

      // Act
      const response = await fetch(`${url}/v1/health`);

      // Assess
      expect(response.status).toBe(502);
    });

    it('answers 502 when the proxy result cannot be sent over HTTP, and keeps serving', async () => {
      // Prepare
      const health = recordingHttpHandler(() => ({
        statusCode: 200,
        headers: { 'X-Bad': 'line\nbreak' },
        body: '',
      }));
      const { url } = await startApi([['get-health', health.handler]]);

      // Act
      const response = await fetch(`${url}/v1/health`);
      const next = await fetch(`${url}/v1/health`);

      // Assess
      expect(response.status).toBe(502);
      expect(next.status).toBe(502);
    });

    it('answers 504 when the handler outlives the integration timeout', async () => {
      // Prepare
      const slow: HttpHandler = () =>
        new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 500));
      const { url } = await startApi([['get-health', slow]], { timeoutMs: 50 });

      // Act
      const response = await fetch(`${url}/v1/health`);

      // Assess
      expect(response.status).toBe(504);
    });
  });

  describe('Function: closeServer', () => {
    it('lets a request in flight finish before it resolves', async () => {
      // Prepare
      const slow: HttpHandler = () =>
        new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'done' }), 300));
      const { url } = await startApi([['get-health', slow]]);
      const inFlight = fetch(`${url}/v1/health`);
      await new Promise((resolve) => setTimeout(resolve, 50));

      // Act
      const closing = closeServer(server ?? createLocalApi({ functions: new Map(), tokens: {} }));
      const response = await inFlight;
      await closing;

      // Assess
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('done');
      await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
    });
  });
});
