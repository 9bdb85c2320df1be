import { ENV } from '#shared/config.ts';
import { type LocalUser, parseLocalUsers } from './local-env.ts';
import type { LocalStack } from './stack.ts';

/** What a `RADAR_USERS` person may see, in words: `Acme · VN, TH`, `all brands · VN`, `everything`. */
export const scopeWords = (user: Pick<LocalUser, 'brands' | 'markets'>): string => {
  const brands = user.brands?.length ? user.brands.join(', ') : undefined;
  const markets = user.markets?.length ? user.markets.join(', ') : undefined;
  if (brands === undefined && markets === undefined) return 'everything';
  return `${brands ?? 'all brands'} · ${markets ?? 'all markets'}`;
};

/** The `RADAR_USERS` people, one line each: who, roles, scope, and the token to sign in with. */
export const peopleLines = (users: readonly LocalUser[]): string[] =>
  users.length === 0
    ? []
    : [
        '',
        `  People (${ENV.users}; web app: sign in with the token)`,
        ...users.map(
          (user) =>
            `    ${user.name} (${user.roles.length > 0 ? user.roles.join(', ') : 'no role'}; sees ${scopeWords(user)})   Authorization: Bearer ${user.token}`,
        ),
      ];

/**
 * What `npm start` prints once the stack is up: where the API is, where data lives, and the dev
 * credentials of each role, so a newcomer can make a first call without reading code.
 *
 * @example console.log(banner(stack));
 */
export const banner = (stack: LocalStack): string => {
  const { credentials } = stack;
  const data =
    stack.databaseDir === undefined
      ? 'in memory (nothing is kept after Ctrl-C)'
      : `${stack.databaseDir} (kept across restarts; --in-memory keeps nothing)`;
  return [
    '',
    'Marketing Risk Radar is running locally',
    '',
    `  Web app    ${stack.url}/   (legal and managers: sign in with the dev buttons)`,
    `  API        ${stack.url}/v1   (try: curl ${stack.url}/v1/health)`,
    `  Data       ${data}`,
    `  Outbox     ${stack.outboxFile}   (red escalations, one SNS Publish input per line)`,
    ...[...stack.schedules()].map(
      ([id, at]) => `  Schedule   ${id} next at ${at.toISOString()}   (npm run digest -- ${id} runs it now)`,
    ),
    '',
    '  Dev credentials',
    `    ingest   x-radar-client: ${credentials.clientId}   secret: ${credentials.clientSecret}`,
    '             x-radar-signature: t=<unix seconds>,v2=<hex HMAC-SHA256(secret, "<t>.<METHOD>.<path>.<raw body>")>',
    `    legal    Authorization: Bearer ${credentials.legalToken}`,
    `    manager  Authorization: Bearer ${credentials.managerToken}`,
    '             (both see every brand and market)',
    ...peopleLines(parseLocalUsers(stack.env[ENV.users])),
    '',
    '  README.md (Quick start) has a copy-paste example: sign, push a spend event, see the red case.',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
};
