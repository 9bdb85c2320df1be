import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildWebApp, type WebConfig, type WebFile } from '../../web/build.ts';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../../web/headers.ts';
import type { LocalLogger } from './logger.ts';

/** Answers a request for the web app and returns true, or returns false to leave it to the API. */
export type SiteHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface StaticSiteOptions {
  /** Served as `/config.json`: how the app finds the API and signs people in. */
  readonly config: WebConfig;
  /** The built app; built now (web/build.ts) when not given. */
  readonly files?: readonly WebFile[];
  readonly logger?: LocalLogger;
}

const CSP = contentSecurityPolicy();

/**
 * The web app on the local stack, as CloudFront serves it in AWS: the bundle from memory (built with
 * esbuild at start-up, so `npm start` needs no separate build), `config.json` with the dev sign-in, the
 * same security headers, and the app's `index.html` for every other path (client-side routes such as
 * `/cases/c-1` survive a reload). `/v1` is never handled here.
 *
 * @example createLocalApi({ functions, tokens, site: createStaticSite({ config: { mode: 'local', apiBaseUrl: '' } }) });
 */
export const createStaticSite = (options: StaticSiteOptions): SiteHandler => {
  const files = new Map<string, WebFile>();
  let failure: string | undefined;
  try {
    for (const file of options.files ?? buildWebApp()) files.set(file.path, file);
  } catch (error) {
    // The API still works without the page; say why the page is missing instead of failing start-up.
    failure = error instanceof Error ? error.message : String(error);
    options.logger?.error('The web app could not be built; the API runs without it', error);
  }
  const config = Buffer.from(JSON.stringify(options.config));

  return (request, response) => {
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (path === '/v1' || path.startsWith('/v1/')) return false;

    const send = (status: number, type: string, body: Uint8Array, cache: string): void => {
      response.statusCode = status;
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
      response.setHeader('Content-Security-Policy', CSP);
      response.setHeader('Content-Type', type);
      response.setHeader('Cache-Control', cache);
      response.setHeader('Content-Length', body.byteLength);
      response.end(method === 'HEAD' ? undefined : body);
    };

    if (failure !== undefined) {
      send(
        503,
        'text/plain; charset=utf-8',
        Buffer.from(`The web app could not be built: ${failure}\n`),
        'no-store',
      );
      return true;
    }
    if (path === '/config.json') {
      send(200, 'application/json; charset=utf-8', config, 'no-store');
      return true;
    }
    const file = files.get(path);
    if (file !== undefined) {
      send(
        200,
        file.contentType,
        file.contents,
        file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      return true;
    }
    // A missing asset is a 404; anything else is a client-side route of the app.
    const index = files.get('/index.html');
    if (/\.[A-Za-z0-9]+$/.test(path) || index === undefined) {
      send(404, 'text/plain; charset=utf-8', Buffer.from('Not found\n'), 'no-store');
      return true;
    }
    send(200, index.contentType, index.contents, 'no-cache');
    return true;
  };
};
