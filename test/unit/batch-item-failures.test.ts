import { describe, expect, it } from 'vitest';
import { reportedFailures } from '#infra/local/batch-item-failures.ts';

describe('Function: reportedFailures', () => {
  it.each([
    ['an answer without a failure list', undefined, []],
    ['an empty failure list', { batchItemFailures: [] }, []],
    ['named failures', { batchItemFailures: [{ itemIdentifier: '7' }, { itemIdentifier: '9' }] }, ['7', '9']],
    ['an entry without a string identifier', { batchItemFailures: [{ itemIdentifier: 7 }, {}] }, ['', '']],
    ['a failure list that is not a list', { batchItemFailures: 'all' }, undefined],
  ])('reads %s', (_name, response, expected) => {
    // Act
    const failures = reportedFailures(response);

    // Assess
    expect(failures).toEqual(expected);
  });
});
