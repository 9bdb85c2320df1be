import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { type LocalStack, startLocalStack } from '#infra/local/stack.ts';
import { recordingLogger } from './fake-handlers.ts';

/**
 * A local stack of the real functions on the run's DynamoDB Local, in its own table, for the CLI's
 * integration tests (push, check --url, exports).
 *
 * @example stack = await startCliStack('cli-check', dataDir);
 */
export const startCliStack = (tablePrefix: string, dataDir: string): Promise<LocalStack> =>
  startLocalStack({
    port: 0,
    inMemory: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    dataDir,
    env: { TABLE_NAME: `${tablePrefix}-${randomUUID()}` },
    pollIntervalMs: 50,
    logger: recordingLogger().logger,
  });
