import * as z from 'zod/mini';
import { ConfigurationError } from '#shared/errors.ts';
import { parseAudiences } from '#shared/i18n/audiences.ts';

/**
 * Environment variables, read once at cold start through one schema (`loadConfig`). A missing required variable fails loudly with its name
 * rather than at the first request. Only the adapters and function entry points read configuration; the
 * domain never touches process.env.
 */

/** The names of every variable the functions and the local stack understand, in one place. */
export const ENV = {
  /** The single table (shared/table.ts). */
  tableName: 'TABLE_NAME',
  /** The SNS topic red escalations go to. */
  escalationTopicArn: 'ESCALATION_TOPIC_ARN',
  /** The SNS topic the daily digest of yellow cases goes to. */
  digestTopicArn: 'DIGEST_TOPIC_ARN',
  /** Hours a red case may stay unacknowledged before a tier-2 escalation (default 4). */
  redAckSlaHours: 'RED_ACK_SLA_HOURS',
  /** Seconds a function keeps the active policy versions before reading them again (default 5; 0 reads every time). */
  policyRefreshSeconds: 'POLICY_REFRESH_SECONDS',
  /** Secrets Manager secret holding the pushers' HMAC secrets as JSON `{ "<clientId>": "<secret>" }` (AWS). */
  clientSecretsArn: 'CLIENT_SECRETS_ARN',
  /** Local/dev: one pusher's id and secret instead of Secrets Manager. */
  clientId: 'RADAR_CLIENT_ID',
  clientSecret: 'RADAR_CLIENT_SECRET',
  /** Local/dev: bearer tokens the local HTTP adapter maps to Cognito group claims. */
  legalToken: 'RADAR_LEGAL_TOKEN',
  managerToken: 'RADAR_MANAGER_TOKEN',
  /**
   * Local/dev: people with names and scopes, as a JSON list
   * `[{ "token", "name", "roles": ["legal"], "brands": ["Acme"], "markets": ["VN"] }]` (infra/local/local-env.ts).
   */
  users: 'RADAR_USERS',
  /** Overrides the DynamoDB endpoint (DynamoDB Local). */
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  /** Overrides the SNS endpoint; locally, setting it makes the notify handler really publish. */
  snsEndpoint: 'SNS_ENDPOINT',
  /** Local: where escalations are appended as JSON lines when no SNS endpoint is configured. */
  outboxFile: 'RADAR_OUTBOX_FILE',
  /** Set by the local stack; selects the outbox file instead of SNS unless SNS_ENDPOINT is set. */
  local: 'RADAR_LOCAL',
  /** The web app's public URL: notifications link to a case there (`<WEB_URL>/cases/<id>`). */
  webUrl: 'WEB_URL',
  /** AWS: the SSM parameter the web stack writes its CloudFront URL to, read when WEB_URL is unset. */
  webUrlParameter: 'WEB_URL_PARAMETER',
  /**
   * The audiences notifications are written for, `lang@timeZone` comma-separated (set by CDK from the
   * manager subscriptions; default `en@UTC`): one message per audience (shared/i18n/audiences.ts).
   */
  notifyAudiences: 'NOTIFY_AUDIENCES',
  /** The customer's automation endpoint guarded actions are POSTed to (README "Guarded actions"). */
  automationWebhookUrl: 'AUTOMATION_WEBHOOK_URL',
  /** AWS: the Secrets Manager secret (a plain string) the action webhook is signed with. */
  automationSecretArn: 'AUTOMATION_SECRET_ARN',
  /** Local/dev: the action webhook's signing secret instead of Secrets Manager. */
  automationSecret: 'AUTOMATION_SECRET',
  region: 'AWS_REGION',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** A required variable, or a ConfigurationError naming it. */
export const required = (name: string, env: Env = process.env): string => {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigurationError(`Missing required environment variable ${name}`);
  }
  return value;
};

/** An optional variable; empty counts as unset. */
export const optional = (name: string, env: Env = process.env): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
};

type EnvKey = keyof typeof ENV;

const text = z.optional(z.string());
const arn = (service: string) =>
  z.optional(
    z.string().check(z.regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), `must be an ${service} ARN`)),
  );
const url = z.optional(z.url({ error: 'must be a URL such as http://127.0.0.1:8000' }));

/**
 * Seconds a function trusts the active policy versions it read: a published policy is in force everywhere
 * within this (plus one request), well inside the minute docs/policies.md promises.
 */
export const DEFAULT_POLICY_REFRESH_SECONDS = 5;

/** Hours a red case may stay unacknowledged before a tier-2 escalation (the practice asks for a reply within 24 h). */
export const DEFAULT_RED_ACK_SLA_HOURS = 4;

/** The audiences a `NOTIFY_AUDIENCES` value names, or undefined when it is malformed. */
const audiencesOf = (value: string) => {
  try {
    return parseAudiences(value);
  } catch {
    return undefined;
  }
};

/**
 * Every variable the functions and the local stack understand, in one schema: formats are checked when a
 * function starts, so a typo fails the cold start with the variable's name instead of a request later.
 * Whether a variable is required depends on the function; `requireSetting` says so when one reads it.
 */
export const ConfigSchema = z.object({
  ...(Object.fromEntries(Object.keys(ENV).map((key) => [key, text])) as Record<EnvKey, typeof text>),
  escalationTopicArn: arn('sns'),
  digestTopicArn: arn('sns'),
  clientSecretsArn: arn('secretsmanager'),
  automationSecretArn: arn('secretsmanager'),
  automationWebhookUrl: url,
  dynamodbEndpoint: url,
  snsEndpoint: url,
  notifyAudiences: z.optional(
    z
      .string()
      .check(
        z.refine(
          (value) => audiencesOf(value) !== undefined,
          'must be lang@timeZone pairs such as en@UTC,zh-CN@Asia/Shanghai (lang en, zh-CN or vi)',
        ),
      ),
  ),
  policyRefreshSeconds: z._default(
    z.coerce
      .number({ error: 'must be a number of seconds' })
      .check(z.minimum(0, 'must be 0 or more seconds'), z.maximum(55, 'must be at most 55 seconds')),
    DEFAULT_POLICY_REFRESH_SECONDS,
  ),
  redAckSlaHours: z._default(
    z.coerce
      .number({ error: 'must be a number of hours' })
      .check(z.positive('must be a positive number of hours')),
    DEFAULT_RED_ACK_SLA_HOURS,
  ),
});
export type Config = z.infer<typeof ConfigSchema>;

/**
 * Reads every variable of `ENV` from `env` (an empty value counts as unset) through `ConfigSchema`, or
 * throws a ConfigurationError naming each malformed variable. Function entry points call it once, at cold
 * start (functions/dependencies/config.ts).
 *
 * @example loadConfig({ TABLE_NAME: 'radar', RED_ACK_SLA_HOURS: '2' }).redAckSlaHours // 2
 */
export const loadConfig = (env: Env = process.env): Config => {
  const raw = Object.fromEntries(Object.entries(ENV).map(([key, name]) => [key, optional(name, env)]));
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0]) as EnvKey;
    return `${ENV[key] ?? key} ${issue.message}`;
  });
  throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
};

/** A setting the caller cannot do without, or a ConfigurationError naming its variable. */
export const requireSetting = <K extends EnvKey>(config: Config, key: K): NonNullable<Config[K]> => {
  const value = config[key];
  if (value === undefined || value === null) {
    throw new ConfigurationError(`Missing required environment variable ${ENV[key]}`);
  }
  return value as NonNullable<Config[K]>;
};
