import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_HEADER, SIGNATURE_HEADER, verifySignature } from '#shared/auth/signature.ts';
import { PROBLEM_TYPES } from '#shared/problem.ts';
import type { Finding } from '#shared/schemas/assessment.ts';
import type { AdCopyEvent } from '#shared/schemas/events.ts';
import { planRequests } from '../../cli/check/remote.ts';
import { runCli } from '../../cli/main.ts';
import {
  closedPort,
  type FakeApi,
  type FakeReply,
  fakeIo,
  problemReply,
  type RecordedRequest,
  startFakeApi,
} from './fake-io.ts';

/**
 * `risk-radar check --url`: the copy is judged by the policies in force on a server, through the signed
 * `POST /v1/evaluate` (nothing stored), against a throwaway API that records what it receives.
 */

const CN = ['--market', 'CN', '--lang', 'zh', '--category', 'cosmetics'];
const SERVER_RULES = 'cn@3.2.0+legal@4+en@3.2.0+vn@3.2.0+spend@2.1.0+sentiment@2.1.0';
const SECRET = 'check-secret';

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  ruleId: 'legal.acme.taboo',
  riskType: 'compliance',
  outcome: 'violation',
  level: 'yellow',
  probability: 'medium',
  impact: 'moderate',
  message: '“奇迹”: Acme never promises miracles.',
  evidence: [{ text: '奇迹', start: 0, end: 2 }],
  ...overrides,
});

/** The server's answer: each event assessed with `findings`, stamped with the server's versions. */
const evaluated =
  (findings: readonly Finding[], matrixVersion = 'matrix-3x3@1') =>
  (request: RecordedRequest): FakeReply => {
    const { events } = JSON.parse(request.body) as { events: { eventId: string }[] };
    return {
      status: 200,
      body: {
        results: events.map((event, index) => ({
          index,
          eventId: event.eventId,
          status: 'evaluated',
          assessment: {
            level: findings[0]?.level ?? 'green',
            probability: 'medium',
            impact: 'moderate',
            findings,
            engine: { rulesVersion: SERVER_RULES, matrixVersion },
          },
        })),
        summary: { created: 0, duplicate: 0, evaluated: events.length, rejected: 0 },
      },
    };
  };

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const dir = mkdtempSync(join(tmpdir(), 'radar-check-url-'));
const copyFile = (name: string, text: string): string => {
  writeFileSync(join(dir, name), `${text}\n`);
  return name;
};

const check = async (args: readonly string[], env: Record<string, string> = {}) => {
  const io = fakeIo({ cwd: dir, env });
  const code = await runCli(['check', ...args, ...CN], io);
  return { code, out: io.stdout.text(), err: io.stderr.text(), sleeps: io.sleeps };
};

