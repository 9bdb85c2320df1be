import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { SEARCH_INDEX_FILTER, STREAM_CONSUMERS, STREAM_SETTINGS } from '#infra/catalog.ts';
import { passesStreamFilter } from '#infra/local/stream-records.ts';
import { indexedChangeOf } from '#shared/adapters/search-record.ts';

const record = (eventName: DynamoDBRecord['eventName'], sk: string, extra: object = {}): DynamoDBRecord => ({
  eventName,
  dynamodb: { Keys: { pk: { S: 'CASE#c-1' }, sk: { S: sk } }, ...extra },
});

describe('Stream consumers: the search indexer', () => {
  it('has its own consumer beside the notify function', () => {
    // Act
    const ids = STREAM_CONSUMERS.map((consumer) => consumer.id);

    // Assess
    expect(ids).toEqual(['notify-escalation', 'index-cases', 'carry-out-actions']);
  });

  it.each([
    ['a new case', record('INSERT', 'CASE'), true],
    ['a changed review', record('MODIFY', 'REVIEW'), true],
    ['a removed case', record('REMOVE', 'CASE'), true],
    ['an occurrence', record('INSERT', 'OCC#2026-11-22T09:00:00Z#e-1'), false],
    ['an audit line', record('INSERT', 'AUDIT#2026#1'), false],
  ])('lets %s through the indexer filter: %s', (_what, input, passes) => {
    // Act
    const result = passesStreamFilter(SEARCH_INDEX_FILTER)(input);

    // Assess
    expect(result).toBe(passes);
  });

  it('keeps the escalation filter as it was: a case without a marker does not reach notify', () => {
    // Act
    const result = passesStreamFilter(STREAM_SETTINGS.filter)(
      record('INSERT', 'CASE', { NewImage: { entity: { S: 'case' } } }),
    );

    // Assess
    expect(result).toBe(false);
  });

  it('reads a case record as the change of a case, and ignores other items of its partition', () => {
    // Prepare
    const image = { entity: { S: 'case' }, caseId: { S: 'c-1' }, status: { S: 'open' } };

    // Act
    const change = indexedChangeOf(record('INSERT', 'CASE', { NewImage: image }));
    const other = indexedChangeOf(record('INSERT', 'OCC#x'));

    // Assess
    expect(change).toMatchObject({ kind: 'case', caseId: 'c-1', after: { caseId: 'c-1', status: 'open' } });
    expect(change && 'before' in change).toBe(false);
    expect(other).toBeUndefined();
  });
});
