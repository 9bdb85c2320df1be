import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_HEADER, SIGNATURE_HEADER, verifySignature } from '#shared/auth/signature.ts';
import { PROBLEM_TYPES } from '#shared/problem.ts';
import { runCli } from '../../cli/main.ts';
import { adCopyEvent, sentimentEvent, spendEvent } from '../fixtures/events.ts';
import { acceptAll, closedPort, type FakeApi, fakeIo, problemReply, startFakeApi } from './fake-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'radar-push-'));
let fileCount = 0;
/** A JSON Lines file of these events (or raw lines), in a fresh path so state files never collide. */
const jsonl = (lines: readonly unknown[]): string => {
  fileCount += 1;
  const path = join(dir, `events-${fileCount}.jsonl`);
  writeFileSync(
    path,
    `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`,
  );
  return path;
};
const spends = (count: number) => Array.from({ length: count }, (_, i) => spendEvent({}, `e-${i + 1}`));

const SECRET = 'test-secret';
let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const push = async (path: string, url: string, extra: string[] = []) => {
  const io = fakeIo();
  const code = await runCli(
    ['push', path, '--url', url, '--client', 'pusher-1', '--secret', SECRET, ...extra],
    io,
  );
  return { code, io, out: io.stdout.text(), err: io.stderr.text() };
};

const eventIdsOf = (body: string): string[] =>
  (JSON.parse(body) as { events: { eventId: string }[] }).events.map((event) => event.eventId);

