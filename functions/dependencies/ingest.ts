import { randomUUID } from 'node:crypto';
import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { systemClock } from '#shared/ports.ts';
import type { IngestDependencies } from '#shared/use-cases/ingest-events.ts';
import { engine } from './engine.ts';
import { levelPolicy } from './levels.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';
import { exceptionStore } from './workflow.ts';

export const ingestDependencies = once(
  (): IngestDependencies => ({
    store: new DynamoDbEventStore(dynamoDocumentClient(), tableName()),
    exceptions: exceptionStore(),
    baselines: new DynamoDbBaselineStore(dynamoDocumentClient(), tableName()),
    engine: engine(),
    policy: levelPolicy(),
    clock: systemClock,
    newCaseId: () => randomUUID(),
  }),
);
