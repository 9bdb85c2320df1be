import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CliIo, OutputStream } from '../../cli/io.ts';

/** A stream that keeps what is written, optionally pretending to be a terminal. */
export interface Captured extends OutputStream {
  text(): string;
}

export const captured = (isTTY = false): Captured => {
  let text = '';
  return {
    isTTY,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    text: () => text,
  };
};

export interface FakeIo extends CliIo {
  readonly stdout: Captured;
  readonly stderr: Captured;
  /** Every delay the command asked for, in order. */
  readonly sleeps: number[];
}

/**
 * An IO with buffers for output, the given stdin, and a virtual clock that `sleep` advances at once, so
 * retries and backoff take no real time and stay observable.
 */
export const fakeIo = (
  options: {
    stdin?: string;
    stdinIsTTY?: boolean;
    env?: Record<string, string>;
    cwd?: string;
    tty?: boolean;
    now?: Date;
  } = {},
): FakeIo => {
  let clock = (options.now ?? new Date('2026-11-22T09:00:00.250Z')).getTime();
  const sleeps: number[] = [];
  const input = options.stdin ?? '';
  return {
    stdout: captured(options.tty ?? false),
    stderr: captured(options.tty ?? false),
    stdin: {
      isTTY: options.stdinIsTTY ?? false,
      async *[Symbol.asyncIterator]() {
        if (input !== '') yield Buffer.from(input, 'utf8');
      },
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => new Date(clock),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    fetch: globalThis.fetch,
    sleeps,
  };
};

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface FakeApi {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A throwaway API on 127.0.0.1:0 answering each request with `reply` (given the request and how many came
 * before it), recording everything it received.
 */
export const startFakeApi = async (
  reply: (request: RecordedRequest, count: number) => FakeReply,
): Promise<FakeApi> => {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const answer = reply(request, requests.length - 1);
      const isProblem = answer.status >= 400;
      res.writeHead(answer.status, {
        'content-type': isProblem ? 'application/problem+json' : 'application/json',
        ...answer.headers,
      });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

/**
 * The API's answer to a request it refuses: an RFC 9457 problem, with any extra members (`errors`) and
 * response headers (`retry-after`).
 */
export const problemReply = (
  status: number,
  title: string,
  detail: string,
  extra: { readonly members?: Record<string, unknown>; readonly headers?: Record<string, string> } = {},
): FakeReply => ({
  status,
  body: { type: 'about:blank', title, status, detail, ...extra.members },
  ...(extra.headers === undefined ? {} : { headers: extra.headers }),
});

/** The body the real API gives a batch it accepted: every event created, green, without a case. */
export const acceptAll = (request: RecordedRequest): FakeReply => {
  const { events } = JSON.parse(request.body) as { events: { eventId: string }[] };
  return {
    status: 200,
    body: {
      results: events.map((event, index) => ({
        index,
        eventId: event.eventId,
        status: 'created',
        caseId: null,
        assessment: {
          level: 'green',
          probability: 'low',
          impact: 'minor',
          findings: [],
          engine: { rulesVersion: 'test', matrixVersion: 'test' },
        },
      })),
      summary: { created: events.length, duplicate: 0, evaluated: 0, rejected: 0 },
    },
  };
};

/** A port nothing listens on: bound, then released. */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/**
 * The real clock, network and delays, with the output captured: the CLI as a user runs it against a real
 * local stack.
 *
 * @example const { io, stdout } = realIo(dataDir); await runCli(['check', …], io);
 */
export const realIo = (cwd: string, env: Record<string, string> = {}) => {
  const stdout = captured();
  const stderr = captured();
  const io: CliIo = {
    stdout,
    stderr,
    stdin: { async *[Symbol.asyncIterator]() {} },
    env,
    cwd,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    fetch: globalThis.fetch,
  };
  return { io, stdout, stderr };
};
