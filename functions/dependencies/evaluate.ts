import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import type { CatalogueStore, Clock } from '#shared/ports.ts';
import { systemClock } from '#shared/ports.ts';
import type { JudgeDependencies } from '#shared/use-cases/judge-events.ts';
import { catalogueStore } from './catalogue.ts';
import { engineInForce } from './engine.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';
import { exceptionStore } from './workflow.ts';

const stores = once(() => ({
  exceptions: exceptionStore(),
  baselines: new DynamoDbBaselineStore(dynamoDocumentClient(), tableName()),
  catalogue: catalogueStore(),
  clock: systemClock,
}));

/**
 * What the dry run reads: the same baselines, exceptions and policies in force ingest judges with; it writes
 * none of them.
 */
export const evaluateDependencies = async (): Promise<
  JudgeDependencies & { readonly clock: Clock; readonly catalogue: Pick<CatalogueStore, 'getMany'> }
> => ({
  ...stores(),
  engine: await engineInForce(),
});
