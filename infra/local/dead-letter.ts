import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';

/** One batch the stream handler kept failing, as the poller gave up on it. */
export interface DeadLetter {
  readonly failedAt: string;
  readonly streamArn: string;
  readonly shardId: string;
  readonly attempts: number;
  readonly reason: string;
  readonly records: readonly DynamoDBRecord[];
}

export type DeadLetterSink = (letter: DeadLetter) => Promise<void>;

/**
 * Appends each dead letter as one JSON line: the local stand-in for the SQS on-failure destination of the
 * AWS event source mapping. It holds the records themselves (AWS keeps only their coordinates), so a
 * developer can see exactly what was not delivered and replay it.
 */
export const fileDeadLetterSink =
  (file: string): DeadLetterSink =>
  async (letter) => {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(letter)}\n`);
  };
