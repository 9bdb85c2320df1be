import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const START_SCRIPT = fileURLToPath(new URL('../../infra/local/start.ts', import.meta.url));

export interface CliRun {
  readonly child: ChildProcess;
  /** Everything printed so far on stdout. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Resolves with the first stdout match of `pattern`, or rejects after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/**
 * Runs `node infra/local/start.ts` as `npm start` would, with the Node that runs the tests (Node 24, for
 * type stripping) and the given environment.
 *
 * @example const run = runStart(['--in-memory', '--port', '0']); await run.waitForOutput(/API\s+(\S+)\/v1/);
 */
export const runStart = (args: readonly string[], env: NodeJS.ProcessEnv = process.env): CliRun => {
  const child = spawn(process.execPath, [START_SCRIPT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = stdout.match(pattern);
        if (match === null) return;
        cleanup();
        resolve(match);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`No ${pattern} in output after ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      exited.then(() => {
        if (!listeners.has(check)) return;
        cleanup();
        reject(
          new Error(`start.ts exited before printing ${pattern}.\nstdout:\n${stdout}\nstderr:\n${stderr}`),
        );
      });
      listeners.add(check);
      check();
    });

  return { child, stdout: () => stdout, stderr: () => stderr, exited, waitForOutput };
};
