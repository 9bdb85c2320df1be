import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { matrix } from './levels.ts';
import { once } from './once.ts';

/** The engine with its default thresholds and rule packs on the matrix in force, built once. */
export const engine = once(() => createRiskEngine({ matrix: matrix() }));
