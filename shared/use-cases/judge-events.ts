import {
  asSentimentBaseline,
  asSpendBaseline,
  type Baseline,
  type BaselineKey,
  baselineKeyOf,
} from '#shared/domain/baselines.ts';
import type { Campaign } from '#shared/domain/catalogue.ts';
import { applyExceptions, type ClaimException } from '#shared/domain/claim-exception.ts';
import type { RiskEngine } from '#shared/domain/engine.ts';
import { fitAssessment } from '#shared/domain/finding-budget.ts';
import { explainPlan, withPlanOfRecord } from '#shared/domain/reallocation-plan.ts';
import type { RiskMatrix } from '#shared/domain/risk-matrix.ts';
import type { BaselineStore, ExceptionStore } from '#shared/ports.ts';
import type { Assessment } from '#shared/schemas/assessment.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';

/**
 * How a batch of events is judged, shared by ingest (`POST /v1/events`) and the dry run
 * (`POST /v1/evaluate`) so the two cannot disagree: load what the batch needs in bulk (the subjects'
 * baselines, each brand's claim exceptions), then assess each event with pure code.
 */

export interface JudgeDependencies {
  readonly engine: RiskEngine & {
    readonly matrix: RiskMatrix;
    readonly nextBaseline?: (event: RiskEvent, previous: Baseline | undefined) => Baseline | undefined;
  };
  readonly exceptions: Pick<ExceptionStore, 'forBrand'>;
  /** Subjects' baselines for the CPA and sentiment spike detectors; without it those stay silent. */
  readonly baselines?: Pick<BaselineStore, 'getMany'>;
}

/** A subject's baseline as stored (or as the batch's earlier events left it), as the domain reads it. */
export interface BaselineState {
  readonly key: string;
  readonly previous: Baseline | undefined;
  /** What a conditional write of the next baseline expects to find (see `BaselineLearning`). */
  readonly expected: number | 'absent' | 'unusable';
}

/** What judging a batch needs from storage. */
export interface Knowledge {
  readonly baselines: ReadonlyMap<string, BaselineState>;
  /** The unexpired exceptions of each brand with an ad copy the engine found something in. */
  readonly exceptions: ReadonlyMap<string, readonly ClaimException[]>;
  /**
   * The engine's own assessment of each ad copy (no baseline judges one), made to see which brands'
   * exceptions to read: judging with the same engine uses it rather than evaluating the copy again.
   */
  readonly copies?: { readonly engine: RiskEngine; readonly raw: ReadonlyMap<RiskEvent, Assessment> };
}

/** One event's judgement: its assessment and, for a subject with a baseline, what it teaches it. */
export interface Judgement {
  readonly assessment: Assessment;
  readonly learning?: { readonly from: BaselineState; readonly next: Baseline };
}

/** A stored baseline read back: an older schema or a foreign shape is `unusable`, not trusted. */
export const baselineState = (key: BaselineKey, raw: unknown): BaselineState => {
  const previous = key.kind === 'spend' ? asSpendBaseline(raw) : asSentimentBaseline(raw);
  const expected = previous !== undefined ? previous.observations : raw === undefined ? 'absent' : 'unusable';
  return { key: key.key, previous, expected };
};

const unique = <T>(values: readonly (T | undefined)[]): T[] => [
  ...new Set(values.filter((value): value is T => value !== undefined)),
];

/**
 * Loads the batch's baselines (one bulk read) and the exceptions of each brand whose ad copy the engine finds
 * something in (one query per brand): exceptions only ever lower a finding, so a clean copy needs none.
 */
