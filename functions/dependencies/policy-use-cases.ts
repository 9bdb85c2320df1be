import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { createRiskEngine, DEFAULT_ENGINE_CONFIG } from '#shared/domain/risk-engine.ts';
import { systemClock } from '#shared/ports.ts';
import type { PolicyDependencies, PolicyTestDependencies } from '#shared/use-cases/policies.ts';
import { once } from './once.ts';
import { policyStore } from './policies.ts';
import { dynamoDocumentClient, tableName } from './table.ts';
import { caseReader, exceptionStore, reviewStore } from './workflow.ts';

/** What reading policies needs: the store and the shipped data the overlays lie over. */
export const policyDependencies = once(
  (): PolicyDependencies => ({ store: policyStore(), shipped: DEFAULT_ENGINE_CONFIG, clock: systemClock }),
);

/** What saving, testing, publishing and rolling back a policy needs besides. */
export const policyTestDependencies = once(
  (): PolicyTestDependencies => ({
    ...policyDependencies(),
    examples: DEFAULT_RULE_EXAMPLES,
    reviews: reviewStore(),
    exceptions: exceptionStore(),
    cases: caseReader(),
    events: new DynamoDbEventStore(dynamoDocumentClient(), tableName()),
    baselines: new DynamoDbBaselineStore(dynamoDocumentClient(), tableName()),
    createEngine: createRiskEngine,
  }),
);
