import { setTimeout as delay } from 'node:timers/promises';

/** Where a command writes: a terminal, a pipe, or a test's buffer. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
  /** Width of the terminal, when it is one. */
  readonly columns?: number | undefined;
}

export interface InputStream extends AsyncIterable<string | Uint8Array> {
  readonly isTTY?: boolean | undefined;
}

/**
 * Everything a command touches outside its arguments. `bin/risk-radar.ts` passes the process's; tests
 * pass buffers, a fixed clock and an instant `sleep`, so retries and progress output are deterministic.
 */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: InputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths on the command line are taken from here. */
  readonly cwd: string;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter of retry delays. */
  readonly random: () => number;
  readonly fetch: typeof fetch;
}

/** The real process: its streams, environment, clock and network. */
export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
  sleep: (ms) => delay(ms),
  random: Math.random,
  fetch: globalThis.fetch,
});
