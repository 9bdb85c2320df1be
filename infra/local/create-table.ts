import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { TableDefinitionMismatchError } from '#shared/errors.ts';
import {
  GLOBAL_INDEXES,
  KEY_ATTRIBUTES,
  STREAM_VIEW_TYPE,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
} from '#shared/table.ts';

/**
 * The CreateTable input for the product's single table, derived from shared/table.ts, the description the
 * CDK data stack uses too. On-demand billing and every index projecting all attributes, as in AWS.
 *
 * @example await client.send(new CreateTableCommand(createTableInput('risk-radar')));
 */
export const createTableInput = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: KEY_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
  KeySchema: [
    { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
    { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  })),
  StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE },
});

export interface EnsuredTable {
  readonly tableName: string;
  /** The table's stream, which the local poller reads. */
  readonly streamArn: string;
  /** False when the table already existed (a persisted `.data/` directory). */
  readonly created: boolean;
}

/**
 * Creates the table unless it exists, and enables TTL on {@link TTL_ATTRIBUTE}. Safe to call on every
 * start and from concurrent test files: "already exists" and "TTL already on" count as success.
 *
 * @throws {TableDefinitionMismatchError} when an existing table lacks the stream or an index.
 */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<EnsuredTable> => {
  let created = false;
  let table = await describe(client, tableName);
  if (table === undefined) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      created = true;
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
    table = await describe(client, tableName);
  }
  if (table !== undefined) table = (await addMissingIndexes(client, table)) ?? table;
  const streamArn = assertMatches(tableName, table);
  await enableTimeToLive(client, tableName);
  return { tableName, streamArn, created };
};

/**
 * An index shared/table.ts gained since the table was made (a `.data/` from an older version) is added,
 * as a CloudFormation update adds it in AWS: items written before lack its keys until they are rewritten.
 */
const addMissingIndexes = async (
  client: DynamoDBClient,
  table: TableDescription,
): Promise<TableDescription | undefined> => {
  const tableName = table.TableName ?? '';
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = createTableInput(tableName).GlobalSecondaryIndexes?.filter(
    (index) => !existing.has(index.IndexName),
  );
  if (missing === undefined || missing.length === 0) return undefined;
  for (const index of missing) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: index.KeySchema?.map((key) => ({
          AttributeName: key.AttributeName,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
  return describe(client, tableName);
};

const describe = async (client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> => {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

/** Returns the stream ARN, after checking what a persisted table could have got wrong. */
const assertMatches = (tableName: string, table: TableDescription | undefined): string => {
  if (table === undefined) throw new TableDefinitionMismatchError(tableName, 'not found after creation');
  const stream = table.StreamSpecification;
  if (stream?.StreamEnabled !== true || stream.StreamViewType !== STREAM_VIEW_TYPE) {
    throw new TableDefinitionMismatchError(tableName, `stream must be ${STREAM_VIEW_TYPE}`);
  }
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = GLOBAL_INDEXES.filter((index) => !existing.has(index.indexName)).map(
    (index) => index.indexName,
  );
  if (missing.length > 0)
    throw new TableDefinitionMismatchError(tableName, `missing index ${missing.join(', ')}`);
  if (table.LatestStreamArn === undefined) throw new TableDefinitionMismatchError(tableName, 'no stream ARN');
  return table.LatestStreamArn;
};

const enableTimeToLive = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const status = TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') {
    if (TimeToLiveDescription?.AttributeName === TTL_ATTRIBUTE) return;
    throw new TableDefinitionMismatchError(tableName, `TTL is on ${TimeToLiveDescription?.AttributeName}`);
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE },
      }),
    );
  } catch (error) {
    // Two callers racing on the same table: the loser is told TTL is already enabled, which is the goal.
    if (!(error instanceof Error && /already enabled/i.test(error.message))) throw error;
  }
};
