import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  FUNCTIONS,
  type FunctionDefinition,
  STREAM_CONSUMER,
  STREAM_CONSUMERS,
  STREAM_REDRIVER,
} from '#infra/catalog.ts';
import { ENV } from '#shared/config.ts';
import { AUTOMATION_PATH, createAutomationReceiver } from './automation-receiver.ts';
import { ensureTable } from './create-table.ts';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from './dynamodb-local.ts';
import { findFreePort } from './free-port.ts';
import { createLocalApi } from './http-adapter.ts';
import { type FunctionHandlers, loadAllHandlers, loadHandler } from './load-handlers.ts';
import {
  credentialsOf,
  DEFAULT_TABLE_NAME,
  type DevCredentials,
  localEnv,
  parseLocalUsers,
  tokenGroupsOf,
} from './local-env.ts';
import { consoleLogger, type LocalLogger } from './logger.ts';
import { startLocalScheduler } from './scheduler.ts';
import { assertPortFree, closeServer, listen } from './server-lifecycle.ts';
import { createStaticSite } from './static-site.ts';
import { type StreamPoller, type StreamPollerOptions, startStreamPoller } from './stream-poller.ts';
import { passesStreamFilter } from './stream-records.ts';

export interface LocalStackOptions {
  /** HTTP port; default `PORT` or 3000; 0 picks a free one (see `url`). */
  readonly port?: number;
  readonly host?: string;
  /** Keep the database in memory: nothing survives a restart. */
  readonly inMemory?: boolean;
  /**
   * Where the database, the stream checkpoint, the outbox and dead letters live (default `<repo>/.data`;
   * a relative path is taken from the working directory).
   */
  readonly dataDir?: string;
  /** Environment for the handlers, taking precedence over the shell (e.g. `RADAR_OUTBOX_FILE`, `SNS_ENDPOINT`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Use this already running DynamoDB Local instead of starting one (it is then not stopped either). */
  readonly dynamoEndpoint?: string;
  /** Serve these handlers instead of importing functions/ (tests of the stack's own wiring). */
  readonly functions?: FunctionHandlers;
  /** Stream poll interval; short by default so an escalation shows up within a second. */
  readonly pollIntervalMs?: number;
  /**
   * How the stream poller retries and redrives (tests shorten them; the defaults are the AWS event source
   * mapping's, infra/catalog.ts STREAM_SETTINGS).
   */
  readonly stream?: Pick<StreamPollerOptions, 'maxRetries' | 'retryBackoff'> & {
    readonly redriveIntervalMs?: number;
  };
  /**
   * Run the scheduled functions (SLA check, digest) this often instead of on their AWS schedules
   * (infra/catalog.ts); default `RADAR_SCHEDULE_INTERVAL_MS`, else the real schedules.
   */
  readonly scheduleIntervalMs?: number;
  readonly logger?: LocalLogger;
}

export interface LocalStack {
  /** Base URL of the API, e.g. `http://127.0.0.1:3000` (routes start with `/v1`; the web app is at `/`). */
  readonly url: string;
  readonly port: number;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly credentials: DevCredentials;
  /** Absolute path of the database directory, or undefined in memory. */
  readonly databaseDir: string | undefined;
  /** Where escalations land without `SNS_ENDPOINT` (one SNS Publish input per line). */
  readonly outboxFile: string;
  readonly deadLetterFile: string;
  /** The environment the handlers run with (`npm run digest` runs a scheduled function with it). */
  readonly env: Readonly<Record<string, string>>;
  /** When each scheduled function runs next. */
  readonly schedules: () => ReadonlyMap<string, Date>;
  /** Runs a scheduled function now (as `aws lambda invoke` would) and returns its result. */
  runScheduled(id: string): Promise<unknown>;
  /** Resolves once every stream consumer has handled what was written before the call (StreamPoller.idle). */
  streamsIdle(): Promise<void>;
  /** Holds every stream consumer (StreamPoller.hold) until the returned release is called. */
  holdStreams(): () => void;
  /** Finishes in-flight requests and the stream batch, then stops DynamoDB Local. Safe to call twice. */
  stop(): Promise<void>;
}

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * One handler environment per process: handlers read their configuration and create their SDK clients at
 * import time, and Node caches modules, so a second stack with another endpoint or table would silently
 * talk to the first one's.
 */
