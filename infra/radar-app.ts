import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { FunctionDefinition } from '#infra/catalog.ts';
import { radarContext } from '#infra/context.ts';
import { DataStack } from '#infra/data-stack.ts';
import { ServiceStack } from '#infra/service-stack.ts';
import { WebStack } from '#infra/web-stack.ts';

export const DATA_STACK_NAME = 'RiskRadarData';
export const SERVICE_STACK_NAME = 'RiskRadarService';
export const WEB_STACK_NAME = 'RiskRadarWeb';

export interface RadarApp {
  readonly app: App;
  readonly data: DataStack;
  readonly service: ServiceStack;
  readonly web: WebStack;
}

/**
 * The Marketing Risk Radar CDK app: a data stack (stateful, retained) and a service stack (stateless) that
 * receives the data stack's resources as props, so CDK wires the cross-stack references and deploys data
 * first. Both stacks are environment-agnostic: synthesis needs no account, no credentials and no network;
 * `cdk deploy` takes the account and region from the caller's credentials.
 *
 * Context (infra/context.ts): `pusherClients`, `managers`, `managerEmails`, `managerPhones`, `managerMarkets`, `opsEmails`,
 * `scheduleTimeZone`; `nag=false` skips the cdk-nag packs during `cdk synth` (the tests run them anyway).
 *
 * @param options.catalog replaces infra/catalog.ts FUNCTIONS (tests of catalog features not yet used).
 * @example
 * const { service } = createRadarApp({ context: { managerEmails: 'a@x.com' } });
 * Template.fromStack(service);
 */
export const createRadarApp = (
  props?: AppProps,
  options: { readonly catalog?: readonly FunctionDefinition[] } = {},
): RadarApp => {
  const app = new App(props);
  const context = radarContext(app.node);

  const data = new DataStack(app, DATA_STACK_NAME, {
    description:
      'Marketing Risk Radar: table, topics and subscriptions, dead-letter queues, secrets, people (retained)',
    managers: context.managers,
    opsEmails: context.opsEmails,
  });
  const service = new ServiceStack(app, SERVICE_STACK_NAME, {
    description: 'Marketing Risk Radar: functions, REST API and firewall, stream consumer, schedules, alarms',
    table: data.table,
    topics: { escalations: data.escalationTopic, digest: data.digestTopic },
    topicKey: data.topicKey,
    operationsTopic: data.operationsTopic,
    streamFailures: data.streamFailures,
    indexFailures: data.indexFailures,
    actionFailures: data.actionFailures,
    automationSecret: data.automationSecret,
    ...(context.automationWebhookUrl === undefined
      ? {}
      : { automationWebhookUrl: context.automationWebhookUrl }),
    deliveryFailures: data.deliveryFailures,
    invocationFailures: data.invocationFailures,
    clientSecrets: data.clientSecrets,
    userPool: data.userPool,
    pusherClients: context.pusherClients,
    notifyAudiences: data.audiences,
    ...(context.scheduleTimeZone === undefined ? {} : { scheduleTimeZone: context.scheduleTimeZone }),
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
  });

  const authDomainPrefix: unknown = app.node.tryGetContext('authDomainPrefix');
  const web = new WebStack(app, WEB_STACK_NAME, {
    description:
      'Marketing Risk Radar: the web app for legal and managers (S3, CloudFront, Cognito hosted UI)',
    userPool: data.userPool,
    restApi: service.api.restApi,
    ...(typeof authDomainPrefix === 'string' && authDomainPrefix !== '' ? { authDomainPrefix } : {}),
  });

  // `cdk synth` fails on any unacknowledged finding, as test/infra/nag.test.ts does.
  if (app.node.tryGetContext('nag') !== 'false' && app.node.tryGetContext('nag') !== false) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  }

  return { app, data, service, web };
};