describe('Command: push', () => {
  it('sends signed batches of at most 100 events and summarises what the server said', async () => {
    // Prepare
    api = await startFakeApi(acceptAll);
    const path = jsonl(spends(250));

    // Act
    const { code, out, err } = await push(path, api.url);

    // Assess
    expect(code).toBe(0);
    expect(api.requests.map((request) => eventIdsOf(request.body).length)).toEqual([100, 100, 50]);
    for (const request of api.requests) {
      expect(request.url).toBe('/v1/events');
      expect(request.headers[CLIENT_HEADER]).toBe('pusher-1');
      const header = request.headers[SIGNATURE_HEADER];
      expect(String(header)).toMatch(/^t=\d+,v2=[0-9a-f]{64}$/);
      expect(
        verifySignature({
          header: String(header),
          request: { method: 'POST', path: '/v1/events', body: request.body },
          secrets: [SECRET],
          now: new Date('2026-11-22T09:00:30Z'),
        }).ok,
      ).toBe(true);
    }
    expect(out).toMatch(/read\s+250 events/);
    expect(out).toMatch(/sent\s+250 \(250 created, 0 duplicate\)/);
    expect(out).toMatch(/levels\s+green 250/);
    expect(err).toContain('sent 250/250 events');
  });

  it('retries 503 twice with backoff, re-signing each attempt, then succeeds', async () => {
    // Prepare
    api = await startFakeApi((request, count) =>
      count < 2
        ? {
            status: 503,
            body: { type: 'about:blank', title: 'Unavailable', status: 503, detail: 'DynamoDB is busy' },
          }
        : acceptAll(request),
    );
    const path = jsonl(spends(3));

    // Act
    const { code, io, err } = await push(path, api.url);

    // Assess
    expect(code).toBe(0);
    expect(api.requests).toHaveLength(3);
    const signatures = api.requests.map((request) => request.headers[SIGNATURE_HEADER]);
    expect(new Set(signatures).size).toBe(3);
    expect(err).toMatch(/HTTP 503: DynamoDB is busy — retrying in [\d.]+ s \(attempt 2 of 6\)/);
    expect(err).toMatch(/attempt 3 of 6/);
    // Full jitter at random 0.5: 250 ms then 500 ms (plus waits for a new signing second).
    expect(io.sleeps.slice(0, 1)).toEqual([250]);
    expect(io.sleeps).toContain(500);
  });

  it('honours Retry-After on 429', async () => {
    api = await startFakeApi((request, count) =>
      count === 0
        ? problemReply(429, 'Too many', 'slow down', { headers: { 'retry-after': '7' } })
        : acceptAll(request),
    );
    const { code, io } = await push(jsonl(spends(1)), api.url);
    expect(code).toBe(0);
    expect(io.sleeps[0]).toBe(7000);
  });

  it('gives up after the retries and says what is not sent, exiting 3', async () => {
    // Prepare
    api = await startFakeApi(() => problemReply(500, 'Internal', 'boom'));

    // Act
    const { code, out } = await push(jsonl(spends(3)), api.url, ['--retries', '2']);

    // Assess
    expect(code).toBe(3);
    expect(api.requests).toHaveLength(3);
    expect(out).toMatch(/not sent\s+3/);
    expect(out).toMatch(/Stopped: HTTP 500: boom — gave up after 3 attempts\./);
    expect(out).toMatch(/Run the same command again later/);
  });

  it('reports 401 at once without retrying and exits 3', async () => {
    // Prepare
    api = await startFakeApi(() =>
      problemReply(401, 'Unauthorized', 'Signature does not match the request body'),
    );

    // Act
    const { code, out } = await push(jsonl(spends(150)), api.url);

    // Assess
    expect(code).toBe(3);
    expect(api.requests).toHaveLength(1);
    expect(out).toMatch(
      /Stopped: HTTP 401 .*Signature does not match the request body \(check --client and --secret/,
    );
    expect(out).toMatch(/not sent\s+150/);
    expect(out).not.toMatch(/Run the same command again/);
  });

  it('signs again in a later second when the API says the signature was already used', async () => {
    // Prepare
    api = await startFakeApi((request, count) =>
      count === 0
        ? {
            status: 401,
            body: {
              type: PROBLEM_TYPES.signatureReplayed,
              title: 'Signature already used',
              status: 401,
              detail: 'This signature was already used; sign each request anew',
            },
          }
        : acceptAll(request),
    );

    // Act
    const { code } = await push(jsonl(spends(1)), api.url);

    // Assess
    expect(code).toBe(0);
    const [first, second] = api.requests.map((request) => String(request.headers[SIGNATURE_HEADER]));
    expect(second).not.toBe(first);
    expect(Number(second?.match(/t=(\d+)/)?.[1])).toBeGreaterThan(Number(first?.match(/t=(\d+)/)?.[1]));
  });

  it('lets two pushers of the same body part ways when their signatures collide', async () => {
    // Prepare: an API that refuses a signature it has seen, as the real one does
    const seen = new Set<string>();
    api = await startFakeApi((request) => {
      const signature = String(request.headers[SIGNATURE_HEADER]);
      if (seen.has(signature)) {
        return {
          status: 401,
          body: {
            type: PROBLEM_TYPES.signatureReplayed,
            title: 'Signature already used',
            status: 401,
            detail: 'This signature was already used; sign each request anew',
          },
        };
      }
      seen.add(signature);
      return acceptAll(request);
    });
    const path = jsonl(spends(2));
    const args = ['push', path, '--url', api.url, '--fresh', '--state', join(dir, 'collide.json')];
    const early = { ...fakeIo(), random: () => 0.1 };
    const late = { ...fakeIo(), random: () => 0.9 };

    // Act
    const codes = [await runCli(args, early), await runCli(args, late)];

    // Assess
    expect(codes).toEqual([0, 0]);
    expect(api.requests).toHaveLength(3);
    expect(late.stderr.text()).toMatch(/already used.*retrying in 3\.\d s/);
  });

  it('explains a refused connection, after retrying it', async () => {
    // Prepare
    const port = await closedPort();

    // Act
    const { code, out, err } = await push(jsonl(spends(2)), `http://127.0.0.1:${port}`);

    // Assess
    expect(code).toBe(3);
    expect(err).toMatch(
      /connection refused by http:\/\/127\.0\.0\.1:\d+ \(is the server running\?\) — retrying/,
    );
    expect(out).toMatch(/Stopped: connection refused by .* gave up after 6 attempts/);
  });

  it('reports events the server rejected with their line numbers and reasons, exiting 1', async () => {
    // Prepare
    api = await startFakeApi((request) => {
      const accepted = acceptAll(request).body as { results: Record<string, unknown>[] };
      const results = accepted.results.map((result) =>
        result.index === 1
          ? {
              index: 1,
              eventId: result.eventId,
              status: 'rejected',
              errors: [{ path: 'events.1.spend.channel', message: 'unknown channel' }],
            }
          : {
              ...result,
              status: result.index === 2 ? 'duplicate' : 'created',
              assessment: { ...(result.assessment as object), level: 'red' },
              caseId: 'case-1',
            },
      );
      return {
        status: 207,
        body: { results, summary: { created: 1, duplicate: 1, evaluated: 0, rejected: 1 } },
      };
    });
    const path = jsonl(['', ...spends(3)]);

    // Act
    const { code, out } = await push(path, api.url);

    // Assess
    expect(code).toBe(1);
    expect(out).toMatch(/sent\s+2 \(1 created, 1 duplicate\)/);
    expect(out).toMatch(/rejected\s+1\n\s+line 3 \(e-2\) \[server\]: spend\.channel: unknown channel/);
    expect(out).toMatch(/levels\s+red 2/);
    expect(out).toMatch(/cases\s+1 opened or joined/);
  });

  it('maps a 400 problem back to the events of the batch', async () => {
    api = await startFakeApi(() =>
      problemReply(400, 'Bad', 'No event of the batch matches the event contract', {
        members: { errors: [{ path: 'events.0.spend.currency', message: 'server says no' }] },
      }),
    );
    const { code, out } = await push(jsonl(spends(2)), api.url);
    expect(code).toBe(1);
    expect(out).toMatch(/line 1 \(e-1\) \[server\]: spend\.currency: server says no/);
    expect(out).toMatch(/line 2 \(e-2\) \[server\]: No event of the batch matches the event contract/);
  });

  it('splits a batch the server finds too large', async () => {
    api = await startFakeApi((request) =>
      eventIdsOf(request.body).length > 2 ? problemReply(413, 'Too large', 'too large') : acceptAll(request),
    );
    const { code } = await push(jsonl(spends(5)), api.url);
    expect(code).toBe(0);
    expect(api.requests.map((request) => eventIdsOf(request.body).length)).toEqual([5, 3, 2, 1, 2]);
  });

  it('validates locally: bad lines are reported by number and the others still go', async () => {
    // Prepare
    api = await startFakeApi(acceptAll);
    const path = jsonl([
      spendEvent({}, 'a'),
      '{oops',
      { ...sentimentEvent(), eventId: 'b', sentiment: { ...sentimentEvent().sentiment, negative: 5000 } },
      adCopyEvent({}, 'c'),
      spendEvent({}, 'a'),
    ]);

    // Act
    const { code, out } = await push(path, api.url);

    // Assess
    expect(code).toBe(1);
    expect(api.requests.flatMap((request) => eventIdsOf(request.body))).toEqual(['a', 'c']);
    expect(out).toMatch(/line 2: not valid JSON/);
    expect(out).toMatch(/line 3 \(b\): sentiment\.negative: negative must not exceed mentions/);
    expect(out).toMatch(/line 5 \(a\): eventId: "a" is already used on line 1/);
  });

  it('remembers sent events per target: another URL starts over', async () => {
    // Prepare: the server dies after the first batch
    api = await startFakeApi((request, count) =>
      count === 0 ? acceptAll(request) : problemReply(503, 'Down', 'down'),
    );
    const path = jsonl(spends(150));

    // Act
    const first = await push(path, api.url, ['--retries', '1']);
    await api.close();
    api = await startFakeApi(acceptAll);
    const second = await push(path, api.url);

    // Assess
    expect(first.code).toBe(3);
    expect(first.out).toMatch(/sent\s+100 .*\n[\s\S]*not sent\s+50/);
    const state = JSON.parse(readFileSync(`${path}.push-state.json`, 'utf8')) as {
      targets: Record<string, { sent: string[] }>;
    };
    expect(Object.values(state.targets)[0]?.sent).toHaveLength(100);
    // Another URL is another target: the resume file does not apply to it, idempotency does.
    expect(second.out).toMatch(/sent\s+150/);
  });

  it('resumes against the same target, sending only what is missing', async () => {
    // Prepare
    let up = false;
    api = await startFakeApi((request, count) =>
      count === 0 || up ? acceptAll(request) : problemReply(503, 'Down', 'down'),
    );
    const path = jsonl(spends(150));
    const first = await push(path, api.url, ['--retries', '0']);
    up = true;
    const before = api.requests.length;

    // Act
    const second = await push(path, api.url);

    // Assess
    expect(first.code).toBe(3);
    expect(second.code).toBe(0);
    const resent = api.requests.slice(before).flatMap((request) => eventIdsOf(request.body));
    expect(resent).toEqual(
      spends(150)
        .slice(100)
        .map((event) => event.eventId),
    );
    expect(second.out).toMatch(/skipped\s+100 already sent/);
    expect(second.out).toMatch(/sent\s+50/);

    // --fresh sends everything again
    const third = await push(path, api.url, ['--fresh']);
    expect(third.out).toMatch(/sent\s+150/);
  });

  it('writes the state file where --state says', async () => {
    api = await startFakeApi(acceptAll);
    const state = join(dir, 'custom-state.json');
    const path = jsonl(spends(2));
    await push(path, api.url, ['--state', state]);
    expect(existsSync(state)).toBe(true);
    expect(existsSync(`${path}.push-state.json`)).toBe(false);
  });

  it('reads CSV from standard input with --format', async () => {
    // Prepare
    api = await startFakeApi(acceptAll);
    const csv =
      'eventId,type,occurredAt,source,copyId,text,lang,market,category,brand\nc-1,ad-copy,2026-11-22T09:00:00Z,cms,c-1,"最佳, 第一",zh,CN,cosmetics,Acme\n';
    const io = fakeIo({ stdin: csv });

    // Act
    const code = await runCli(['push', '-', '--format', 'csv', '--url', api.url], io);

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(api.requests[0]?.body ?? '{}')).toMatchObject({
      events: [{ copy: { text: '最佳, 第一' } }],
    });
    expect(api.requests[0]?.headers[CLIENT_HEADER]).toBe('local-pusher');
  });

  it('takes the target from RADAR_URL, RADAR_CLIENT_ID and RADAR_CLIENT_SECRET', async () => {
    api = await startFakeApi(acceptAll);
    const io = fakeIo({
      env: { RADAR_URL: `${api.url}/v1`, RADAR_CLIENT_ID: 'env-client', RADAR_CLIENT_SECRET: 'env-secret' },
    });
    expect(await runCli(['push', jsonl(spends(1))], io)).toBe(0);
    const request = api.requests[0];
    expect(request?.headers[CLIENT_HEADER]).toBe('env-client');
    expect(
      verifySignature({
        header: String(request?.headers[SIGNATURE_HEADER]),
        request: { method: 'POST', path: '/v1/events', body: request?.body ?? '' },
        secrets: ['env-secret'],
        now: new Date('2026-11-22T09:00:30Z'),
      }).ok,
    ).toBe(true);
  });

  it('draws a progress bar at a terminal', async () => {
    api = await startFakeApi(acceptAll);
    const io = fakeIo({ tty: true });
    await runCli(['push', jsonl(spends(150)), '--url', api.url], io);
    expect(io.stderr.text()).toContain('\r\u001b[2K[████████████████████████] 150/150 events');
  });

  it.each([
    [
      'a missing file',
      ['push', join(tmpdir(), 'no-such-radar-file.csv')],
      /Cannot read .*no-such-radar-file\.csv: no such file/,
    ],
    ['no file', ['push'], /Give the file of events to push/],
    ['an unknown extension', ['push', 'events.txt'], /Cannot tell the format of events\.txt/],
    ['stdin without --format', ['push', '-'], /--format csv\|jsonl is required/],
    ['a bad --retries', ['push', 'a.csv', '--retries', 'many'], /--retries must be a whole number/],
    ['a bad --url', ['push', 'a.csv', '--url', 'ftp://x'], /--url must be an http\(s\) URL/],
  ])('exits 2 for %s', async (_case, argv, message) => {
    const io = fakeIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr.text()).toMatch(message);
  });

  it('exits 2 for a CSV with wrong columns, before sending anything', async () => {
    // Prepare
    api = await startFakeApi(acceptAll);
    const path = join(dir, 'wrong.csv');
    writeFileSync(path, 'id,kind,when\n1,spend,today\n');
    const io = fakeIo();

    // Act
    const code = await runCli(['push', path, '--url', api.url], io);

    // Assess
    expect(code).toBe(2);
    expect(io.stderr.text()).toMatch(
      /unknown columns "id", "kind", "when"; missing columns "eventId", "type", "occurredAt", "source"/,
    );
    expect(api.requests).toHaveLength(0);
  });
});
