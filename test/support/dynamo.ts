import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '#infra/local/create-table.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';

export interface TestTable {
  readonly tableName: string;
  readonly streamArn: string;
  readonly client: DynamoDBClient;
  readonly docClient: DynamoDBDocumentClient;
  readonly streamsClient: DynamoDBStreamsClient;
  /** Releases the SDK clients' sockets (the table goes with DynamoDB Local at the end of the run). */
  destroy(): void;
}

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

/**
 * Creates a table with the product's definition under a unique name, so test files sharing the run's
 * DynamoDB Local never see each other's items.
 *
 * @example
 * const table = await createTestTable(inject('dynamoEndpoint'), 'cases');
 * afterAll(() => table.destroy());
 */
export const createTestTable = async (endpoint: string, prefix = 'test'): Promise<TestTable> => {
  const client = new DynamoDBClient(clientConfig(endpoint));
  const tableName = `${prefix}-${randomUUID()}`;
  const { streamArn } = await ensureTable(client, tableName);
  const docClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const streamsClient = new DynamoDBStreamsClient(clientConfig(endpoint));
  return {
    tableName,
    streamArn,
    client,
    docClient,
    streamsClient,
    destroy: () => {
      streamsClient.destroy();
      docClient.destroy();
      client.destroy();
    },
  };
};
