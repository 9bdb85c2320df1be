import { failOnIssues } from './config-error.ts';

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

const duplicates = (values: readonly (string | number)[]): (string | number)[] =>
  values.filter((value, index) => values.indexOf(value) !== index);

const shapeIssues = (matrix: RiskMatrix): string[] => [
  ...(matrix.version.trim() === '' ? ['version must not be empty'] : []),
  ...(matrix.probabilities.length === 0 ? ['probabilities must list at least one label'] : []),
  ...(matrix.impacts.length === 0 ? ['impacts must list at least one label'] : []),
  ...(matrix.levels.length === 0 ? ['levels must list at least one level'] : []),
  ...duplicates(matrix.probabilities).map((label) => `probability "${label}" is listed twice`),
  ...duplicates(matrix.impacts).map((label) => `impact "${label}" is listed twice`),
  ...duplicates(matrix.levels.map((level) => level.id)).map((id) => `level "${id}" is listed twice`),
  ...duplicates(matrix.levels.map((level) => level.rank)).map((rank) => `rank ${rank} is used by two levels`),
];

const cellIssues = (matrix: RiskMatrix): string[] => {
  const known = new Set(matrix.levels.map((level) => level.id));
  const issues: string[] = [];
  for (const p of matrix.probabilities) {
    for (const i of matrix.impacts) {
      const cell = matrix.cells[p]?.[i];
      if (cell === undefined) issues.push(`cell ${p} × ${i} is missing`);
      else if (!known.has(cell)) issues.push(`cell ${p} × ${i} names unknown level "${cell}"`);
    }
  }
  for (const [p, row] of Object.entries(matrix.cells)) {
    if (!matrix.probabilities.includes(p)) issues.push(`cells name unknown probability "${p}"`);
    for (const i of Object.keys(row)) {
      if (!matrix.impacts.includes(i)) issues.push(`cells name unknown impact "${i}"`);
    }
  }
  return issues;
};

// A level must never drop when probability or impact rises: otherwise a worse risk could page nobody.
const monotonicityIssues = (matrix: RiskMatrix): string[] => {
  const issues: string[] = [];
  const rankAt = (p: number, i: number): number | undefined => {
    const cell = matrix.cells[matrix.probabilities[p] ?? '']?.[matrix.impacts[i] ?? ''];
    return matrix.levels.find((level) => level.id === cell)?.rank;
  };
  matrix.probabilities.forEach((p, pi) => {
    matrix.impacts.forEach((i, ii) => {
      const here = rankAt(pi, ii);
      const up = rankAt(pi + 1, ii);
      const right = rankAt(pi, ii + 1);
      if (here !== undefined && up !== undefined && up < here) {
        issues.push(`level drops from ${p} to ${matrix.probabilities[pi + 1]} probability at impact ${i}`);
      }
      if (here !== undefined && right !== undefined && right < here) {
        issues.push(`level drops from ${i} to ${matrix.impacts[ii + 1]} impact at probability ${p}`);
      }
    });
  });
  return issues;
};

/**
 * Checks a matrix at load: labels, levels, every cell present and known, and monotonic.
 * Throws an `InvalidRiskConfigError` listing every problem.
 *
 * @example
 * const matrix = validateMatrix(JSON.parse(file) as RiskMatrix);
 */
export const validateMatrix = <M extends RiskMatrix>(matrix: M): M => {
  const issues = shapeIssues(matrix);
  failOnIssues(`risk matrix "${matrix.version}"`, issues.length > 0 ? issues : cellIssues(matrix));
  failOnIssues(`risk matrix "${matrix.version}"`, monotonicityIssues(matrix));
  return matrix;
};

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
