import { brandKey, marketKey } from '#shared/auth/scope.ts';
import { type ActionRequest, actionKey } from '#shared/domain/actions.ts';
import type { AuditEntry, Occurrence, RiskCase } from '#shared/domain/case.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import type { Review } from '#shared/domain/review.ts';
import type { StoredEvent } from '#shared/ports.ts';
import type { RiskType } from '#shared/schemas/vocabulary.ts';
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
  baseline: (key: string) => ({ pk: `BASELINE#${key}`, sk: 'BASELINE' }),
  review: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'REVIEW' }),
  /** `sequence` orders entries written in the same millisecond (see `auditSequence`). */
  audit: (entry: AuditEntry, sequence: string) => ({
    pk: `CASE#${entry.caseId}`,
    sk: `AUDIT#${entry.at}#${sequence}`,
  }),
  auditPrefix: 'AUDIT#',
  /** A guarded action's request, on its case's partition: `ACTION#pause-campaign.red` (shared/domain/actions.ts). */
  action: (caseId: string, actionKey: string) => ({ pk: `CASE#${caseId}`, sk: `ACTION#${actionKey}` }),
  actionPrefix: 'ACTION#',
  exception: (exceptionId: string) => ({ pk: `EXCEPTION#${exceptionId}`, sk: 'EXCEPTION' }),
  /** The active version of each policy: one small partition every function reads every few seconds. */
  activePolicies: 'POLICIES',
  activePolicy: (id: string) => ({ pk: 'POLICIES', sk: `ACTIVE#${id}` }),
  policyVersion: (id: string, version: number) => ({
    pk: `POLICY#${id}`,
    sk: `VERSION#${String(version).padStart(10, '0')}`,
  }),
  policyDraft: (id: string) => ({ pk: `POLICY#${id}`, sk: 'DRAFT' }),
  campaign: (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'CAMPAIGN' }),
  /** Filed under `brandKey`, so `Acme` and `ACME` are one brand. */
  brand: (brand: string) => ({ pk: `BRAND#${brandKey(brand)}`, sk: 'BRAND' }),
  /** A campaign's or brand's change line, on its own partition; `version` (padded) orders one instant. */
  catalogueChange: (partition: string, at: string, version: number) => ({
    pk: partition,
    sk: `AUDIT#${at}#${String(version).padStart(10, '0')}`,
  }),
  /** A budget re-allocation (issue #17): the record decisions are guarded on. */
  reallocation: (reallocationId: string) => ({ pk: `REALLOC#${reallocationId}`, sk: 'REALLOC' }),
  /** Its copy on each campaign's partition (from and to), so a campaign lists its own in one query. */
  campaignReallocation: (campaignId: string, requestedAt: string, reallocationId: string) => ({
    pk: `CAMPAIGN#${campaignId}`,
    sk: `REALLOC#${requestedAt}#${reallocationId}`,
  }),
  campaignReallocationPrefix: 'REALLOC#',
} as const;

/**
 * The catalogue's indexes: every campaign by id (gsi1), a brand's (gsi2) and a market's (gsi3), filed as
 * scopes compare them; every brand by `brandKey` (gsi1).
 */
export const catalogueIndexes = {
  campaigns: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', partition: () => 'CAMPAIGNS' },
  campaignsOfBrand: {
    indexName: 'gsi2',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    partition: (brand: string) => `CAMPAIGNS#BRAND#${brandKey(brand)}`,
  },
  campaignsOfMarket: {
    indexName: 'gsi3',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    partition: (market: string) => `CAMPAIGNS#MARKET#${marketKey(market)}`,
  },
  brands: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', partition: () => 'BRANDS' },
} as const;

/** A policy's history, newest first (gsi1). */
export const policyHistoryIndex = {
  indexName: 'gsi1',
  partitionKey: 'gsi1pk',
  sortKey: 'gsi1sk',
  partition: (id: string) => `POLICY#${id}#HISTORY`,
} as const;

/**
 * The case-list indexes. Each serves "newest first" for one filter; the sort key is the last time the case
 * was seen, so a case that flares up again moves to the top. `all` lists every case.
 */
type CaseFilter = 'level' | 'status' | 'riskType' | 'brand' | 'campaignId' | 'market' | 'owner';