describe('Command: check --url', () => {
  it('sends the copy, signed, to POST /v1/evaluate and reports the rules in force on the server', async () => {
    // Prepare
    api = await startFakeApi(evaluated([finding()]));
    const path = copyFile('miracle.txt', '奇迹面霜');

    // Act
    const result = await check([
      path,
      '--url',
      `${api.url}/v1`,
      '--client',
      'ci',
      '--secret',
      SECRET,
      '--brand',
      'Acme',
    ]);

    // Assess
    expect(result.code).toBe(1);
    const [request] = api.requests;
    expect(api.requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', url: '/v1/evaluate' });
    expect(request?.headers[CLIENT_HEADER]).toBe('ci');
    const signature = verifySignature({
      header: request?.headers[SIGNATURE_HEADER] as string,
      request: { method: 'POST', path: '/v1/evaluate', body: request?.body ?? '' },
      secrets: [SECRET],
      now: new Date('2026-11-22T09:00:01Z'),
    });
    expect(signature.ok).toBe(true);
    const body = JSON.parse(request?.body ?? '{}') as { events: AdCopyEvent[] };
    expect(body.events).toEqual([
      expect.objectContaining({
        type: 'ad-copy',
        copy: expect.objectContaining({
          text: '奇迹面霜',
          market: 'CN',
          lang: 'zh',
          brand: 'Acme',
          copyId: 'miracle.txt',
        }),
      }),
    ]);
    expect(result.out).toMatch(/^miracle\.txt: YELLOW — 1 finding/);
    expect(result.out).toMatch(/YELLOW {2}legal\.acme\.taboo/);
    expect(result.out).toMatch(/│ \[\[奇迹\]\]面霜/);
    expect(result.out).toContain(`rules: in force on ${api.url}: ${SERVER_RULES} · matrix matrix-3x3@1`);
  });

  it('takes the server from RADAR_URL, and --offline keeps to the shipped packs', async () => {
    // Prepare
    api = await startFakeApi(evaluated([]));
    const path = copyFile('clean.txt', '温和洁面');

    // Act
    const online = await check([path], { RADAR_URL: api.url });
    const offline = await check([path, '--offline'], { RADAR_URL: api.url });

    // Assess
    expect(online.code).toBe(0);
    expect(online.out).toContain(`rules: in force on ${api.url}: ${SERVER_RULES}`);
    expect(offline.code).toBe(0);
    expect(offline.out).toMatch(/rules: shipped packs cn@/);
    expect(api.requests).toHaveLength(1);
  });

  it.each([
    ['the shipped matrix', 'matrix-3x3@1', 'green'],
    ["a manager's own matrix", 'matrix-5x5@2', 'negligible'],
  ])(
    'does not fail on a finding a legal exception allows, nor on an advisory (%s)',
    async (_case, matrix, lowest) => {
      api = await startFakeApi(
        evaluated(
          [
            finding({ level: lowest, exception: { id: 'ex-1', expiresAt: '2027-01-01T00:00:00Z' } }),
            finding({ ruleId: 'cn.ranking', outcome: 'advisory', level: lowest }),
          ],
          matrix,
        ),
      );

      const result = await check([copyFile('allowed.txt', '奇迹面霜'), '--url', api.url]);

      expect(result.code).toBe(0);
    },
  );

  it("counts every violation when the server's matrix is one this CLI does not ship, and says so", async () => {
    api = await startFakeApi(evaluated([finding({ level: 'low' })], 'matrix-5x5@2'));

    const result = await check([copyFile('five.txt', '奇迹面霜'), '--url', api.url]);

    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /note: matrix matrix-5x5@2 is not one this risk-radar ships: every violation counts/,
    );
  });

  it('sends many copies in requests of at most 100, keeping each finding with its file', async () => {
    // Prepare: the server flags the copy whose text names a miracle, whichever request it is in
    api = await startFakeApi((request) => {
      const { events } = JSON.parse(request.body) as { events: AdCopyEvent[] };
      const reply = evaluated([finding()])(request);
      const body = reply.body as { results: { assessment: { findings: Finding[]; level: string } }[] };
      events.forEach((event, index) => {
        const result = body.results[index];
        if (result !== undefined && !event.copy.text.includes('奇迹')) {
          result.assessment.findings = [];
          result.assessment.level = 'green';
        }
      });
      return reply;
    });
    const paths = Array.from({ length: 120 }, (_, index) =>
      copyFile(`many-${index}.txt`, index === 110 ? '奇迹面霜' : '温和洁面'),
    );

    // Act
    const result = await check([...paths, '--url', api.url]);

    // Assess
    expect(result.code).toBe(1);
    expect(api.requests.map((request) => JSON.parse(request.body).events.length)).toEqual([100, 20]);
    expect(result.out).toMatch(/^many-110\.txt: YELLOW/m);
    expect(result.out).toMatch(/120 copies checked: 1 needs attention/);
  });
});