let loadedWith: string | undefined;

/**
 * The whole product on one machine: DynamoDB Local with the product's table, the functions behind a local
 * API Gateway, and the stream poller feeding the notify function. Used by `npm start` and by end-to-end
 * tests (one stack per process; spawn `node infra/local/start.ts` for more).
 *
 * @example
 * const stack = await startLocalStack({ port: 0, inMemory: true });
 * await fetch(`${stack.url}/v1/health`);
 * await stack.stop();
 */
export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const logger = options.logger ?? consoleLogger;
  // The default sits in the repository (git-ignored) wherever the command runs; a given path is the caller's.
  const dataDir = options.dataDir === undefined ? join(REPOSITORY_ROOT, '.data') : resolve(options.dataDir);
  const inMemory = options.inMemory ?? false;
  const databaseDir = inMemory ? undefined : join(dataDir, 'dynamodb');
  const overrides = options.env ?? {};
  const tableName = overrides[ENV.tableName] ?? nonEmpty(process.env[ENV.tableName]) ?? DEFAULT_TABLE_NAME;
  const host = options.host ?? '127.0.0.1';
  const requested = options.port ?? defaultPort();
  // The port is fixed before the functions load: notifications link to the web app at this very URL.
  const port = requested === 0 ? await findFreePort(host) : requested;
  // Fail before Java's seconds-long start-up rather than after it.
  await assertPortFree(port, host);
  const ownUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const webUrl = overrides[ENV.webUrl] ?? nonEmpty(process.env[ENV.webUrl]) ?? ownUrl;
  // Guarded actions go to the stack's own automation receiver unless the caller names another endpoint.
  const automationUrl =
    overrides[ENV.automationWebhookUrl] ??
    nonEmpty(process.env[ENV.automationWebhookUrl]) ??
    `${ownUrl}${AUTOMATION_PATH}`;

  const cleanups: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      // Reverse order of start: HTTP, then the poller, then the database they both write to.
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          logger.error('Error while stopping the local stack', error);
        }
      }
    })();
    return stopping;
  };

  try {
    let dynamoEndpoint = options.dynamoEndpoint;
    if (dynamoEndpoint === undefined) {
      const dynamo = await startDynamoDbLocal(databaseDir === undefined ? {} : { dataDir: databaseDir });
      cleanups.push(dynamo.stop);
      dynamoEndpoint = dynamo.endpoint;
    }
    const env = localEnv({
      shell: process.env,
      overrides: { ...overrides, [ENV.webUrl]: webUrl, [ENV.automationWebhookUrl]: automationUrl },
      dataDir,
      dynamoEndpoint,
      tableName,
    });
    const clientConfig = {
      endpoint: dynamoEndpoint,
      region: env[ENV.region],
      credentials: LOCAL_CREDENTIALS,
    };

    const dynamoClient = new DynamoDBClient(clientConfig);
    const { streamArn } = await ensureTable(dynamoClient, tableName).finally(() => dynamoClient.destroy());

    applyEnv(env);
    const handlers = options.functions ?? (await loadAllHandlers());
    // The same redrive function as in AWS, fed the dead-letter file instead of the StreamFailures queue.
    const redriveHandler = options.functions === undefined ? await loadHandler(STREAM_REDRIVER) : undefined;

    const deadLetterFile = join(dataDir, 'stream-dead-letter.jsonl');
    const streamsClient = new DynamoDBStreamsClient(clientConfig);
    cleanups.push(async () => streamsClient.destroy());
    const pollers: StreamPoller[] = [];
    // One poller per stream consumer, as AWS gives each its own event source mapping: each keeps its own
    // checkpoint and dead letters (the escalation consumer's under the names they always had).
    for (const consumer of STREAM_CONSUMERS) {
      const handler = handlers.streams.get(consumer.id);
      if (handler === undefined) continue;
      const escalations = consumer.id === STREAM_CONSUMER;
      const suffix = escalations ? '' : `.${consumer.id}`;
      const poller = await startStreamPoller({
        client: streamsClient,
        streamArn,
        handler,
        functionName: consumer.id,
        filter: passesStreamFilter(consumer.filter),
        region: env[ENV.region],
        // In memory the stream starts empty each run, so a checkpoint file would only mislead the next one.
        ...(inMemory ? {} : { checkpointFile: join(dataDir, `stream-checkpoint${suffix}.json`) }),
        deadLetterFile: escalations ? deadLetterFile : join(dataDir, `stream-dead-letter${suffix}.jsonl`),
        intervalMs: options.pollIntervalMs ?? 250,
        ...(options.stream?.maxRetries === undefined ? {} : { maxRetries: options.stream.maxRetries }),
        ...(options.stream?.retryBackoff === undefined ? {} : { retryBackoff: options.stream.retryBackoff }),
        // The redrive replays escalations only; the indexer's dead letters wait for `npm run reindex`.
        ...(redriveHandler === undefined || !escalations
          ? {}
          : {
              redrive: {
                handler: redriveHandler,
                functionName: STREAM_REDRIVER,
                ...(options.stream?.redriveIntervalMs === undefined
                  ? {}
                  : { intervalMs: options.stream.redriveIntervalMs }),
              },
            }),
        logger,
      });
      pollers.push(poller);
      cleanups.push(poller.stop);
    }

    const intervalMs = options.scheduleIntervalMs ?? scheduleIntervalFromShell();
    const catalog: readonly FunctionDefinition[] = FUNCTIONS;
    const scheduler = startLocalScheduler({
      functions: handlers.scheduled ?? new Map(),
      schedules: new Map(
        catalog.flatMap((definition) =>
          definition.schedule === undefined ? [] : [[definition.id, definition.schedule] as const],
        ),
      ),
      ...(intervalMs === undefined ? {} : { intervalMs }),
      region: env[ENV.region] ?? 'us-east-1',
      logger,
    });
    cleanups.push(scheduler.stop);

    const credentials = credentialsOf(env);
    const site = createStaticSite({
      config: {
        mode: 'local',
        apiBaseUrl: '',
        devTokens: { legal: credentials.legalToken, manager: credentials.managerToken },
      },
      logger,
    });
    const receiver = createAutomationReceiver({
      secret: env[ENV.automationSecret] ?? '',
      ...(inMemory ? {} : { file: join(dataDir, 'automation.jsonl') }),
    });
    const server = createLocalApi({
      functions: handlers.http,
      tokens: tokenGroupsOf(credentials, parseLocalUsers(env[ENV.users])),
      logger,
      site: (request, response) => receiver(request, response) || site(request, response),
    });
    const listening = await listen(server, port, host);
    cleanups.push(() => closeServer(server));

    return {
      url: listening.url,
      port: listening.port,
      dynamoEndpoint,
      tableName,
      credentials,
      databaseDir,
      outboxFile: absolute(env[ENV.outboxFile] ?? join(dataDir, 'outbox.jsonl')),
      deadLetterFile,
      env,
      schedules: scheduler.next,
      runScheduled: scheduler.runNow,
      streamsIdle: async () => {
        await Promise.all(pollers.map((poller) => poller.idle()));
      },
      holdStreams: () => {
        const releases = pollers.map((poller) => poller.hold());
        return () => {
          for (const release of releases) release();
        };
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

/** Sets the handlers' environment, refusing to reconfigure handlers already loaded in this process. */
const applyEnv = (env: Readonly<Record<string, string>>): void => {
  const fingerprint = JSON.stringify(Object.entries(env).sort());
  if (loadedWith !== undefined && loadedWith !== fingerprint) {
    throw new Error(
      'The functions were already loaded in this process with another configuration; start each local stack in its own process',
    );
  }
  loadedWith = fingerprint;
  Object.assign(process.env, env);
};

const defaultPort = (): number => {
  const fromEnv = nonEmpty(process.env.PORT);
  return fromEnv === undefined ? 3000 : parsePort(fromEnv);
};

/** A TCP port number from text (`--port`, `PORT`), 0 meaning "any free port". */
export const parsePort = (text: string): number => {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new RangeError(`Not a port number: ${text}`);
  return port;
};

/** `RADAR_SCHEDULE_INTERVAL_MS`: every scheduled function on one short interval (demos, tests). */
const scheduleIntervalFromShell = (): number | undefined => {
  const text = nonEmpty(process.env.RADAR_SCHEDULE_INTERVAL_MS);
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new RangeError(
      `RADAR_SCHEDULE_INTERVAL_MS must be a positive number of milliseconds, got "${text}"`,
    );
  }
  return ms;
};

const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(path));
