import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JAVA_REQUIRED_MESSAGE } from '#shared/errors.ts';
import { type CliRun, runStart } from '../support/cli.ts';

const runs: CliRun[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await run.exited;
  }
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const start = (args: readonly string[], env?: NodeJS.ProcessEnv): CliRun => {
  const run = runStart(args, env);
  runs.push(run);
  return run;
};

/** The pids of a process's children (DynamoDB Local's Java is a child of start.ts). */
const childrenOf = (pid: number | undefined): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

const isJava = (pid: number): boolean => {
  try {
    return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).trim() === 'java';
  } catch {
    return false;
  }
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('CLI: node infra/local/start.ts', () => {
  it('prints the one-line Java hint and exits 1 when Java is missing', async () => {
    // Prepare: a PATH with node but no java.
    const env = { ...process.env, PATH: dirname(process.execPath) };

    // Act
    const run = start(['--in-memory', '--port', '0'], env);

    // Assess
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim()).toBe(JAVA_REQUIRED_MESSAGE);
  });

  it('says in one line that the port is taken, before starting anything', async () => {
    // Prepare
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;

    // Act
    const run = start(['--in-memory', '--port', String(port)]);

    // Assess
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim()).toMatch(new RegExp(`^Port ${port} is already in use[^\\n]*$`));
  });

  it('prints usage for --help and exits 0', async () => {
    // Act
    const run = start(['--help']);

    // Assess
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('--in-memory');
  });

  it('rejects an unknown option with usage and exit code 2', async () => {
    // Act
    const run = start(['--no-such-option']);

    // Assess
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('Usage: npm start');
  });

  it('serves the API, prints the credentials, and on SIGINT stops with exit 0 and no Java left', async () => {
    // Prepare
    const run = start(['--in-memory', '--port', '0']);
    const [, url] = await run.waitForOutput(/API\s+(http:\/\/127\.0\.0\.1:\d+)\/v1/);
    const java = childrenOf(run.child.pid).filter((pid) => isJava(pid));

    // Act
    const health = await fetch(`${url}/v1/health`);
    run.child.kill('SIGINT');
    const code = await run.exited;

    // Assess
    expect(health.status).toBe(200);
    expect(run.stdout()).toContain('Bearer dev-manager-token');
    expect(run.stdout()).toContain('in memory');
    expect(java).toHaveLength(1);
    expect(code).toBe(0);
    expect(java.filter(isRunning)).toEqual([]);
  });

  it('leaves no Java behind even when it is killed with SIGKILL', async () => {
    // Prepare
    const run = start(['--in-memory', '--port', '0']);
    await run.waitForOutput(/API\s+http/);
    const java = childrenOf(run.child.pid).filter((pid) => isJava(pid));
    expect(java).toHaveLength(1);

    // Act
    run.child.kill('SIGKILL');
    await run.exited;

    // Assess
    await vi.waitFor(() => expect(java.filter(isRunning)).toEqual([]), { timeout: 15_000, interval: 200 });
  });
});
