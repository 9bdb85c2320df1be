import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type AttributeValue as SdkAttributeValue,
  type _Record as SdkRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, StreamRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { ENV, optional } from '#shared/config.ts';
import { UnreadableStreamFailureError } from '#shared/errors.ts';
import type { CaseNotification } from '#shared/ports.ts';
import { notificationsFromRecord } from './escalation-record.ts';

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

/** Where a batch the stream consumer gave up on lies in the stream (the on-failure destination's record). */
export interface StreamBatchCoordinates {
  readonly streamArn: string;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
}

/** GetRecords pages read before giving up on reaching the batch's end (an open shard may answer empty pages). */
const MAX_PAGES = 50;

/**
 * Reads one failed batch back from the table stream by its coordinates, as Lambda delivered it: from the
 * first sequence number to the last, inclusive, in the form of a Lambda `DynamoDBRecord`. Throws what
 * DynamoDB Streams throws (`TrimmedDataAccessException` once the records are older than the 24 h
 * retention), so the caller keeps the failure for a person.
 *
 * @example const records = await readStreamBatch(streams, coordinates, 'eu-west-1');
 */
export const readStreamBatch = async (
  client: DynamoDBStreamsClient,
  batch: StreamBatchCoordinates,
  region: string,
): Promise<DynamoDBRecord[]> => {
  const end = BigInt(batch.endSequenceNumber);
  const { ShardIterator } = await client.send(
    new GetShardIteratorCommand({
      StreamArn: batch.streamArn,
      ShardId: batch.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: batch.startSequenceNumber,
    }),
  );
  const records: DynamoDBRecord[] = [];
  let iterator = ShardIterator;
  for (let page = 0; iterator !== undefined && page < MAX_PAGES; page += 1) {
    const result = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    for (const record of result.Records ?? []) {
      const sequence = record.dynamodb?.SequenceNumber;
      if (sequence === undefined) continue;
      if (BigInt(sequence) > end) return records;
      records.push(toLambdaRecord(record, { streamArn: batch.streamArn, region }));
    }
    if (records.at(-1)?.dynamodb?.SequenceNumber === batch.endSequenceNumber) return records;
    iterator = result.NextShardIterator;
  }
  return records;
};

/**
 * The record Lambda sends to a DynamoDB event source mapping's on-failure destination (here the
 * StreamFailures queue): what matters is where the failed batch lies in the stream. Other fields
 * (request and response context, …) are kept as they come.
 */
const sequenceNumber = z.string().check(z.regex(/^\d+$/));
const StreamFailureSchema = z.looseObject({
  DDBStreamBatchInfo: z.looseObject({
    streamArn: z.string().check(z.minLength(1)),
    shardId: z.string().check(z.minLength(1)),
    startSequenceNumber: sequenceNumber,
    endSequenceNumber: sequenceNumber,
  }),
});

/**
 * The coordinates of the failed batch an on-failure record (an SQS message body) names.
 *
 * @throws {UnreadableStreamFailureError} when the body is not JSON or not such a record.
 */
export const parseStreamFailure = (body: string): StreamBatchCoordinates => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new UnreadableStreamFailureError('The message body is not JSON', { cause: error });
  }
  const parsed = StreamFailureSchema.safeParse(json);
  if (!parsed.success) {
    throw new UnreadableStreamFailureError(
      `The message is not a stream batch's on-failure record: ${parsed.error.message}`,
    );
  }
  const { streamArn, shardId, startSequenceNumber, endSequenceNumber } = parsed.data.DDBStreamBatchInfo;
  return { streamArn, shardId, startSequenceNumber, endSequenceNumber };
};

/**
 * The escalations and follow-ups of a failed batch, read back from the table stream: the port the redrive
 * use case depends on. Each record is judged as the notify function judges it
 * (shared/adapters/escalation-record.ts), so a record that carried no new marker yields none.
 */
export class StreamEscalationReader {
  readonly #client: DynamoDBStreamsClient;
  readonly #region: string;

  constructor(client: DynamoDBStreamsClient, region: string) {
    this.#client = client;
    this.#region = region;
  }

  async notifications(batch: StreamBatchCoordinates): Promise<CaseNotification[]> {
    const records = await readStreamBatch(this.#client, batch, this.#region);
    return records.flatMap(notificationsFromRecord);
  }
}

let streamsClient: DynamoDBStreamsClient | undefined;

/** The DynamoDB Streams client, created once; DynamoDB Local serves streams on its own endpoint. */
export const dynamoStreams = (): DynamoDBStreamsClient => {
  if (streamsClient === undefined) {
    const endpoint = optional(ENV.dynamodbEndpoint);
    streamsClient = new DynamoDBStreamsClient(endpoint === undefined ? {} : { endpoint });
  }
  return streamsClient;
};
