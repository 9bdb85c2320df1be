import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { ENV } from '#shared/config.ts';

/** The repository root: entries, the lock file and tsconfig are resolved from here, not from the CWD. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest Node.js runtime aws-cdk-lib offers (a test fails when a newer one appears). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;
/** Bundles target the runtime's major: `nodejs24.x` → `node24`. */
const ESBUILD_TARGET = FUNCTION_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1');

/** Logged as `service` by Powertools; also the CloudWatch metrics namespace of the product. */
export const SERVICE_NAME = 'marketing-risk-radar';
const METRICS_NAMESPACE = 'MarketingRiskRadar';

/**
 * ESM bundles may still contain CommonJS dependencies that call `require` (parts of the AWS SDK, middy
 * plugins); ESM has no `require`, so the bundle defines one before any module code runs.
 */
const ESM_REQUIRE_SHIM =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

// Read: everything a repository needs to load items and run queries, and nothing more. No Scan: every access
// pattern is a Query on the table or one of its indexes (shared/table.ts).
const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
// TransactWriteItems is authorised per contained operation (Put/Update/Delete/ConditionCheck), so these cover it.
const TABLE_WRITE_ACTIONS = [
  ...TABLE_READ_ACTIONS,
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface RiskFunctionProps {
  readonly description: string;
  /** @default 512 MB */
  readonly memorySize?: number;
  /** @default 10 seconds — well under API Gateway's 29 s integration limit. */
  readonly timeout?: Duration;
  /** @default one month */
  readonly logRetention?: RetentionDays;
}

/**
 * A product Lambda function: `functions/<id>.ts`, bundled locally with esbuild and configured the same way
 * for every function — runtime, architecture, tracing, JSON logs with retention, source maps. Access to other
 * resources is only through the bind helpers, each of which grants the least privilege the use needs and
 * sets the environment variable (shared/config.ts) the function reads it from.
 *
 * @example
 * const fn = new RiskFunction(this, 'list-cases', { description: 'Lists cases.' });
 * fn.readTable(table);
 */
export class RiskFunction extends NodejsFunction {
  /** @param id the CDK id, which is also the entry's file name: `functions/<id>.ts` (infra/catalog.ts). */
  constructor(scope: Construct, id: string, props: RiskFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}-logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      // Deleting the service stack must not delete the record of what the functions did; retention still applies.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      entry: join(PROJECT_ROOT, 'functions', `${id}.ts`),
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
      bundling: {
        // esbuild from node_modules; synthesis never needs Docker or the network.
        forceDockerBundling: false,
        target: ESBUILD_TARGET,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_SHIM,
        minify: true,
        // Only problems, not the size summary of every bundle.
        logLevel: LogLevel.WARNING,
        sourceMap: true,
        // Stack traces need the mappings, not a copy of the sources: keeps the .map small.
        sourcesContent: false,
        // AWS SDK v3 clients are bundled, not taken from the runtime: the version is the one package-lock.json
        // pins and the tests ran against, and tree-shaking keeps only the commands used, which loads faster
        // at cold start than the runtime's full SDK. bench/ measures bundle size and init time.
        bundleAwsSDK: true,
      },
    });
  }

  /** Read-only access to the table and its indexes; sets TABLE_NAME. */
  readTable(table: ITable): void {
    table.grant(this, ...TABLE_READ_ACTIONS);
    this.addEnvironment(ENV.tableName, table.tableName);
  }

  /** Read and write items (no Scan, no table management); sets TABLE_NAME. */
  writeTable(table: ITable): void {
    table.grant(this, ...TABLE_WRITE_ACTIONS);
    this.addEnvironment(ENV.tableName, table.tableName);
  }

  /** sns:Publish on this topic only (and use of its KMS key); sets ESCALATION_TOPIC_ARN. */
  publishEscalations(topic: ITopic): void {
    topic.grantPublish(this);
    this.addEnvironment(ENV.escalationTopicArn, topic.topicArn);
  }

  /**
   * Reads the pushers' HMAC secrets at run time (cached in the function); the secret value itself is never
   * put in the environment. Sets CLIENT_SECRETS_ARN.
   */
  readClientSecrets(secret: ISecret): void {
    secret.grantRead(this);
    this.addEnvironment(ENV.clientSecretsArn, secret.secretArn);
  }
}
