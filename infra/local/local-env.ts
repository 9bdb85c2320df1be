import { join } from 'node:path';
import * as z from 'zod';
import { ENV } from '#shared/config.ts';
import { ConfigurationError } from '#shared/errors.ts';
import type { LocalPerson, TokenGroups } from './cognito-claims.ts';

/** The dev credentials of each role, printed at start-up. */
export interface DevCredentials {
  /** Pushers (`ingest` role) sign requests with this id and secret. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** `Authorization: Bearer <token>` for the `legal` group. */
  readonly legalToken: string;
  /** `Authorization: Bearer <token>` for the `manager` group. */
  readonly managerToken: string;
}

export const DEFAULT_TABLE_NAME = 'risk-radar';

/**
 * Development defaults: fixed, documented and obviously not secrets, so the README's copy-paste example
 * works on every machine. Any of them can be overridden through the environment.
 */
const DEFAULTS = {
  [ENV.clientId]: 'local-pusher',
  [ENV.clientSecret]: 'local-dev-secret-change-me',
  [ENV.legalToken]: 'dev-legal-token',
  [ENV.managerToken]: 'dev-manager-token',
  [ENV.escalationTopicArn]: 'arn:aws:sns:us-east-1:000000000000:risk-radar-escalations-local',
  [ENV.digestTopicArn]: 'arn:aws:sns:us-east-1:000000000000:risk-radar-digest-local',
  [ENV.redAckSlaHours]: '4',
  [ENV.region]: 'us-east-1',
  // What the local automation receiver (infra/local/automation-receiver.ts) checks guarded actions' signatures with.
  [ENV.automationSecret]: 'local-automation-secret-change-me',
  // Embedded-metric JSON on the terminal helps nobody locally; set it to false to see what CloudWatch would get.
  POWERTOOLS_METRICS_DISABLED: 'true',
  // The SDK insists on credentials; DynamoDB Local accepts any.
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
} as const;

/**
 * The environment the handlers run with locally, in order of precedence: explicit overrides, the
 * variables already set in the shell, then the defaults. The endpoint, table and `RADAR_LOCAL` always
 * come from the stack itself, because they describe what it started.
 *
 * @example localEnv({ shell: process.env, overrides: {}, dataDir: '.data', dynamoEndpoint, tableName: 'risk-radar' })
 */
export const localEnv = (input: {
  readonly shell: Readonly<Record<string, string | undefined>>;
  readonly overrides: Readonly<Record<string, string>>;
  readonly dataDir: string;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
}): Record<string, string> => {
  const pick = (name: string, fallback: string): string => {
    const value = input.overrides[name] ?? input.shell[name];
    return value === undefined || value === '' ? fallback : value;
  };
  const env: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(DEFAULTS)) env[name] = pick(name, fallback);
  env[ENV.outboxFile] = pick(ENV.outboxFile, join(input.dataDir, 'outbox.jsonl'));
  // People with names and scopes come from the shell as readily as from the caller (`RADAR_USERS=… npm start`).
  const users = pick(ENV.users, '');
  if (users !== '') env[ENV.users] = users;
  env[ENV.tableName] = input.tableName;
  env[ENV.dynamodbEndpoint] = input.dynamoEndpoint;
  env[ENV.local] = '1';
  // SNS_ENDPOINT and anything else the caller passes go through untouched.
  return { ...input.overrides, ...env };
};

export const credentialsOf = (env: Readonly<Record<string, string>>): DevCredentials => ({
  clientId: env[ENV.clientId] ?? DEFAULTS[ENV.clientId],
  clientSecret: env[ENV.clientSecret] ?? DEFAULTS[ENV.clientSecret],
  legalToken: env[ENV.legalToken] ?? DEFAULTS[ENV.legalToken],
  managerToken: env[ENV.managerToken] ?? DEFAULTS[ENV.managerToken],
});

/** One person of `RADAR_USERS`: no brands or markets means every brand or market. */
const LocalUserSchema = z.strictObject({
  token: z.string().min(8, 'a token of at least 8 characters'),
  name: z.string().trim().min(1),
  /** The sign-in name audit trails and owners use; default the name. */
  username: z.string().trim().min(1).optional(),
  email: z.email().optional(),
  /** `[]` signs in a person in no group: every route refuses them (403), as Cognito does such a user. */
  roles: z.array(z.enum(['legal', 'manager'])),
  brands: z.array(z.string().trim().min(1)).optional(),
  markets: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2}$/, 'a two-letter market code'),
    )
    .optional(),
});
export type LocalUser = z.infer<typeof LocalUserSchema>;

/**
 * Reads `RADAR_USERS` (a JSON list of people); an error names the entry and the field.
 * @example parseLocalUsers('[{"token":"acme-legal-token","name":"Lan","roles":["legal"],"brands":["Acme"]}]')
 */
export const parseLocalUsers = (text: string | undefined): LocalUser[] => {
  if (text === undefined || text.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${ENV.users} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = z.array(LocalUserSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the list';
    throw new ConfigurationError(`${ENV.users}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const tokens = new Set<string>();
  for (const user of parsed.data) {
    if (tokens.has(user.token))
      throw new ConfigurationError(`${ENV.users}: the token of ${user.name} is used twice`);
    tokens.add(user.token);
  }
  return parsed.data;
};

/**
 * The local Cognito emulation: each dev token stands for its group (one token may hold both), and each
 * `RADAR_USERS` person for their roles, name and scope. A person's token may not reuse a dev token.
 */
export const tokenGroupsOf = (credentials: DevCredentials, users: readonly LocalUser[] = []): TokenGroups => {
  const groups: Record<string, string[]> = {};
  groups[credentials.legalToken] = ['legal'];
  groups[credentials.managerToken] = [...(groups[credentials.managerToken] ?? []), 'manager'];
  const people: Record<string, readonly string[] | LocalPerson> = { ...groups };
  for (const user of users) {
    if (Object.hasOwn(groups, user.token))
      throw new ConfigurationError(`${ENV.users}: ${user.name}'s token is already a dev token`);
    people[user.token] = {
      groups: user.roles,
      username: user.username ?? user.name,
      name: user.name,
      ...(user.email === undefined ? {} : { email: user.email }),
      ...(user.brands === undefined ? {} : { brands: user.brands }),
      ...(user.markets === undefined ? {} : { markets: user.markets }),
    };
  }
  return people;
};
