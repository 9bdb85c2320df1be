import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { type Config, ENV } from '#shared/config.ts';
import { ConfigurationError } from '#shared/errors.ts';
import type { ClientSecrets } from '#shared/ports.ts';

/** How long a fetched secret is trusted before Secrets Manager is asked again. */
const SECRET_CACHE_SECONDS = 300;
/**
 * The least time between two reads that bypass the cache (after a signature did not match): a rotated
 * secret or a new client is picked up at once, yet a flood of bad signatures costs at most one
 * Secrets Manager call per execution environment in this time.
 */
const FRESH_READ_INTERVAL_MS = 30_000;
/** At most this many secrets per client: the new one and the one it replaces. */
const MAX_SECRETS_PER_CLIENT = 2;

/**
 * A client's entry in the secret JSON: `"<secret>"`, or `["<new>", "<old>"]` while it rotates.
 *
 * @example
 * secretsIn(['new', 'old']); // ['new', 'old']
 * secretsIn(42); // []
 */
export const secretsIn = (entry: unknown): readonly string[] => {
  const values = Array.isArray(entry) ? entry : [entry];
  return values
    .filter((value): value is string => typeof value === 'string' && value.length > 0)
    .slice(0, MAX_SECRETS_PER_CLIENT);
};

/**
 * Pushers' HMAC secrets from one Secrets Manager secret holding `{ "<clientId>": "<secret>" }` (or a pair
 * of secrets while one rotates), cached by Powertools so a warm function does not call Secrets Manager per
 * request.
 */
export class SecretsManagerClientSecrets implements ClientSecrets {
  readonly #secretId: string;
  readonly #now: () => number;
  #lastFreshRead = Number.NEGATIVE_INFINITY;

  constructor(secretId: string, options: { readonly now?: () => number } = {}) {
    this.#secretId = secretId;
    this.#now = options.now ?? (() => Date.now());
  }

  async secretsOf(clientId: string, options: { readonly fresh?: boolean } = {}): Promise<readonly string[]> {
    const now = this.#now();
    const forceFetch = options.fresh === true && now - this.#lastFreshRead >= FRESH_READ_INTERVAL_MS;
    if (forceFetch) this.#lastFreshRead = now;
    const secrets = await getSecret<Record<string, unknown>>(this.#secretId, {
      transform: 'json',
      maxAge: SECRET_CACHE_SECONDS,
      forceFetch,
    });
    return secretsIn(secrets?.[clientId]);
  }
}

/** Fixed secrets (the local stack and tests); nothing to refresh. */
export class StaticClientSecrets implements ClientSecrets {
  readonly #secrets: ReadonlyMap<string, readonly string[]>;

  constructor(secrets: Readonly<Record<string, string | readonly string[]>>) {
    this.#secrets = new Map(Object.entries(secrets).map(([id, entry]) => [id, secretsIn(entry)]));
  }

  async secretsOf(clientId: string): Promise<readonly string[]> {
    return this.#secrets.get(clientId) ?? [];
  }
}

/**
 * Secrets Manager when CLIENT_SECRETS_ARN is set (AWS), else RADAR_CLIENT_ID / RADAR_CLIENT_SECRET (local),
 * from the configuration read at cold start.
 */
export const clientSecretsFrom = (
  config: Pick<Config, 'clientSecretsArn' | 'clientId' | 'clientSecret'>,
): ClientSecrets => {
  if (config.clientSecretsArn !== undefined) return new SecretsManagerClientSecrets(config.clientSecretsArn);
  if (config.clientId === undefined || config.clientSecret === undefined) {
    throw new ConfigurationError(
      `Set ${ENV.clientSecretsArn} (AWS) or ${ENV.clientId} and ${ENV.clientSecret} (local) to verify pushers' signatures`,
    );
  }
  return new StaticClientSecrets({ [config.clientId]: config.clientSecret });
};