describe('Command: check --url — when the server cannot check', () => {
  it('exits 3 at once for refused credentials, saying what to check', async () => {
    api = await startFakeApi(() => problemReply(401, 'Unauthorized', 'Invalid signature'));

    const result = await check([copyFile('a.txt', '奇迹面霜'), '--url', api.url, '--secret', 'wrong']);

    expect(result.code).toBe(3);
    expect(api.requests).toHaveLength(1);
    expect(result.err).toMatch(
      /the server could not check the copy: HTTP 401 from .*\/v1\/evaluate: Invalid signature \(check --client and --secret/,
    );
    expect(result.out).toBe('');
  });

  it('retries a replayed signature and a 503, then reports', async () => {
    api = await startFakeApi((request, count) =>
      count === 0
        ? problemReply(401, 'Unauthorized', 'Signature already used', {
            members: { type: PROBLEM_TYPES.signatureReplayed },
          })
        : count === 1
          ? problemReply(503, 'Service Unavailable', 'busy')
          : evaluated([])(request),
    );

    const result = await check([copyFile('b.txt', '温和洁面'), '--url', api.url]);

    expect(result.code).toBe(0);
    expect(api.requests).toHaveLength(3);
    const seconds = api.requests.map(
      (request) => /t=(\d+)/.exec(String(request.headers[SIGNATURE_HEADER]))?.[1],
    );
    expect(new Set(seconds).size).toBe(3);
  });

  it('exits 3 when the server keeps failing', async () => {
    api = await startFakeApi(() => problemReply(503, 'Service Unavailable', 'down for maintenance'));

    const result = await check([copyFile('c.txt', '温和洁面'), '--url', api.url]);

    expect(result.code).toBe(3);
    expect(api.requests).toHaveLength(3);
    expect(result.err).toMatch(/HTTP 503: down for maintenance — gave up after 3 attempts/);
  });

  it('exits 3 when nothing listens at the URL', async () => {
    const port = await closedPort();

    const result = await check([copyFile('d.txt', '温和洁面'), '--url', `http://127.0.0.1:${port}`]);

    expect(result.code).toBe(3);
    expect(result.err).toMatch(/connection refused by http:\/\/127\.0\.0\.1:\d+ \(is the server running\?\)/);
  });

  it("exits 2 with the problem's detail and field errors, named by file, when the server refuses the copy", async () => {
    api = await startFakeApi(() =>
      problemReply(400, 'Bad Request', 'The batch does not match the event contract', {
        members: { errors: [{ path: 'events.0.copy.category', message: 'unknown category "cosmetics"' }] },
      }),
    );

    const result = await check([copyFile('e.txt', '温和洁面'), '--url', api.url]);

    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /The server refused the copy \(HTTP 400\): The batch does not match the event contract\n {2}e\.txt: --category: unknown category "cosmetics"/,
    );
  });

  it('exits 2 when the server rejects one copy of a batch', async () => {
    api = await startFakeApi((request) => {
      const reply = evaluated([])(request);
      const body = reply.body as { results: unknown[] };
      body.results[1] = {
        index: 1,
        status: 'rejected',
        errors: [{ path: 'events.1.copy.text', message: 'text is too long' }],
      };
      return { ...reply, status: 207 };
    });

    const result = await check([
      copyFile('f.txt', '温和洁面'),
      copyFile('g.txt', '温和保湿'),
      '--url',
      api.url,
    ]);

    expect(result.code).toBe(2);
    expect(result.err).toMatch(/The server refused the copy:\n {2}g\.txt: the copy: text is too long/);
  });
});

describe('Function: planRequests', () => {
  it('splits by count and by size, keeping order', () => {
    // Prepare: 3 copies of ~100 KB: two fit in 256 KB, three do not
    const event = (id: string, size: number) =>
      ({
        eventId: id,
        type: 'ad-copy',
        occurredAt: '2026-11-22T09:00:00Z',
        source: 't',
        copy: { copyId: id, text: 'x'.repeat(size), lang: 'en', market: 'US', category: 'c', brand: 'b' },
      }) as AdCopyEvent;

    // Act
    const bySize = planRequests([event('a', 100_000), event('b', 100_000), event('c', 100_000)]);
    const byCount = planRequests(Array.from({ length: 201 }, (_, index) => event(`e${index}`, 10)));

    // Assess
    expect(bySize.map((events) => events.map((item) => item.eventId))).toEqual([['a', 'b'], ['c']]);
    expect(byCount.map((events) => events.length)).toEqual([100, 100, 1]);
  });
});
