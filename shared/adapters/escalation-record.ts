import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { CaseNotification, EscalationMessage, FollowUpMessage } from '#shared/ports.ts';
import { ESCALATION_ATTRIBUTE } from '#shared/table.ts';
import { itemToCase } from './dynamodb-items.ts';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

// aws-lambda's stream image type and the SDK's AttributeValue describe the same wire format.
const toItem = (image: Image): Record<string, unknown> => unmarshall(image as Record<string, AttributeValue>);

const escalationIdOf = (image: Image | undefined): string | undefined => {
  const escalation = image?.[ESCALATION_ATTRIBUTE]?.M;
  return escalation?.id?.S;
};

/** The case attribute holding the follow-up marker (`RiskCase.followUp`). */
const FOLLOW_UP_ATTRIBUTE = 'followUp';

const followUpIdOf = (image: Image | undefined): string | undefined => image?.[FOLLOW_UP_ATTRIBUTE]?.M?.id?.S;

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

/**
 * The follow-up a stream record carries, if any: a case item whose follow-up marker (written by an
 * acknowledgement or a resolution) is new or changed. Such a case always carries its escalation marker
 * too, so the stream filter (ESCALATION_ATTRIBUTE) lets the record through.
 */
export const followUpFromRecord = (record: DynamoDBRecord): FollowUpMessage | undefined => {
  const image = record.dynamodb?.NewImage;
  if (record.eventName === 'REMOVE' || image === undefined) return undefined;
  const id = followUpIdOf(image);
  if (id === undefined || image.entity?.S !== 'case') return undefined;
  if (followUpIdOf(record.dynamodb?.OldImage) === id) return undefined;
  const riskCase = itemToCase(toItem(image));
  return riskCase.followUp === undefined ? undefined : { followUp: riskCase.followUp, case: riskCase };
};

/** Everything a stream record asks the notify function to publish, in order: a new escalation, a new follow-up. */
export const notificationsFromRecord = (record: DynamoDBRecord): CaseNotification[] =>
  [escalationFromRecord(record), followUpFromRecord(record)].filter(
    (message): message is CaseNotification => message !== undefined,
  );
