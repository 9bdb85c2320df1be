import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { CLIENT_HEADER, SIGNATURE_HEADER, signatureHeader } from '#shared/auth/signature.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import type { Suite } from '../run.ts';

const EVENTS = 5_000;
const CONCURRENCY = 32;
const BARE_PUTS = 2_000;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** A realistic mix: spend across 200 campaigns, sentiment across 50 products, ad copy in three languages. */
const eventAt = (i: number): RiskEvent => {
  const base = { eventId: `load-${i}`, occurredAt: new Date().toISOString(), source: 'bench' };
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
 * same DynamoDB Local at the same concurrency, so the service's overhead reads as a ratio.
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
      const accepted: string[] = [];
      progress(`pushing ${EVENTS} events at concurrency ${CONCURRENCY}`);
      const run = await drive(EVENTS, CONCURRENCY, async (i) => {
        const body = JSON.stringify(eventAt(i));
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
        if (response.status === 200) accepted.push(`load-${i}`);
        if (i > 0 && i % 1000 === 0) progress(`${i} sent`);
        return response.status === 200;
      });

      const client = new DynamoDBClient({
        endpoint: stack.dynamoEndpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
      const documents = DynamoDBDocumentClient.from(client);
      let found = 0;
      for (let start = 0; start < accepted.length; start += 100) {
        const keys = accepted
          .slice(start, start + 100)
          .map((eventId) => ({ pk: `EVENT#${clientId}#${eventId}`, sk: 'EVENT' }));
        let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
          [stack.tableName]: { Keys: keys },
        };
        while (request !== undefined && Object.keys(request).length > 0) {
          const output = await documents.send(new BatchGetCommand({ RequestItems: request }));
          found += output.Responses?.[stack.tableName]?.length ?? 0;
          request = output.UnprocessedKeys as typeof request;
        }
      }

      progress(`bare PutItem x ${BARE_PUTS}`);
      const table = `bare-${randomUUID()}`;
      const bare = await drive(BARE_PUTS, CONCURRENCY, async (i) => {
        await client.send(
          new PutItemCommand({
            TableName: stack.tableName,
            Item: { pk: { S: `${table}#${i}` }, sk: { S: 'BARE' }, n: { N: String(i) } },
          }),
        );
        return true;
      });
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
      };
      return {
        metrics,
        targets: [
          {
            description: `load.lost = 0 (accepted ${accepted.length}, found ${found})`,
            met: metrics['load.lost'] === 0,
          },
          { description: `load.errors = 0`, met: run.errors === 0 },
        ],
        notes: [
          `service p99 / bare PutItem p99 = ${(metrics['load.p99Ms'] / metrics['load.bareDynamoP99Ms']).toFixed(1)} (each event is a conditional read, evaluation and a transaction of 4–6 items)`,
        ],
      };
    } finally {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
