import { createServer, type Server } from 'node:http';
import { PortInUseError } from '#shared/errors.ts';

export interface Listening {
  readonly url: string;
  readonly port: number;
}

/**
 * Binds the server to `host:port` (port 0 picks a free one) and resolves with the address actually bound.
 *
 * @example const { url } = await listen(server, 0); // 'http://127.0.0.1:39211'
 * @throws {PortInUseError} when the port is taken.
 */
export const listen = (server: Server, port: number, host = '127.0.0.1'): Promise<Listening> =>
  new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        'code' in error && error.code === 'EADDRINUSE'
          ? new PortInUseError('HTTP server', port, { cause: error })
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      resolve({ url: `http://${host}:${bound}`, port: bound });
    });
  });

/**
 * Stops accepting connections and resolves once in-flight requests have been answered. Keep-alive
 * connections are closed as soon as they fall idle (otherwise a browser's open socket would hold the
 * shutdown for seconds); after `graceMs` (API Gateway's 29 s integration timeout plus a margin) the
 * remaining connections are cut.
 */
export const closeServer = (server: Server, graceMs = 30_000): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const sweeper = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close((error) => {
      clearInterval(sweeper);
      clearTimeout(deadline);
      if (error === undefined) resolve();
      else reject(error);
    });
    server.closeIdleConnections();
  });

/**
 * Fails with {@link PortInUseError} when `host:port` cannot be bound right now (port 0 always can).
 * A start-up check only: the port could still be taken before the real `listen`, which reports it the same way.
 */
export const assertPortFree = async (port: number, host = '127.0.0.1'): Promise<void> => {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, host);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
};
