import type { LevelPolicy } from '#shared/domain/case.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import type { RiskMatrix } from '#shared/domain/risk-matrix.ts';
import { matrixInForce } from './policies.ts';

/**
 * The matrix in force and what its levels mean (open a case, page a manager). Kept apart from the engine
 * so functions that only need levels (SLA check, digest) do not bundle the rule packs.
 */
export const levelsInForce = async (): Promise<{
  readonly matrix: RiskMatrix;
  readonly policy: LevelPolicy;
}> => {
  const matrix = await matrixInForce();
  return { matrix, policy: levelPolicyOf(matrix) };
};

/** Level ids of a matrix in rank order, filtered by a predicate of its policy. */
export const levelsWhere = (matrix: RiskMatrix, keep: (level: string) => boolean): string[] =>
  [...matrix.levels]
    .sort((a, b) => a.rank - b.rank)
    .map((level) => level.id)
    .filter(keep);
