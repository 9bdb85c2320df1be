import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataStack } from '#infra/data-stack.ts';
import { ServiceStack } from '#infra/service-stack.ts';

export const DATA_STACK_NAME = 'RiskRadarData';
export const SERVICE_STACK_NAME = 'RiskRadarService';

export interface RadarApp {
  readonly app: App;
  readonly data: DataStack;
  readonly service: ServiceStack;
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** `-c pusherClients=cms,meta-ads` on the command line, or an array in cdk.json. */
const pusherClients = (app: App): string[] => {
  const value: unknown = app.node.tryGetContext('pusherClients');
  const ids =
    typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.map((id) => String(id)) : [];
  const trimmed = ids.map((id) => id.trim()).filter((id) => id !== '');
  const invalid = trimmed.filter((id) => !CLIENT_ID.test(id));
  if (invalid.length > 0) {
    throw new Error(
      `Context pusherClients: invalid client id(s) ${invalid.join(', ')} (letters, digits, - and _)`,
    );
  }
  return trimmed;
};

const isOn = (value: unknown): boolean => value === true || value === 'true';

/**
 * The Marketing Risk Radar CDK app: a data stack (stateful, retained) and a service stack (stateless) that
 * receives the data stack's resources as props, so CDK wires the cross-stack references and deploys data
 * first. Both stacks are environment-agnostic: synthesis needs no account, no credentials and no network;
 * `cdk deploy` takes the account and region from the caller's credentials.
 *
 * Context: `pusherClients` (API keys to create), `nag=true` (run the cdk-nag AWS Solutions pack).
 *
 * @example
 * const { service } = createRadarApp();
 * Template.fromStack(service);
 */
export const createRadarApp = (props?: AppProps): RadarApp => {
  const app = new App(props);

  const data = new DataStack(app, DATA_STACK_NAME, {
    description:
      'Marketing Risk Radar: table, escalation topic, dead-letter queue, secrets, people (retained)',
  });
  const service = new ServiceStack(app, SERVICE_STACK_NAME, {
    description: 'Marketing Risk Radar: functions, REST API, stream consumer',
    table: data.table,
    escalationTopic: data.escalationTopic,
    streamFailures: data.streamFailures,
    clientSecrets: data.clientSecrets,
    userPool: data.userPool,
    pusherClients: pusherClients(app),
  });

  // Off by default until the hardening issue acknowledges the findings it expects.
  if (isOn(app.node.tryGetContext('nag'))) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }

  return { app, data, service };
};
