import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '#infra/local/create-table.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';
import { startLocalStack } from '#infra/local/stack.ts';
import { keys } from '#shared/adapters/dynamodb-items.ts';
import { CLIENT_HEADER, SIGNATURE_HEADER, signatureHeader } from '#shared/auth/signature.ts';
import { baselineKeyOf } from '#shared/domain/baselines.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import type { Suite } from '../run.ts';

/**
 * Every figure is measured in ROUNDS rounds and reported as the median round (ratios: the median of each
 * round's ratio, both sides of a ratio measured in the same round), so one noisy phase on a shared box
 * neither makes nor breaks a target.
 */
const ROUNDS = 3;
/** Single events per round, pushed at CONCURRENCY. */
const EVENTS = 1_700;
const CONCURRENCY = 32;
const BARE_PUTS = 1_500;
/**
 * Requests sent before the rounds and left out of them, for the service and for the bare writes alike:
 * the first requests pay for connections, JIT and (for ad copy) the claim matcher's compilation.
 */
const WARM_UP = 4 * CONCURRENCY;
/** The batch path: 100-event requests (the API's maximum) at concurrency 4, BATCHES per round. */
const BATCHES = 12;
const BATCH_SIZE = 100;
const BATCH_CONCURRENCY = 4;
/** BatchWriteItem's limit per request. */
const BATCH_WRITE_ITEMS = 25;
/** The longest a phase waits for the stream consumers to work off the previous phase's records. */
const IDLE_TIMEOUT_MS = 180_000;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

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

type Key = { readonly pk: string; readonly sk: string };
type Item = Record<string, unknown>;

const keyId = (key: Key): string => `${key.pk}\u0000${key.sk}`;

/** Every stored item of these keys (absent ones left out), read back in pages of 100. */
const readAll = async (documents: DynamoDBDocumentClient, tableName: string, wanted: readonly Key[]) => {
  const found = new Map<string, Item>();
  const unique = [...new Map(wanted.map((key) => [keyId(key), key])).values()];
  for (let start = 0; start < unique.length; start += 100) {
    let request: Record<string, { Keys: Item[] }> | undefined = {
      [tableName]: { Keys: unique.slice(start, start + 100) },
    };
    while (request !== undefined && Object.keys(request).length > 0) {
      const output = await documents.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of output.Responses?.[tableName] ?? [])
        found.set(keyId({ pk: String(item.pk), sk: String(item.sk) }), item);
      request = output.UnprocessedKeys as typeof request;
    }
  }
  return found;
};

