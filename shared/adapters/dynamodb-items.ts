import type { Occurrence, RiskCase } from '#shared/domain/case.ts';
import type { StoredEvent } from '#shared/ports.ts';
import type { RiskType } from '#shared/schemas/assessment.ts';
import { ESCALATION_ATTRIBUTE, TTL_ATTRIBUTE } from '#shared/table.ts';

/**
 * How each entity is laid out in the single table (README "Data model"). Key builders and item mappers
 * live together so a key format exists in exactly one place.
 */

export type Item = Record<string, unknown>;

export const keys = {
  event: (clientId: string, eventId: string) => ({ pk: `EVENT#${clientId}#${eventId}`, sk: 'EVENT' }),
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  occurrence: (caseId: string, occurredAt: string, eventId: string) => ({
    pk: `CASE#${caseId}`,
    sk: `OCC#${occurredAt}#${eventId}`,
  }),
  occurrencePrefix: 'OCC#',
  subject: (riskType: RiskType, subjectKey: string) => ({
    pk: `SUBJECT#${riskType}#${subjectKey}`,
    sk: 'CURRENT',
  }),
  replay: (key: string) => ({ pk: `REPLAY#${key}`, sk: 'REPLAY' }),
} as const;

/**
 * The case-list indexes. Each serves "newest first" for one filter; the sort key is the last time the case
 * was seen, so a case that flares up again moves to the top. `all` lists every case.
 */
const filteredIndex = <F extends 'level' | 'status' | 'riskType'>(n: 2 | 3 | 4, field: F, prefix: string) =>
  ({
    indexName: `gsi${n}`,
    partitionKey: `gsi${n}pk`,
    sortKey: `gsi${n}sk`,
    field,
    partition: (value: string) => `CASES#${prefix}#${value}`,
  }) as const;

export const caseIndexes = {
  all: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', partition: () => 'CASES' },
  filtered: [
    filteredIndex(2, 'level', 'LEVEL'),
    filteredIndex(3, 'status', 'STATUS'),
    filteredIndex(4, 'riskType', 'TYPE'),
  ],
} as const;

export const eventToItem = (stored: StoredEvent): Item => ({
  ...keys.event(stored.clientId, stored.event.eventId),
  entity: 'event',
  ...stored,
});

export const itemToEvent = (item: Item): StoredEvent => ({
  clientId: item.clientId as StoredEvent['clientId'],
  event: item.event as StoredEvent['event'],
  assessment: item.assessment as StoredEvent['assessment'],
  caseId: (item.caseId as string | null | undefined) ?? null,
  receivedAt: item.receivedAt as string,
});

export const caseToItem = (value: RiskCase): Item => {
  const sortKey = `${value.lastSeenAt}#${value.caseId}`;
  const indexKeys: Item = {
    [caseIndexes.all.partitionKey]: caseIndexes.all.partition(),
    [caseIndexes.all.sortKey]: sortKey,
  };
  for (const index of caseIndexes.filtered) {
    indexKeys[index.partitionKey] = index.partition(value[index.field]);
    indexKeys[index.sortKey] = sortKey;
  }
  return { ...keys.case(value.caseId), entity: 'case', ...indexKeys, ...value };
};

const CASE_FIELDS = [
  'caseId',
  'riskType',
  'subject',
  'level',
  'probability',
  'impact',
  'status',
  'occurrences',
  'firstSeenAt',
  'lastSeenAt',
  'createdAt',
  'updatedAt',
  'findings',
  ESCALATION_ATTRIBUTE,
  'escalationCount',
  'version',
] as const satisfies readonly (keyof RiskCase)[];

/** Strips keys and index attributes: only the entity's own fields leave the adapter. */
export const itemToCase = (item: Item): RiskCase => {
  const value: Item = {};
  for (const field of CASE_FIELDS) if (item[field] !== undefined) value[field] = item[field];
  return value as unknown as RiskCase;
};

export const occurrenceToItem = (value: Occurrence): Item => ({
  ...keys.occurrence(value.caseId, value.occurredAt, value.eventId),
  entity: 'occurrence',
  ...value,
});

export const itemToOccurrence = (item: Item): Occurrence => {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as unknown as Occurrence;
};

export const replayToItem = (key: string, expiresAt: Date): Item => ({
  ...keys.replay(key),
  entity: 'replay',
  [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000),
});
