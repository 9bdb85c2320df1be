import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * One batch the stream consumer gave up on, in the shape of the record Lambda sends to the on-failure
 * destination of a DynamoDB event source mapping (the StreamFailures queue in AWS): the batch's coordinates
 * in the stream, which the redrive function reads back. Locally the records themselves ride along, so a
 * developer can see what was not delivered.
 */
export interface DeadLetter {
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
    readonly approximateInvokeCount: number;
  };
  readonly version: '1.0';
  readonly timestamp: string;
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
  readonly records: readonly DynamoDBRecord[];
}

/** Where dead letters wait for the redrive: the local stand-in for the StreamFailures queue. */
export interface DeadLetterStore {
  /** Where they are kept, for log lines. */
  readonly location: string;
  add(letter: DeadLetter): Promise<void>;
  list(): Promise<DeadLetter[]>;
  /** Keeps only the letters that are still waiting (after a redrive). */
  replace(letters: readonly DeadLetter[]): Promise<void>;
}

export const memoryDeadLetterStore = (): DeadLetterStore => {
  let letters: DeadLetter[] = [];
  return {
    location: 'memory',
    add: async (letter) => {
      letters.push(letter);
    },
    list: async () => [...letters],
    replace: async (remaining) => {
      letters = [...remaining];
    },
  };
};

const isDeadLetter = (value: unknown): value is DeadLetter =>
  typeof value === 'object' &&
  value !== null &&
  'DDBStreamBatchInfo' in value &&
  typeof value.DDBStreamBatchInfo === 'object' &&
  value.DDBStreamBatchInfo !== null;

/**
 * One JSON line per dead letter, appended as batches fail and rewritten atomically (write, then rename)
 * when the redrive has sent some of them. Lines that are not dead letters (a hand edit gone wrong, a file
 * from an older version) are left out of the redrive and kept as they are.
 *
 * @example const store = fileDeadLetterStore('.data/stream-dead-letter.jsonl');
 */
export const fileDeadLetterStore = (file: string): DeadLetterStore => {
  const read = async (): Promise<unknown[]> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line): unknown => {
        try {
          return JSON.parse(line);
        } catch {
          return line;
        }
      });
  };
  return {
    location: file,
    add: async (letter) => {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(letter)}\n`);
    },
    list: async () => (await read()).filter(isDeadLetter),
    replace: async (letters) => {
      const unreadable = (await read()).filter((entry) => !isDeadLetter(entry));
      const lines = [...unreadable, ...letters].map((entry) =>
        typeof entry === 'string' ? entry : JSON.stringify(entry),
      );
      const temporary = `${file}.${process.pid}.tmp`;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temporary, lines.map((line) => `${line}\n`).join(''));
      await rename(temporary, file);
    },
  };
};
