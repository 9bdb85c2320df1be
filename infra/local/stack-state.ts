import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a running `npm start` tells other local commands (`npm run digest`): where it is and how it runs. */
export interface StackState {
  readonly pid: number;
  readonly url: string;
  /** The handlers' environment (endpoint, table, outbox, dev topics): nothing beyond the dev defaults. */
  readonly env: Readonly<Record<string, string>>;
}

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `<data dir>/local-stack.json`; the data dir defaults to `<repo>/.data`, as `npm start`'s. */
export const stackStateFile = (dataDir?: string): string =>
  join(dataDir === undefined ? join(REPOSITORY_ROOT, '.data') : resolve(dataDir), 'local-stack.json');

export const writeStackState = async (file: string, state: StackState): Promise<void> => {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
};

export const removeStackState = async (file: string): Promise<void> => {
  await rm(file, { force: true });
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
};

/** The state of a running local stack, or undefined when none runs (no file, or its process is gone). */
export const readStackState = async (file: string): Promise<StackState | undefined> => {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    !('pid' in value) ||
    typeof value.pid !== 'number' ||
    !('url' in value) ||
    typeof value.url !== 'string' ||
    !('env' in value) ||
    typeof value.env !== 'object' ||
    value.env === null
  ) {
    return undefined;
  }
  const env = Object.fromEntries(
    Object.entries(value.env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return isAlive(value.pid) ? { pid: value.pid, url: value.url, env } : undefined;
};
