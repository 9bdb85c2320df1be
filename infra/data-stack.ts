import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { GLOBAL_INDEXES, STREAM_VIEW_TYPE, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/table.ts';

/** The Cognito groups a person's role comes from (`cognito:groups` claim). */
export const PEOPLE_GROUPS = ['legal', 'manager'] as const;

/**
 * Everything stateful: the table, the escalation topic, the dead-letter queue of the stream consumer, the
 * pushers' HMAC secrets and the people directory. All of it is retained when the stack is deleted, and
 * nothing here changes when function code does, so a code deploy (RiskRadarService) can never replace data.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly escalationTopic: Topic;
  /** Where the stream consumer sends batches it could not process after its retries. */
  readonly streamFailures: Queue;
  /** Pushers' HMAC secrets, JSON `{ "<clientId>": "<secret>" }`. */
  readonly clientSecrets: Secret;
  /**
   * The user pool lives here, not in the service stack: its users, passwords and MFA enrolments are data.
   * Recreating it would log everyone out for good and force every person to enrol again.
   */
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;

  constructor(scope: Construct, id: string, props?: StackProps) {
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

    // A customer managed key rather than alias/aws/sns: its key policy can later admit the services that
    // publish to or deliver from the topic (CloudWatch alarms, SNS-to-SQS subscription DLQs), which the
    // AWS managed key never can.
    const topicKey = new Key(this, 'TopicKey', {
      description: 'Encrypts the Marketing Risk Radar escalation topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.escalationTopic = new Topic(this, 'EscalationTopic', {
      displayName: 'Marketing Risk Radar escalations',
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.escalationTopic.applyRemovalPolicy(RemovalPolicy.RETAIN);

    // The on-failure destination of a stream receives the failed batch's metadata (shard, sequence numbers),
    // not the records, so SQS-managed encryption is enough here.
    this.streamFailures = new Queue(this, 'StreamFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.clientSecrets = new Secret(this, 'ClientSecrets', {
      description:
        'Marketing Risk Radar pushers: HMAC secrets as JSON {"<clientId>": "<secret>"}. Add a client by editing the value.',
      // Starts with no client: an operator adds each pusher; nothing secret is in the template.
      secretStringValue: SecretValue.unsafePlainText('{}'),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.userPool = new UserPool(this, 'People', {
      userPoolName: 'marketing-risk-radar-people',
      // Legal and managers are invited by an administrator; nobody can register themselves.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      featurePlan: FeaturePlan.ESSENTIALS,
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
    });

    const outputs: Record<string, [string, string]> = {
      TableName: [this.table.tableName, 'The table (shared/table.ts)'],
      EscalationTopicArn: [this.escalationTopic.topicArn, 'Subscribe managers here'],
      ClientSecretsArn: [this.clientSecrets.secretArn, "Pushers' HMAC secrets"],
      StreamFailuresQueueUrl: [this.streamFailures.queueUrl, 'Stream batches the notify function gave up on'],
      UserPoolId: [this.userPool.userPoolId, 'Create legal and manager users here'],
      UserPoolClientId: [this.userPoolClient.userPoolClientId, 'Sign-in client for people'],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value, description });
    }
  }
}