export const loadKnowledge = async (
  events: readonly RiskEvent[],
  now: Date,
  deps: JudgeDependencies,
): Promise<Knowledge> => {
  const baselineKeys = [
    ...new Map(
      events.flatMap((event) => {
        const key = baselineKeyOf(event);
        return key === undefined ? [] : [[key.key, key] as const];
      }),
    ).values(),
  ];
  const copies = new Map(
    events.flatMap((event) =>
      event.type === 'ad-copy' ? [[event, deps.engine.evaluate(event, { now })]] : [],
    ),
  );
  const brands = unique(
    [...copies].map(([event, raw]) =>
      event.type === 'ad-copy' && raw.findings.length > 0 ? event.copy.brand : undefined,
    ),
  );
  const [stored, exceptions] = await Promise.all([
    deps.baselines === undefined || baselineKeys.length === 0
      ? new Map<string, unknown>()
      : deps.baselines.getMany(baselineKeys.map((key) => key.key)),
    Promise.all(brands.map(async (brand) => [brand, await deps.exceptions.forBrand(brand, now)] as const)),
  ]);
  return {
    baselines: new Map(
      deps.baselines === undefined
        ? []
        : baselineKeys.map((key) => [key.key, baselineState(key, stored.get(key.key))] as const),
    ),
    exceptions: new Map(exceptions),
    copies: { engine: deps.engine, raw: copies },
  };
};

/** The engine's assessment against the subject's baseline, with the brand's claim exceptions applied. */
const judgeEvent = (
  event: RiskEvent,
  now: Date,
  baseline: BaselineState | undefined,
  knowledge: Knowledge,
  engine: JudgeDependencies['engine'],
): Judgement => {
  const previous = baseline?.previous;
  const baselines =
    previous === undefined
      ? undefined
      : previous.kind === 'spend'
        ? { spend: previous }
        : { sentiment: previous };
  const raw =
    (knowledge.copies?.engine === engine ? knowledge.copies.raw.get(event) : undefined) ??
    engine.evaluate(event, { now, ...(baselines === undefined ? {} : { baselines }) });
  const excepted =
    event.type !== 'ad-copy' || raw.findings.length === 0
      ? raw
      : applyExceptions(
          engine.matrix,
          raw,
          event.copy.brand,
          knowledge.exceptions.get(event.copy.brand) ?? [],
          now,
        );
  // Bounded after the exceptions (a phrase exception reads every span): what is answered is what is stored.
  const assessment = fitAssessment(engine.matrix, excepted);
  if (baseline === undefined) return { assessment };
  const next = engine.nextBaseline?.(event, previous);
  return next === undefined || next === previous
    ? { assessment }
    : { assessment, learning: { from: baseline, next } };
};

/**
 * Judges events in order, each against its subject's baseline as the events before it in the batch left
 * it — the state ingest writes as it stores them, so a batch is judged as if its events came one by one.
 */
export const judgeInOrder = <T extends { readonly event: RiskEvent }>(
  items: readonly T[],
  now: Date,
  knowledge: Knowledge,
  engine: JudgeDependencies['engine'],
): (T & { readonly judgement: Judgement })[] => {
  const baselines = new Map(knowledge.baselines);
  return items.map((item) => {
    const event = item.event;
    const key = baselineKeyOf(event)?.key;
    const judgement = judgeEvent(
      event,
      now,
      key === undefined ? undefined : baselines.get(key),
      knowledge,
      engine,
    );
    const learning = judgement.learning;
    if (learning !== undefined)
      baselines.set(learning.from.key, {
        key: learning.from.key,
        previous: learning.next,
        expected: learning.next.observations,
      });
    return { ...item, judgement };
  });
};

/**
 * `judgeInOrder` with each spend event judged against its campaign's plan of record (catalogue.ts
 * `planOfRecord`: the catalogue's plan once a person or an approved re-allocation set it) and its budget
 * findings saying so; the items keep their events as sent. `campaigns`: the catalogue's campaigns the batch
 * names, as read for it (ingest's one bulk read); an empty map judges every event against its own plan.
 */
export const judgeWithPlans = <T extends { readonly event: RiskEvent }>(
  items: readonly T[],
  now: Date,
  knowledge: Knowledge,
  engine: JudgeDependencies['engine'],
  campaigns: ReadonlyMap<string, Campaign>,
): (T & { readonly judgement: Judgement })[] =>
  judgeInOrder(
    items.map((item) => {
      const campaign = item.event.type === 'spend' ? campaigns.get(item.event.spend.campaignId) : undefined;
      return { item, ...withPlanOfRecord(item.event, campaign) };
    }),
    now,
    knowledge,
    engine,
  ).map(({ item, plan, judgement }) => ({
    ...item,
    judgement: {
      ...judgement,
      assessment: explainPlan(
        judgement.assessment,
        plan,
        item.event.type === 'spend' ? item.event.spend.plannedBudget : 0,
      ),
    },
  }));
