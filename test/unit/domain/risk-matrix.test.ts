import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configIssues, InvalidRiskConfigError } from '#shared/domain/config-error.ts';
import { RiskMatrixSchema, validateMatrix } from '#shared/domain/matrix-schema.ts';
import { impactLabel, labelAtScore, probabilityLabel } from '#shared/domain/rating.ts';
import {
  baselineLevel,
  compareLevels,
  DEFAULT_MATRIX,
  levelOf,
  levelRank,
  type RiskMatrix,
  worstLevel,
} from '#shared/domain/risk-matrix.ts';
import { MATRIX_5X5 } from './fixtures/matrix-5x5.ts';

const withCells = (cells: RiskMatrix['cells']): RiskMatrix => ({ ...DEFAULT_MATRIX, cells });

describe('Function: levelOf', () => {
  it.each([
    ['high', 'minor', 'yellow'],
    ['high', 'moderate', 'red'],
    ['high', 'severe', 'red'],
    ['medium', 'minor', 'green'],
    ['medium', 'moderate', 'yellow'],
    ['medium', 'severe', 'red'],
    ['low', 'minor', 'green'],
    ['low', 'moderate', 'green'],
    ['low', 'severe', 'yellow'],
  ])('places %s probability × %s impact on %s (DESIGN.md default)', (p, i, level) => {
    expect(levelOf(DEFAULT_MATRIX, p, i)).toBe(level);
  });

  it('refuses a label the matrix does not have', () => {
    expect(() => levelOf(DEFAULT_MATRIX, 'certain', 'minor')).toThrow(RangeError);
  });

  it('works on a 5×5 matrix', () => {
    expect(levelOf(MATRIX_5X5, 'almost-certain', 'catastrophic')).toBe('extreme');
    expect(levelOf(MATRIX_5X5, 'rare', 'insignificant')).toBe('low');
    expect(levelOf(MATRIX_5X5, 'possible', 'moderate')).toBe('medium');
  });
});

