import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { once } from './once.ts';

/** The engine with its default configuration (matrix, thresholds, rule packs), built once. */
export const engine = once(() => createRiskEngine());

export const levelPolicy = once(() => levelPolicyOf(engine().matrix));
