import type { EngineVersion } from './assess.ts';
import { assess } from './assess.ts';
import type { Baseline } from './baselines.ts';
import { asSentimentBaseline, asSpendBaseline } from './baselines.ts';
import { copySignals } from './claims/evaluate-copy.ts';
import { gradeClaim } from './claims/grade-claim.ts';
import type { ClaimMatcher } from './claims/matcher.ts';
import { compileMatcher } from './claims/matcher.ts';
import { validatePacks } from './claims/pack.ts';
import { packsVersion } from './claims/packs-version.ts';
import type { RulePack } from './claims/types.ts';
import type { EvaluationContext, RiskEngine } from './engine.ts';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from './engine-config.ts';
import type { RiskEvent } from './event.ts';
import { validateMatrix } from './matrix-schema.ts';
import type { RiskMatrix } from './risk-matrix.ts';
import { nextSentimentBaseline } from './sentiment-model.ts';
import { sentimentSignals } from './sentiment-rules.ts';
import type { Signal } from './signal.ts';
import { gradeSignal } from './signal.ts';
import { nextSpendBaseline } from './spend-model.ts';
import { spendSignals } from './spend-rules.ts';
import { validateSentimentThresholds, validateSpendThresholds } from './threshold-schemas.ts';

export { DEFAULT_ENGINE_CONFIG, type EngineConfig };

/**
 * The engine with the data it was built from: handlers need the matrix (which levels open a case, which
 * page) and the packs (`GET /v1/rules`).
 */
export interface ConfiguredRiskEngine extends RiskEngine {
  readonly config: EngineConfig;
  readonly matrix: RiskMatrix;
  /**
   * The subject's baseline after this event (pure): store it under `baselineKeyOf(event)` once the event
   * is evaluated. Undefined for ad copy, and for a new subject whose first report has too little volume;
   * `previous` itself when the event is older than the baseline or a replay.
   */
  nextBaseline(event: RiskEvent, previous: Baseline | undefined): Baseline | undefined;
}

/**
 * The version stamped on every assessment: claim packs and threshold sets in `rulesVersion`, the matrix
 * in `matrixVersion`, so any assessment can be traced to the exact data that produced it.
 *
 * @example
 * engineVersion(DEFAULT_ENGINE_CONFIG);
 * // { rulesVersion: 'cn@2.0.0+en@2.0.0+vn@2.0.0+spend@1.1.0+sentiment@1.1.0', matrixVersion: 'matrix-3x3@1' }
 */
export const engineVersion = (config: EngineConfig): EngineVersion => ({
  rulesVersion: [
    packsVersion(config.packs),
    config.spend.version,
    config.sentiment.version,
    ...(config.stamps ?? []),
  ].join('+'),
  matrixVersion: config.matrix.version,
});

/**
 * The instant a report describes: a spend figure is "spent so far" when it was measured (`occurredAt`),
 * so a pacing forecast for a backfilled export is judged at that time, not at the time it arrived. A
 * report from the future (a wrong client clock) is judged now.
 */
const asOf = (event: RiskEvent, now: Date): Date => {
  const occurred = Date.parse(event.occurredAt);
  return Number.isFinite(occurred) && occurred < now.getTime() ? new Date(occurred) : now;
};

const signalsOf = (
  event: RiskEvent,
  config: EngineConfig,
  claims: () => ClaimMatcher,
  { now, baselines }: EvaluationContext,
): Signal[] => {
  switch (event.type) {
    case 'ad-copy':
      return copySignals(event.copy, claims());
    case 'spend':
      // Baselines are read back from storage: anything but a valid one of this schema is no baseline.
      return spendSignals(event.spend, config.spend, {
        now: asOf(event, now),
        baseline: asSpendBaseline(baselines?.spend),
      });
    case 'sentiment':
      return sentimentSignals(
        event.sentiment,
        config.sentiment,
        { baseline: asSentimentBaseline(baselines?.sentiment) },
        asOf(event, now).getTime(),
      );
    default: {
      const unknown: never = event;
      throw new TypeError(`Unknown event type ${JSON.stringify(unknown)}`);
    }
  }
};

const nextBaselineOf = (
  config: EngineConfig,
  event: RiskEvent,
  previous: Baseline | undefined,
): Baseline | undefined => {
  switch (event.type) {
    case 'spend': {
      const own = asSpendBaseline(previous);
      return nextSpendBaseline(own, event.spend, event.occurredAt, config.spend);
    }
    case 'sentiment': {
      const own = asSentimentBaseline(previous);
      return nextSentimentBaseline(own, event.sentiment, event.occurredAt, config.sentiment);
    }
    default:
      return undefined;
  }
};

// One compiled matcher per set of packs: engines built for a new matrix or new thresholds (a published policy)
// share the matcher of the packs they were given.
const matchers = new WeakMap<readonly RulePack[], ClaimMatcher>();

/**
 * The compiled matcher of a set of packs, compiled once per set (the engine's own, when it has compiled it).
 *
 * @example
 * exampleVerdicts(packs, examples, matcherFor(packs));
 */
export const matcherFor = (packs: readonly RulePack[]): ClaimMatcher => {
  let matcher = matchers.get(packs);
  if (matcher === undefined) {
    matcher = compileMatcher(packs);
    matchers.set(packs, matcher);
  }
  return matcher;
};

/**
 * Builds the risk engine once (at cold start): validates every piece of configuration, failing loudly
 * with an `InvalidRiskConfigError`. The claim matcher (0.5–1.5 s per language for the default packs) is
 * compiled on the first ad-copy evaluation, so a function that only sees spend and sentiment never pays for it; the packs'
 * structure is checked at once, and the checks that normalise every phrase run with that compilation (and
 * in `npm test` for the default packs). The engine is pure and safe to share between requests.
 *
 * @example
 * const engine = createRiskEngine();
 * engine.version; // { rulesVersion: '…', matrixVersion: 'matrix-3x3@1' }
 * engine.evaluate(event, { now: clock.now(), baselines: { spend: stored } }).level; // 'red' | 'yellow' | 'green'
 * engine.nextBaseline(event, stored); // store it under baselineKeyOf(event)
 */
export const createRiskEngine = (overrides: Partial<EngineConfig> = {}): ConfiguredRiskEngine => {
  const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...overrides };
  validateMatrix(config.matrix);
  validateSpendThresholds(config.spend);
  validateSentimentThresholds(config.sentiment);
  validatePacks(config.packs, { phrases: false });
  const claims = (): ClaimMatcher => matcherFor(config.packs);
  const version = engineVersion(config);
  return {
    version,
    config,
    matrix: config.matrix,
    evaluate: (event, context) => {
      // Ad-copy findings are placed by outcome too: an advisory stays green, a broken rule never is.
      const findings = signalsOf(event, config, claims, context).map((signal) =>
        gradeClaim(config.matrix, gradeSignal(config.matrix, signal)),
      );
      return assess(config.matrix, findings, version);
    },
    nextBaseline: (event, previous) => nextBaselineOf(config, event, previous),
  };
};
