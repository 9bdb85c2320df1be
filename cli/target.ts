import { credentialsOf } from '#infra/local/local-env.ts';
import { ENV } from '#shared/config.ts';
import { UsageError } from '#shared/errors.ts';
import type { CliIo } from './io.ts';
import type { Target } from './push/send-batch.ts';

/** Where `npm start` listens by default. */
export const LOCAL_URL = 'http://127.0.0.1:3000';
export const URL_VARIABLE = 'RADAR_URL';

/** The local stack's dev credentials (client, secret, tokens), unless the shell overrides them. */
const LOCAL = credentialsOf({});

const fromEnv = (io: CliIo, name: string): string | undefined => {
  const value = io.env[name];
  return value === undefined || value === '' ? undefined : value;
};

/** @example baseUrl('http://127.0.0.1:3000/v1/') // 'http://127.0.0.1:3000' */
export const baseUrl = (text: string): string => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be an http(s) URL such as ${LOCAL_URL}, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be an http(s) URL such as ${LOCAL_URL}, got "${text}"`);
  }
  // People paste the API's URL with its stage path; routes are added by the CLI.
  return url.href.replace(/\/+$/, '').replace(/\/v1$/, '');
};

/**
 * The API and credentials, each from its option, else the environment (`RADAR_URL`, `RADAR_CLIENT_ID`,
 * `RADAR_CLIENT_SECRET`), else the local stack's dev defaults.
 */
export const resolveTarget = (
  io: CliIo,
  options: {
    readonly url?: string | undefined;
    readonly client?: string | undefined;
    readonly secret?: string | undefined;
  },
): Target & { readonly defaultSecret: boolean } => {
  const secret = options.secret ?? fromEnv(io, ENV.clientSecret);
  return {
    url: baseUrl(options.url ?? fromEnv(io, URL_VARIABLE) ?? LOCAL_URL),
    clientId: options.client ?? fromEnv(io, ENV.clientId) ?? LOCAL.clientId,
    secret: secret ?? LOCAL.clientSecret,
    defaultSecret: secret === undefined,
  };
};

/** The options of every command that pushes signed events: where to, as whom, and how often to retry. */
export const PUSHER_OPTIONS = {
  url: { type: 'string' },
  client: { type: 'string' },
  secret: { type: 'string' },
  retries: { type: 'string' },
} as const;

/** The manager's bearer token for reading cases locally: `RADAR_MANAGER_TOKEN` or the dev default. */
export const managerToken = (io: CliIo): string => fromEnv(io, ENV.managerToken) ?? LOCAL.managerToken;

/** Whether a URL is this machine (the dev secret is fine there and nowhere else). */
export const isLocal = (url: string): boolean => {
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
};
