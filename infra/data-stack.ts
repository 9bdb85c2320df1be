import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Subscription, SubscriptionFilter, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { STREAM_SETTINGS } from '#infra/catalog.ts';
import type { ManagerSubscription } from '#infra/context.ts';
import { acknowledge } from '#infra/nag.ts';
import {
  digestFilterPolicy,
  escalationFilterPolicy,
  type OrFilterPolicy,
} from '#infra/subscription-filters.ts';
import { SCOPE_ATTRIBUTES } from '#shared/auth/principal.ts';
import { type Audience, distinctAudiences } from '#shared/i18n/audiences.ts';
import { GLOBAL_INDEXES, STREAM_VIEW_TYPE, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/table.ts';

/** The Cognito custom attributes of a person's scope, without the `custom:` prefix Cognito adds. */
const SCOPE_NAMES = {
  brands: SCOPE_ATTRIBUTES.brands.replace(/^custom:/, ''),
  markets: SCOPE_ATTRIBUTES.markets.replace(/^custom:/, ''),
} as const;

/** The Cognito groups a person's role comes from (`cognito:groups` claim). */
export const PEOPLE_GROUPS = ['legal', 'manager'] as const;

export interface DataStackProps extends StackProps {
  /**
   * Managers' subscriptions (context `managers`, `managerEmails`, `managerPhones`): an e-mail to the
   * escalation and digest topics, a phone to the escalation topic only, each filtered to its own audience
   * (language and time zone) and, for escalations, to the pages naming its username and the unowned
   * escalations of its brands and markets (infra/subscription-filters.ts). @default none
   */
  readonly managers?: readonly ManagerSubscription[];
  /** E-mail addresses subscribed to the operations (alarm) topic. @default none */
  readonly opsEmails?: readonly string[];
}

/**
 * Everything stateful: the table, the topics and their subscriptions, the dead-letter queues, the pushers'
 * HMAC secrets and the people directory. All of it is retained when the stack is deleted, and nothing here
 * changes when function code does, so a code deploy (RiskRadarService) can never replace data.
 */
export class DataStack extends Stack {
  readonly table: Table;
  /** Red escalations for managers (written by the notify function from the table stream). */
  readonly escalationTopic: Topic;
  /** The daily digest for managers. */
  readonly digestTopic: Topic;
  /** Encrypts the escalation and digest topics; publishers need kms:GenerateDataKey on it. */
  readonly topicKey: Key;
  /** CloudWatch alarms of the service stack; encrypted with a key CloudWatch may use. */
  readonly operationsTopic: Topic;
  /** Where the stream consumer sends batches it could not process after its retries. */
  readonly streamFailures: Queue;
  /**
   * Where the search indexer (index-cases) sends stream batches it could not index after its retries: the
   * cases they name are indexed again by `npm run reindex` (README "Search").
   */
  readonly indexFailures: Queue;
  /**
   * Where the guarded actions' consumer (carry-out-actions) sends stream batches it could not handle after its
   * retries: a request not made, or an approved one whose outcome was not recorded.
   */
  readonly actionFailures: Queue;
  /** Messages SNS could not deliver to a subscriber (e-mail bounced, endpoint gone). */
  readonly deliveryFailures: Queue;
  /**
   * The distinct languages × time zones of the managers' subscriptions (English in UTC when there are none):
   * the notify and digest functions publish one message per audience (`NOTIFY_AUDIENCES`).
   */
  readonly audiences: readonly Audience[];
  /** Scheduled invocations that failed: Scheduler could not invoke, or the function failed every retry. */
  readonly invocationFailures: Queue;
  /** Pushers' HMAC secrets, JSON `{ "<clientId>": "<secret>" }`. */
  readonly clientSecrets: Secret;
  /** The secret the guarded actions' webhook is signed with (a plain string shared with the customer). */
  readonly automationSecret: Secret;
  /**
   * The user pool lives here, not in the service stack: its users, passwords and MFA enrolments are data.
   * Recreating it would log everyone out for good and force every person to enrol again.
   */
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, props);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType[STREAM_VIEW_TYPE],
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of GLOBAL_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    this.streamFailures = this.deadLetterQueue(
      'StreamFailures',
      // The on-failure destination of a stream receives the failed batch's metadata (shard, sequence
      // numbers), not the records; the redrive function reads them back from the stream. A message it
      // cannot send yet becomes visible again after this timeout: the pace of redrives during an outage.
      'the on-failure destination of the table-stream event source mapping (notify function), consumed by the redrive function',
      Duration.seconds(STREAM_SETTINGS.redriveIntervalSeconds),
    );
    this.indexFailures = this.deadLetterQueue(
      'IndexFailures',
      'the on-failure destination of the search indexer (index-cases) event source mapping; its cases are indexed again by npm run reindex',
    );
    this.actionFailures = this.deadLetterQueue(
      'ActionFailures',
      'the on-failure destination of the guarded actions consumer (carry-out-actions) event source mapping',
    );
    this.deliveryFailures = this.deadLetterQueue(
      'DeliveryFailures',
      'the redrive (dead-letter) queue of every SNS subscription to the escalation, digest and operations topics',
    );
    this.invocationFailures = this.deadLetterQueue(
      'InvocationFailures',
      "the dead-letter queue of the EventBridge Scheduler schedules and the on-failure destination of the scheduled functions' asynchronous invocations",
    );

    // A customer managed key rather than alias/aws/sns: SNS can deliver from a topic encrypted with it to the
    // subscriptions' dead-letter queue, which the AWS managed key never allows.
    this.topicKey = new Key(this, 'TopicKey', {
      description: 'Encrypts the Marketing Risk Radar escalation and digest topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.escalationTopic = this.topic('EscalationTopic', 'Marketing Risk Radar escalations', this.topicKey);
    this.digestTopic = this.topic('DigestTopic', 'Marketing Risk Radar daily digest', this.topicKey);

    // Its own key: the only key whose policy admits CloudWatch (alarm actions publish as the service).
    const operationsKey = new Key(this, 'OperationsKey', {
      description: 'Encrypts the Marketing Risk Radar operations (alarm) topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    operationsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheOperationsTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.operationsTopic = this.topic('OperationsTopic', 'Marketing Risk Radar operations', operationsKey);

    this.audiences = distinctAudiences(
      (props.managers ?? []).map(({ lang, timeZone }) => ({ lang, timeZone })),
    );
    this.subscribe(props);

    this.clientSecrets = new Secret(this, 'ClientSecrets', {
      description:
        'Marketing Risk Radar pushers: HMAC secrets as JSON {"<clientId>": "<secret>"}. Add a client by editing the value.',
      // Starts with no client: an operator adds each pusher; nothing secret is in the template.
      secretStringValue: SecretValue.unsafePlainText('{}'),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.clientSecrets,
      'AwsSolutions-SMG4',
      'Each value is an HMAC key shared with an external pushing system, which must be given the new value ' +
        'out of band; a rotation Lambda cannot do that. Operators rotate per client on a schedule with the ' +
        'procedure in docs/deploy.md ("Rotating a pusher\'s secret").',
    );

    this.automationSecret = new Secret(this, 'AutomationSecret', {
      description:
        "Marketing Risk Radar guarded actions: the HMAC secret the customer's automation webhook is signed with.",
      // Generated at deploy: nothing secret is in the template; the customer is given the value out of band.
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.automationSecret,
      'AwsSolutions-SMG4',
      "The value is an HMAC key shared with the customer's automation endpoint, which must be given the new value " +
        'out of band; a rotation Lambda cannot do that. Operators rotate it with the customer (README "Guarded actions").',
    );

    this.userPool = new UserPool(this, 'People', {
      userPoolName: 'marketing-risk-radar-people',
      // Legal and managers are invited by an administrator; nobody can register themselves.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      // Plus: threat protection (compromised credentials, adaptive authentication) enforced for every sign-in.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // A person's scope (shared/auth/scope.ts): comma-separated brands and markets; none = all. Set by an
      // administrator (docs/deploy.md "Scoping a person"); people cannot write them (client below).
      customAttributes: {
        [SCOPE_NAMES.brands]: new StringAttribute({ mutable: true, maxLen: 2048 }),
        [SCOPE_NAMES.markets]: new StringAttribute({ mutable: true, maxLen: 512 }),
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of PEOPLE_GROUPS) {
      new UserPoolGroup(this, `Group-${group}`, { userPool: this.userPool, groupName: group });
    }
    // A public client (no secret) for the web page and the CLI: SRP sign-in, so no password crosses the wire.
    this.userPoolClient = this.userPool.addClient('PeopleClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      // The ID token carries the scope attributes the API reads; a person may change none of them (an
      // access token of this client could otherwise clear its own custom:brands and see every brand).
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(SCOPE_NAMES.brands, SCOPE_NAMES.markets),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    const outputs: Record<string, [string, string]> = {
      TableName: [this.table.tableName, 'The table (shared/table.ts)'],
      EscalationTopicArn: [this.escalationTopic.topicArn, 'Red escalations: subscribe managers here'],
      DigestTopicArn: [this.digestTopic.topicArn, 'Daily digest: subscribe managers here'],
      OperationsTopicArn: [this.operationsTopic.topicArn, 'Alarms: subscribe the on-call here'],
      ClientSecretsArn: [this.clientSecrets.secretArn, "Pushers' HMAC secrets"],
      StreamFailuresQueueUrl: [this.streamFailures.queueUrl, 'Stream batches the notify function gave up on'],
      IndexFailuresQueueUrl: [this.indexFailures.queueUrl, 'Stream batches the search indexer gave up on'],
      ActionFailuresQueueUrl: [this.actionFailures.queueUrl, 'Stream batches the guarded actions gave up on'],
      AutomationSecretArn: [
        this.automationSecret.secretArn,
        'The secret guarded action webhooks are signed with',
      ],
      DeliveryFailuresQueueUrl: [this.deliveryFailures.queueUrl, 'Notifications SNS could not deliver'],
      InvocationFailuresQueueUrl: [this.invocationFailures.queueUrl, 'Scheduled runs that failed'],
      UserPoolId: [this.userPool.userPoolId, 'Create legal and manager users here'],
      UserPoolClientId: [this.userPoolClient.userPoolClientId, 'Sign-in client for people'],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value, description });
    }
  }

  /** A KMS-encrypted topic that refuses plain HTTP, retained with the stack's data. */
  private topic(id: string, displayName: string, masterKey: Key): Topic {
    const topic = new Topic(this, id, { displayName, masterKey, enforceSSL: true });
    topic.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return topic;
  }

  /**
   * A dead-letter queue: SSL only, SQS-managed encryption (its producers are AWS services — SNS, Lambda,
   * Scheduler — that cannot all use a customer managed key without widening its policy), 14 days to act.
   */
  private deadLetterQueue(id: string, role: string, visibilityTimeout?: Duration): Queue {
    const queue = new Queue(this, id, {
      ...(visibilityTimeout === undefined ? {} : { visibilityTimeout }),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const reason = `This queue is itself a dead-letter queue (${role}); an alarm fires on its first message. A DLQ of a DLQ would only move the same messages one queue further.`;
    acknowledge(queue, 'AwsSolutions-SQS3', reason);
    acknowledge(queue, 'Serverless-SQSRedrivePolicy', reason);
    return queue;
  }

  /**
   * Managers' and the on-call's subscriptions (context `managers`, `managerEmails`, `managerPhones`,
   * `managerMarkets`, `opsEmails`). SNS sends each address a confirmation e-mail; nothing is delivered until
   * it is confirmed. Phone numbers need no confirmation, but an account starts in the SMS sandbox
   * (docs/deploy.md). Each manager's subscriptions receive only the messages of the manager's audience.
   */
  private subscribe(props: DataStackProps): void {
    const deadLetterQueue = this.deliveryFailures;
    for (const manager of props.managers ?? []) {
      if (manager.email !== undefined) {
        this.escalationTopic.addSubscription(
          new EmailSubscription(manager.email, {
            deadLetterQueue,
            filterPolicy: asSubscriptionFilter(escalationFilterPolicy(manager)),
          }),
        );
        this.digestTopic.addSubscription(
          new EmailSubscription(manager.email, {
            deadLetterQueue,
            filterPolicy: asSubscriptionFilter(digestFilterPolicy(manager)),
          }),
        );
      }
      // Not `SmsSubscription`: aws-cdk-lib's drops its dead-letter queue, and SNS does redrive SMS
      // deliveries that exhaust their retries.
      if (manager.phone !== undefined) {
        new Subscription(this.escalationTopic, `Sms${manager.phone}`, {
          topic: this.escalationTopic,
          protocol: SubscriptionProtocol.SMS,
          endpoint: manager.phone,
          deadLetterQueue,
          filterPolicy: asSubscriptionFilter(escalationFilterPolicy(manager)),
        });
      }
    }
    for (const email of props.opsEmails ?? []) {
      this.operationsTopic.addSubscription(new EmailSubscription(email, { deadLetterQueue }));
    }
  }
}

/**
 * A filter policy of infra/subscription-filters.ts (who receives what: the audience, the recipients, the
 * brands and markets) in the form aws-cdk-lib takes: its one `$or`, whose alternatives SNS reads as given.
 */
const asSubscriptionFilter = (policy: OrFilterPolicy): Record<string, SubscriptionFilter> => ({
  $or: new SubscriptionFilter([...policy.$or]),
});
