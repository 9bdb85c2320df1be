import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaContext } from '#infra/local/lambda-context.ts';
import { PROBLEM_TYPES } from '#shared/problem.ts';
import {
  type HttpHandler,
  importEventHandlers,
  postEvents,
  signedHeaders,
  stubHandlerEnv,
  TEST_CLIENT,
} from '../fixtures/api-gateway.ts';
import { adCopyEvent, sentimentEvent, spendEvent } from '../fixtures/events.ts';
import { answerAsEmptyTable } from '../support/document-mock.ts';

stubHandlerEnv();

const ddb = mockClient(DynamoDBDocumentClient);
type Handler = HttpHandler;
let ingest: Handler;
let evaluate: Handler;

beforeAll(async () => {
  ({ ingest, evaluate } = await importEventHandlers());
});

afterEach(() => {
  ddb.reset();
});

/** A fresh table: no event, no case, replay guard accepts. */
const emptyTable = () => answerAsEmptyTable(ddb);

const post = (handler: Handler, body: string, headers?: Record<string, string>) =>
  postEvents(handler, body, headers === undefined ? {} : { headers });

const json = (response: APIGatewayProxyResult) => JSON.parse(response.body) as Record<string, unknown>;
const eventWrites = () =>
  ddb.commandCalls(TransactWriteCommand).length +
  ddb.commandCalls(PutCommand).filter((call) => String(call.args[0].input.Item?.pk).startsWith('EVENT#'))
    .length;

