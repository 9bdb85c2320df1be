/**
 * Environment variables, read once at cold start. A missing required variable fails loudly with its name
 * rather than at the first request. Only the adapters and function entry points read configuration; the
 * domain never touches process.env.
 */

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

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
  /** Secrets Manager secret holding the pushers' HMAC secrets as JSON `{ "<clientId>": "<secret>" }` (AWS). */
  clientSecretsArn: 'CLIENT_SECRETS_ARN',
  /** Local/dev: one pusher's id and secret instead of Secrets Manager. */
  clientId: 'RADAR_CLIENT_ID',
  clientSecret: 'RADAR_CLIENT_SECRET',
  /** Local/dev: bearer tokens the local HTTP adapter maps to Cognito group claims. */
  legalToken: 'RADAR_LEGAL_TOKEN',
  managerToken: 'RADAR_MANAGER_TOKEN',
  /** Overrides the DynamoDB endpoint (DynamoDB Local). */
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  /** Overrides the SNS endpoint; locally, setting it makes the notify handler really publish. */
  snsEndpoint: 'SNS_ENDPOINT',
  /** Local: where escalations are appended as JSON lines when no SNS endpoint is configured. */
  outboxFile: 'RADAR_OUTBOX_FILE',
  /** Set by the local stack; selects the outbox file instead of SNS unless SNS_ENDPOINT is set. */
  local: 'RADAR_LOCAL',
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
