import { randomUUID } from 'node:crypto';
import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { systemClock } from '#shared/ports.ts';
import type { IngestDependencies } from '#shared/use-cases/ingest-events.ts';
import { catalogueStore } from './catalogue.ts';
import { engineInForce } from './engine.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';
import { exceptionStore } from './workflow.ts';

const stores = once(() => ({
  store: new DynamoDbEventStore(dynamoDocumentClient(), tableName()),
  exceptions: exceptionStore(),
  baselines: new DynamoDbBaselineStore(dynamoDocumentClient(), tableName()),
  catalogue: catalogueStore(),
  clock: systemClock,
  newCaseId: () => randomUUID(),
}));

/** What ingest needs, with the engine and level policy of the policies in force at this request. */
export const ingestDependencies = async (): Promise<IngestDependencies> => {
  const engine = await engineInForce();
  return { ...stores(), engine, policy: levelPolicyOf(engine.matrix) };
};
