import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { LocalLogger } from './logger.ts';
import type { Checkpoint, ShardPosition } from './stream-checkpoint.ts';

/** One shard as the poller reads it: where it is, and the iterator to continue from. */
export interface ShardCursor {
  readonly shardId: string;
  readonly parentShardId: string | undefined;
  iterator: string | undefined;
  position: ShardPosition;
}

export interface ShardSet {
  /** Picks up shards DynamoDB opened since the last call (a stream splits and rolls shards over). */
  refresh(): Promise<void>;
  /** Shards with records left to read whose parent is done, oldest lineage first. */
  ready(): ShardCursor[];
  /** The position of every shard, for the checkpoint. */
  positions(): Record<string, ShardPosition>;
  /** An iterator just after the shard's checkpoint, or at its oldest record when it has none. */
  iteratorFor(shard: ShardCursor): Promise<string | undefined>;
}

/**
 * The shards of one stream, seeded with the positions of a saved checkpoint. A child shard waits until its
 * parent is read to the end, as Lambda does, so the changes to one item reach the handler in order.
 */
export const createShardSet = (
  client: DynamoDBStreamsClient,
  saved: Checkpoint,
  logger: LocalLogger,
): ShardSet => {
  const { streamArn } = saved;
  const shards = new Map<string, ShardCursor>();

  const iteratorFor = async (shard: ShardCursor): Promise<string | undefined> => {
    const after = shard.position.sequenceNumber;
    try {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.shardId,
          ...(after === undefined
            ? { ShardIteratorType: 'TRIM_HORIZON' }
            : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }),
        }),
      );
      return ShardIterator;
    } catch (error) {
      // Streams keep 24 hours; a checkpoint older than that points at records that are gone.
      if (!(error instanceof TrimmedDataAccessException) || after === undefined) throw error;
      logger.error(
        `Stream records after ${after} in ${shard.shardId} were trimmed; resuming at the oldest record`,
      );
      shard.position = {};
      return iteratorFor(shard);
    }
  };

  return {
    refresh: async () => {
      let exclusiveStartShardId: string | undefined;
      do {
        const { StreamDescription } = await client.send(
          new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
        );
        for (const shard of StreamDescription?.Shards ?? []) {
          if (shard.ShardId === undefined || shards.has(shard.ShardId)) continue;
          shards.set(shard.ShardId, {
            shardId: shard.ShardId,
            parentShardId: shard.ParentShardId,
            iterator: undefined,
            position: saved.shards[shard.ShardId] ?? {},
          });
        }
        exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
      } while (exclusiveStartShardId !== undefined);
    },
    ready: () =>
      [...shards.values()].filter((shard) => {
        if (shard.position.finished === true) return false;
        // A parent no longer described has been trimmed away: nothing left to wait for.
        const parent = shard.parentShardId === undefined ? undefined : shards.get(shard.parentShardId);
        return parent === undefined || parent.position.finished === true;
      }),
    positions: () => {
      const positions: Record<string, ShardPosition> = { ...saved.shards };
      for (const shard of shards.values()) positions[shard.shardId] = shard.position;
      return positions;
    },
    iteratorFor,
  };
};
