import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTableInput, ensureTable } from '#infra/local/create-table.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';
import { GLOBAL_INDEXES } from '#shared/table.ts';

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

afterAll(() => client.destroy());

describe('Function: ensureTable', () => {
  it('adds an index shared/table.ts gained to a table persisted by an older version', async () => {
    // Prepare: the table as an older version made it, without the newest index.
    const tableName = `upgrade-${randomUUID()}`;
    const input = createTableInput(tableName);
    const newest = GLOBAL_INDEXES.at(-1);
    const newestKeys: readonly (string | undefined)[] = [newest?.partitionKey, newest?.sortKey];
    await client.send(
      new CreateTableCommand({
        ...input,
        AttributeDefinitions: input.AttributeDefinitions?.filter(
          (attribute) => !newestKeys.includes(attribute.AttributeName),
        ),
        GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter(
          (index) => index.IndexName !== newest?.indexName,
        ),
      }),
    );

    // Act
    await ensureTable(client, tableName);

    // Assess
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort()).toEqual(
      GLOBAL_INDEXES.map((index) => index.indexName).sort(),
    );
  });
});
