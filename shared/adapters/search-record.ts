import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { IndexedChange } from '#shared/use-cases/index-cases.ts';
import { itemToCase, itemToReview, keys } from './dynamodb-items.ts';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

const toItem = (image: Image | undefined): Record<string, unknown> | undefined =>
  image === undefined ? undefined : unmarshall(image as Record<string, AttributeValue>);

const CASE_PREFIX = keys.case('').pk;

/**
 * The change of a case or a review a table-stream record reports (old and new image), or undefined for
 * any other item: the indexer's event source mapping lets only these through (infra/catalog.ts), and this
 * checks again so a record of another entity is ignored, never misread.
 */
export const indexedChangeOf = (record: DynamoDBRecord): IndexedChange | undefined => {
  const pk = record.dynamodb?.Keys?.pk?.S;
  const sk = record.dynamodb?.Keys?.sk?.S;
  if (pk === undefined || !pk.startsWith(CASE_PREFIX)) return undefined;
  const caseId = pk.slice(CASE_PREFIX.length);
  const before = toItem(record.dynamodb?.OldImage);
  const after = record.eventName === 'REMOVE' ? undefined : toItem(record.dynamodb?.NewImage);
  if (sk === keys.case('').sk) {
    return {
      kind: 'case',
      caseId,
      ...(before?.entity === 'case' ? { before: itemToCase(before) } : {}),
      ...(after?.entity === 'case' ? { after: itemToCase(after) } : {}),
    };
  }
  if (sk === keys.review('').sk) {
    return {
      kind: 'review',
      caseId,
      ...(before?.entity === 'review' ? { before: itemToReview(before) } : {}),
      ...(after?.entity === 'review' ? { after: itemToReview(after) } : {}),
    };
  }
  return undefined;
};
