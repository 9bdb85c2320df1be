import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ActionRequest } from '#shared/domain/actions.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import { itemToAction, itemToCase } from './dynamodb-items.ts';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

const toItem = (image: Image | undefined): Record<string, unknown> | undefined =>
  image === undefined ? undefined : unmarshall(image as Record<string, AttributeValue>);

/** What a table-stream record means to the guarded actions' consumer. */
export type ActionChange =
  /** A case written: its state before (none when it opened) and after. */
  | { readonly kind: 'case'; readonly before?: RiskCase; readonly after: RiskCase }
  /** A request that is approved now (or still executing): carry it out. */
  | { readonly kind: 'approved'; readonly actionId: string };

/**
 * The change a record reports, or undefined for anything the consumer leaves alone (deletions, other
 * entities, requests that are pending, decided against or finished). Its event source mapping lets only case
 * and action items through (infra/catalog.ts `ACTIONS_FILTER`); this checks again.
 */
export const actionChangeOf = (record: DynamoDBRecord): ActionChange | undefined => {
  if (record.eventName === 'REMOVE') return undefined;
  const after = toItem(record.dynamodb?.NewImage);
  if (after === undefined) return undefined;
  if (after.entity === 'case') {
    const before = toItem(record.dynamodb?.OldImage);
    return {
      kind: 'case',
      ...(before?.entity === 'case' ? { before: itemToCase(before) } : {}),
      after: itemToCase(after),
    };
  }
  if (after.entity === 'action') {
    const request: ActionRequest = itemToAction(after);
    return request.state === 'approved' || request.state === 'executing'
      ? { kind: 'approved', actionId: request.actionId }
      : undefined;
  }
  return undefined;
};
