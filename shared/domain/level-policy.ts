import { compareSeverity } from './assess.ts';
import type { LevelPolicy } from './case.ts';
import { levelRank, type RiskMatrix } from './risk-matrix.ts';

/**
 * Which levels open a case and which page a manager, by rank on the matrix in force. By default the
 * lowest level (green) is normal, every level above it opens a case, and only the highest (red) pages:
 * DESIGN.md's "red = urgent, yellow = attention, green = normal", and the same for a 5×5 matrix.
 */
export interface ResponsePolicy {
  /** The lowest level that opens a case; defaults to the second-lowest. */
  readonly caseFrom?: string;
  /** The lowest level that pages managers; defaults to the highest. */
  readonly pageFrom?: string;
}

const byRank = (matrix: RiskMatrix) => [...matrix.levels].sort((a, b) => a.rank - b.rank);

/**
 * @example levelPolicyOf(DEFAULT_MATRIX).escalates('red') // true
 */
export const levelPolicyOf = (matrix: RiskMatrix, policy: ResponsePolicy = {}): LevelPolicy => {
  const levels = byRank(matrix);
  const lowest = levels[0];
  const highest = levels[levels.length - 1];
  const caseRank =
    policy.caseFrom === undefined ? (levels[1] ?? lowest)?.rank : levelRank(matrix, policy.caseFrom);
  const pageRank = policy.pageFrom === undefined ? highest?.rank : levelRank(matrix, policy.pageFrom);
  if (caseRank === undefined || pageRank === undefined) throw new Error('The matrix has no levels');
  const ranks = new Map(matrix.levels.map((level) => [level.id, level.rank]));
  // A case stored under a retired matrix may carry a level this one lacks: it ranks below every level,
  // so the next occurrence sets the case's level afresh.
  const rank = (level: string) => ranks.get(level) ?? Number.NEGATIVE_INFINITY;
  return {
    rank,
    compare: compareSeverity(matrix),
    opensCase: (level) => rank(level) >= caseRank,
    escalates: (level) => rank(level) >= pageRank,
  };
};
