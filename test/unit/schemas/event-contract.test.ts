import { describe, expect, it } from 'vitest';
import { type RiskEvent, RiskEventSchema } from '#shared/schemas/events.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';
import { adCopyEvent, sentimentEvent, spendEvent } from '../../fixtures/events.ts';

/** The paths the contract refuses in `value`, sorted; [] when it is admitted. */
const refusedPaths = (value: unknown): string[] => {
  const result = RiskEventSchema.safeParse(value);
  return result.success
    ? []
    : toFieldIssues(result.error)
        .map((issue) => issue.path)
        .sort();
};

const messagesAt = (value: unknown, path: string): string[] => {
  const result = RiskEventSchema.safeParse(value);
  return result.success
    ? []
    : toFieldIssues(result.error)
        .filter((issue) => issue.path === path)
        .map((issue) => issue.message);
};

/** Sets the string at a dotted path of a fresh copy of `event`. */
const withValue = (event: RiskEvent, path: string, value: unknown): unknown => {
  const copy = structuredClone(event) as unknown as Record<string, Record<string, unknown>>;
  const [head = '', tail] = path.split('.');
  if (tail === undefined) (copy as Record<string, unknown>)[head] = value;
  else if (copy[head] !== undefined) copy[head][tail] = value;
  return copy;
};

const LONE_SURROGATES = ['x\ud800', 'x\udfff', '\udc00x', 'a\ud83d'];

describe('Schema: RiskEventSchema', () => {
  describe('Rule: every string is well-formed Unicode', () => {
    const stringPaths: [string, RiskEvent][] = [
      ...[
        'eventId',
        'source',
        'copy.copyId',
        'copy.text',
        'copy.category',
        'copy.brand',
        'copy.campaignId',
      ].map((path): [string, RiskEvent] => [path, adCopyEvent()]),
      ...['spend.campaignId', 'spend.channel'].map((path): [string, RiskEvent] => [path, spendEvent()]),
      ...['sentiment.brand', 'sentiment.product', 'sentiment.channel'].map((path): [string, RiskEvent] => [
        path,
        sentimentEvent(),
      ]),
    ];

    it.each(stringPaths)('refuses a lone surrogate in %s, naming the path', (path, event) => {
      for (const value of LONE_SURROGATES) {
        expect(refusedPaths(withValue(event, path, value))).toEqual([path]);
        expect(messagesAt(withValue(event, path, value), path).join()).toMatch(/well-formed|surrogate/);
      }
    });

    it('admits a well-formed astral character (a surrogate pair) anywhere', () => {
      expect(refusedPaths(adCopyEvent({ text: '最佳 😀 精华', brand: 'Acme 😀' }))).toEqual([]);
      expect(refusedPaths({ ...spendEvent(), eventId: 'x😀' })).toEqual([]);
    });
  });

  describe('Rule: copy text has something to check', () => {
    it.each([' ', '   \n\t ', '\u3000\u3000'])('refuses whitespace-only text %j', (text) => {
      expect(refusedPaths(adCopyEvent({ text }))).toEqual(['copy.text']);
    });

    it('keeps the text as sent (evidence offsets point into it)', () => {
      const result = RiskEventSchema.parse(adCopyEvent({ text: '  最佳  ' }));
      expect(result.type === 'ad-copy' && result.copy.text).toBe('  最佳  ');
    });
  });

  describe('Rule: money is a sane amount with at most 4 decimal places', () => {
    it.each([
      ['spend.plannedBudget', 1e-300],
      ['spend.plannedBudget', 0.0001],
      ['spend.plannedBudget', 0],
      ['spend.plannedBudget', 1e13 + 1],
      ['spend.actualSpend', 1e-131],
      ['spend.actualSpend', 0.00001],
      ['spend.actualSpend', 12.34567],
      ['spend.actualSpend', 1e14],
      ['spend.actualSpend', -0.01],
    ])('refuses %s = %s', (path, value) => {
      expect(refusedPaths(withValue(spendEvent(), path, value))).toEqual([path]);
    });

    it.each([
      { plannedBudget: 0.01, actualSpend: 0 },
      { plannedBudget: 1e13, actualSpend: 1e13 },
      { plannedBudget: 1234.5678, actualSpend: 0.0001 },
      { plannedBudget: 10000, actualSpend: 13000.5 },
    ])('admits %o', (amounts) => {
      expect(refusedPaths(spendEvent(amounts))).toEqual([]);
    });
  });

  describe('Rule: counts are whole numbers up to a billion', () => {
    it.each([
      ['spend.conversions', spendEvent(), 1e9 + 1],
      ['spend.conversions', spendEvent(), 1.5],
      ['sentiment.mentions', sentimentEvent(), 1e12],
      ['sentiment.negative', sentimentEvent({ mentions: 1e9 }), 1e9 + 1],
    ] as const)('refuses %s = %s', (path, event, value) => {
      expect(refusedPaths(withValue(event, path, value))).toContain(path);
    });

    it('admits a billion mentions', () => {
      expect(refusedPaths(sentimentEvent({ mentions: 1e9, negative: 1e9, positive: 0, neutral: 0 }))).toEqual(
        [],
      );
    });
  });

  describe('Rule: periods and windows have a sane length', () => {
    it('refuses a spend period longer than a year', () => {
      expect(refusedPaths(spendEvent({ periodStart: '2020-01-01', periodEnd: '2026-11-30' }))).toEqual([
        'spend.periodEnd',
      ]);
    });

    it('refuses a sentiment window longer than 31 days', () => {
      expect(
        refusedPaths(
          sentimentEvent({ windowStart: '2026-01-01T00:00:00Z', windowEnd: '2026-11-22T09:00:00Z' }),
        ),
      ).toEqual(['sentiment.windowEnd']);
    });

    it('admits a calendar year and a 31-day window', () => {
      expect(refusedPaths(spendEvent({ periodStart: '2024-01-01', periodEnd: '2024-12-31' }))).toEqual([]);
      expect(
        refusedPaths(
          sentimentEvent({ windowStart: '2026-10-22T09:00:00Z', windowEnd: '2026-11-22T09:00:00Z' }),
        ),
      ).toEqual([]);
    });

    it.each(['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])('refuses an occurredAt of %s', (occurredAt) => {
      expect(refusedPaths({ ...spendEvent(), occurredAt })).toEqual(['occurredAt']);
    });
  });
});
