import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import type { Clock } from '#shared/ports.ts';
import { systemClock } from '#shared/ports.ts';
import type { JudgeDependencies } from '#shared/use-cases/judge-events.ts';
import { engine } from './engine.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';
import { exceptionStore } from './workflow.ts';

/** What the dry run reads: the same baselines and exceptions ingest judges with; it writes none of them. */
export const evaluateDependencies = once((): JudgeDependencies & { readonly clock: Clock } => ({
  engine: engine(),
  exceptions: exceptionStore(),
  baselines: new DynamoDbBaselineStore(dynamoDocumentClient(), tableName()),
  clock: systemClock,
}));
