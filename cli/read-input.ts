import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputFileError, UsageError } from '#shared/errors.ts';
import type { CliIo } from './io.ts';

/** `-` (or nothing, when something is piped in) reads standard input. */
export const STDIN = '-';

const readStdin = async (io: CliIo): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
};

/** Why a file could not be read, in words (`no such file`), for the message that names it. */
export const reasonOf = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
};

/**
 * The whole input as UTF-8 text without a byte-order mark. Standard input must be piped: a person at a
 * terminal who forgot the file name gets a usage error rather than a silent wait.
 */
export const readInput = async (io: CliIo, path: string | undefined, what: string): Promise<string> => {
  let text: string;
  if (path === undefined || path === STDIN) {
    if (path === undefined && io.stdin.isTTY === true) {
      throw new UsageError(`Give ${what} as a file name, or pipe it in (use - for standard input)`);
    }
    text = await readStdin(io);
  } else {
    try {
      text = await readFile(resolve(io.cwd, path), 'utf8');
    } catch (error) {
      throw new InputFileError(`Cannot read ${path}: ${reasonOf(error)}`, { cause: error });
    }
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
};
