import type { RulePack } from './claims/pack-schema.ts';
import { DEFAULT_PACKS } from './claims/packs/index.ts';
import { DEFAULT_MATRIX, type RiskMatrix } from './risk-matrix.ts';
import type { SentimentThresholds } from './sentiment-thresholds.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from './sentiment-thresholds.ts';
import type { SpendThresholds } from './spend-thresholds.ts';
import { DEFAULT_SPEND_THRESHOLDS } from './spend-thresholds.ts';

/*
 * What the engine is built from, apart from the engine: the policies API reads the shipped configuration
 * without bundling the claim matcher.
 */

/** Everything the engine is built from: data owned by risk management, finance and legal. */
export interface EngineConfig {
  readonly matrix: RiskMatrix;
  readonly spend: SpendThresholds;
  readonly sentiment: SentimentThresholds;
  readonly packs: readonly RulePack[];
  /**
   * The published policies laid over the shipped data (`claims-policy@3`), named in `rulesVersion` after the
   * shipped versions (see shared/domain/policies/apply.ts).
   */
  readonly stamps?: readonly string[];
}

/**
 * The configuration in force when nothing is overridden.
 *
 * @example
 * createRiskEngine({ ...DEFAULT_ENGINE_CONFIG, matrix: myFiveByFive });
 */
export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  matrix: DEFAULT_MATRIX,
  spend: DEFAULT_SPEND_THRESHOLDS,
  sentiment: DEFAULT_SENTIMENT_THRESHOLDS,
  packs: DEFAULT_PACKS,
};
