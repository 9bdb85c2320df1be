import { DynamoDbBaselineStore } from '#shared/adapters/dynamodb-baseline-store.ts';
import { DynamoDbOverviewReader } from '#shared/adapters/dynamodb-overview-reader.ts';
import type { ActivePolicy } from '#shared/domain/policies/apply.ts';
import type { ThresholdsOverlay } from '#shared/domain/policies/documents.ts';
import { mergeOverlay } from '#shared/domain/policies/overlay.ts';
import type { PolicyVersionSummary } from '#shared/domain/policies/policy.ts';
import { DEFAULT_SPEND_THRESHOLDS, type SpendThresholds } from '#shared/domain/spend-thresholds.ts';
import type { OverviewDeps, OverviewReader } from '#shared/use-cases/overviews.ts';
import { catalogueStore } from './catalogue.ts';
import { once } from './once.ts';
import { activePolicyVersions, matrixInForce, policiesInForce } from './policies.ts';
import { dynamoDocumentClient, tableName } from './table.ts';
import { caseReader } from './workflow.ts';

/**
 * What the campaign and brand overviews read: the case indexes, the cases' partitions, the stored events and
 * baselines, the catalogue, and the matrix and spend thresholds in force (without the rule packs, which an
 * overview never needs).
 */

export const overviewReader = once((): OverviewReader => {
  const partitions = new DynamoDbOverviewReader(dynamoDocumentClient(), tableName());
  const baselines = new DynamoDbBaselineStore(dynamoDocumentClient(), tableName());
  return {
    listCases: (query) => caseReader().listCases(query),
    auditOf: (caseIds, perCase) => partitions.auditOf(caseIds, perCase),
    occurrencesOf: (caseIds, perCase, range) => partitions.occurrencesOf(caseIds, perCase, range),
    reviewsOf: (caseIds) => partitions.reviewsOf(caseIds),
    eventsOf: (refs) => partitions.eventsOf(refs),
    baselines: (keys) => baselines.getMany(keys),
  };
});

/** The spend thresholds in force: a published spend policy laid over the shipped ones. */
export const spendThresholdsInForce = async (): Promise<SpendThresholds> => {
  const active = await activePolicyVersions();
  const summary = active.get('spend');
  if (summary === undefined || summary.version === 0) return DEFAULT_SPEND_THRESHOLDS;
  const { spend } = await policiesInForce(new Map([['spend', summary as PolicyVersionSummary]]));
  return spend === undefined
    ? DEFAULT_SPEND_THRESHOLDS
    : mergeOverlay(DEFAULT_SPEND_THRESHOLDS, (spend as ActivePolicy<ThresholdsOverlay>).document);
};

/** The overviews' dependencies for one request at `now`. */
export const overviewDeps = (now: Date): OverviewDeps => ({
  reader: overviewReader(),
  catalogue: catalogueStore(),
  now,
  spendThresholds: spendThresholdsInForce,
  matrix: matrixInForce,
});
