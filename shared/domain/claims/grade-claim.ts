import type { Finding } from '../finding.ts';
import type { RiskMatrix } from '../risk-matrix.ts';
import { baselineLevel, levelOf, levelRank } from '../risk-matrix.ts';

/**
 * Places an ad-copy finding by its outcome: an advisory sits in the lowest cell (green: it asks legal to
 * verify a source, it is no breach); a violation or a coverage finding is never in the lowest level — if
 * its rule's grades land there, its probability (then its impact) is raised to the first cell above it.
 *
 * @example
 * gradeClaim(DEFAULT_MATRIX, { ...finding, outcome: 'violation', probability: 'medium', impact: 'minor' }).level; // 'yellow'
 */
export const gradeClaim = (matrix: RiskMatrix, finding: Finding): Finding => {
  const lowestProbability = matrix.probabilities[0] ?? finding.probability;
  const lowestImpact = matrix.impacts[0] ?? finding.impact;
  const baseline = levelRank(matrix, baselineLevel(matrix));
  if (finding.outcome === 'advisory') {
    return { ...finding, probability: lowestProbability, impact: lowestImpact, level: baselineLevel(matrix) };
  }
  if (finding.outcome === undefined || levelRank(matrix, finding.level) > baseline) return finding;
  const from = Math.max(0, matrix.probabilities.indexOf(finding.probability));
  for (const impact of matrix.impacts.slice(Math.max(0, matrix.impacts.indexOf(finding.impact)))) {
    for (const probability of matrix.probabilities.slice(from)) {
      const level = levelOf(matrix, probability, impact);
      if (levelRank(matrix, level) > baseline) return { ...finding, probability, impact, level };
    }
  }
  return finding;
};
