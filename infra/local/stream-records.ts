import type { DynamoDBRecord } from 'aws-lambda';
import type { FilterPattern } from '#infra/catalog.ts';

// The GetRecords → Lambda record conversion is shared with the AWS redrive function.
export { toLambdaAttributeValue, toLambdaRecord } from '#shared/adapters/escalation-stream.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Lambda event filtering, as far as the catalog's patterns use it: every key of the pattern must match;
 * an array of rules applies to a leaf and one of them must hold: a string equals the value, `{ exists:
 * true }` needs a value that is not an object (an `exists` rule never matches a map) and `{ exists:
 * false }` needs none.
 *
 * @example matchesFilter(record, STREAM_SETTINGS.filter)
 */
export const matchesFilter = (value: unknown, pattern: FilterPattern): boolean =>
  Object.entries(pattern).every(([key, rule]) => {
    const field = isObject(value) ? value[key] : undefined;
    if (Array.isArray(rule)) {
      const exists = field !== undefined && field !== null && typeof field !== 'object';
      return rule.some((condition: string | { readonly exists: boolean }) =>
        typeof condition === 'string' ? field === condition : condition.exists === exists,
      );
    }
    return isObject(field) && matchesFilter(field, rule as FilterPattern);
  });

/** The records a stream consumer's event source mapping lets through (its catalog `filter`). */
export const passesStreamFilter =
  (pattern: FilterPattern) =>
  (record: DynamoDBRecord): boolean =>
    matchesFilter(record, pattern);
