import { randomUUID } from 'node:crypto';
import { DynamoDbReallocationStore } from '#shared/adapters/dynamodb-reallocation-store.ts';
import { systemClock } from '#shared/ports.ts';
import type { ReallocationDependencies } from '#shared/use-cases/reallocations.ts';
import { catalogueStore } from './catalogue.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

/** Budget re-allocations (shared/adapters/dynamodb-reallocation-store.ts). */
export const reallocationStore = once(
  () => new DynamoDbReallocationStore(dynamoDocumentClient(), tableName()),
);

/** What the re-allocation use cases need: the store, the catalogue, the clock and fresh ids. */
export const reallocationDependencies = (): ReallocationDependencies => ({
  reallocations: reallocationStore(),
  catalogue: catalogueStore(),
  clock: systemClock,
  newId: () => randomUUID(),
});
