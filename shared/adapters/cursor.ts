import { ValidationError } from '#shared/errors.ts';

/**
 * Opaque pagination cursors: DynamoDB's LastEvaluatedKey as base64url JSON. Decoding checks the shape
 * (string key values, the expected index attribute) so a tampered cursor is a 400, not a 500.
 */

export const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

const invalid = () =>
  new ValidationError('The cursor is not valid for this query; start again without it', [
    { path: 'cursor', message: 'unknown or tampered cursor' },
  ]);

export const decodeCursor = (cursor: string, requiredKey: string): Record<string, string> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  if (entries.length > 6 || !entries.every(([, value]) => typeof value === 'string')) throw invalid();
  const key = Object.fromEntries(entries) as Record<string, string>;
  if (key[requiredKey] === undefined || key.pk === undefined || key.sk === undefined) throw invalid();
  return key;
};
