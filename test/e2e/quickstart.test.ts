import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '#shared/auth/signature.ts';
import { spendEvent } from '../fixtures/events.ts';

/**
 * The README's quick start, run as a newcomer runs it: start the local stack the way `npm start` does,
 * then execute the README's own copy-paste block with bash, so the README cannot drift from the product.
 */

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

const quickstartScript = (): string => {
  const section = readme.split('<!-- quickstart:begin -->')[1]?.split('<!-- quickstart:end -->')[0];
  const script = section?.match(/```bash\n([\s\S]*?)```/)?.[1];
  if (script === undefined) throw new Error('README.md has no quickstart block between the markers');
  return script;
};

/** DynamoDB Local processes started by the stack process (its children). */
const javaChildrenOf = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', 'DynamoDBLocal'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const until = async <T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

let stack: ChildProcess;
let output = '';
let url = '';
let exitCode: Promise<number | null>;
const outbox = join(mkdtempSync(join(tmpdir(), 'radar-e2e-')), 'outbox.jsonl');

beforeAll(async () => {
  stack = spawn(process.execPath, ['infra/local/start.ts', '--in-memory', '--port', '0'], {
    cwd: root,
    env: { ...process.env, RADAR_OUTBOX_FILE: outbox, PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exitCode = new Promise((resolve) => stack.once('exit', (code) => resolve(code)));
  stack.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  stack.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  url = await until(
    'the stack to print its URL',
    () => output.match(/API\s+(http:\/\/127\.0\.0\.1:\d+)\/v1/)?.[1],
    90_000,
  );
});

afterAll(async () => {
  if (stack.exitCode === null) stack.kill('SIGKILL');
});

describe('README quick start (local stack over HTTP)', () => {
  it('prints the dev credentials of each role', () => {
    expect(output).toContain('local-pusher');
    expect(output).toContain('Bearer dev-legal-token');
    expect(output).toContain('Bearer dev-manager-token');
  });

  it('answers health without credentials', async () => {
    const response = await fetch(`${url}/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('runs the copy-paste example: a signed spend event 30 % over plan becomes a red case', () => {
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', quickstartScript()], {
      env: { ...process.env, URL: url },
      encoding: 'utf8',
    });
    const [pushed, listed] = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(pushed).toMatchObject({
      eventId: 'quickstart-1',
      status: 'created',
      assessment: { level: 'red' },
    });
    const caseId = pushed?.caseId;
    expect(caseId).toEqual(expect.any(String));
    expect(listed).toMatchObject({
      items: [{ caseId, level: 'red', status: 'open', riskType: 'budget', occurrences: 1 }],
    });
  });

  it('delivers the red case to the outbox through the stream, exactly once', async () => {
    const lines = await until('the outbox line', () => {
      if (!existsSync(outbox)) return undefined;
      const content = readFileSync(outbox, 'utf8').trim();
      return content === '' ? undefined : content.split('\n');
    });
    // Give a second delivery time to show up if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const all = readFileSync(outbox, 'utf8').trim().split('\n');
    expect(all).toHaveLength(lines.length);
    expect(all).toHaveLength(1);
    const publish = JSON.parse(all[0] ?? '{}') as {
      TopicArn: string;
      Subject: string;
      MessageStructure: string;
      Message: string;
      MessageAttributes: Record<string, { StringValue: string }>;
    };
    expect(publish.Subject).toMatch(/^\[RED\] budget risk: campaign cmp-1 on facebook/);
    expect(publish.MessageAttributes.level?.StringValue).toBe('red');
    expect(publish.MessageStructure).toBe('json');
    // The message links to the case in the web app the local stack serves, not to an API path.
    expect((JSON.parse(publish.Message) as { default: string }).default).toMatch(
      new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/cases/[^\\s]+`),
    );
    expect(output).toContain('escalation');
  });

  it('answers the same event again as a duplicate', () => {
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', quickstartScript()], {
      env: { ...process.env, URL: url },
      encoding: 'utf8',
    });
    const [pushed] = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(pushed).toMatchObject({ status: 'duplicate', assessment: { level: 'red' } });
  });

  it('refuses an unsigned request, a replayed one and an unknown token with 401', async () => {
    const unsigned = await fetch(`${url}/v1/events`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toBe('application/problem+json');

    const body = JSON.stringify({ ...spendEvent({}, 'replay-check') });
    const headers = {
      'content-type': 'application/json',
      'x-radar-client': 'local-pusher',
      'x-radar-signature': signatureHeader('local-dev-secret-change-me', body, new Date()),
    };
    const first = await fetch(`${url}/v1/events`, { method: 'POST', body, headers });
    const replay = await fetch(`${url}/v1/events`, { method: 'POST', body, headers });
    expect([first.status, replay.status]).toEqual([200, 401]);

    expect((await fetch(`${url}/v1/cases`)).status).toBe(401);
    expect((await fetch(`${url}/v1/cases`, { headers: { authorization: 'Bearer nobody' } })).status).toBe(
      401,
    );
  });

  it('stores an event sent by 10 concurrent requests exactly once', async () => {
    const body = JSON.stringify(spendEvent({ campaignId: 'concurrent' }, 'concurrent-1'));
    // A signature works once, and one made in the same second over the same body is the same signature:
    // each copy is signed at a different second, as retries spread over time are.
    const send = (_: unknown, i: number) =>
      fetch(`${url}/v1/events`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-radar-client': 'local-pusher',
          'x-radar-signature': signatureHeader(
            'local-dev-secret-change-me',
            body,
            new Date(Date.now() - i * 1000),
          ),
        },
      });
    const responses = await Promise.all(Array.from({ length: 10 }, send));
    const results = (await Promise.all(responses.map((response) => response.json()))) as {
      status: string;
      caseId: string;
    }[];
    expect(results.filter((result) => result.status === 'created')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'duplicate')).toHaveLength(9);
    expect(new Set(results.map((result) => result.caseId)).size).toBe(1);
  });

  it('keeps roles apart: a pusher cannot read cases, a legal user can', async () => {
    const body = '';
    const signed = {
      'x-radar-client': 'local-pusher',
      'x-radar-signature': signatureHeader('local-dev-secret-change-me', body, new Date()),
    };
    expect((await fetch(`${url}/v1/cases`, { headers: signed })).status).toBe(401);
    expect(
      (await fetch(`${url}/v1/cases`, { headers: { authorization: 'Bearer dev-legal-token' } })).status,
    ).toBe(200);
  });

  it('stops everything on SIGINT, Java included', async () => {
    const java = javaChildrenOf(stack.pid ?? -1);
    expect(java).toHaveLength(1);
    stack.kill('SIGINT');
    expect(await exitCode).toBe(0);
    expect(java.filter(isAlive)).toEqual([]);
  });
});
