import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import type { PolicyTestDependencies } from '#shared/use-cases/policy-changes.ts';
import { once } from './once.ts';
import { policyDependencies } from './policy-reads.ts';
import { dynamoDocumentClient, tableName } from './table.ts';
import { caseReader, exceptionStore, reviewStore } from './workflow.ts';

/** What saving, testing, publishing and rolling back a policy needs besides reading it. */
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
