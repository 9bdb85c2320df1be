import { DynamoDbPolicyStore } from '#shared/adapters/dynamodb-policy-store.ts';
import type { ActivePolicy, PoliciesInForce } from '#shared/domain/policies/apply.ts';
import { publishedMatrix } from '#shared/domain/policies/apply.ts';
import { POLICY_IDS, type PolicyId, type PolicyVersionSummary } from '#shared/domain/policies/policy.ts';
import type { MatrixDocument } from '#shared/domain/policies/schemas.ts';
import { DEFAULT_MATRIX, type RiskMatrix } from '#shared/domain/risk-matrix.ts';
import { loadPoliciesInForce } from '#shared/use-cases/policies-in-force.ts';
import { logger } from '../logger.ts';
import { config } from './config.ts';
import { once } from './once.ts';
import { refreshed } from './refreshed.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

/**
 * The published policies as every function applies them (docs/policies.md): the active versions are read at
 * most every POLICY_REFRESH_SECONDS (one small query), a version's document once, so a published policy is in
 * force everywhere within seconds, without a deploy. This module does not bundle the rule packs: the SLA check
 * and the digest need only the matrix.
 */

export const policyStore = once(() => new DynamoDbPolicyStore(dynamoDocumentClient(), tableName()));

const documents = new Map<string, ActivePolicy<unknown>>();

/**
 * The active version of each published policy, re-read at most every POLICY_REFRESH_SECONDS; requests in
 * flight share one read, and a read that fails falls back to the last one read.
 */
export const activePolicyVersions: () => Promise<ReadonlyMap<PolicyId, PolicyVersionSummary>> = refreshed(
  () => policyStore().activeVersions(),
  config.policyRefreshSeconds * 1000,
  (error) => logger.warn('Could not read the active policy versions; keeping the last ones read', { error }),
);

/** A cache key of the versions in force: the engine is rebuilt only when it changes. */
export const versionsKey = (active: ReadonlyMap<PolicyId, PolicyVersionSummary>): string =>
  POLICY_IDS.map((id) => `${id}@${active.get(id)?.version ?? 0}`).join('|');

/** The published policies' documents (each version read once per process). */
export const policiesInForce = async (
  active: ReadonlyMap<PolicyId, PolicyVersionSummary>,
): Promise<PoliciesInForce> => {
  const policies = await loadPoliciesInForce(policyStore(), active, (id, version) =>
    documents.get(`${id}@${version}`),
  );
  for (const [id, policy] of Object.entries(policies) as [PolicyId, ActivePolicy<unknown>][]) {
    documents.set(`${id}@${policy.version}`, policy);
  }
  return policies;
};

/** The matrix in force: a published matrix policy, or the shipped 3×3. */
export const matrixInForce = async (): Promise<RiskMatrix> => {
  const active = await activePolicyVersions();
  const version = active.get('matrix')?.version ?? 0;
  if (version === 0) return DEFAULT_MATRIX;
  const { matrix } = await policiesInForce(
    new Map([['matrix', active.get('matrix') as PolicyVersionSummary]]),
  );
  return matrix === undefined ? DEFAULT_MATRIX : publishedMatrix(matrix as ActivePolicy<MatrixDocument>);
};
