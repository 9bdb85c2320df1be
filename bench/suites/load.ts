import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { CLIENT_HEADER, SIGNATURE_HEADER, signatureHeader } from '#shared/auth/signature.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import type { Suite } from '../run.ts';

const EVENTS = 5_000;
const CONCURRENCY = 32;
const BARE_PUTS = 2_000;
/**
 * Requests sent before each measured run and left out of it, for the service and for the bare puts alike:
 * the first requests pay for connections, JIT and (for ad copy) the claim matcher's compilation.
 */
const WARM_UP = 4 * CONCURRENCY;
/** The batch path: 100-event requests (the API's maximum) at concurrency 4. */
const BATCHES = 30;
const BATCH_SIZE = 100;
const BATCH_CONCURRENCY = 4;
/** BatchWriteItem's limit per request. */
const BATCH_WRITE_ITEMS = 25;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** A realistic mix: spend across 200 campaigns, sentiment across 50 products, ad copy in three languages. */
const eventAt = (i: number, prefix = 'load'): RiskEvent => {
  const base = { eventId: `${prefix}-${i}`, occurredAt: new Date().toISOString(), source: 'bench' };
  if (i % 3 === 0) {
    return {
      ...base,
      type: 'spend',
      spend: {
        campaignId: `cmp-${i % 200}`,
        channel: 'facebook',
        currency: 'USD',
        plannedBudget: 10_000,
        actualSpend: 8_000 + (i % 7) * 1_000,
        conversions: 80,
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
      },
    };
  }
  if (i % 3 === 1) {
    return {
      ...base,
      type: 'sentiment',
      sentiment: {
        brand: 'Acme',
        product: `P${i % 50}`,
        channel: 'weibo',
        windowStart: '2026-11-22T08:00:00Z',
        windowEnd: '2026-11-22T09:00:00Z',
        mentions: 900,
        negative: 100 + (i % 5) * 60,
      },
    };
  }
  const copies = [
    { text: '全网最佳美白精华，三天见效', lang: 'zh', market: 'CN' },
    { text: 'Kem dưỡng tốt nhất, hiệu quả ngay', lang: 'vi', market: 'VN' },
    { text: 'Gentle daily moisturiser for dry skin', lang: 'en', market: 'US' },
  ] as const;
  const copy = copies[Math.floor(i / 3) % copies.length] ?? copies[0];
  return {
    ...base,
    type: 'ad-copy',
    copy: {
      copyId: `copy-${i % 300}`,
      text: copy.text,
      lang: copy.lang,
      market: copy.market,
      category: 'cosmetics',
      brand: 'Acme',
    },
  };
};

/** Every stored item of these keys, read back in pages of 100. */
const readAll = async (
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly { pk: string; sk: string }[],
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [tableName]: { Keys: keys.slice(start, start + 100) },
    };
    while (request !== undefined && Object.keys(request).length > 0) {
      const output = await documents.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(output.Responses?.[tableName] ?? []));
      request = output.UnprocessedKeys as typeof request;
    }
  }
  return found;
};

/** Writes items with bare BatchWriteItem, 25 at a time, until DynamoDB has processed them all. */
const batchWrite = async (
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
): Promise<void> => {
  for (let start = 0; start < items.length; start += BATCH_WRITE_ITEMS) {
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [tableName]: items.slice(start, start + BATCH_WRITE_ITEMS).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request !== undefined && Object.keys(request).length > 0) {
      const output = await documents.send(new BatchWriteCommand({ RequestItems: request }));
      request = output.UnprocessedItems as typeof request;
    }
  }
};

/** Runs `total` tasks with at most `concurrency` in flight; returns each task's latency in ms. */
const drive = async (total: number, concurrency: number, task: (i: number) => Promise<boolean>) => {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const started = performance.now();
      if (!(await task(i))) errors += 1;
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    latencies: latencies.sort((a, b) => a - b),
    errors,
    seconds: (performance.now() - started) / 1000,
  };
};

/**
 * `load.*`: 5,000 signed events at concurrency 32 against the local stack (the real handlers on DynamoDB
 * Local), then a count of what DynamoDB holds (`load.lost` must be 0), and the p99 of a bare PutItem to the
 * same DynamoDB Local at the same concurrency, so the service's overhead reads as a ratio (both measured
 * after WARM_UP requests left out); then 30 batches of
 * 100 events at concurrency 4 (`load.batchEventsPerSec`) next to bare BatchWriteItem of the same event
 * items (`load.bareBatchWriteEventsPerSec`).
 */
