import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Baseline } from '#shared/domain/baselines.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import type { Assessment } from '#shared/schemas/assessment.ts';
import { type RiskEvent, RiskEventSchema } from '#shared/schemas/events.ts';
import {
  nowArbitrary,
  riskEventArbitrary,
  sentimentArbitrary,
  spendArbitrary,
} from '../../support/event-arbitraries.ts';

const engine = createRiskEngine();
const levels = DEFAULT_MATRIX.levels.map((level) => level.id);

/** Every number DynamoDB can hold: 0, or a magnitude from 1e-130 up to (not including) 1e126. */
const storable = (value: number): boolean =>
  value === 0 || (Math.abs(value) >= 1e-130 && Math.abs(value) < 1e126);

const unstorableNumbers = (value: unknown, path = ''): string[] => {
  if (typeof value === 'number') return storable(value) ? [] : [`${path} = ${value}`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => unstorableNumbers(inner, `${path}.${key}`));
};

const expectSound = (assessment: Assessment): void => {
  expect(levels).toContain(assessment.level);
  for (const finding of assessment.findings) {
    for (const [name, value] of Object.entries(finding.metrics ?? {})) {
      expect(Number.isFinite(value), `${finding.ruleId} metric ${name} = ${value}`).toBe(true);
    }
  }
  // What the event store writes must survive JSON and DynamoDB's number type.
  expect(JSON.parse(JSON.stringify(assessment))).toEqual(assessment);
  expect(unstorableNumbers(assessment, 'assessment')).toEqual([]);
};

describe('Property: any event the contract admits is assessed', () => {
  it('the arbitraries generate only admitted events', () => {
    fc.assert(
      fc.property(riskEventArbitrary(), (event) => {
        expect(RiskEventSchema.safeParse(event).error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('assesses a single event without throwing, with finite metrics', () => {
    fc.assert(
      fc.property(riskEventArbitrary(), nowArbitrary, (event, now) => {
        expectSound(engine.evaluate(RiskEventSchema.parse(event), { now }));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['spend', spendArbitrary],
    ['sentiment', sentimentArbitrary],
  ] as const)(
    'assesses a history of %s events, each against the baseline the ones before it left',
    (_, arbitrary) => {
      fc.assert(
        fc.property(
          fc.array(arbitrary(fc.constant('e')), { minLength: 1, maxLength: 12 }),
          nowArbitrary,
          (events, now) => {
            let baseline: Baseline | undefined;
            for (const raw of events) {
              const event: RiskEvent = RiskEventSchema.parse(raw);
              const baselines =
                baseline?.kind === 'spend'
                  ? { spend: baseline }
                  : baseline?.kind === 'sentiment'
                    ? { sentiment: baseline }
                    : {};
              expectSound(engine.evaluate(event, { now, baselines }));
              baseline = engine.nextBaseline(event, baseline);
              expect(JSON.parse(JSON.stringify(baseline ?? null))).toEqual(baseline ?? null);
              expect(unstorableNumbers(baseline, 'baseline')).toEqual([]);
            }
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it.each([
    ['a plan of 0.01 and the most spend', { plannedBudget: 0.01, actualSpend: 1e13 }],
    ['the least spend', { plannedBudget: 1e13, actualSpend: 0.0001 }],
    ['no spend at all with conversions', { plannedBudget: 0.01, actualSpend: 0, conversions: 1e9 }],
  ])('assesses %s', (_, amounts) => {
    const event = RiskEventSchema.parse({
      eventId: 'e',
      type: 'spend',
      occurredAt: '2026-11-22T09:00:00Z',
      source: 'ads',
      spend: {
        campaignId: 'c',
        channel: 'facebook',
        currency: 'USD',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        ...amounts,
      },
    });
    expectSound(engine.evaluate(event, { now: new Date('2026-11-22T10:00:00Z') }));
  });
});