describe('Function: ingest-events', () => {
  it('assesses a signed spend event 30 % over plan as red and opens a case', async () => {
    emptyTable();
    const response = await post(ingest, JSON.stringify(spendEvent({ actualSpend: 13000 })));
    expect(response.statusCode).toBe(200);
    const result = json(response);
    expect(result).toMatchObject({ eventId: 'e-spend-1', status: 'created', caseId: expect.any(String) });
    expect(result.assessment).toMatchObject({
      level: 'red',
      engine: { rulesVersion: expect.any(String), matrixVersion: expect.any(String) },
    });
    const [transaction] = ddb.commandCalls(TransactWriteCommand);
    const pks = transaction?.args[0].input.TransactItems?.map(
      (item) => item.Put?.Item?.sk ?? item.Put?.Item?.pk,
    );
    // Event, subject pointer, case, occurrence, the audit line "opened" and what the event taught the
    // campaign's baseline, all in one transaction.
    expect(pks).toEqual([
      'EVENT',
      'CURRENT',
      'CASE',
      expect.stringMatching(/^OCC#/),
      expect.stringMatching(/^AUDIT#/),
      'BASELINE',
    ]);
    expect(transaction?.args[0].input.TransactItems?.[2]?.Put?.Item?.pk).toBe(
      `CASE#${String(result.caseId)}`,
    );
  });

  it('stores a green event without a case', async () => {
    emptyTable();
    const response = await post(ingest, JSON.stringify(spendEvent({ actualSpend: 5000 })));

    expect(json(response)).toMatchObject({ status: 'created', caseId: null, assessment: { level: 'green' } });
    // The event and what it taught the campaign's baseline, nothing of a case.
    const [transaction] = ddb.commandCalls(TransactWriteCommand);
    expect(transaction?.args[0].input.TransactItems?.map((item) => item.Put?.Item?.sk)).toEqual([
      'EVENT',
      'BASELINE',
    ]);
  });

  it('answers a known event id as a duplicate with the original assessment, writing nothing', async () => {
    const original = {
      clientId: TEST_CLIENT.id,
      event: spendEvent(),
      assessment: {
        level: 'red',
        probability: 'high',
        impact: 'severe',
        findings: [],
        engine: { rulesVersion: 'old', matrixVersion: 'old' },
      },
      caseId: 'case-0',
      receivedAt: 'x',
    };
    ddb.on(PutCommand).resolves({});
    ddb.on(BatchGetCommand).resolves({
      Responses: { 'radar-test': [{ pk: `EVENT#${TEST_CLIENT.id}#e-spend-1`, sk: 'EVENT', ...original }] },
    });
    const response = await post(ingest, JSON.stringify(spendEvent()));
    expect(json(response)).toEqual({
      eventId: 'e-spend-1',
      status: 'duplicate',
      caseId: 'case-0',
      assessment: original.assessment,
    });
    expect(eventWrites()).toBe(0);
  });

  describe('authentication', () => {
    const body = JSON.stringify(spendEvent());
    it.each([
      ['no headers', {}],
      ['an unknown client', signedHeaders(body, new Date(), { id: 'stranger', secret: TEST_CLIENT.secret })],
      ['a wrong secret', signedHeaders(body, new Date(), { id: TEST_CLIENT.id, secret: 'wrong' })],
      ['a stale signature', signedHeaders(body, new Date(Date.now() - 301_000))],
      ['a signature of another body', signedHeaders(`${body} `)],
      ['a bearer token instead of a signature', { authorization: 'Bearer dev-manager-token' }],
    ])('answers 401 problem+json to %s and writes nothing', async (_name, headers) => {
      emptyTable();
      const response = await post(ingest, body, headers);
      expect(response.statusCode).toBe(401);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
      expect(eventWrites()).toBe(0);
    });

    it('refuses a replayed signature', async () => {
      ddb.on(GetCommand).resolves({});
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'seen', $metadata: {} }));
      const response = await post(ingest, body);
      expect(response.statusCode).toBe(401);
      expect(json(response).detail).toMatch(/already used/);
      expect(json(response).type).toBe(PROBLEM_TYPES.signatureReplayed);
      expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });
  });

  describe('bad input', () => {
    it('answers invalid JSON with 400 and writes nothing', async () => {
      emptyTable();
      const response = await post(ingest, '{"eventId":');
      expect(response.statusCode).toBe(400);
      expect(json(response)).toMatchObject({
        title: 'Invalid request',
        detail: expect.stringContaining('not valid JSON'),
      });
      expect(eventWrites()).toBe(0);
    });

    it('lists every bad path of an invalid event', async () => {
      emptyTable();
      const response = await post(
        ingest,
        JSON.stringify({ ...spendEvent(), spend: { ...spendEvent().spend, actualSpend: 'lots', extra: 1 } }),
      );
      expect(response.statusCode).toBe(400);
      expect((json(response).errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
        'spend.actualSpend',
        'spend.extra',
      ]);
      expect(eventWrites()).toBe(0);
    });

    it('answers 413 to more than 100 events', async () => {
      emptyTable();
      const body = JSON.stringify({
        events: Array.from({ length: 101 }, (_, i) => spendEvent({}, `e-${i}`)),
      });
      const response = await post(ingest, body);
      expect(response.statusCode).toBe(413);
      expect(eventWrites()).toBe(0);
    });

    it('stores the good events of a mixed batch and says which failed and why (207)', async () => {
      emptyTable();
      const body = JSON.stringify({
        events: [
          spendEvent({ actualSpend: 5000 }),
          { ...sentimentEvent(), sentiment: {} },
          adCopyEvent({ text: 'Simple, honest serum.' }),
        ],
      });
      const response = await post(ingest, body);
      expect(response.statusCode).toBe(207);
      const { results, summary } = json(response) as {
        results: { index: number; status: string; errors?: { path: string }[] }[];
        summary: unknown;
      };
      expect(results.map((r) => r.status)).toEqual(['created', 'rejected', 'created']);
      expect(results[1]?.errors?.every((e) => e.path.startsWith('events.1.sentiment.'))).toBe(true);
      expect(summary).toEqual({ created: 2, duplicate: 0, evaluated: 0, rejected: 1 });
    });

    it('answers 400 when no event of a batch is valid', async () => {
      emptyTable();
      const response = await post(ingest, JSON.stringify({ events: [{ eventId: 'x' }] }));
      expect(response.statusCode).toBe(400);
      expect(eventWrites()).toBe(0);
    });
  });

  it('answers a race lost until the time runs out with a 503 problem and Retry-After, not a 500', async () => {
    // Prepare: every case write loses to a concurrent writer; the function has 1.6 s left (1.5 s reserved).
    emptyTable();
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    const body = JSON.stringify(spendEvent({ actualSpend: 13000 }));
    const context = createLambdaContext({
      functionName: 'ingest-events',
      awsRequestId: 'race',
      timeoutMs: 1_600,
      region: 'us-east-1',
    });

    // Act
    const response = await postEvents(ingest, body, { context });

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['retry-after']).toBe('1');
    expect(json(response)).toMatchObject({
      status: 503,
      retryAfter: 1,
      detail: expect.stringMatching(/Retry/),
    });
    expect(ddb.commandCalls(TransactWriteCommand).length).toBeGreaterThan(1);
  });

  it('answers a DynamoDB fault with a 500 problem, never a partial success', async () => {
    emptyTable();
    ddb.on(PutCommand).resolves({});
    ddb.on(TransactWriteCommand).rejects(new Error('ServiceUnavailable'));
    const response = await post(ingest, JSON.stringify(spendEvent()));
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
  });
});

describe('Function: evaluate-events', () => {
  it('returns assessments and stores nothing but the replay guard', async () => {
    emptyTable();
    const body = JSON.stringify({ events: [spendEvent(), adCopyEvent()] });
    const response = await post(evaluate, body);
    expect(response.statusCode).toBe(200);
    const { results } = json(response) as { results: { status: string; assessment: { level: string } }[] };
    expect(results.map((r) => r.status)).toEqual(['evaluated', 'evaluated']);
    expect(results[0]?.assessment.level).toBe('red');
    expect(eventWrites()).toBe(0);
    expect(ddb.commandCalls(PutCommand).map((call) => String(call.args[0].input.Item?.pk))).toEqual([
      expect.stringMatching(/^REPLAY#/),
    ]);
  });
});