const filteredIndex = <F extends CaseFilter>(
  n: 2 | 3 | 4 | 5 | 6 | 7 | 9,
  field: F,
  prefix: string,
  normalise: (value: string) => string = (value) => value,
) =>
  ({
    indexName: `gsi${n}`,
    partitionKey: `gsi${n}pk`,
    sortKey: `gsi${n}sk`,
    field,
    partition: (value: string) => `CASES#${prefix}#${normalise(value)}`,
  }) as const;

/** The value a case is filed under in a filtered index; subject fields are absent on some cases (sparse). */
export const caseFilterValue = (value: RiskCase, field: CaseFilter): string | undefined => {
  switch (field) {
    case 'brand':
    case 'campaignId':
    case 'market':
      return value.subject[field];
    case 'owner':
      return value.owner;
    default:
      return value[field];
  }
};

export const caseIndexes = {
  all: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', partition: () => 'CASES' },
  /**
   * Cases by level in the order they were recorded (`createdAt`, when the case was written, not the
   * event's date): "the day's new yellow cases" for the digest, late data included. The sort key never
   * moves, so this copy is rewritten only when the level changes.
   */
  recorded: {
    indexName: 'gsi8',
    partitionKey: 'gsi8pk',
    sortKey: 'gsi8sk',
    partition: (level: string) => `CASES#RECORDED#${level}`,
  },
  // Order matters: the first filter a query gives picks its index, so the most selective come first.
  filtered: [
    filteredIndex(6, 'campaignId', 'CAMPAIGN'),
    filteredIndex(9, 'owner', 'OWNER'),
    // Brands and markets are filed as scopes compare them (`Acme` = `acme`, `UK` = `GB`).
    filteredIndex(5, 'brand', 'BRAND', brandKey),
    filteredIndex(2, 'level', 'LEVEL'),
    filteredIndex(3, 'status', 'STATUS'),
    filteredIndex(7, 'market', 'MARKET', marketKey),
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

/**
 * A drill case (`RiskCase.drill`) is filed in the case indexes under partitions of its own, the real ones
 * prefixed with `DRILL#`: every reader of real cases (lists, heat map, digest, statistics, exports) misses
 * it by construction, and a reader that asks for drills (`CaseQuery.drill`) reads these partitions. In the
 * `all` index it is filed by its drill run instead, which the drill report reads.
 */
export const DRILL_PARTITION_PREFIX = 'DRILL#';
export const drillPartition = (partition: string): string => `${DRILL_PARTITION_PREFIX}${partition}`;
/** The `all` index partition of one drill run's cases. */
export const drillRunPartition = (drillId: string): string => drillPartition(`CASES#RUN#${drillId}`);

export const caseToItem = (value: RiskCase): Item => {
  const sortKey = `${value.lastSeenAt}#${value.caseId}`;
  const drill = value.drill;
  const filed = (partition: string): string => (drill === undefined ? partition : drillPartition(partition));
  const indexKeys: Item = {
    [caseIndexes.all.partitionKey]:
      drill === undefined ? caseIndexes.all.partition() : drillRunPartition(drill.drillId),
    [caseIndexes.all.sortKey]: sortKey,
  };
  for (const index of caseIndexes.filtered) {
    const given = caseFilterValue(value, index.field);
    if (given === undefined) continue;
    indexKeys[index.partitionKey] = filed(index.partition(given));
    indexKeys[index.sortKey] = sortKey;
  }
  indexKeys[caseIndexes.recorded.partitionKey] = filed(caseIndexes.recorded.partition(value.level));
  indexKeys[caseIndexes.recorded.sortKey] = `${value.createdAt}#${value.caseId}`;
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
  'followUp',
  'acknowledgement',
  'resolution',
  'owner',
  'drill',
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

export const itemToOccurrence = (item: Item): Occurrence => withoutKeys(item) as unknown as Occurrence;

export const replayToItem = (key: string, expiresAt: Date): Item => ({
  ...keys.replay(key),
  entity: 'replay',
  [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000),
});

/** Strips the keys and bookkeeping attributes every entity item carries. */
const withoutKeys = (item: Item): Item => {
  const value: Item = {};
  for (const [key, field] of Object.entries(item)) {
    // The TTL attribute stays: an exception's own `expiresAt` is an ISO string there, which TTL ignores
    // (it only deletes on a number), so legal's record is kept and read back whole.
    if (key === 'pk' || key === 'sk' || key === 'entity' || /^gsi\d+(pk|sk)$/.test(key)) continue;
    value[key] = field;
  }
  return value;
};

/** Reviews queue by status, oldest first. */
export const reviewQueueIndex = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;

export const reviewQueuePartition = (status: string) => `REVIEWS#${status}`;

/**
 * A scoped reviewer's queue: the same queue (status, oldest first) per brand of the copy (gsi2, case-folded
 * as scopes compare brands) and per market (gsi3, `UK` as `GB`), so a brand-scoped agency reads its brands'
 * partitions instead of filtering everybody's queue.
 */
export const reviewScopeIndexes = {
  brand: {
    indexName: 'gsi2',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    partition: (status: string, brand: string) => `${reviewQueuePartition(status)}#BRAND#${brandKey(brand)}`,
  },
  market: {
    indexName: 'gsi3',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    partition: (status: string, market: string) =>
      `${reviewQueuePartition(status)}#MARKET#${marketKey(market)}`,
  },
} as const;

export const reviewToItem = (value: Review): Item => {
  const sortKey = `${value.createdAt}#${value.reviewId}`;
  const { brand, market } = reviewScopeIndexes;
  return {
    ...keys.review(value.caseId),
    entity: 'review',
    [reviewQueueIndex.partitionKey]: reviewQueuePartition(value.status),
    [reviewQueueIndex.sortKey]: sortKey,
    [brand.partitionKey]: brand.partition(value.status, value.copy.brand),
    [brand.sortKey]: sortKey,
    [market.partitionKey]: market.partition(value.status, value.copy.market),
    [market.sortKey]: sortKey,
    ...value,
  };
};

export const itemToReview = (item: Item): Review => withoutKeys(item) as unknown as Review;

export const auditToItem = (entry: AuditEntry, sequence: string): Item => ({
  ...keys.audit(entry, sequence),
  entity: 'audit',
  ...entry,
});

export const itemToAudit = (item: Item): AuditEntry => withoutKeys(item) as unknown as AuditEntry;

/** Exceptions: all, newest first (gsi1), and a brand's, by expiry (gsi2) so expired ones fall out of range. */
export const exceptionIndexes = {
  all: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', partition: 'EXCEPTIONS' },
  brand: {
    indexName: 'gsi2',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    partition: (brand: string) => `EXCEPTIONS#BRAND#${brand}`,
  },
  /**
   * A scoped reviewer's list, newest first like `all`: per brand (gsi3, case-folded) and per market of the
   * copy it was granted on (gsi4; an exception without one is in no market's list).
   */
  scopedBrand: {
    indexName: 'gsi3',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    partition: (brand: string) => `EXCEPTIONS#SCOPE#BRAND#${brandKey(brand)}`,
  },
  scopedMarket: {
    indexName: 'gsi4',
    partitionKey: 'gsi4pk',
    sortKey: 'gsi4sk',
    partition: (market: string) => `EXCEPTIONS#SCOPE#MARKET#${marketKey(market)}`,
  },
} as const;

export const exceptionToItem = (value: ClaimException): Item => ({
  ...keys.exception(value.exceptionId),
  entity: 'exception',
  [exceptionIndexes.all.partitionKey]: exceptionIndexes.all.partition,
  [exceptionIndexes.all.sortKey]: `${value.grantedAt}#${value.exceptionId}`,
  [exceptionIndexes.brand.partitionKey]: exceptionIndexes.brand.partition(value.brand),
  [exceptionIndexes.brand.sortKey]: `${value.expiresAt}#${value.exceptionId}`,
  [exceptionIndexes.scopedBrand.partitionKey]: exceptionIndexes.scopedBrand.partition(value.brand),
  [exceptionIndexes.scopedBrand.sortKey]: `${value.grantedAt}#${value.exceptionId}`,
  ...(value.market === undefined
    ? {}
    : {
        [exceptionIndexes.scopedMarket.partitionKey]: exceptionIndexes.scopedMarket.partition(value.market),
        [exceptionIndexes.scopedMarket.sortKey]: `${value.grantedAt}#${value.exceptionId}`,
      }),
  ...value,
});

export const itemToException = (item: Item): ClaimException => withoutKeys(item) as unknown as ClaimException;

export const actionToItem = (value: ActionRequest): Item => ({
  ...keys.action(value.caseId, actionKey(value)),
  entity: 'action',
  ...value,
});

export const itemToAction = (item: Item): ActionRequest => withoutKeys(item) as unknown as ActionRequest;

/** An audit sort-key sequence: the version written, zero-padded so it sorts, then a unique tail. */
export const auditSequence = (version: number, tail: string): string =>
  `${String(version).padStart(10, '0')}#${tail}`;
