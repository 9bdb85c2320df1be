import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asSentimentBaseline,
  asSpendBaseline,
  type SentimentBaseline,
  type SpendBaseline,
} from '#shared/domain/baselines.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { nextSentimentBaseline } from '#shared/domain/sentiment-model.ts';
import { sentimentSignals } from '#shared/domain/sentiment-rules.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import { readableMetrics, type Signal } from '#shared/domain/signal.ts';
import { nextSpendBaseline } from '#shared/domain/spend-model.ts';
import { spendSignals } from '#shared/domain/spend-rules.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { localizeFinding } from '#shared/i18n/findings.ts';
import { LOCALES } from '#shared/i18n/locales.ts';
import { isTextRef, type TextRef } from '#shared/i18n/texts.ts';
import { contractInstant, contractSentiment, contractSpend } from '../../support/signal-streams.ts';

const engine = createRiskEngine();
const MAX_BASELINE_BYTES = 20_000;

const expectFiniteMetrics = (signals: readonly Signal[]) => {
  for (const signal of signals) {
    for (const [name, value] of Object.entries(signal.metrics ?? {})) {
      expect(Number.isFinite(value), `${signal.ruleId}.${name} = ${value}`).toBe(true);
    }
    // What is stored is graded: gradeSignal's readable metrics must be storable in DynamoDB.
    for (const [name, value] of Object.entries(readableMetrics(signal.metrics ?? {}))) {
      expect(storable(value), `${signal.ruleId}.${name} = ${value}`).toBe(true);
    }
    expect(signal.message).not.toMatch(/NaN|Infinity/);
    // The sentence's values are stored with the case and rendered in every locale when it is read.
    const message = signal.texts?.message;
    expect(message !== undefined && isTextRef(message), `${signal.ruleId} has a catalogue sentence`).toBe(
      true,
    );
    for (const [name, value] of Object.entries((message as TextRef).values ?? {})) {
      const number = typeof value === 'object' && 'amount' in value ? value.amount : value;
      if (typeof number === 'number')
        expect(storable(number), `${signal.ruleId} ${name} = ${number}`).toBe(true);
    }
    for (const locale of LOCALES) {
      const read = localizeFinding({ ...signal, level: 'green', probability: '', impact: '' }, locale);
      expect(`${read.message} ${read.suggestion}`).not.toMatch(/NaN|Infinity|undefined|\{/);
    }
  }
};

/** DynamoDB stores 0 and magnitudes from 1e-130 to below 1e126. */
const storable = (value: number): boolean =>
  value === 0 || (Math.abs(value) >= 1e-130 && Math.abs(value) < 1e126);

/** The baseline as ingest stores it: JSON, DynamoDB numbers, read back through the validator, under 20 KB. */
const stored = <B>(next: B | undefined, read: (value: unknown) => B | undefined): B | undefined => {
  if (next === undefined) return undefined;
  const json = JSON.stringify(next);
  const numbers = JSON.parse(json, (_key, value) => value) as Record<string, unknown>;
  for (const value of Object.values(numbers).flat()) {
    if (typeof value === 'number') expect(storable(value), `baseline number ${value}`).toBe(true);
  }
  expect(json.length).toBeLessThan(MAX_BASELINE_BYTES);
  const back = read(JSON.parse(json));
  expect(back).toEqual(next);
  return back;
};

describe('Property: spend detection is total over the event contract', () => {
  it('never throws, never states NaN or Infinity, and always stores a valid baseline', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(contractSpend, contractInstant), { minLength: 1, maxLength: 12 }),
        (reports) => {
          let baseline: SpendBaseline | undefined;
          for (const [spend, now] of reports) {
            expectFiniteMetrics(spendSignals(spend, DEFAULT_SPEND_THRESHOLDS, { now, baseline }));
            baseline = stored(
              nextSpendBaseline(baseline, spend, now.toISOString(), DEFAULT_SPEND_THRESHOLDS),
              asSpendBaseline,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays total on a long stream of one campaign (baselines settle, detectors judge)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            spend: fc.integer({ min: 0, max: 1e9 }),
            conversions: fc.integer({ min: 0, max: 1e6 }),
          }),
          { minLength: 10, maxLength: 30 },
        ),
        (days) => {
          let baseline: SpendBaseline | undefined;
          let spent = 0;
          let converted = 0;
          days.forEach((day, k) => {
            spent += day.spend;
            converted += day.conversions;
            const now = new Date(Date.UTC(2026, 10, 1 + k, 23));
            const spend = {
              campaignId: 'c',
              channel: 'google',
              currency: 'VND',
              plannedBudget: 0.01,
              actualSpend: Math.min(spent, 1e13),
              conversions: Math.min(converted, 1e9),
              periodStart: '2026-11-01',
              periodEnd: '2026-11-30',
            };
            expectFiniteMetrics(spendSignals(spend, DEFAULT_SPEND_THRESHOLDS, { now, baseline }));
            baseline = stored(
              nextSpendBaseline(baseline, spend, now.toISOString(), DEFAULT_SPEND_THRESHOLDS),
              asSpendBaseline,
            );
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Property: sentiment detection is total over the event contract', () => {
  it('never throws, never states NaN or Infinity, and always stores a valid baseline', () => {
    fc.assert(
      fc.property(fc.array(contractSentiment, { minLength: 1, maxLength: 40 }), (windows) => {
        let baseline: SentimentBaseline | undefined;
        for (const sentiment of windows) {
          const at = Date.parse(sentiment.windowEnd);
          expectFiniteMetrics(sentimentSignals(sentiment, DEFAULT_SENTIMENT_THRESHOLDS, { baseline }, at));
          baseline = stored(
            nextSentimentBaseline(baseline, sentiment, sentiment.windowEnd, DEFAULT_SENTIMENT_THRESHOLDS),
            asSentimentBaseline,
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('Property: the engine grades every spend and sentiment event', () => {
  it('assesses with stored baselines and gives the next one, for any contract-valid report', () => {
    fc.assert(
      fc.property(contractSpend, contractSentiment, contractInstant, (spend, sentiment, now) => {
        const spendEvent = {
          eventId: 'e',
          type: 'spend',
          occurredAt: now.toISOString(),
          source: 's',
          spend,
        } as const;
        const sentimentEvent = {
          eventId: 'e',
          type: 'sentiment',
          occurredAt: sentiment.windowEnd,
          source: 's',
          sentiment,
        } as const;
        const spendBaseline = asSpendBaseline(engine.nextBaseline(spendEvent, undefined));
        const sentimentBaseline = asSentimentBaseline(engine.nextBaseline(sentimentEvent, undefined));
        for (const assessment of [
          engine.evaluate(spendEvent, { now, baselines: { spend: spendBaseline } }),
          engine.evaluate(sentimentEvent, { now, baselines: { sentiment: sentimentBaseline } }),
        ]) {
          for (const finding of assessment.findings) {
            for (const value of Object.values(finding.metrics ?? {}))
              expect(Number.isFinite(value)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
