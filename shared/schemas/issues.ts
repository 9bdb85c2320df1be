import type { core } from 'zod/mini';
import { type FieldIssue, fieldPath } from '#shared/errors.ts';

/**
 * Turns zod issues into `{ path, message }` pairs a person can act on. An unknown field is reported at its
 * own path (`spend.budget`), not at its parent's.
 * @example toFieldIssues(error, ['events', 3]) // [{ path: 'events.3.spend.actualSpend', message: '…' }]
 */
export const toFieldIssues = (
  error: { readonly issues: readonly core.$ZodIssue[] },
  prefix: readonly PropertyKey[] = [],
): FieldIssue[] =>
  error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: fieldPath([...base, key]),
        message: 'unknown field; remove it or check its spelling against the API reference',
      }));
    }
    return [{ path: fieldPath(base), message: issue.message }];
  });
