import { createHash } from 'node:crypto';
import { ValidationError } from '#shared/errors.ts';
import { exceptionIndexes, keys, reviewQueuePartition } from './dynamodb-items.ts';

/**
 * Opaque pagination cursors: DynamoDB's LastEvaluatedKey of an index query as base64url JSON. A cursor is
 * the client's to hold, so decoding trusts nothing in it: it must be exactly the key of an item of the
 * query it is passed back to (see `decodeCursor`), or it is a 400 — never a key that steers a query to
 * another partition or an error from DynamoDB.
 */

/** What a page's key must look like: the index it came from and the partition the query reads. */
export interface CursorScope {
  readonly partitionKey: string;
  readonly sortKey: string;
  /** The value of `partitionKey` the query reads, e.g. `CASES#LEVEL#red`. */
  readonly partition: string;
}

const MAX_KEY_VALUE_LENGTH = 1024;

/**
 * The entity every paged index partition holds, by the partition's prefix: a cursor must be the table key
 * of that entity (`CASE#<id>` / `CASE` in a case partition), not of an event or an exception.
 */
const PAGED_ENTITIES: readonly { readonly partition: RegExp; readonly key: { pk: string; sk: string } }[] = [
  { partition: /^CASES(#|$)/, key: keys.case('') },
  { partition: new RegExp(`^${reviewQueuePartition('')}`), key: keys.review('') },
  { partition: new RegExp(`^${exceptionIndexes.all.partition}(#|$)`), key: keys.exception('') },
];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The item id a table key names, when it is a key of the entity `partition` holds. */
const idOf = (key: Record<string, string>, partition: string): string | undefined => {
  const entity = PAGED_ENTITIES.find((candidate) => candidate.partition.test(partition))?.key;
  if (entity === undefined || key.sk !== entity.sk || !key.pk?.startsWith(entity.pk)) return undefined;
  const id = key.pk.slice(entity.pk.length);
  return ID.test(id) ? id : undefined;
};

export const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The 400 for a cursor that does not belong to the query; also used when DynamoDB refuses the key. */
export const invalidCursor = (reason = 'unknown or tampered cursor', cause?: unknown): ValidationError =>
  new ValidationError(
    'The cursor is not valid for this query; start again without it',
    [{ path: 'cursor', message: reason }],
    cause === undefined ? undefined : { cause },
  );

const parse = (cursor: string): unknown => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('a cursor is base64url text');
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw invalidCursor('unknown or tampered cursor', error);
  }
};

/**
 * The ExclusiveStartKey a cursor stands for, checked against the query it is passed back to: exactly the
 * table key and the index key (no other attribute), all strings, the index partition the query reads,
 * and the table key of the entity that partition holds, whose id ends the index sort key (`<time>#<id>`).
 *
 * @example
 * decodeCursor(cursor, { partitionKey: 'gsi2pk', sortKey: 'gsi2sk', partition: 'CASES#LEVEL#red' });
 * // { pk: 'CASE#c-1', sk: 'CASE', gsi2pk: 'CASES#LEVEL#red', gsi2sk: '2026-11-22T09:00:00.000Z#c-1' }
 */
export const decodeCursor = (cursor: string, scope: CursorScope): Record<string, string> => {
  const parsed = parse(cursor);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  const expected = ['pk', 'sk', scope.partitionKey, scope.sortKey].sort();
  const entries = Object.entries(parsed);
  const names = entries.map(([name]) => name).sort();
  if (names.length !== expected.length || names.some((name, index) => name !== expected[index])) {
    throw invalidCursor('the cursor is not a key of this query');
  }
  const key: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (typeof value !== 'string' || value.length > MAX_KEY_VALUE_LENGTH || !value.isWellFormed()) {
      throw invalidCursor();
    }
    key[name] = value;
  }
  if (key[scope.partitionKey] !== scope.partition) {
    throw invalidCursor('the cursor belongs to another query; start again without it');
  }
  const id = idOf(key, scope.partition);
  if (id === undefined || !(key[scope.sortKey] ?? '').endsWith(`#${id}`)) {
    throw invalidCursor('the cursor is not a key of this query');
  }
  return key;
};

/**
 * A merged read (`mergedQueryPage`): the same query over several partitions of one index (a scoped
 * caller's brands or markets), merged by sort key. Its cursor is a position in that order — the sort key
 * of the last item given (`<time>#<id>`) — which every partition resumes after, tied to the query by a
 * fingerprint of its index and partitions: a cursor of another query is a 400, and a forged one can only
 * move the position inside the caller's own partitions.
 */
export interface MergedCursorScope {
  readonly indexName: string;
  readonly partitions: readonly string[];
}

const fingerprintOf = (scope: MergedCursorScope): string =>
  createHash('sha256')
    .update(JSON.stringify([scope.indexName, [...scope.partitions].sort()]))
    .digest('base64url')
    .slice(0, 16);

/** A position in a merged read: the sort key there, and the id of the item it belongs to. */
export interface MergedPosition {
  readonly sortKey: string;
  readonly id: string;
}

export const encodeMergedCursor = (sortKey: string, scope: MergedCursorScope): string =>
  encodeCursor({ at: sortKey, q: fingerprintOf(scope) });

/** The position a merged cursor stands for, or a 400 when it is not one of this query's. */
export const decodeMergedCursor = (cursor: string, scope: MergedCursorScope): MergedPosition => {
  const parsed = parse(cursor);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  const { at, q, ...rest } = parsed as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof at !== 'string' || typeof q !== 'string') {
    throw invalidCursor('the cursor is not a key of this query');
  }
  if (q !== fingerprintOf(scope)) {
    throw invalidCursor('the cursor belongs to another query; start again without it');
  }
  const id = at.slice(at.lastIndexOf('#') + 1);
  if (at.length > MAX_KEY_VALUE_LENGTH || !at.isWellFormed() || !at.includes('#') || !ID.test(id)) {
    throw invalidCursor('the cursor is not a key of this query');
  }
  return { sortKey: at, id };
};
