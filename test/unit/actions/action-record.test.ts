import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ACTIONS_FILTER } from '#infra/catalog.ts';
import { passesStreamFilter } from '#infra/local/stream-records.ts';
import { actionChangeOf } from '#shared/adapters/action-record.ts';

const image = (value: object) =>
  marshall(value, { removeUndefinedValues: true }) as Record<string, AttributeValue>;

const record = (
  eventName: DynamoDBRecord['eventName'],
  sk: string,
  newImage?: object,
  oldImage?: object,
): DynamoDBRecord => ({
  eventName,
  dynamodb: {
    Keys: { pk: { S: 'CASE#c-1' }, sk: { S: sk } },
    ...(newImage === undefined ? {} : { NewImage: image(newImage) }),
    ...(oldImage === undefined ? {} : { OldImage: image(oldImage) }),
  },
});

const riskCase = (level: string) => ({
  pk: 'CASE#c-1',
  sk: 'CASE',
  entity: 'case',
  caseId: 'c-1',
  riskType: 'budget',
  level,
  status: 'open',
  subject: { key: 'spend|cmp-1|facebook', label: 'cmp-1' },
});
const action = (state: string) => ({
  pk: 'CASE#c-1',
  sk: 'ACTION#pause-campaign.red',
  entity: 'action',
  actionId: 'c-1.pause-campaign.red',
  caseId: 'c-1',
  state,
});

describe('Stream consumer: the guarded actions (filter and records)', () => {
  it.each([
    ['a new case', record('INSERT', 'CASE', riskCase('red')), true],
    ['an action request', record('MODIFY', 'ACTION#pause-campaign.red', action('approved')), true],
    ['an audit line', record('INSERT', 'AUDIT#2026#1', { entity: 'audit' }), false],
    ['an occurrence', record('INSERT', 'OCC#2026#e-1', { entity: 'occurrence' }), false],
    ['a removal', record('REMOVE', 'CASE'), false],
  ])('lets %s through its filter: %s', (_what, input, passes) => {
    // Act
    const result = passesStreamFilter(ACTIONS_FILTER)(input);

    // Assess
    expect(result).toBe(passes);
  });

  it('reads a case change with its state before, and only approved or executing requests', () => {
    // Act
    const rose = actionChangeOf(record('MODIFY', 'CASE', riskCase('red'), riskCase('yellow')));
    const approved = actionChangeOf(record('MODIFY', 'ACTION#pause-campaign.red', action('approved')));
    const pending = actionChangeOf(record('INSERT', 'ACTION#pause-campaign.red', action('pending')));
    const done = actionChangeOf(record('MODIFY', 'ACTION#pause-campaign.red', action('succeeded')));

    // Assess
    expect(rose).toMatchObject({ kind: 'case', before: { level: 'yellow' }, after: { level: 'red' } });
    expect(approved).toEqual({ kind: 'approved', actionId: 'c-1.pause-campaign.red' });
    expect([pending, done]).toEqual([undefined, undefined]);
  });
});