export const suite: Suite = {
  name: 'load',
  async run(progress) {
    const dataDir = await mkdtemp(join(tmpdir(), 'radar-bench-'));
    process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
    const stack = await startLocalStack({
      port: 0,
      inMemory: true,
      dataDir,
      logger: { info: () => {}, error: () => {} },
    });
    try {
      const { clientId, clientSecret } = stack.credentials;
      /** A signed POST /v1/events; resolves to the status once the answer is read, 0 when none came. */
      const post = async (payload: unknown): Promise<number> => {
        const body = JSON.stringify(payload);
        try {
          const response = await fetch(`${stack.url}/v1/events`, {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/json',
              [CLIENT_HEADER]: clientId,
              [SIGNATURE_HEADER]: signatureHeader(clientSecret, body, new Date()),
            },
          });
          await response.arrayBuffer();
          return response.status;
        } catch {
          return 0;
        }
      };
      progress(`warming up with ${WARM_UP} events`);
      await drive(WARM_UP, CONCURRENCY, async (i) => (await post(eventAt(i, 'warm'))) === 200);
      const accepted: string[] = [];
      progress(`pushing ${EVENTS} events at concurrency ${CONCURRENCY}`);
      const run = await drive(EVENTS, CONCURRENCY, async (i) => {
        const status = await post(eventAt(i));
        if (status === 200) accepted.push(`load-${i}`);
        if (i > 0 && i % 1000 === 0) progress(`${i} sent`);
        return status === 200;
      });

      const client = new DynamoDBClient({
        endpoint: stack.dynamoEndpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
      const documents = DynamoDBDocumentClient.from(client);
      const eventKey = (eventId: string) => ({ pk: `EVENT#${clientId}#${eventId}`, sk: 'EVENT' });
      const found = (await readAll(documents, stack.tableName, accepted.map(eventKey))).length;

      progress(`pushing ${BATCHES} batches of ${BATCH_SIZE} events at concurrency ${BATCH_CONCURRENCY}`);
      const batchAccepted: string[] = [];
      const batches = await drive(BATCHES, BATCH_CONCURRENCY, async (b) => {
        const events = Array.from({ length: BATCH_SIZE }, (_, j) =>
          eventAt(EVENTS + b * BATCH_SIZE + j, 'batch'),
        );
        const status = await post({ events });
        if (status === 200) batchAccepted.push(...events.map((event) => event.eventId));
        return status === 200;
      });

      // The same event items the batches stored, written again under other keys with bare BatchWriteItem,
      // in batches of 100 at the same concurrency: what DynamoDB alone takes for the events' own items.
      const stored = await readAll(documents, stack.tableName, batchAccepted.map(eventKey));
      const copies = stored.map((item) => ({ ...item, pk: `BARE#${String(item.pk)}` }));
      progress(`bare BatchWriteItem of the same ${copies.length} items`);
      const bareBatches = await drive(Math.ceil(copies.length / BATCH_SIZE), BATCH_CONCURRENCY, async (b) => {
        await batchWrite(documents, stack.tableName, copies.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE));
        return true;
      });

      const table = `bare-${randomUUID()}`;
      const barePut = async (i: number) => {
        await client.send(
          new PutItemCommand({
            TableName: stack.tableName,
            Item: { pk: { S: `${table}#${i}` }, sk: { S: 'BARE' }, n: { N: String(i) } },
          }),
        );
        return true;
      };
      progress(`bare PutItem x ${BARE_PUTS} after ${WARM_UP} to warm up`);
      await drive(WARM_UP, CONCURRENCY, (i) => barePut(BARE_PUTS + i));
      const bare = await drive(BARE_PUTS, CONCURRENCY, barePut);
      client.destroy();

      const metrics = {
        'load.events': EVENTS,
        'load.concurrency': CONCURRENCY,
        'load.eventsPerSec': EVENTS / run.seconds,
        'load.p50Ms': percentile(run.latencies, 50),
        'load.p99Ms': percentile(run.latencies, 99),
        'load.errors': run.errors,
        'load.lost': accepted.length - found,
        'load.bareDynamoP99Ms': percentile(bare.latencies, 99),
        'load.batchEventsPerSec': batchAccepted.length / batches.seconds,
        'load.batchErrors': batches.errors,
        'load.bareBatchWriteEventsPerSec': copies.length / bareBatches.seconds,
      };
      const batchRatio = metrics['load.bareBatchWriteEventsPerSec'] / metrics['load.batchEventsPerSec'];
      const p99Ratio = metrics['load.p99Ms'] / metrics['load.bareDynamoP99Ms'];
      return {
        metrics,
        targets: [
          {
            description: `load.lost = 0 (accepted ${accepted.length}, found ${found})`,
            met: metrics['load.lost'] === 0,
          },
          { description: `load.errors = 0`, met: run.errors === 0 },
          { description: `load.batchErrors = 0`, met: batches.errors === 0 },
          {
            description: `load.bareBatchWriteEventsPerSec / load.batchEventsPerSec <= 3 (${batchRatio.toFixed(2)})`,
            met: batchRatio <= 3,
          },
          {
            description: `load.p99Ms / load.bareDynamoP99Ms <= 3 (${p99Ratio.toFixed(2)})`,
            met: p99Ratio <= 3,
          },
        ],
        notes: [
          `service p99 / bare PutItem p99 = ${p99Ratio.toFixed(1)} (each event is a bulk read, evaluation and a transaction of 4–6 items)`,
          `batches: ${metrics['load.batchEventsPerSec'].toFixed(0)} events/s through the API against ${metrics['load.bareBatchWriteEventsPerSec'].toFixed(0)} events/s of bare BatchWriteItem of the same event items (ratio ${batchRatio.toFixed(2)}; the service also writes cases, occurrences, audit lines and baselines)`,
        ],
      };
    } finally {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
