import { createHmac } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_HEADER, SIGNATURE_HEADER, signRequest, V1_ACCEPTED_UNTIL } from '#shared/auth/signature.ts';
import {
  type HttpHandler,
  importEventHandlers,
  postEvents,
  signedHeaders,
  stubHandlerEnv,
  TEST_CLIENT,
} from '../fixtures/api-gateway.ts';
import { adCopyEvent, spendEvent } from '../fixtures/events.ts';
import { answerAsEmptyTable } from '../support/document-mock.ts';

/**
 * The signed routes at the edge: v2 signatures bound to method and path, v1 still accepted with a Sunset
 * header, JSON bodies only (415), and the same work for a known and an unknown client id.
 */

// Every HMAC goes through a spy, so a test can count the work a request costs.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, createHmac: vi.fn(original.createHmac) };
});

stubHandlerEnv();

const ddb = mockClient(DynamoDBDocumentClient);
let ingest: HttpHandler;
let evaluate: HttpHandler;

beforeAll(async () => {
  ({ ingest, evaluate } = await importEventHandlers());
});

beforeEach(() => {
  answerAsEmptyTable(ddb);
});

afterEach(() => {
  ddb.reset();
});

const EVENTS = { method: 'POST', path: '/v1/events' } as const;
const EVALUATE = { method: 'POST', path: '/v1/evaluate' } as const;

let second = 0;
/** A distinct signing second per request, so no test trips the replay guard by accident. */
const signingTime = () => {
  second += 1;
  return new Date(Date.now() - 100_000 + second * 1000);
};

const send = (
  handler: HttpHandler,
  route: typeof EVENTS | typeof EVALUATE,
  body: string,
  headers: Record<string, string>,
): Promise<APIGatewayProxyResult> => postEvents(handler, body, { path: route.path, headers });

const problemOf = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;
/** Writes besides the replay guard (authentication records the signature as used before the body is read). */
const writes = () =>
  ddb.commandCalls(TransactWriteCommand).length +
  ddb.commandCalls(PutCommand).filter((call) => !String(call.args[0].input.Item?.pk).startsWith('REPLAY#'))
    .length;

describe('Signed routes: v2 signatures', () => {
  it('accepts a v2 signature over method, path and body, without a Sunset header', async () => {
    const body = JSON.stringify(spendEvent({}, 'v2-ok'));
    const response = await send(
      ingest,
      EVENTS,
      body,
      signedHeaders(body, signingTime(), TEST_CLIENT, EVENTS),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers?.sunset).toBeUndefined();
  });

  it('refuses a v2 signature made for /v1/evaluate when it is sent to /v1/events, writing nothing', async () => {
    const body = JSON.stringify(spendEvent({}, 'v2-moved'));
    const response = await send(
      ingest,
      EVENTS,
      body,
      signedHeaders(body, signingTime(), TEST_CLIENT, EVALUATE),
    );
    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toMatchObject({
      status: 401,
      detail: expect.stringContaining('<METHOD>.<path>'),
    });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('accepts the deprecated v1 signature and announces its sunset', async () => {
    const body = JSON.stringify(spendEvent({}, 'v1-ok'));
    const response = await send(evaluate, EVALUATE, body, signedHeaders(body, signingTime()));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers?.sunset).toBe(V1_ACCEPTED_UNTIL.toUTCString());
  });
});

describe('Signed routes: bodies are JSON', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['no content type', undefined],
  ])('answers a body sent as %s with a 415 problem, writing nothing', async (_, contentType) => {
    const body = JSON.stringify(spendEvent({}, 'ct-bad'));
    const { 'content-type': _json, ...headers } = signedHeaders(body, signingTime(), TEST_CLIENT, EVENTS);
    const response = await send(ingest, EVENTS, body, {
      ...headers,
      ...(contentType === undefined ? {} : { 'Content-Type': contentType }),
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemOf(response)).toMatchObject({
      status: 415,
      detail: expect.stringContaining('application/json'),
    });
    expect(writes()).toBe(0);
  });

  it('accepts application/json with a charset, in any casing', async () => {
    const body = JSON.stringify(spendEvent({}, 'ct-charset'));
    const response = await send(evaluate, EVALUATE, body, {
      ...signedHeaders(body, signingTime(), TEST_CLIENT, EVALUATE),
      'content-type': 'Application/JSON; charset=utf-8',
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('answers whitespace-only copy text with a 400 naming copy.text', async () => {
    const body = JSON.stringify(adCopyEvent({ text: ' \n\t\u3000 ' }, 'blank-copy'));
    const response = await send(
      ingest,
      EVENTS,
      body,
      signedHeaders(body, signingTime(), TEST_CLIENT, EVENTS),
    );
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([
      { path: 'copy.text', message: expect.stringMatching(/whitespace/) },
    ]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('Signed routes: a client id cannot be probed', () => {
  const hmacsFor = async (clientId: string): Promise<{ status: number; hmacs: number; detail: unknown }> => {
    const body = JSON.stringify(spendEvent({}, `probe-${clientId}`));
    const headers = {
      'content-type': 'application/json',
      [CLIENT_HEADER]: clientId,
      [SIGNATURE_HEADER]: signRequest('not-the-secret', { ...EVENTS, body }, signingTime()),
    };
    vi.mocked(createHmac).mockClear();
    const response = await send(ingest, EVENTS, body, headers);
    return {
      status: response.statusCode,
      hmacs: vi.mocked(createHmac).mock.calls.length,
      detail: problemOf(response).detail,
    };
  };

  it('answers a bad signature from a known and an unknown id alike, after the same number of HMACs', async () => {
    const known = await hmacsFor(TEST_CLIENT.id);
    const unknown = await hmacsFor('no-such-client');
    expect(known.status).toBe(401);
    expect(unknown).toEqual(known);
    expect(known.hmacs).toBeGreaterThan(0);
  });
});
