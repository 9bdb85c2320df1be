import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { EscalationMessage } from '#shared/ports.ts';
import { ESCALATION_ATTRIBUTE } from '#shared/table.ts';
import { itemToCase } from './dynamodb-items.ts';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

// aws-lambda's stream image type and the SDK's AttributeValue describe the same wire format.
const toItem = (image: Image): Record<string, unknown> => unmarshall(image as Record<string, AttributeValue>);

const escalationIdOf = (image: Image | undefined): string | undefined => {
  const escalation = image?.[ESCALATION_ATTRIBUTE]?.M;
  return escalation?.id?.S;
};

/**
 * The escalation a stream record carries, if any: a case item whose escalation marker is new or changed.
 * TTL deletions, other entities and case updates that keep the same marker carry none.
 */
export const escalationFromRecord = (record: DynamoDBRecord): EscalationMessage | undefined => {
  const image = record.dynamodb?.NewImage;
  if (record.eventName === 'REMOVE' || image === undefined) return undefined;
  const id = escalationIdOf(image);
  if (id === undefined || image.entity?.S !== 'case') return undefined;
  if (escalationIdOf(record.dynamodb?.OldImage) === id) return undefined;
  const riskCase = itemToCase(toItem(image));
  if (riskCase.escalation === undefined) return undefined;
  const old = record.dynamodb?.OldImage;
  const previous = old?.entity?.S === 'case' ? itemToCase(toItem(old)).escalation : undefined;
  return { escalation: riskCase.escalation, case: riskCase, ...(previous === undefined ? {} : { previous }) };
};
