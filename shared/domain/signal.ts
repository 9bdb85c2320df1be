import type { Finding } from './finding.ts';
import type { ImpactRating, ProbabilityRating } from './rating.ts';
import { impactLabel, probabilityLabel } from './rating.ts';
import type { RiskMatrix } from './risk-matrix.ts';
import { levelOf } from './risk-matrix.ts';
import { storableNumber } from './stats.ts';

/**
 * What a detector says before the matrix grades it: a finding whose probability and impact are still
 * ratings. Detectors stay independent of the matrix in force; `gradeSignal` places them on it.
 */
export type Signal = Omit<Finding, 'level' | 'probability' | 'impact'> & {
  readonly probability: ProbabilityRating;
  readonly impact: ImpactRating;
};

/**
 * Turns a signal into a finding: probability and impact become labels of the matrix, the level its cell.
 *
 * @example
 * gradeSignal(DEFAULT_MATRIX, { ruleId: 'spend.overrun', riskType: 'budget', probability: 'high',
 *   impact: 'severe', message: 'Spend is 30 % over plan.' }).level; // 'red'
 */
export const gradeSignal = (matrix: RiskMatrix, signal: Signal): Finding => {
  const probability = probabilityLabel(matrix, signal.probability);
  const impact = impactLabel(matrix, signal.impact);
  const graded = { ...signal, level: levelOf(matrix, probability, impact), probability, impact };
  return signal.metrics === undefined ? graded : { ...graded, metrics: readableMetrics(signal.metrics) };
};

/**
 * A finding's numbers as people read them: 12 significant digits drop binary floating-point noise
 * (13,000 ÷ 10,000 − 1 is 0.30000000000000004) and nothing else — every amount up to 10¹² keeps its
 * cents. Detectors compare the exact values; only what is stored and shown is rounded.
 *
 * @example
 * readableMetrics({ overrunRatio: 0.30000000000000004 }); // { overrunRatio: 0.3 }
 */
export const readableMetrics = (metrics: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(metrics).map(([name, value]) => [
      name,
      // Below 1e-100 (a p-value of 1e-131) is 0: DynamoDB stores no magnitude under 1e-130.
      Number.isFinite(value) ? Number(storableNumber(value).toPrecision(12)) : value,
    ]),
  );
