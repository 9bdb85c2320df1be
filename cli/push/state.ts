import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputFileError } from '#shared/errors.ts';

/**
 * The resume file of a push: the event ids each target (URL and client) has acknowledged. Idempotency
 * is scoped to the client, so pushing the same file to another server or as another client starts over.
 */
const StateFileSchema = z.object({
  version: z.literal(1),
  targets: z.record(z.string(), z.object({ sent: z.array(z.string()), updatedAt: z.string() })),
});
type StateFile = z.infer<typeof StateFileSchema>;

export interface PushState {
  /** The file, or undefined when nothing is remembered (standard input without --state). */
  readonly path: string | undefined;
  has(eventId: string): boolean;
  /** Remembers acknowledged ids and writes the file at once, so an interrupted push resumes after them. */
  add(eventIds: readonly string[]): Promise<void>;
}

/** @example stateKey('http://127.0.0.1:3000/', 'local-pusher') // 'http://127.0.0.1:3000 local-pusher' */
export const stateKey = (url: string, clientId: string): string => `${url.replace(/\/+$/, '')} ${clientId}`;

/** `<input>.push-state.json` next to the input. */
export const defaultStatePath = (inputPath: string): string => `${inputPath}.push-state.json`;

const readStateFile = async (path: string): Promise<StateFile> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { version: 1, targets: {} };
    throw new InputFileError(`Cannot read the push state ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return StateFileSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new InputFileError(`${path} is not a push state file; delete it or pass --fresh to start over`, {
      cause: error,
    });
  }
};

/**
 * Opens the state of one target. With `fresh`, ids remembered before are ignored (and replaced when the
 * push acknowledges new ones); everything is sent again and the server answers `duplicate` where needed.
 */
export const openPushState = async (input: {
  readonly path: string | undefined;
  readonly key: string;
  readonly fresh: boolean;
  readonly now: () => Date;
}): Promise<PushState> => {
  const { path, key } = input;
  const file: StateFile = path === undefined ? { version: 1, targets: {} } : await readStateFile(path);
  const sent = new Set(input.fresh ? [] : (file.targets[key]?.sent ?? []));
  return {
    path,
    has: (eventId) => sent.has(eventId),
    add: async (eventIds) => {
      for (const id of eventIds) sent.add(id);
      if (path === undefined || eventIds.length === 0) return;
      file.targets[key] = { sent: [...sent], updatedAt: input.now().toISOString() };
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`);
      await rename(temporary, path);
    },
  };
};