describe('Function: validateMatrix', () => {
  it.each([
    ['the default 3×3', DEFAULT_MATRIX],
    ['a 5×5 with four levels', MATRIX_5X5],
  ])('accepts %s', (_name, matrix) => {
    // Act
    const validated = validateMatrix(matrix);

    // Assess
    expect(validated).toBe(matrix);
  });

  it('refuses a broken matrix with every issue at its path', () => {
    // Prepare
    const matrix = withCells({ ...DEFAULT_MATRIX.cells, low: { minor: 'green', moderate: 'amber' } });

    // Act
    const thrown = (() => {
      try {
        validateMatrix(matrix);
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(thrown).toBeInstanceOf(InvalidRiskConfigError);
    expect((thrown as InvalidRiskConfigError).issues).toEqual([
      'cells.low.moderate: cell low × moderate names unknown level "amber"',
      'cells.low.severe: cell low × severe is missing',
    ]);
  });
});

describe('Schema: RiskMatrixSchema', () => {
  const issuesOf = (matrix: unknown) => configIssues(RiskMatrixSchema, matrix);

  it.each([
    [
      'a missing cell',
      withCells({ ...DEFAULT_MATRIX.cells, low: { minor: 'green', moderate: 'green' } }),
      ['cells', 'low', 'severe'],
      'cell low × severe is missing',
    ],
    [
      'a cell naming an unknown level',
      withCells({ ...DEFAULT_MATRIX.cells, low: { minor: 'green', moderate: 'green', severe: 'amber' } }),
      ['cells', 'low', 'severe'],
      'names unknown level "amber"',
    ],
    [
      'a level that drops as probability rises',
      withCells({
        ...DEFAULT_MATRIX.cells,
        high: { minor: 'green', moderate: 'red', severe: 'red' },
        medium: { minor: 'yellow', moderate: 'yellow', severe: 'red' },
      }),
      ['cells', 'high', 'minor'],
      'level drops from medium to high probability at impact minor',
    ],
    [
      'a level that drops as impact rises',
      withCells({ ...DEFAULT_MATRIX.cells, medium: { minor: 'green', moderate: 'red', severe: 'yellow' } }),
      ['cells', 'medium', 'severe'],
      'level drops from moderate to severe impact at probability medium',
    ],
    [
      'a row for an unknown probability',
      withCells({ ...DEFAULT_MATRIX.cells, certain: {} }),
      ['cells', 'certain'],
      'unknown probability "certain"',
    ],
    [
      'a column for an unknown impact',
      withCells({ ...DEFAULT_MATRIX.cells, low: { ...DEFAULT_MATRIX.cells.low, huge: 'red' } }),
      ['cells', 'low', 'huge'],
      'unknown impact "huge"',
    ],
    [
      'a repeated impact label',
      { ...DEFAULT_MATRIX, impacts: ['minor', 'minor', 'severe'] },
      ['impacts', 1],
      'impact "minor" is listed twice',
    ],
    [
      'a repeated probability label',
      { ...DEFAULT_MATRIX, probabilities: ['low', 'high', 'high'] },
      ['probabilities', 2],
      'probability "high" is listed twice',
    ],
    [
      'a repeated level id',
      { ...DEFAULT_MATRIX, levels: [...DEFAULT_MATRIX.levels, { id: 'red', label: 'again', rank: 3 }] },
      ['levels', 3, 'id'],
      'level "red" is listed twice',
    ],
    [
      'a rank used twice',
      { ...DEFAULT_MATRIX, levels: [...DEFAULT_MATRIX.levels, { id: 'black', label: 'again', rank: 2 }] },
      ['levels', 3, 'rank'],
      'rank 2 is used by two levels',
    ],
    ['no probability labels', { ...DEFAULT_MATRIX, probabilities: [] }, ['probabilities'], 'at least one'],
    ['no impact labels', { ...DEFAULT_MATRIX, impacts: [] }, ['impacts'], 'at least one'],
    ['no levels', { ...DEFAULT_MATRIX, levels: [] }, ['levels'], 'at least one level'],
    [
      'a blank label',
      { ...DEFAULT_MATRIX, impacts: ['minor', ' ', 'severe'] },
      ['impacts', 1],
      'must not be empty',
    ],
    [
      'a blank level label',
      { ...DEFAULT_MATRIX, levels: [{ id: 'green', label: '', rank: 0 }, ...DEFAULT_MATRIX.levels.slice(1)] },
      ['levels', 0, 'label'],
      'must not be empty',
    ],
    [
      'a rank that is not a number',
      {
        ...DEFAULT_MATRIX,
        levels: [{ id: 'green', label: 'normal', rank: '0' }, ...DEFAULT_MATRIX.levels.slice(1)],
      },
      ['levels', 0, 'rank'],
      'must be a number',
    ],
    ['a blank version', { ...DEFAULT_MATRIX, version: ' ' }, ['version'], 'must not be empty'],
    [
      'an unknown field',
      { ...DEFAULT_MATRIX, verison: 'x' },
      ['verison'],
      'unknown field; check its spelling',
    ],
  ])('refuses %s at its path, and only there', (_name, matrix, path, message) => {
    // Act
    const issues = issuesOf(matrix);

    // Assess
    expect(issues).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  it('reports every missing cell at once', () => {
    // Prepare
    const matrix = withCells({ high: DEFAULT_MATRIX.cells.high });

    // Act
    const paths = issuesOf(matrix).map((issue) => issue.path);

    // Assess
    expect(paths).toEqual(
      ['low', 'medium'].flatMap((p) => DEFAULT_MATRIX.impacts.map((i) => ['cells', p, i])),
    );
  });

  it('judges the cells only once the labels and levels are sound', () => {
    // Prepare: a repeated label; its cells would otherwise be reported too
    const matrix = { ...DEFAULT_MATRIX, impacts: ['minor', 'minor', 'catastrophic'] };

    // Act
    const paths = issuesOf(matrix).map((issue) => issue.path);

    // Assess
    expect(paths).toEqual([['impacts', 1]]);
  });

  it('judges monotonicity only once every cell names a level', () => {
    // Prepare: an unknown level in a cell that would also break monotonicity
    const matrix = withCells({
      ...DEFAULT_MATRIX.cells,
      high: { minor: 'nope', moderate: 'red', severe: 'red' },
    });

    // Act
    const paths = issuesOf(matrix).map((issue) => issue.path);

    // Assess
    expect(paths).toEqual([['cells', 'high', 'minor']]);
  });
});

describe('Function: worstLevel', () => {
  it.each([
    [['yellow', 'red', 'green'], 'red'],
    [['green', 'yellow'], 'yellow'],
    [[], 'green'],
  ])('picks the most urgent of %j: %s', (levels, worst) => {
    expect(worstLevel(DEFAULT_MATRIX, levels)).toBe(worst);
  });

  it('orders levels by rank, not by name', () => {
    expect(['red', 'green', 'yellow'].sort((a, b) => compareLevels(DEFAULT_MATRIX, a, b))).toEqual([
      'green',
      'yellow',
      'red',
    ]);
    expect(levelRank(MATRIX_5X5, 'extreme')).toBe(3);
    expect(baselineLevel(MATRIX_5X5)).toBe('low');
  });
});

describe('Function: labelAtScore / probabilityLabel / impactLabel', () => {
  it.each([
    [0, 'rare'],
    [0.19, 'rare'],
    [0.2, 'unlikely'],
    [0.5, 'possible'],
    [0.99, 'almost-certain'],
    [1, 'almost-certain'],
  ])('places score %d on %s of a 5-point axis', (score, label) => {
    expect(labelAtScore(MATRIX_5X5.probabilities, score)).toBe(label);
  });

  it.each([
    ['low', 'low', 'rare'],
    ['medium', 'medium', 'possible'],
    ['high', 'high', 'almost-certain'],
  ] as const)('maps the 3-point grade %s onto %s (3×3) and %s (5×5)', (grade, on3, on5) => {
    expect(probabilityLabel(DEFAULT_MATRIX, grade)).toBe(on3);
    expect(probabilityLabel(MATRIX_5X5, grade)).toBe(on5);
  });

  it('maps impact grades and scores onto any matrix', () => {
    expect(impactLabel(DEFAULT_MATRIX, 'severe')).toBe('severe');
    expect(impactLabel(MATRIX_5X5, 'severe')).toBe('catastrophic');
    expect(impactLabel(MATRIX_5X5, 0.7)).toBe('major');
  });
});

describe('Property: the level never drops when probability or impact rises', () => {
  it.each([
    ['3×3', DEFAULT_MATRIX],
    ['5×5', MATRIX_5X5],
  ])('holds for the %s matrix', (_name, matrix) => {
    const index = (axis: readonly string[]) => fc.integer({ min: 0, max: axis.length - 1 });
    fc.assert(
      fc.property(
        index(matrix.probabilities),
        index(matrix.probabilities),
        index(matrix.impacts),
        index(matrix.impacts),
        (p1, p2, i1, i2) => {
          const [pLow, pHigh] = [Math.min(p1, p2), Math.max(p1, p2)];
          const [iLow, iHigh] = [Math.min(i1, i2), Math.max(i1, i2)];
          const rankAt = (p: number, i: number) =>
            levelRank(matrix, levelOf(matrix, matrix.probabilities[p] ?? '', matrix.impacts[i] ?? ''));
          expect(rankAt(pHigh, iHigh)).toBeGreaterThanOrEqual(rankAt(pLow, iLow));
        },
      ),
    );
  });

  it('holds for scores placed on the 5×5 axes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [low, high] = [Math.min(a, b), Math.max(a, b)];
          const rankAt = (score: number) =>
            levelRank(
              MATRIX_5X5,
              levelOf(MATRIX_5X5, probabilityLabel(MATRIX_5X5, score), impactLabel(MATRIX_5X5, score)),
            );
          expect(rankAt(high)).toBeGreaterThanOrEqual(rankAt(low));
        },
      ),
    );
  });
});
