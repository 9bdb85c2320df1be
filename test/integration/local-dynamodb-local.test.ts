import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTable } from '#infra/local/create-table.ts';
import {
  type DynamoDbLocal,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from '#infra/local/dynamodb-local.ts';
import { JAVA_REQUIRED_MESSAGE, JavaMissingError } from '#shared/errors.ts';

/** Signal 0 tests for existence without touching the process. */
const isRunning = (pid: number | undefined): boolean => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const listTables = async (endpoint: string): Promise<string[]> => {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    client.destroy();
  }
};

const started: DynamoDbLocal[] = [];
const directories: string[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((dynamo) => dynamo.stop()));
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('Function: startDynamoDbLocal', () => {
  it('answers on a free port and leaves no Java process after stop()', async () => {
    // Prepare
    const dynamo = await startDynamoDbLocal();
    started.push(dynamo);
    expect(isRunning(dynamo.pid)).toBe(true);

    // Act
    const tables = await listTables(dynamo.endpoint);
    await dynamo.stop();

    // Assess
    expect(tables).toEqual([]);
    expect(isRunning(dynamo.pid)).toBe(false);
  });

  it('keeps tables across a restart when given a data directory', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'radar-dynamo-'));
    directories.push(dataDir);
    const first = await startDynamoDbLocal({ dataDir });
    started.push(first);
    const client = new DynamoDBClient({
      endpoint: first.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await ensureTable(client, 'kept-table');
    client.destroy();
    await first.stop();

    // Act
    const second = await startDynamoDbLocal({ dataDir });
    started.push(second);

    // Assess
    expect(await listTables(second.endpoint)).toEqual(['kept-table']);
  });

  it('fails with the one-line install hint when Java is not on PATH', async () => {
    // Prepare
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';

    // Act
    const starting = startDynamoDbLocal();

    // Assess
    try {
      await expect(starting).rejects.toThrow(JavaMissingError);
      await expect(starting).rejects.toThrow(JAVA_REQUIRED_MESSAGE);
      expect(JAVA_REQUIRED_MESSAGE).not.toContain('\n');
    } finally {
      process.env.PATH = path;
    }
  });
});
