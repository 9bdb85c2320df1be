import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { FunctionId } from '#infra/catalog.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';
import type { StreamHandler } from '#infra/local/handler-types.ts';
import type { HttpHandler } from '#infra/local/http-adapter.ts';
import { type LocalStack, startLocalStack } from '#infra/local/stack.ts';
import { ESCALATION_ATTRIBUTE } from '#shared/table.ts';
import { recordingHttpHandler, recordingLogger, recordingStreamHandler } from '../support/fake-handlers.ts';

/**
 * The stack's own wiring with fake functions: environment, table, routes, dev tokens and the stream all
 * connected. The real functions are exercised end to end in test/e2e.
 */

const ENV_NAMES = [
  'TABLE_NAME',
  'DYNAMODB_ENDPOINT',
  'AWS_REGION',
  'RADAR_LOCAL',
  'RADAR_CLIENT_ID',
  'RADAR_OUTBOX_FILE',
  'ESCALATION_TOPIC_ARN',
] as const;

const health = recordingHttpHandler(() => ({
  statusCode: 200,
  // What the handler saw in its environment when it ran.
  body: JSON.stringify(Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]))),
}));
const listCases = recordingHttpHandler();
const notify = recordingStreamHandler();
const functions = {
  http: new Map<FunctionId, HttpHandler>([
    ['get-health', health.handler],
    ['list-cases', listCases.handler],
  ]),
  streams: new Map<FunctionId, StreamHandler>([['notify-escalation', notify.handler]]),
};

let stack: LocalStack;
const tableName = `stack-${randomUUID()}`;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    env: { TABLE_NAME: tableName, RADAR_CLIENT_ID: 'spec-pusher' },
    functions,
    pollIntervalMs: 50,
    logger: recordingLogger().logger,
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('Function: startLocalStack', () => {
  it('serves the functions on the URL it returns, with the environment the handlers need', async () => {
    // Act
    const response = await fetch(`${stack.url}/v1/health`);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
      AWS_REGION: expect.any(String),
      RADAR_LOCAL: '1',
      RADAR_CLIENT_ID: 'spec-pusher',
      RADAR_OUTBOX_FILE: stack.outboxFile,
      ESCALATION_TOPIC_ARN: expect.stringMatching(/^arn:aws:sns:/),
    });
    expect(stack.credentials.clientId).toBe('spec-pusher');
  });

  it.each([
    ['managerToken', 'manager'],
    ['legalToken', 'legal'],
  ] as const)('maps the printed %s to the %s group claim', async (credential, group) => {
    // Act
    const response = await fetch(`${stack.url}/v1/cases`, {
      headers: { Authorization: `Bearer ${stack.credentials[credential]}` },
    });

    // Assess
    expect(response.status).toBe(200);
    const claims = listCases.calls.at(-1)?.event.requestContext.authorizer?.claims;
    expect(claims?.['cognito:groups']).toBe(group);
  });

  it('feeds an escalation written to its table to the stream consumer', async () => {
    // Prepare
    const client = new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const documents = DynamoDBDocumentClient.from(client);

    // Act
    await documents.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { pk: 'CASE#s-1', sk: 'CASE', [ESCALATION_ATTRIBUTE]: { id: 'esc-s-1' } },
      }),
    );
    client.destroy();

    // Assess
    await vi.waitFor(() => expect(notify.records()).toHaveLength(1), { timeout: 15_000, interval: 50 });
    expect(notify.records()[0]?.dynamodb?.Keys?.pk?.S).toBe('CASE#s-1');
  });

  it('stops serving once stopped', async () => {
    // Act
    await stack.stop();

    // Assess
    await expect(fetch(`${stack.url}/v1/health`)).rejects.toThrow();
  });
});
