import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { toDocumentClient } from '#shared/adapters/clients.ts';
import { batchGetItems } from '#shared/adapters/dynamodb-batch-get.ts';

const documentClient = toDocumentClient(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(documentClient);

const item = (pk: string, sk: string) => ({ pk, sk, entity: 'thing', name: pk });
const requestedKeys = () =>
  ddb.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.radar?.Keys ?? []);

afterEach(() => ddb.reset());

describe('Function: batchGetItems', () => {
  it('sends the reads asked for side by side as one BatchGetItem, each caller getting its own items', async () => {
    // Prepare
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        radar: [item('EVENT#1', 'EVENT'), item('BASELINE#a', 'BASELINE'), item('CAMPAIGN#c', 'CAMPAIGN')],
      },
    });

    // Act: three stores reading at once, as ingest loads events, baselines and the catalogue.
    const [events, baselines, catalogue] = await Promise.all([
      batchGetItems(documentClient, 'radar', [
        { pk: 'EVENT#1', sk: 'EVENT' },
        { pk: 'SUBJECT#x', sk: 'CURRENT' },
      ]),
      batchGetItems(documentClient, 'radar', [{ pk: 'BASELINE#a', sk: 'BASELINE' }]),
      batchGetItems(documentClient, 'radar', [
        { pk: 'CAMPAIGN#c', sk: 'CAMPAIGN' },
        { pk: 'EVENT#1', sk: 'EVENT' },
      ]),
    ]);

    // Assess
    expect(requestedKeys()).toEqual([
      [
        { pk: 'EVENT#1', sk: 'EVENT' },
        { pk: 'SUBJECT#x', sk: 'CURRENT' },
        { pk: 'BASELINE#a', sk: 'BASELINE' },
        { pk: 'CAMPAIGN#c', sk: 'CAMPAIGN' },
      ],
    ]);
    expect(events.map((found) => found.pk)).toEqual(['EVENT#1']);
    expect(baselines.map((found) => found.pk)).toEqual(['BASELINE#a']);
    expect(catalogue.map((found) => found.pk).sort()).toEqual(['CAMPAIGN#c', 'EVENT#1']);
  });

  it('sends reads asked for one after another separately', async () => {
    // Prepare
    ddb.on(BatchGetCommand).resolves({ Responses: { radar: [item('A', 'X')] } });

    // Act
    await batchGetItems(documentClient, 'radar', [{ pk: 'A', sk: 'X' }]);
    await batchGetItems(documentClient, 'radar', [{ pk: 'A', sk: 'X' }]);

    // Assess
    expect(requestedKeys()).toHaveLength(2);
  });

  it('tells every caller of a merged read that it failed', async () => {
    // Prepare
    ddb.on(BatchGetCommand).rejects(new Error('DynamoDB is down'));

    // Act
    const outcomes = await Promise.allSettled([
      batchGetItems(documentClient, 'radar', [{ pk: 'A', sk: 'X' }]),
      batchGetItems(documentClient, 'radar', [{ pk: 'B', sk: 'X' }]),
    ]);

    // Assess
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(requestedKeys()).toHaveLength(1);
  });

  it('splits more than 100 keys into requests of at most 100 and asks again for unprocessed ones', async () => {
    // Prepare
    const keys = Array.from({ length: 150 }, (_, i) => ({ pk: `K#${i}`, sk: 'X' }));
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { radar: [] },
        UnprocessedKeys: { radar: { Keys: [{ pk: 'K#0', sk: 'X' }] } },
      })
      .resolves({ Responses: { radar: [item('K#0', 'X')] } });

    // Act
    const found = await batchGetItems(documentClient, 'radar', keys);

    // Assess
    const sizes = requestedKeys().map((requested) => requested.length);
    expect(sizes.sort((a, b) => a - b)).toEqual([1, 50, 100]);
    expect(found.filter((one) => one.pk === 'K#0')).toHaveLength(1);
  });

  it('asks for nothing when no key is wanted', async () => {
    // Act
    const found = await batchGetItems(documentClient, 'radar', []);

    // Assess
    expect(found).toEqual([]);
    expect(requestedKeys()).toEqual([]);
  });
});
