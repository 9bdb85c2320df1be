import { CfnOutput, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { EventSourceMapping, FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ApiFirewall } from '#infra/api-firewall.ts';
import {
  FUNCTIONS,
  type FunctionDefinition,
  STREAM_CONSUMER,
  STREAM_CONSUMERS,
  STREAM_REDRIVER,
  STREAM_SETTINGS,
  type StreamConsumerDefinition,
  WEB_URL_PARAMETER,
} from '#infra/catalog.ts';
import { escalationFilters } from '#infra/escalation-filter.ts';
import { acknowledge } from '#infra/nag.ts';
import { Operations } from '#infra/operations.ts';
import { RadarApi } from '#infra/radar-api.ts';
import { RiskFunction } from '#infra/risk-function.ts';
import { ScheduledInvoke } from '#infra/scheduled-invoke.ts';
import { ENV } from '#shared/config.ts';
import { type Audience, audienceKey, DEFAULT_AUDIENCE } from '#shared/i18n/audiences.ts';
import { NOTIFY_IDEMPOTENCY_PARTITION } from '#shared/table.ts';

type TopicName = NonNullable<FunctionDefinition['publishes']>[number];

/** The environment variable a publishing function reads each topic's ARN from. */
export const TOPIC_VARIABLES: Readonly<Record<TopicName, string>> = {
  escalations: ENV.escalationTopicArn,
  digest: ENV.digestTopicArn,
};

/**
 * The only items the stream consumer, its redrive and the digest may write: their Powertools Idempotency
 * records (which escalations and digests were published to which audience), `pk = idempotency#notify` in
 * shared/adapters/idempotent-notifier.ts.
 * Everything else — events, cases, reviews — is read-only to them, so a bug or a compromised dependency in
 * the notifier cannot rewrite the case library.
 */
export const STREAM_CONSUMER_PARTITIONS = [NOTIFY_IDEMPOTENCY_PARTITION] as const;

/** How long a scheduled run may take, and how stale a missed run may be before it is dropped to the DLQ. */
const SCHEDULED_TIMEOUT = Duration.minutes(1);
/** A batch of ten escalations, each one SNS Publish (and, for the redrive, reading the batch back first). */
const STREAM_FUNCTION_TIMEOUT = Duration.seconds(30);
const SCHEDULED_MAX_EVENT_AGE = Duration.hours(1);

export interface ServiceStackProps extends StackProps {
  /** The single table; its stream feeds the notify function. */
  readonly table: ITable;
  /** The topics functions publish to (catalog `publishes`), and the key that encrypts them. */
  readonly topics: Readonly<Record<TopicName, ITopic>>;
  readonly topicKey: IKey;
  /** Where alarms go. */
  readonly operationsTopic: ITopic;
  /** On-failure destination of the stream consumer. */
  readonly streamFailures: IQueue;
  /** On-failure destination of the search indexer (index-cases). */
  readonly indexFailures: IQueue;
  /** On-failure destination of the guarded actions' consumer (carry-out-actions). */
  readonly actionFailures: IQueue;
  /** The secret guarded actions' webhooks are signed with. */
  readonly automationSecret: ISecret;
  /** The customer's automation endpoint (context `automationWebhookUrl`). @default none: deliveries fail, named */
  readonly automationWebhookUrl?: string;
  /** DLQ of schedules and on-failure destination of scheduled functions. */
  readonly invocationFailures: IQueue;
  /** DLQ of the SNS subscriptions (data stack); watched here. */
  readonly deliveryFailures: IQueue;
  readonly clientSecrets: ISecret;
  readonly userPool: IUserPool;
  /** Pushers that get an API key (context `pusherClients`). @default none */
  readonly pusherClients?: readonly string[];
  /**
   * Who notifications are written for: the languages × time zones of the managers' subscriptions (data
   * stack), given to every publishing function as `NOTIFY_AUDIENCES`. @default English in UTC
   */
  readonly notifyAudiences?: readonly Audience[];
  /** IANA time zone of cron schedules (context `scheduleTimeZone`). @default UTC */
  readonly scheduleTimeZone?: string;
  /** The functions to build. @default FUNCTIONS of infra/catalog.ts (tests pass variations) */
  readonly catalog?: readonly FunctionDefinition[];
}

/**
 * Everything stateless: the functions of infra/catalog.ts, the REST API and firewall in front of them, the
 * stream consumer, the schedules, and the alarms and dashboard. Everything is derived from the catalog — a new
 * entry gets its function, routes, grants, schedule and alarms with no change here. It only references the
 * data stack's resources, so it can be deployed, or destroyed and redeployed, without touching data.
 */
export class ServiceStack extends Stack {
  readonly api: RadarApi;
  readonly functions: ReadonlyMap<string, RiskFunction>;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);

    this.api = new RadarApi(this, 'Http', {
      userPool: props.userPool,
      pusherClients: props.pusherClients ?? [],
    });
    new ApiFirewall(this, 'Firewall', { stage: this.api.restApi.deploymentStage });

    const definitions: readonly FunctionDefinition[] = props.catalog ?? FUNCTIONS;
    const functions = new Map<string, RiskFunction>();
    for (const definition of definitions) {
      const fn = this.createFunction(definition, props);
      for (const route of definition.routes) {
        this.api.addRoute(route, fn);
      }
      functions.set(definition.id, fn);
    }
    this.functions = functions;

    this.operations = new Operations(this, 'Operations', {
      alarmTopic: props.operationsTopic,
      functions,
      ...(functions.has(STREAM_CONSUMER) ? { streamConsumer: functions.get(STREAM_CONSUMER) } : {}),
      ...(functions.has(STREAM_REDRIVER) ? { redriveQueue: props.streamFailures } : {}),
      stage: this.api.restApi.deploymentStage,
      deadLetterQueues: {
        'stream-failures': props.streamFailures,
        'index-failures': props.indexFailures,
        'action-failures': props.actionFailures,
        'delivery-failures': props.deliveryFailures,
        'invocation-failures': props.invocationFailures,
      },
    });

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL: append a catalog path, e.g. v1/events',
      value: this.api.restApi.url,
    });
    new CfnOutput(this, 'DashboardName', {
      description: 'CloudWatch dashboard of events, levels, cases and escalations',
      value: this.operations.dashboard.dashboardName,
    });
  }

  private createFunction(definition: FunctionDefinition, props: ServiceStackProps): RiskFunction {
    const consumer = STREAM_CONSUMERS.find((candidate) => candidate.id === definition.id);
    const consumesStream = consumer !== undefined;
    const redrives = definition.redrives !== undefined;
    const scheduled = definition.schedule !== undefined;
    const fn = new RiskFunction(this, definition.id, {
      description: definition.description,
      // API functions keep the 10 s default (API Gateway gives up at 29 s). A stream batch of ten
      // escalations, each one SNS Publish, and a scheduled sweep over open cases need longer.
      ...(consumesStream || redrives ? { timeout: STREAM_FUNCTION_TIMEOUT } : {}),
      ...(scheduled ? { timeout: SCHEDULED_TIMEOUT } : {}),
      ...(definition.timeoutSeconds === undefined
        ? {}
        : { timeout: Duration.seconds(definition.timeoutSeconds) }),
      ...(definition.memorySize === undefined ? {} : { memorySize: definition.memorySize }),
      ...(definition.bundleFiles === undefined ? {} : { bundleFiles: definition.bundleFiles() }),
    });

    // The publishers that write (stream consumer, redrive, digest) write only their idempotency records;
    // a stream consumer that keeps its own items (the search indexer) only those.
    const publishesOnly = consumesStream || redrives || (scheduled && definition.publishes !== undefined);
    if (definition.table === 'write') {
      fn.writeTable(
        props.table,
        consumer?.writesPrefixes !== undefined
          ? { partitionPrefixes: consumer.writesPrefixes }
          : publishesOnly
            ? { partitions: STREAM_CONSUMER_PARTITIONS }
            : {},
      );
    }
    if (definition.table === 'read') fn.readTable(props.table);
    if (definition.routes.some((route) => route.auth === 'signature')) {
      fn.readClientSecrets(props.clientSecrets);
    }
    if (definition.automation === true) {
      fn.readAutomationSecret(props.automationSecret);
      if (props.automationWebhookUrl !== undefined)
        fn.addEnvironment(ENV.automationWebhookUrl, props.automationWebhookUrl);
    }
    for (const topic of definition.publishes ?? []) {
      fn.publishTo(props.topics[topic], props.topicKey, TOPIC_VARIABLES[topic]);
    }
    if ((definition.publishes ?? []).length > 0) {
      this.linkToWebApp(fn);
      fn.addEnvironment(
        ENV.notifyAudiences,
        (props.notifyAudiences ?? [DEFAULT_AUDIENCE]).map(audienceKey).join(','),
      );
    }
    if (consumer !== undefined) this.consumeStream(fn, props, consumer);
    if (redrives) this.redriveStreamFailures(fn, props);
    if (definition.schedule !== undefined) this.schedule(fn, definition.schedule, props);
    if (!scheduled) {
      acknowledge(
        fn,
        'Serverless-LambdaDLQ',
        consumesStream
          ? "Invoked synchronously by the table-stream event source mapping, never asynchronously: failed batches go to the mapping's on-failure destination (the StreamFailures queue, or IndexFailures for the search indexer), which is alarmed."
          : redrives
            ? 'Invoked synchronously by the SQS event source mapping of the StreamFailures queue, never asynchronously: a message it cannot redrive stays in that queue (itself the dead-letter queue, alarmed on depth and age) and is retried after the visibility timeout.'
            : 'Invoked synchronously by API Gateway, never asynchronously: the caller receives the error (problem+json), and a Lambda DLQ only ever receives asynchronous events.',
      );
    }
    return fn;
  }

  /**
   * Messages link to cases in the web app, whose CloudFront URL the web stack writes to an SSM parameter:
   * the name is fixed, so no cross-stack reference (the web stack already depends on this one).
   */
  private linkToWebApp(fn: RiskFunction): void {
    fn.addEnvironment(ENV.webUrlParameter, WEB_URL_PARAMETER);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          Stack.of(this).formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: WEB_URL_PARAMETER.slice(1),
          }),
        ],
      }),
    );
  }

  private consumeStream(
    fn: RiskFunction,
    props: ServiceStackProps,
    consumer: StreamConsumerDefinition,
  ): void {
    fn.addEventSource(
      new DynamoEventSource(props.table, {
        // From the oldest record still in the stream: nothing written before the first deploy of this
        // stack, or while the mapping was disabled, is skipped.
        startingPosition: StartingPosition.TRIM_HORIZON,
        // infra/catalog.ts STREAM_SETTINGS, which the local poller follows too.
        batchSize: STREAM_SETTINGS.batchSize,
        maxBatchingWindow: Duration.seconds(STREAM_SETTINGS.maxBatchingWindowSeconds),
        // One poller per shard keeps a case's escalations in order.
        parallelizationFactor: 1,
        // The handler reports the records it could not publish; a failing record is isolated by
        // bisection instead of holding back the rest of its batch.
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: STREAM_SETTINGS.retryAttempts,
        // Below the stream's 24 h retention, so the failure metadata in the queue still points at
        // records the redrive function can read back.
        maxRecordAge: Duration.seconds(STREAM_SETTINGS.maxRecordAgeSeconds),
        onFailure: new SqsDlq(
          {
            'stream-failures': props.streamFailures,
            'index-failures': props.indexFailures,
            'action-failures': props.actionFailures,
          }[consumer.onFailure],
        ),
        // Each consumer's own filter (the local poller evaluates the same pattern).
        filters:
          consumer.id === STREAM_CONSUMER ? escalationFilters() : [FilterCriteria.filter(consumer.filter)],
      }),
    );
  }

  /**
   * The redrive: the StreamFailures queue (the stream consumer's on-failure destination) feeds the redrive
   * function, which reads each failed batch back from the stream by its coordinates and publishes it
   * through the same idempotent notifier. A message it cannot send yet (SNS still down) is reported and
   * comes back after the queue's visibility timeout (`STREAM_SETTINGS.redriveIntervalSeconds`), for as long
   * as the stream holds the records.
   */
  private redriveStreamFailures(fn: RiskFunction, props: ServiceStackProps): void {
    props.table.grantStreamRead(fn);
    fn.addEventSource(
      new SqsEventSource(props.streamFailures, {
        batchSize: STREAM_SETTINGS.batchSize,
        reportBatchItemFailures: true,
        // A few at a time: after an outage the backlog drains without a burst against SNS.
        maxConcurrency: 2,
      }),
    );
    const mapping = fn.node.children.find((child) => child instanceof EventSourceMapping);
    if (mapping !== undefined) {
      acknowledge(
        mapping,
        'Serverless-LambdaEventSourceMappingDestination',
        'An SQS event source mapping has no on-failure destination: a message the redrive cannot send stays in the StreamFailures queue (itself the dead-letter queue), is retried after its visibility timeout and is alarmed on depth and on the age of its oldest message.',
      );
    }
  }

  /**
   * EventBridge Scheduler invokes the function asynchronously on the catalog's expression. Two layers of
   * retries, both bounded and both ending in the InvocationFailures queue: Scheduler's (it could not invoke)
   * and Lambda's asynchronous retries (the function failed).
   */
  private schedule(fn: RiskFunction, expression: string, props: ServiceStackProps): void {
    new ScheduledInvoke(this, `${fn.node.id}-schedule`, {
      fn,
      expression,
      ...(props.scheduleTimeZone === undefined ? {} : { timeZone: TimeZone.of(props.scheduleTimeZone) }),
      deadLetterQueue: props.invocationFailures,
      maxEventAge: SCHEDULED_MAX_EVENT_AGE,
    });
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: SCHEDULED_MAX_EVENT_AGE,
      onFailure: new SqsDestination(props.invocationFailures),
    });
    acknowledge(
      fn,
      'Serverless-LambdaDLQ',
      'Failed asynchronous invocations go to an on-failure destination (InvocationFailures queue, alarmed), which records the error as well as the event; a legacy DLQ on top would deliver every failure twice.',
    );
  }
}
