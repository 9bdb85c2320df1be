import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParsedItem } from '#shared/use-cases/event-results.ts';
import { type HttpHandler, postEvents, stubHandlerEnv } from '../fixtures/api-gateway.ts';
import { spendEvent } from '../fixtures/events.ts';

/**
 * The body of an events request is read at the HTTP edge (functions/input.ts): its bytes, its JSON and
 * its contract. The use cases receive parsed items, never the body.
 */

const received = vi.hoisted(() => ({ items: [] as unknown[] }));

vi.mock('#shared/use-cases/ingest-events.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('#shared/use-cases/ingest-events.ts')>()),
  ingestEvents: vi.fn(async (_clientId: string, items: readonly ParsedItem[]) => {
    received.items.push(items);
    return items.map((item) => ({
      index: item.index,
      eventId: item.ok ? item.event.eventId : '?',
      status: 'created',
      caseId: null,
      assessment: {},
    }));
  }),
}));

stubHandlerEnv();

const ddb = mockClient(DynamoDBDocumentClient);
let ingest: HttpHandler;

beforeAll(async () => {
  ({ handler: ingest } = await import('#functions/ingest-events.ts'));
});

afterEach(() => {
  ddb.reset();
  received.items.length = 0;
});

describe('Function: ingest-events', () => {
  it('hands the use case the parsed events, not the request body', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
    // No policy published: the shipped engine.
    ddb.on(QueryCommand).resolves({ Items: [] });
    const event = spendEvent();
    const body = JSON.stringify({ events: [event] });

    // Act
    const response = await postEvents(ingest, body);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(received.items).toEqual([[{ index: 0, ok: true, event }]]);
  });
});

describe('Module: shared/use-cases', () => {
  it('parses no JSON and measures no bytes: that is the edge’s work', async () => {
    // Prepare
    const folder = join(import.meta.dirname, '../../shared/use-cases');
    const files = (await readdir(folder)).filter((file) => file.endsWith('.ts'));

    // Act
    const parsing = [];
    for (const file of files) {
      const source = await readFile(join(folder, file), 'utf8');
      if (/JSON\.parse|Buffer\.byteLength/.test(source)) parsing.push(file);
    }

    // Assess
    expect(files.length).toBeGreaterThan(0);
    expect(parsing).toEqual([]);
  });
});
