import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { DEFAULT_MATRIX, type RiskMatrix } from '#shared/domain/risk-matrix.ts';
import { once } from './once.ts';

/**
 * The matrix in force and what its levels mean (open a case, page a manager). Kept apart from the engine
 * so functions that only need levels (SLA check, digest) do not bundle the rule packs.
 */
export const matrix = once((): RiskMatrix => DEFAULT_MATRIX);

export const levelPolicy = once(() => levelPolicyOf(matrix()));

/** Level ids in rank order, filtered by a predicate of the policy. */
export const levelsWhere = (keep: (level: string) => boolean): string[] =>
  [...matrix().levels]
    .sort((a, b) => a.rank - b.rank)
    .map((level) => level.id)
    .filter(keep);
