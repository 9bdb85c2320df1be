import type { Assessment, EngineVersion } from './assess.ts';
import type { SentimentBaseline, SpendBaseline } from './baselines.ts';
import type { RiskEvent } from './event.ts';

/** What an evaluation may depend on besides the event itself. Time is an argument, never read. */
export interface EvaluationContext {
  /** The instant of evaluation; a spend report's pacing is judged at its `occurredAt` when that is earlier. */
  readonly now: Date;
  /**
   * The subject's own history, loaded by the caller for `baselineKeyOf(event)` (see baselines.ts); without
   * it the CPA and sentiment spike detectors stay silent.
   */
  readonly baselines?: {
    readonly spend?: SpendBaseline | undefined;
    readonly sentiment?: SentimentBaseline | undefined;
  };
}

/**
 * The risk engine: pure, built once per configuration (matrix, thresholds, rule packs), safe to share
 * between requests.
 */
export interface RiskEngine {
  readonly version: EngineVersion;
  evaluate(event: RiskEvent, context: EvaluationContext): Assessment;
}
