import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { WebhookActionDelivery } from '#shared/adapters/action-webhook.ts';
import { DynamoDbActionStore } from '#shared/adapters/dynamodb-action-store.ts';
import { type ActionsPolicy, DEFAULT_ACTIONS_POLICY } from '#shared/domain/actions.ts';
import type { ActivePolicy, PoliciesInForce } from '#shared/domain/policies/apply.ts';
import type { PolicyVersionSummary } from '#shared/domain/policies/policy.ts';
import { ConfigurationError } from '#shared/errors.ts';
import { config } from './config.ts';
import { once } from './once.ts';
import { activePolicyVersions, policiesInForce } from './policies.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

export const actionStore = once(() => new DynamoDbActionStore(dynamoDocumentClient(), tableName()));

/** The actions policy in force: a published version, or the shipped one. */
export const actionsPolicyInForce = async (): Promise<ActionsPolicy> => {
  const active = await activePolicyVersions();
  const summary = active.get('actions');
  if (summary === undefined || summary.version === 0) return DEFAULT_ACTIONS_POLICY;
  const policies: PoliciesInForce = await policiesInForce(
    new Map([['actions', summary as PolicyVersionSummary]]),
  );
  return (policies.actions as ActivePolicy<ActionsPolicy> | undefined)?.document ?? DEFAULT_ACTIONS_POLICY;
};

/** How long a fetched webhook secret is trusted before Secrets Manager is asked again. */
const SECRET_CACHE_SECONDS = 300;

/**
 * The customer's automation endpoint: AUTOMATION_WEBHOOK_URL, signed with the secret in AUTOMATION_SECRET_ARN
 * (Secrets Manager, AWS) or AUTOMATION_SECRET (local). Read when the first approved action is carried out, so
 * a deployment without an endpoint still requests actions; their delivery fails with the setting's name.
 */
export const actionDelivery = once(() => {
  const url = config.automationWebhookUrl;
  if (url === undefined)
    throw new ConfigurationError('Missing required environment variable AUTOMATION_WEBHOOK_URL');
  const arn = config.automationSecretArn;
  const local = config.automationSecret;
  const secret = async (): Promise<string> => {
    if (arn !== undefined) {
      const value = await getSecret<string>(arn, { maxAge: SECRET_CACHE_SECONDS });
      if (typeof value === 'string' && value !== '') return value;
      throw new ConfigurationError(`The secret ${arn} holds no webhook signing secret`);
    }
    if (local !== undefined) return local;
    throw new ConfigurationError(
      'Missing required environment variable AUTOMATION_SECRET_ARN (AWS) or AUTOMATION_SECRET (local)',
    );
  };
  return new WebhookActionDelivery({ url, secret });
});
