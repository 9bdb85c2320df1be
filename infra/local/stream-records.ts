import type {
  AttributeValue as SdkAttributeValue,
  _Record as SdkRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, StreamRecord } from 'aws-lambda';
import { ESCALATION_ATTRIBUTE } from '#shared/table.ts';

type SdkImage = Record<string, SdkAttributeValue>;
type LambdaImage = Record<string, AttributeValue>;

/**
 * Converts a GetRecords record to the record Lambda's DynamoDB event source mapping delivers. Lambda sends
 * the stream's JSON wire format, which the SDK has already parsed: timestamps became `Date` (Lambda sends
 * epoch seconds) and binary values `Uint8Array` (Lambda sends base64). The region and ARN are the
 * function's, not DynamoDB Local's placeholder `ddblocal`.
 *
 * @example toLambdaRecord(sdkRecord, { streamArn, region: 'us-east-1' }).dynamodb?.NewImage
 */
export const toLambdaRecord = (
  record: SdkRecord,
  source: { readonly streamArn: string; readonly region: string },
): DynamoDBRecord => {
  const stream = record.dynamodb ?? {};
  const dynamodb: StreamRecord = {
    ...(stream.ApproximateCreationDateTime === undefined
      ? {}
      : { ApproximateCreationDateTime: Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000) }),
    ...(stream.Keys === undefined ? {} : { Keys: toLambdaImage(stream.Keys) }),
    ...(stream.NewImage === undefined ? {} : { NewImage: toLambdaImage(stream.NewImage) }),
    ...(stream.OldImage === undefined ? {} : { OldImage: toLambdaImage(stream.OldImage) }),
    ...(stream.SequenceNumber === undefined ? {} : { SequenceNumber: stream.SequenceNumber }),
    ...(stream.SizeBytes === undefined ? {} : { SizeBytes: stream.SizeBytes }),
    ...(stream.StreamViewType === undefined ? {} : { StreamViewType: stream.StreamViewType }),
  };
  return {
    ...(record.eventID === undefined ? {} : { eventID: record.eventID }),
    ...(record.eventName === undefined ? {} : { eventName: record.eventName }),
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: source.region,
    dynamodb,
    eventSourceARN: source.streamArn,
    // Only TTL deletions carry an identity (`Service` / `dynamodb.amazonaws.com`).
    ...(record.userIdentity === undefined
      ? {}
      : { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }),
  };
};

const toLambdaImage = (image: SdkImage): LambdaImage =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttributeValue(value)]));

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** One attribute value in Lambda's JSON form; recursion follows lists and maps. */
export const toLambdaAttributeValue = (value: SdkAttributeValue): AttributeValue => {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  throw new Error(`Unsupported attribute value type: ${Object.keys(value).join(', ')}`);
};

/**
 * The event filter the CDK event source mapping applies (`dynamodb.NewImage.escalation` exists): only
 * records carrying an escalation marker invoke the notify function; AWS acknowledges the rest unseen.
 */
export const hasEscalationMarker = (record: DynamoDBRecord): boolean =>
  record.dynamodb?.NewImage?.[ESCALATION_ATTRIBUTE] !== undefined;
