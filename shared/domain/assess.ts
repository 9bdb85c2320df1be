import type { Assessment, EngineVersion, Finding } from '#shared/schemas/assessment.ts';
import type { RiskMatrix } from './risk-matrix.ts';
import { baselineLevel, levelRank } from './risk-matrix.ts';

// Ties on level go to the larger impact, then the larger probability: the case should show the worst face.
const severity = (matrix: RiskMatrix, finding: Finding): readonly number[] => [
  levelRank(matrix, finding.level),
  matrix.impacts.indexOf(finding.impact),
  matrix.probabilities.indexOf(finding.probability),
];

const isWorse = (a: readonly number[], b: readonly number[]): boolean => {
  for (const [index, value] of a.entries()) {
    const other = b[index] ?? 0;
    if (value !== other) return value > other;
  }
  return false;
};

/**
 * The worst of some graded findings, or undefined when there are none.
 *
 * @example
 * worstFinding(DEFAULT_MATRIX, findings)?.level; // 'red'
 */
export const worstFinding = (matrix: RiskMatrix, findings: readonly Finding[]): Finding | undefined =>
  findings.reduce<Finding | undefined>(
    (worst, finding) =>
      worst === undefined || isWorse(severity(matrix, finding), severity(matrix, worst)) ? finding : worst,
    undefined,
  );

/**
 * An event's assessment: its level, probability and impact are those of its worst finding; with no
 * findings it sits in the lowest cell.
 *
 * @example
 * assess(DEFAULT_MATRIX, [], { rulesVersion: 'r', matrixVersion: 'm' }).level; // 'green'
 */
export const assess = (
  matrix: RiskMatrix,
  findings: readonly Finding[],
  engine: EngineVersion,
): Assessment => {
  const worst = worstFinding(matrix, findings);
  return {
    level: worst?.level ?? baselineLevel(matrix),
    probability: worst?.probability ?? matrix.probabilities[0] ?? '',
    impact: worst?.impact ?? matrix.impacts[0] ?? '',
    findings: [...findings],
    engine: { ...engine },
  };
};
