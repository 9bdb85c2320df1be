import { describe, expect, it } from 'vitest';
import { parseStreamFailure } from '#shared/adapters/escalation-stream.ts';
import { UnreadableStreamFailureError } from '#shared/errors.ts';
import { type CaseNotification, type EscalationMessage, notificationId } from '#shared/ports.ts';
import { type FailedBatch, redriveBatch } from '#shared/use-cases/redrive-escalations.ts';

/** An on-failure record as Lambda writes it to the StreamFailures queue for a DynamoDB stream batch. */
const onFailureRecord = {
  requestContext: {
    requestId: '316aa6d0-8154-xmpl-9af7-85d5f4a6bc81',
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:notify',
    condition: 'RetryAttemptsExhausted',
    approximateInvokeCount: 11,
  },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  version: '1.0',
  timestamp: '2026-12-01T10:00:00.000Z',
  DDBStreamBatchInfo: {
    shardId: 'shardId-00000001',
    startSequenceNumber: '800000000003126276362',
    endSequenceNumber: '800000000003126276364',
    approximateArrivalOfFirstRecord: '2026-12-01T09:59:00Z',
    approximateArrivalOfLastRecord: '2026-12-01T09:59:01Z',
    batchSize: 3,
    streamArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/radar/stream/2026-12-01T00:00:00.000',
  },
};

const message = (id: string) => ({ escalation: { id } }) as unknown as EscalationMessage;

describe('Function: parseStreamFailure', () => {
  it('reads the coordinates of the failed batch from the on-failure record', () => {
    expect(parseStreamFailure(JSON.stringify(onFailureRecord))).toEqual({
      streamArn: onFailureRecord.DDBStreamBatchInfo.streamArn,
      shardId: 'shardId-00000001',
      startSequenceNumber: '800000000003126276362',
      endSequenceNumber: '800000000003126276364',
    });
  });

  it.each(['not json', '{}', JSON.stringify({ DDBStreamBatchInfo: { shardId: 's' } })])(
    'refuses a message that is not such a record: %s',
    (body) => {
      expect(() => parseStreamFailure(body)).toThrow(UnreadableStreamFailureError);
    },
  );
});

describe('Function: redriveBatch', () => {
  const batch: FailedBatch = parseStreamFailure(JSON.stringify(onFailureRecord));

  it('publishes the escalations of the batch in stream order through the notifier', async () => {
    // Prepare
    const published: string[] = [];
    const deps = {
      batches: { notifications: async () => [message('c-1#1'), message('c-2#1')] },
      notifier: { publish: async (m: CaseNotification) => void published.push(notificationId(m)) },
    };

    // Act
    const ids = await redriveBatch(deps, batch);

    // Assess
    expect(published).toEqual(['c-1#1', 'c-2#1']);
    expect(ids).toEqual(['c-1#1', 'c-2#1']);
  });

  it('publishes the follow-ups of the batch too (an acknowledgement written while SNS was down)', async () => {
    // Prepare
    const published: string[] = [];
    const followUp = { followUp: { id: 'c-1#1#acknowledged' }, case: {} } as unknown as CaseNotification;
    const deps = {
      batches: { notifications: async () => [message('c-1#1'), followUp] },
      notifier: { publish: async (m: CaseNotification) => void published.push(notificationId(m)) },
    };

    // Act
    const ids = await redriveBatch(deps, batch);

    // Assess
    expect(published).toEqual(['c-1#1', 'c-1#1#acknowledged']);
    expect(ids).toEqual(['c-1#1', 'c-1#1#acknowledged']);
  });

  it('fails the batch when a publish fails, so the message stays on the queue', async () => {
    const deps = {
      batches: { notifications: async () => [message('c-1#1')] },
      notifier: {
        publish: async () => {
          throw new Error('SNS is down');
        },
      },
    };

    await expect(redriveBatch(deps, batch)).rejects.toThrow('SNS is down');
  });
});
