import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '#shared/adapters/cursor.ts';
import { ValidationError } from '#shared/errors.ts';

const cases = { partitionKey: 'gsi2pk', sortKey: 'gsi2sk', partition: 'CASES#LEVEL#red' } as const;
const exceptions = { partitionKey: 'gsi1pk', sortKey: 'gsi1sk', partition: 'EXCEPTIONS' } as const;
const reviews = { partitionKey: 'gsi1pk', sortKey: 'gsi1sk', partition: 'REVIEWS#pending' } as const;

const caseKey = {
  pk: 'CASE#c-1',
  sk: 'CASE',
  gsi2pk: 'CASES#LEVEL#red',
  gsi2sk: '2026-11-22T09:00:00.000Z#c-1',
};
const exceptionKey = {
  pk: 'EXCEPTION#x-1',
  sk: 'EXCEPTION',
  gsi1pk: 'EXCEPTIONS',
  gsi1sk: '2026-11-22T09:00:00.000Z#x-1',
};
const reviewKey = {
  pk: 'CASE#c-1',
  sk: 'REVIEW',
  gsi1pk: 'REVIEWS#pending',
  gsi1sk: '2026-11-22T09:00:00.000Z#c-1',
};

describe('Function: decodeCursor', () => {
  it.each([
    ['a case page', caseKey, cases],
    ['an exception page', exceptionKey, exceptions],
    ['a review page', reviewKey, reviews],
  ] as const)('gives back the key of %s it encoded', (_, key, scope) => {
    expect(decodeCursor(encodeCursor(key), scope)).toEqual(key);
  });

  it.each([
    ['another partition', { ...caseKey, gsi2pk: 'CASES#LEVEL#yellow' }, cases],
    ['an extra attribute', { ...caseKey, level: 'red' }, cases],
    ['a missing attribute', { pk: caseKey.pk, gsi2pk: caseKey.gsi2pk, gsi2sk: caseKey.gsi2sk }, cases],
    [
      'another index',
      { pk: caseKey.pk, sk: caseKey.sk, gsi1pk: 'CASES#LEVEL#red', gsi1sk: caseKey.gsi2sk },
      cases,
    ],
    ['an event key', { ...caseKey, pk: 'EVENT#pusher#e-1', sk: 'EVENT' }, cases],
    ['a case key on the exceptions partition', { ...exceptionKey, pk: 'CASE#x-1', sk: 'CASE' }, exceptions],
    ['an exception key on a case partition', { ...caseKey, pk: 'EXCEPTION#c-1', sk: 'EXCEPTION' }, cases],
    ['a case key on the review queue', { ...reviewKey, sk: 'CASE' }, reviews],
    ['an index sort key naming another item', { ...caseKey, gsi2sk: '2026-11-22T09:00:00.000Z#c-2' }, cases],
    ['a number', { ...caseKey, sk: 7 }, cases],
  ] as const)('refuses %s', (_, key, scope) => {
    expect(() => decodeCursor(encodeCursor(key), scope)).toThrow(ValidationError);
  });

  it.each(['%%%', 'bm90LWpzb24', encodeCursor([] as never), 'eyJwayI6'])('refuses %j', (cursor) => {
    expect(() => decodeCursor(cursor, cases)).toThrow(ValidationError);
  });
});
