import { configInForce } from '#shared/domain/policies/apply.ts';
import type { ConfiguredRiskEngine } from '#shared/domain/risk-engine.ts';
import { createRiskEngine, DEFAULT_ENGINE_CONFIG } from '#shared/domain/risk-engine.ts';
import { activePolicyVersions, policiesInForce, versionsKey } from './policies.ts';

let current: { readonly key: string; readonly engine: ConfiguredRiskEngine } | undefined;

/**
 * The engine of the policies in force: the shipped packs, matrix and thresholds with every published policy
 * laid over them, rebuilt only when a version changes (the compiled claim matcher is kept per set of packs).
 */
export const engineInForce = async (): Promise<ConfiguredRiskEngine> => {
  const active = await activePolicyVersions();
  const key = versionsKey(active);
  if (current?.key !== key) {
    const engine = createRiskEngine(configInForce(DEFAULT_ENGINE_CONFIG, await policiesInForce(active)));
    current = { key, engine };
  }
  return current.engine;
};
