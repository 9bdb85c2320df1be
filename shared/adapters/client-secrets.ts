import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { ConfigurationError, ENV, optional } from '#shared/config.ts';
import type { ClientSecrets } from '#shared/ports.ts';

/** How long a fetched secret is trusted before Secrets Manager is asked again (rotation takes effect). */
const SECRET_CACHE_SECONDS = 300;

/**
 * Pushers' HMAC secrets from one Secrets Manager secret holding `{ "<clientId>": "<secret>" }`, cached by
 * Powertools so a warm function does not call Secrets Manager per request.
 */
export class SecretsManagerClientSecrets implements ClientSecrets {
  readonly #secretId: string;

  constructor(secretId: string) {
    this.#secretId = secretId;
  }

  async secretOf(clientId: string): Promise<string | undefined> {
    const secrets = await getSecret<Record<string, unknown>>(this.#secretId, {
      transform: 'json',
      maxAge: SECRET_CACHE_SECONDS,
    });
    const secret = secrets?.[clientId];
    return typeof secret === 'string' && secret.length > 0 ? secret : undefined;
  }
}

/** One client from environment variables: the local stack and tests. */
export class StaticClientSecrets implements ClientSecrets {
  readonly #secrets: ReadonlyMap<string, string>;

  constructor(secrets: Readonly<Record<string, string>>) {
    this.#secrets = new Map(Object.entries(secrets));
  }

  async secretOf(clientId: string): Promise<string | undefined> {
    return this.#secrets.get(clientId);
  }
}

/** Secrets Manager when CLIENT_SECRETS_ARN is set (AWS), else RADAR_CLIENT_ID / RADAR_CLIENT_SECRET. */
export const clientSecretsFromEnv = (): ClientSecrets => {
  const arn = optional(ENV.clientSecretsArn);
  if (arn !== undefined) return new SecretsManagerClientSecrets(arn);
  const clientId = optional(ENV.clientId);
  const secret = optional(ENV.clientSecret);
  if (clientId === undefined || secret === undefined) {
    throw new ConfigurationError(
      `Set ${ENV.clientSecretsArn} (AWS) or ${ENV.clientId} and ${ENV.clientSecret} (local) to verify pushers' signatures`,
    );
  }
  return new StaticClientSecrets({ [clientId]: secret });
};
