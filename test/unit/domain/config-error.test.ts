import { describe, expect, it } from 'vitest';
import {
  configIssues,
  failOnSchema,
  InvalidRiskConfigError,
  issueMessage,
  pathText,
} from '#shared/domain/config-error.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { SpendThresholdsSchema } from '#shared/domain/threshold-schemas.ts';

describe('Function: issueMessage', () => {
  it.each([
    ['the schema’s own words', { code: 'custom', message: 'must be in (0, 0.5]' }, 'must be in (0, 0.5]'],
    [
      'a missing object',
      { code: 'invalid_type', message: 'Invalid input', expected: 'object' },
      'is missing or not an object',
    ],
    [
      'a wrong kind',
      { code: 'invalid_type', message: 'Invalid input', expected: 'number' },
      'is missing or not a number',
    ],
    ['a value not allowed', { code: 'invalid_value', message: 'Invalid input' }, 'is not an allowed value'],
    ['a list too short', { code: 'too_small', message: 'Invalid input' }, 'is too short or too small'],
    ['a text too long', { code: 'too_big', message: 'Invalid input' }, 'is too long or too large'],
    [
      'unknown keys',
      { code: 'unrecognized_keys', message: 'Invalid input', keys: ['patern', 'x'] },
      'Unrecognized key(s) patern, x (a typo?)',
    ],
  ])('words %s', (_case, issue, message) => {
    // Act
    const words = issueMessage(issue);

    // Assess
    expect(words).toBe(message);
  });
});

describe('Function: configIssues', () => {
  it('puts each unknown field at its own path, and nothing for a valid value', () => {
    // Prepare
    const typos = {
      ...DEFAULT_SPEND_THRESHOLDS,
      pacing: { ...DEFAULT_SPEND_THRESHOLDS.pacing, intervall: 0.9, x: 1 },
    };

    // Act
    const issues = configIssues(SpendThresholdsSchema, typos);
    const none = configIssues(SpendThresholdsSchema, DEFAULT_SPEND_THRESHOLDS);

    // Assess
    expect(issues).toEqual([
      { path: ['pacing', 'intervall'], message: 'unknown field; check its spelling' },
      { path: ['pacing', 'x'], message: 'unknown field; check its spelling' },
    ]);
    expect(none).toEqual([]);
  });
});

describe('Function: pathText', () => {
  it.each([
    [['overrunBands', 0, 'impact'], 'overrunBands[0].impact'],
    [['cells', 'high', 'severe'], 'cells.high.severe'],
    [[], ''],
  ])('writes %j as %s', (path, text) => {
    expect(pathText(path)).toBe(text);
  });
});

describe('Function: failOnSchema', () => {
  it('returns the value itself when valid, and throws every issue with its path otherwise', () => {
    // Prepare
    const bad = {
      ...DEFAULT_SPEND_THRESHOLDS,
      version: '',
      cpaSpike: { ...DEFAULT_SPEND_THRESHOLDS.cpaSpike, p: 0 },
    };

    // Act
    const returned = failOnSchema('spend thresholds', SpendThresholdsSchema, DEFAULT_SPEND_THRESHOLDS);
    const thrown = (() => {
      try {
        failOnSchema('spend thresholds ""', SpendThresholdsSchema, bad);
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(returned).toBe(DEFAULT_SPEND_THRESHOLDS);
    expect(thrown).toBeInstanceOf(InvalidRiskConfigError);
    expect((thrown as InvalidRiskConfigError).issues).toEqual([
      'version: must not be empty',
      'cpaSpike.p: must be in (0, 0.5]',
    ]);
    expect((thrown as Error).message).toBe(
      'Invalid spend thresholds "": version: must not be empty; cpaSpike.p: must be in (0, 0.5]',
    );
  });
});
