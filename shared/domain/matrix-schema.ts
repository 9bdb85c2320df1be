import * as z from 'zod/mini';
import { failOnSchema } from './config-error.ts';
import type { RiskMatrix } from './risk-matrix.ts';

/**
 * The one statement of what makes a probability × impact matrix valid, in zod/mini (already in every
 * Lambda bundle). The engine checks its matrix with it at load (`validateMatrix` wraps it), the policies
 * API parses a manager's draft with it, and the web grid checks the matrix as it is edited: every issue
 * carries its path (`['cells', 'high', 'severe']`). What each field means is in `policy-fields.ts`.
 *
 * Issues come in stages, as a person fixes them: the shape (every field, non-empty, unique), then the
 * cells (present, naming a level, on the axes), then monotonicity, which only means something once every
 * cell names a level.
 */

const Text = z
  .string({ error: 'must be text' })
  .check(z.refine((value) => value.trim() !== '', 'must not be empty'));

/** The positions after the first of a repeated value: each is reported where it repeats. */
const repeats = <T>(values: readonly T[]): number[] => {
  const seen = new Set<T>();
  return values.flatMap((value, index) => {
    if (seen.has(value)) return [index];
    seen.add(value);
    return [];
  });
};

/** A non-empty list of values that must differ, each repeat reported at its index. */
const uniqueList = <T>(label: (value: T) => string) =>
  z.superRefine((values: readonly T[], ctx) => {
    for (const index of repeats(values)) {
      ctx.addIssue({
        code: 'custom',
        message: `${label(values[index] as T)} is listed twice`,
        path: [index],
      });
    }
  });

const Axis = (name: string) =>
  z.array(Text).check(
    z.minLength(1, `must list at least one ${name} label`),
    uniqueList((label: string) => `${name} "${label}"`),
  );

const Level = z.strictObject({
  id: Text,
  label: Text,
  rank: z.number({ error: 'must be a number' }),
});

const Levels = z.array(Level).check(
  z.minLength(1, 'must list at least one level'),
  z.superRefine((levels: readonly z.infer<typeof Level>[], ctx) => {
    for (const index of repeats(levels.map((level) => level.id))) {
      ctx.addIssue({
        code: 'custom',
        message: `level "${levels[index]?.id}" is listed twice`,
        path: [index, 'id'],
      });
    }
    for (const index of repeats(levels.map((level) => level.rank))) {
      ctx.addIssue({
        code: 'custom',
        message: `rank ${levels[index]?.rank} is used by two levels`,
        path: [index, 'rank'],
      });
    }
  }),
);

type Ctx = z.core.$RefinementCtx;

// Every cell of the axes is present and names a level; no row or column lies off the axes. True when so.
const cellsSound = (matrix: RiskMatrix, ctx: Ctx): boolean => {
  let sound = true;
  const add = (message: string, path: string[]): void => {
    sound = false;
    ctx.addIssue({ code: 'custom', message, path });
  };
  const known = new Set(matrix.levels.map((level) => level.id));
  const probabilities = new Set(matrix.probabilities);
  const impacts = new Set(matrix.impacts);
  for (const p of matrix.probabilities) {
    for (const i of matrix.impacts) {
      const cell = Object.hasOwn(matrix.cells, p) ? matrix.cells[p]?.[i] : undefined;
      const path = ['cells', p, i];
      if (cell === undefined) add(`cell ${p} × ${i} is missing`, path);
      else if (!known.has(cell)) add(`cell ${p} × ${i} names unknown level "${cell}"`, path);
    }
  }
  for (const [p, row] of Object.entries(matrix.cells)) {
    if (!probabilities.has(p)) {
      add(`cells name unknown probability "${p}"`, ['cells', p]);
      continue;
    }
    for (const i of Object.keys(row)) {
      if (!impacts.has(i)) add(`cells name unknown impact "${i}"`, ['cells', p, i]);
    }
  }
  return sound;
};

// A level must never drop when probability or impact rises: otherwise a worse risk could page nobody.
// Reported at the cell that is lower than its neighbour below or to the left.
const monotonicityIssues = (matrix: RiskMatrix, ctx: Ctx): void => {
  const ranks = new Map(matrix.levels.map((level) => [level.id, level.rank]));
  const rankAt = (p: string | undefined, i: string | undefined): number | undefined =>
    p === undefined || i === undefined ? undefined : ranks.get(matrix.cells[p]?.[i] ?? '');
  matrix.probabilities.forEach((p, pi) => {
    matrix.impacts.forEach((i, ii) => {
      const here = rankAt(p, i);
      const higherP = matrix.probabilities[pi + 1];
      const higherI = matrix.impacts[ii + 1];
      const up = rankAt(higherP, i);
      const right = rankAt(p, higherI);
      if (here !== undefined && up !== undefined && up < here) {
        ctx.addIssue({
          code: 'custom',
          message: `level drops from ${p} to ${higherP} probability at impact ${i}`,
          path: ['cells', higherP ?? '', i],
        });
      }
      if (here !== undefined && right !== undefined && right < here) {
        ctx.addIssue({
          code: 'custom',
          message: `level drops from ${i} to ${higherI} impact at probability ${p}`,
          path: ['cells', p, higherI ?? ''],
        });
      }
    });
  });
};

/**
 * A risk matrix: labels, levels, every cell present and naming a known level, and monotonic.
 *
 * @example
 * RiskMatrixSchema.safeParse(DEFAULT_MATRIX).success; // true
 */
export const RiskMatrixSchema = z
  .strictObject({
    version: Text,
    probabilities: Axis('probability'),
    impacts: Axis('impact'),
    levels: Levels,
    cells: z.record(z.string(), z.record(z.string(), z.string({ error: 'must be a level id' }))),
  })
  .check(
    // Only once the shape above is sound: a repeated label or a missing level would make every cell wrong.
    z.superRefine((matrix: RiskMatrix, ctx) => {
      if (ctx.issues.length === 0 && cellsSound(matrix, ctx)) monotonicityIssues(matrix, ctx);
    }),
  ) satisfies z.ZodMiniType<RiskMatrix, unknown>;

/**
 * Checks a matrix at load against `RiskMatrixSchema` (matrix-schema.ts): labels, levels, every cell present
 * and known, and monotonic. Throws an `InvalidRiskConfigError` listing every problem with its path
 * (`cells.low.severe: cell low × severe is missing`).
 *
 * @example
 * const matrix = validateMatrix(JSON.parse(file) as RiskMatrix);
 */
export const validateMatrix = <M extends RiskMatrix>(matrix: M): M =>
  failOnSchema(`risk matrix "${String(matrix?.version)}"`, RiskMatrixSchema, matrix);
