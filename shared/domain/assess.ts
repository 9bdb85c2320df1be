import type { Finding } from './finding.ts';
import type { Level, RiskMatrix } from './risk-matrix.ts';
import { baselineLevel } from './risk-matrix.ts';

/** Which rules and which matrix produced an assessment, so an old assessment can be explained later. */
export interface EngineVersion {
  readonly rulesVersion: string;
  readonly matrixVersion: string;
}

/** What the risk engine says about one event: the cell of its worst finding, and every finding. */
export interface Assessment {
  readonly level: Level;
  readonly probability: string;
  readonly impact: string;
  readonly findings: readonly Finding[];
  readonly engine: EngineVersion;
}

/** A cell of the matrix with its level: where a finding, an assessment and a case each sit. */
export interface Graded {
  readonly level: Level;
  readonly probability: string;
  readonly impact: string;
}

/** Positive when `a` is worse than `b`, negative when better, 0 when they sit in the same cell. */
export type SeverityOrder = (a: Graded, b: Graded) => number;

/**
 * The one tie rule for "worst" everywhere (an event's findings, a case's cell): the higher level first,
 * then the larger impact, then the larger probability, so a case shows the worst face. A level, impact or
 * probability this matrix lacks (a case stored under a retired matrix) ranks below every known one.
 *
 * @example
 * compareSeverity(DEFAULT_MATRIX)({ level: 'red', probability: 'high', impact: 'severe' },
 *   { level: 'red', probability: 'high', impact: 'moderate' }) > 0; // true
 */
export const compareSeverity = (matrix: RiskMatrix): SeverityOrder => {
  const ranks = new Map(matrix.levels.map((level) => [level.id, level.rank]));
  const rank = (level: string) => ranks.get(level) ?? Number.NEGATIVE_INFINITY;
  return (a, b) =>
    rank(a.level) - rank(b.level) ||
    matrix.impacts.indexOf(a.impact) - matrix.impacts.indexOf(b.impact) ||
    matrix.probabilities.indexOf(a.probability) - matrix.probabilities.indexOf(b.probability);
};

/**
 * The worst of some graded things by `order`, the first of equals; undefined when there are none.
 *
 * @example
 * worstOf(compareSeverity(DEFAULT_MATRIX), findings)?.level; // 'red'
 */
export const worstOf = <T extends Graded>(order: SeverityOrder, items: readonly T[]): T | undefined =>
  items.reduce<T | undefined>(
    (worst, item) => (worst === undefined || order(item, worst) > 0 ? item : worst),
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
  const worst = worstOf(compareSeverity(matrix), findings);
  return {
    level: worst?.level ?? baselineLevel(matrix),
    probability: worst?.probability ?? matrix.probabilities[0] ?? '',
    impact: worst?.impact ?? matrix.impacts[0] ?? '',
    findings: [...findings],
    engine: { ...engine },
  };
};