/** Writes items with bare BatchWriteItem, 25 at a time, until DynamoDB has processed them all. */
const batchWrite = async (
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
): Promise<void> => {
  for (let start = 0; start < items.length; start += BATCH_WRITE_ITEMS) {
    let request: Record<string, { PutRequest: { Item: Item } }[]> | undefined = {
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
 * The keys of what a stored event wrote beside itself: with a case, the case, the event's occurrence and
 * (ad copy) legal's review; with a baseline (spend, sentiment), the baseline. Left out: the subject pointer
 * and the audit line of an event that opened its case or raised its level (a minority of the events), so
 * the floor they give is, if anything, a little low.
 */
const relatedKeys = (stored: Item): Key[] => {
  const event = stored.event as RiskEvent;
  const caseId = typeof stored.caseId === 'string' ? stored.caseId : undefined;
  const baseline = baselineKeyOf(event);
  return [
    ...(caseId === undefined
      ? []
      : [
          keys.case(caseId),
          keys.occurrence(caseId, event.occurredAt, event.eventId),
          ...(event.type === 'ad-copy' ? [keys.review(caseId)] : []),
        ]),
    ...(baseline === undefined ? [] : [keys.baseline(baseline.key)]),
  ];
};

/** The items of one stored event's write, as read back (`found`: the items of its `relatedKeys`). */
const writeOf = (stored: Item, found: ReadonlyMap<string, Item>): Item[] => [
  stored,
  ...relatedKeys(stored).flatMap((key) => {
    const item = found.get(keyId(key));
    return item === undefined ? [] : [item];
  }),
];

/**
 * Why a single event's write is a transaction of its size, and cannot shrink without weakening a guarantee.
 */
const WRITE_PLAN =
  "a single event's write, all or nothing: no case and no baseline = its conditional PutItem (idempotency by eventId); a green spend or sentiment event = TransactWriteItems of the event and its baseline (observation count guarded, so each event teaches it once); joining a case = event + case (version guarded; its escalation marker is the outbox) + occurrence + review (ad copy) or baseline, + an audit line when the level rises or the case reopens (4–5 items); opening one adds the subject pointer (must not exist) and the audit line (5–6). No item can leave the transaction: written after it, a crash loses it for good (the client's retry answers duplicate); written before it, a lost race leaves it behind (an occurrence of an event stored elsewhere, a baseline taught twice). So on DynamoDB Local, where a 4–5 item TransactWriteItems alone has several times a PutItem's p99, load.bareTransactP99Ms is the floor of load.p99Ms";

/** One round's figures. */
interface Round {
  readonly eventsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly lost: number;
  readonly accepted: number;
  readonly bareDynamoP99Ms: number;
  readonly bareTransactP99Ms: number;
  readonly batchEventsPerSec: number;
  readonly batchErrors: number;
  readonly bareBatchWriteEventsPerSec: number;
}

/**
 * `load.*`: single signed events at concurrency 32 against the local stack (the real handlers on DynamoDB
 * Local), then a count of what DynamoDB holds (`load.lost` must be 0); the
 * p99 of a bare PutItem at the same concurrency (`load.bareDynamoP99Ms`) and of the same items a single
 * event writes, in one bare TransactWriteItems per event (`load.bareTransactP99Ms`, the write's own floor);
 * then 100-event batches at concurrency 4 (`load.batchEventsPerSec`) next to bare BatchWriteItem of the
 * items the service stores for as many events (`load.bareBatchWriteEventsPerSec`; until this session only
 * the event items, a quarter of them). Bare writes go to a table of their own (same
 * definition and stream, no consumer). Fair conditions: the stream consumers work off the warm-up and are
 * then held through the rounds (so no phase runs beside another's backlog), the order of the phases
 * alternates from round to round, and each figure is the median of ROUNDS rounds.
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
    const client = new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const documents = DynamoDBDocumentClient.from(client);
    try {
      const { clientId, clientSecret } = stack.credentials;
      const { tableName: bareTable } = await ensureTable(client, `bare-${randomUUID()}`);
      /**
       * Lets the stream consumers work off what was written so far (at most IDLE_TIMEOUT_MS); the rounds
       * then hold them (LocalStack.holdStreams): in AWS they run beside the API, not on its CPU or on this
       * box's one DynamoDB Local, and left running here they would slow whichever phase follows a service
       * phase with its backlog (the bare baselines were measured during that drain before).
       */
      const settle = async (): Promise<number> => {
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          stack.streamsIdle(),
          new Promise((resolve) => {
            timer = setTimeout(resolve, IDLE_TIMEOUT_MS);
          }),
        ]);
        clearTimeout(timer);
        return performance.now() - started;
      };
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
      const eventKey = (eventId: string) => keys.event(clientId, eventId);

      progress(`warming up with ${WARM_UP} events`);
      const warmIds: string[] = [];
      await drive(WARM_UP, CONCURRENCY, async (i) => {
        const event = eventAt(i, 'warm');
        const ok = (await post(event)) === 200;
        if (ok) warmIds.push(event.eventId);
        return ok;
      });
      // The warm-up's stored writes are the templates of the bare ones: the same items, under other keys.
      const warmEvents = [...(await readAll(documents, stack.tableName, warmIds.map(eventKey))).values()];
      const related = await readAll(documents, stack.tableName, warmEvents.flatMap(relatedKeys));
      const writes = warmEvents.map((stored) => writeOf(stored, related));
      let bareSerial = 0;
      /** A fresh copy of an item under a key of the bare table's own. */
      const bareCopy = (item: Item, tag: string): Item => ({ ...item, pk: `${tag}#${String(item.pk)}` });
      const barePut = async (i: number) => {
        await client.send(
          new PutItemCommand({
            TableName: bareTable,
            Item: { pk: { S: `put-${bareSerial}#${i}` }, sk: { S: 'BARE' }, n: { N: String(i) } },
          }),
        );
        return true;
      };
      const bareTransact = async (i: number) => {
        const items = writes[i % writes.length] ?? [];
        const tag = `tx-${bareSerial}-${i}`;
        if (items.length === 1) {
          await documents.send(
            new PutCommand({
              TableName: bareTable,
              Item: bareCopy(items[0] ?? {}, tag),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          return true;
        }
        await documents.send(
          new TransactWriteCommand({
            TransactItems: items.map((item, position) => ({
              Put: {
                TableName: bareTable,
                Item: bareCopy(item, tag),
                // The event's and the case's conditions, as the service's write has them.
                ...(position < 2 ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
              },
            })),
          }),
        );
        return true;
      };
      progress(`warming up the bare writes with ${WARM_UP} of each`);
      await drive(WARM_UP, CONCURRENCY, barePut);
      await drive(WARM_UP, CONCURRENCY, bareTransact);

      progress('waiting for the stream consumers to work off the warm-up, then holding them');
      const drainMs = await settle();
      const release = stack.holdStreams();
      const rounds: Round[] = [];
      for (let r = 0; r < ROUNDS; r += 1) {
        bareSerial = r + 1;
        const serviceFirst = r % 2 === 1;
        const label = `round ${r + 1}/${ROUNDS}`;

        const singles = async () => {
          progress(`${label}: ${EVENTS} single events at concurrency ${CONCURRENCY}`);
          const accepted: string[] = [];
          const run = await drive(EVENTS, CONCURRENCY, async (i) => {
            const eventId = `load-${r}-${i}`;
            const status = await post({ ...eventAt(i), eventId });
            if (status === 200) accepted.push(eventId);
            return status === 200;
          });
          const found = (await readAll(documents, stack.tableName, accepted.map(eventKey))).size;
          return { run, accepted: accepted.length, lost: accepted.length - found };
        };
        const bareSingles = async () => {
          progress(`${label}: bare PutItem x ${BARE_PUTS}`);
          const puts = await drive(BARE_PUTS, CONCURRENCY, barePut);
          progress(`${label}: bare TransactWriteItems of a single event's items x ${EVENTS}`);
          const transacts = await drive(EVENTS, CONCURRENCY, bareTransact);
          return { puts, transacts };
        };
        const batches = async () => {
          progress(
            `${label}: ${BATCHES} batches of ${BATCH_SIZE} events at concurrency ${BATCH_CONCURRENCY}`,
          );
          let accepted = 0;
          const run = await drive(BATCHES, BATCH_CONCURRENCY, async (b) => {
            const events = Array.from({ length: BATCH_SIZE }, (_, j) => ({
              ...eventAt(b * BATCH_SIZE + j),
              eventId: `batch-${r}-${b * BATCH_SIZE + j}`,
            }));
            const status = await post({ events });
            if (status === 200) accepted += events.length;
            return status === 200;
          });
          return { run, accepted };
        };
        const bareBatches = async () => {
          // What the service stores for each event (`writes`: the event, its case, occurrence, review or
          // baseline), in requests of 100 events at the same concurrency: what DynamoDB alone takes for
          // the same items, without conditions or transactions.
          progress(`${label}: bare BatchWriteItem of the items of ${BATCHES * BATCH_SIZE} events`);
          const run = await drive(BATCHES, BATCH_CONCURRENCY, async (b) => {
            const items = Array.from({ length: BATCH_SIZE }, (_, j) =>
              (writes[(b * BATCH_SIZE + j) % writes.length] ?? []).map((item) =>
                bareCopy(item, `bw-${r}-${b}-${j}`),
              ),
            ).flat();
            await batchWrite(documents, bareTable, items);
            return true;
          });
          return { run, events: BATCHES * BATCH_SIZE };
        };

        let single: Awaited<ReturnType<typeof singles>>;
        let bare: Awaited<ReturnType<typeof bareSingles>>;
        let batch: Awaited<ReturnType<typeof batches>>;
        let bareBatch: Awaited<ReturnType<typeof bareBatches>>;
        if (serviceFirst) {
          single = await singles();
          bare = await bareSingles();
          batch = await batches();
          bareBatch = await bareBatches();
        } else {
          bare = await bareSingles();
          single = await singles();
          bareBatch = await bareBatches();
          batch = await batches();
        }
        const round: Round = {
          eventsPerSec: EVENTS / single.run.seconds,
          p50Ms: percentile(single.run.latencies, 50),
          p99Ms: percentile(single.run.latencies, 99),
          errors: single.run.errors,
          lost: single.lost,
          accepted: single.accepted,
          bareDynamoP99Ms: percentile(bare.puts.latencies, 99),
          bareTransactP99Ms: percentile(bare.transacts.latencies, 99),
          batchEventsPerSec: batch.accepted / batch.run.seconds,
          batchErrors: batch.run.errors,
          bareBatchWriteEventsPerSec: bareBatch.events / bareBatch.run.seconds,
        };
        rounds.push(round);
        progress(
          `${label}: p99 ${round.p99Ms.toFixed(0)} ms, bare put p99 ${round.bareDynamoP99Ms.toFixed(0)} ms, bare transaction p99 ${round.bareTransactP99Ms.toFixed(0)} ms; batches ${round.batchEventsPerSec.toFixed(0)} events/s, bare ${round.bareBatchWriteEventsPerSec.toFixed(0)} events/s`,
        );
      }
      // Stopping the stack lets the consumers' batch in flight finish; their backlog is not measured.
      release();

      const med = (pick: (round: Round) => number) => median(rounds.map(pick));
      const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
      const metrics = {
        'load.events': EVENTS * ROUNDS,
        'load.rounds': ROUNDS,
        'load.concurrency': CONCURRENCY,
        'load.eventsPerSec': med((round) => round.eventsPerSec),
        'load.p50Ms': med((round) => round.p50Ms),
        'load.p99Ms': med((round) => round.p99Ms),
        'load.errors': sum((round) => round.errors),
        'load.lost': sum((round) => round.lost),
        'load.bareDynamoP99Ms': med((round) => round.bareDynamoP99Ms),
        'load.bareTransactP99Ms': med((round) => round.bareTransactP99Ms),
        'load.batchEventsPerSec': med((round) => round.batchEventsPerSec),
        'load.batchErrors': sum((round) => round.batchErrors),
        'load.bareBatchWriteEventsPerSec': med((round) => round.bareBatchWriteEventsPerSec),
      };
      const p99Ratios = rounds.map((round) => round.p99Ms / round.bareDynamoP99Ms);
      const floorRatios = rounds.map((round) => round.bareTransactP99Ms / round.bareDynamoP99Ms);
      const overFloor = rounds.map((round) => round.p99Ms / round.bareTransactP99Ms);
      const batchRatios = rounds.map((round) => round.bareBatchWriteEventsPerSec / round.batchEventsPerSec);
      const list = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(', ');
      const batchRatio = median(batchRatios);
      const p99Ratio = median(p99Ratios);
      const accepted = sum((round) => round.accepted);
      return {
        metrics,
        targets: [
          {
            description: `load.lost = 0 (accepted ${accepted}, found ${accepted - metrics['load.lost']})`,
            met: metrics['load.lost'] === 0,
          },
          { description: `load.errors = 0`, met: metrics['load.errors'] === 0 },
          { description: `load.batchErrors = 0`, met: metrics['load.batchErrors'] === 0 },
          {
            description: `load.bareBatchWriteEventsPerSec / load.batchEventsPerSec <= 3 (median of rounds ${batchRatio.toFixed(2)})`,
            met: batchRatio <= 3,
          },
          {
            description: `load.p99Ms / load.bareDynamoP99Ms <= 3 (median of rounds ${p99Ratio.toFixed(2)})`,
            met: p99Ratio <= 3,
          },
        ],
        notes: [
          `${ROUNDS} rounds with the stream consumers held (after ${(drainMs / 1000).toFixed(1)} s for them to work off the warm-up): in AWS they do not share the API's CPU or DynamoDB Local; phase order alternating (bare first in odd rounds); figures are medians of rounds, ratios the median of each round's ratio`,
          `single events: service p99 / bare PutItem p99 per round ${list(p99Ratios)}; bare TransactWriteItems of the same items per event / bare PutItem ${list(floorRatios)} (the write's own floor on DynamoDB Local); service / that floor ${list(overFloor)} (reads before the write: event ids and case pointers, baselines, exceptions, catalogue, the case; HTTP, signature, evaluation)`,
          `batches: bare BatchWriteItem / service per round ${list(batchRatios)} (bare: each event's event, case, occurrence, review or baseline items, unconditional, no transaction; the service also reads, judges and guards every write)`,
          WRITE_PLAN,
        ],
      };
    } finally {
      client.destroy();
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
