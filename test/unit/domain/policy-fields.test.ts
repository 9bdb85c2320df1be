import { describe, expect, it } from 'vitest';
import { describeField, FIELD_DESCRIPTIONS, fieldPattern } from '#shared/domain/policy-fields.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { MATRIX_5X5 } from './fixtures/matrix-5x5.ts';
import { leafPaths, objectPaths, type Path } from './fixtures/paths.ts';

const DOCUMENTS = [
  ['matrix', DEFAULT_MATRIX],
  ['matrix', MATRIX_5X5],
  ['spend', DEFAULT_SPEND_THRESHOLDS],
  ['sentiment', DEFAULT_SENTIMENT_THRESHOLDS],
] as const;

/** Every path a form may ask about: the leaves, the objects and the lists (sections of the form). */
const fieldsOf = (document: unknown): Path[] => {
  const lists: Path[] = [];
  const walk = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) lists.push(path);
    if (typeof value === 'object' && value !== null)
      for (const [key, item] of Object.entries(value))
        walk(item, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  walk(document, []);
  return [...leafPaths(document), ...objectPaths(document).filter((path) => path.length > 0), ...lists];
};

describe('Function: describeField', () => {
  it.each(DOCUMENTS)('describes every field of the shipped %s document', (policy, document) => {
    // Prepare
    const fields = fieldsOf(document);

    // Act
    const undescribed = fields.filter((path) => describeField(policy, path) === undefined);

    // Assess
    expect(fields.length).toBeGreaterThan(10);
    expect(undescribed).toEqual([]);
  });

  it.each(['matrix', 'spend', 'sentiment'] as const)(
    'holds no sentence for a field %s does not have',
    (policy) => {
      // Prepare
      const used = new Set(
        DOCUMENTS.filter(([p]) => p === policy).flatMap(([, document]) =>
          fieldsOf(document).map((path) => fieldPattern(policy, path)),
        ),
      );

      // Act
      const stale = Object.keys(FIELD_DESCRIPTIONS[policy]).filter((key) => !used.has(key));

      // Assess
      expect(stale).toEqual([]);
    },
  );

  it.each(
    Object.entries(FIELD_DESCRIPTIONS).flatMap(([policy, all]) =>
      Object.entries(all).map(([key, text]) => [`${policy}:${key}`, text]),
    ),
  )('says %s in one plain sentence', (_key, text) => {
    // Assess: a capital first, one full stop at the end, none inside, no line breaks or markup
    expect(text).toMatch(/^[A-Z][^\n`*_]*\.$/);
    expect(text.slice(0, -1)).not.toMatch(/[.!?]\s/);
  });

  it('places list positions and axis labels on their pattern', () => {
    // Act
    const band = describeField('spend', ['overrunBands', 7, 'above']);
    const cell = describeField('matrix', ['cells', 'almost-certain', 'catastrophic']);
    const detector = describeField('spend', ['cpaSpike', 'p']);

    // Assess
    expect(band).toBe(FIELD_DESCRIPTIONS.spend['overrunBands.*.above']);
    expect(cell).toBe(FIELD_DESCRIPTIONS.matrix['cells.{probability}.{impact}']);
    expect(detector).toBe(FIELD_DESCRIPTIONS.spend['cpaSpike.p']);
  });

  it.each([
    ['spend', ['cpaSpike', 'nope']],
    ['spend', ['overrunBands', 0, 'above', 'deeper']],
    ['sentiment', ['cpaSpike', 'p']],
    ['matrix', ['cells', 'high', 'severe', 'x']],
    ['spend', ['overrunBands', 'above']],
    ['spend', ['overrunBands', -1, 'above']],
  ] as const)('answers undefined for %s %j, which the policy does not have', (policy, path) => {
    // Act
    const description = describeField(policy, path);

    // Assess
    expect(description).toBeUndefined();
  });

  it('says what raising or lowering each number of the thresholds does', () => {
    // Prepare
    const numbers = [
      ['spend', DEFAULT_SPEND_THRESHOLDS],
      ['sentiment', DEFAULT_SENTIMENT_THRESHOLDS],
    ] as const;

    // Act
    const silent = numbers.flatMap(([policy, document]) =>
      leafPaths(document)
        .filter(
          (path) =>
            typeof path.reduce<unknown>(
              (node, key) => (node as Record<string | number, unknown>)[key],
              document,
            ) === 'number',
        )
        .filter((path) => !/\b(raise|lower)\b/.test(describeField(policy, path) ?? ''))
        .map((path) => `${policy}:${path.join('.')}`),
    );

    // Assess
    expect(silent).toEqual([]);
  });
});
