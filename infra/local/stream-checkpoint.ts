import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** How far the poller has got in one shard. */
export interface ShardPosition {
  /** The last sequence number handled (delivered, filtered out or dead-lettered). */
  readonly sequenceNumber?: string;
  /** The shard is closed and every record of it was handled. */
  readonly finished?: boolean;
}

export interface Checkpoint {
  readonly streamArn: string;
  readonly shards: Readonly<Record<string, ShardPosition>>;
}

/** Where checkpoints live: a file, so a restart does not re-deliver, or memory for `--in-memory` runs. */
export interface CheckpointStore {
  /** The saved checkpoint of this stream; an empty one when none exists or it belongs to another stream. */
  load(streamArn: string): Promise<Checkpoint>;
  save(checkpoint: Checkpoint): Promise<void>;
}

const empty = (streamArn: string): Checkpoint => ({ streamArn, shards: {} });

export const memoryCheckpointStore = (): CheckpointStore => {
  let saved: Checkpoint | undefined;
  return {
    load: async (streamArn) => (saved?.streamArn === streamArn ? saved : empty(streamArn)),
    save: async (checkpoint) => {
      saved = checkpoint;
    },
  };
};

/**
 * A JSON file, replaced atomically (write then rename) so a crash mid-write leaves the previous
 * checkpoint rather than a torn one. A checkpoint of another stream (the table was re-created) is ignored:
 * its sequence numbers mean nothing in the new stream.
 *
 * @example const store = fileCheckpointStore('.data/stream-checkpoint.json');
 */
export const fileCheckpointStore = (file: string): CheckpointStore => ({
  load: async (streamArn) => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return empty(streamArn);
      throw error;
    }
    const parsed = parseCheckpoint(text);
    return parsed?.streamArn === streamArn ? parsed : empty(streamArn);
  },
  save: async (checkpoint) => {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`);
    await rename(temporary, file);
  },
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads what a previous run wrote, dropping anything malformed instead of trusting a cast. */
const parseCheckpoint = (text: string): Checkpoint | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.streamArn !== 'string' || !isRecord(value.shards)) return undefined;
  const shards: Record<string, ShardPosition> = {};
  for (const [shardId, position] of Object.entries(value.shards)) {
    if (!isRecord(position)) continue;
    shards[shardId] = {
      ...(typeof position.sequenceNumber === 'string' ? { sequenceNumber: position.sequenceNumber } : {}),
      ...(position.finished === true ? { finished: true } : {}),
    };
  }
  return { streamArn: value.streamArn, shards };
};
