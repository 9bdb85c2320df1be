import { DEFAULT_ENGINE_CONFIG } from '#shared/domain/engine-config.ts';
import { systemClock } from '#shared/ports.ts';
import type { PolicyDependencies } from '#shared/use-cases/policies.ts';
import { once } from './once.ts';
import { policyStore } from './policies.ts';

/** What reading policies needs: the store and the shipped data the overlays lie over (not the engine). */
export const policyDependencies = once(
  (): PolicyDependencies => ({ store: policyStore(), shipped: DEFAULT_ENGINE_CONFIG, clock: systemClock }),
);
