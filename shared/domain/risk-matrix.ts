/**
 * A level id of the matrix in force. Matrices are data risk management owns, so levels are not a fixed
 * list: the default matrix uses red (urgent), yellow (attention), green (normal).
 */
export type Level = string;

/** One level of the matrix. A higher rank is more urgent; ranks order levels, ids name them. */
export interface MatrixLevel {
  readonly id: Level;
  readonly label: string;
  readonly rank: number;
}

/**
 * The probability × impact matrix as versioned data, owned by risk management rather than code.
 * Axes are listed lowest first; `cells[probability][impact]` is a level id.
 */
export interface RiskMatrix {
  readonly version: string;
  readonly probabilities: readonly string[];
  readonly impacts: readonly string[];
  readonly levels: readonly MatrixLevel[];
  readonly cells: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * The 3×3 matrix of DESIGN.md ("Risk model").
 *
 * @example
 * levelOf(DEFAULT_MATRIX, 'high', 'moderate'); // 'red'
 */
export const DEFAULT_MATRIX = {
  version: 'matrix-3x3@1',
  probabilities: ['low', 'medium', 'high'],
  impacts: ['minor', 'moderate', 'severe'],
  levels: [
    { id: 'green', label: 'normal', rank: 0 },
    { id: 'yellow', label: 'needs attention', rank: 1 },
    { id: 'red', label: 'urgent', rank: 2 },
  ],
  cells: {
    high: { minor: 'yellow', moderate: 'red', severe: 'red' },
    medium: { minor: 'green', moderate: 'yellow', severe: 'red' },
    low: { minor: 'green', moderate: 'green', severe: 'yellow' },
  },
} as const satisfies RiskMatrix;

/**
 * Places a probability and an impact (labels of this matrix) on the matrix.
 *
 * @example
 * levelOf(DEFAULT_MATRIX, 'medium', 'severe'); // 'red'
 */
export const levelOf = (matrix: RiskMatrix, probability: string, impact: string): string => {
  const level = matrix.cells[probability]?.[impact];
  if (level === undefined) {
    throw new RangeError(`Matrix ${matrix.version} has no cell ${probability} × ${impact}`);
  }
  return level;
};

/**
 * The rank of a level id; unknown ids are an invariant break, not a finding.
 *
 * @example
 * levelRank(DEFAULT_MATRIX, 'red'); // 2
 */
export const levelRank = (matrix: RiskMatrix, level: string): number => {
  const found = matrix.levels.find((candidate) => candidate.id === level);
  if (found === undefined) throw new RangeError(`Matrix ${matrix.version} has no level "${level}"`);
  return found.rank;
};

/**
 * Orders two level ids by urgency, for `Array.prototype.sort`.
 *
 * @example
 * ['red', 'green'].sort((a, b) => compareLevels(DEFAULT_MATRIX, a, b)); // ['green', 'red']
 */
export const compareLevels = (matrix: RiskMatrix, a: string, b: string): number =>
  levelRank(matrix, a) - levelRank(matrix, b);

/**
 * The level of the lowest cell: what an event without findings gets.
 *
 * @example
 * baselineLevel(DEFAULT_MATRIX); // 'green'
 */
export const baselineLevel = (matrix: RiskMatrix): string =>
  levelOf(matrix, matrix.probabilities[0] ?? '', matrix.impacts[0] ?? '');

/**
 * The most urgent of some levels; the baseline level when there are none.
 *
 * @example
 * worstLevel(DEFAULT_MATRIX, ['yellow', 'red', 'green']); // 'red'
 */
export const worstLevel = (matrix: RiskMatrix, levels: readonly string[]): string =>
  levels.reduce(
    (worst, level) => (compareLevels(matrix, level, worst) > 0 ? level : worst),
    baselineLevel(matrix),
  );
