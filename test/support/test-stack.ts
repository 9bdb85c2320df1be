import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type LocalStack, startLocalStack } from '#infra/local/stack.ts';

/**
 * The local stack of the real functions on the run's DynamoDB Local, as the HTTP and browser tests use it: a
 * table and a data directory of its own (named after the test), quiet unless something fails, and the
 * scheduled functions (SLA check, digest) left alone for an hour — a test runs them when it means to.
 *
 * @example ({ stack, dataDir } = await startTestStack('languages'));
 */
export const startTestStack = async (
  name: string,
  /** More environment for the handlers and the stack (e.g. `RADAR_USERS`). */
  env: Readonly<Record<string, string>> = {},
): Promise<{ stack: LocalStack; dataDir: string }> => {
  const dataDir = mkdtempSync(join(tmpdir(), `radar-${name}-`));
  const stack = await startLocalStack({
    port: 0,
    inMemory: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    dataDir,
    env: { ...env, TABLE_NAME: `${name}-${randomUUID()}` },
    logger: { info: () => {}, error: console.error },
    scheduleIntervalMs: 3_600_000,
  });
  return { stack, dataDir };
};
