import { createServer } from 'node:net';

/**
 * Asks the operating system for a TCP port nobody listens on, by binding port 0 and releasing it.
 * Another process could take the port between this call and its use; for a test run or a developer
 * machine that window is small enough, and the caller reports a clear error if it happens.
 *
 * @example const port = await findFreePort(); // e.g. 43117
 */
export const findFreePort = (host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => {
        if (port === undefined) reject(new Error('Could not determine a free port'));
        else resolve(port);
      });
    });
  });
