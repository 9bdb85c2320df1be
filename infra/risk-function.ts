import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { acknowledge } from '#infra/nag.ts';
import type { BundleFiles } from '#shared/bundle-files.ts';
import { ENV } from '#shared/config.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '#shared/metrics.ts';
import { GLOBAL_INDEXES } from '#shared/table.ts';

/** The repository root: entries, the lock file and tsconfig are resolved from here, not from the CWD. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest Node.js runtime aws-cdk-lib offers (a test fails when a newer one appears). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

/** `functions/<id>.ts`: the entry of a catalog function. */
export const entryOf = (id: string): string => join(PROJECT_ROOT, 'functions', `${id}.ts`);

/**
 * How every function is bundled, in esbuild's own terms, so that `bench/suites/bundles.ts` builds exactly
 * what `cdk synth` deploys and measures it.
 *
 * AWS SDK v3 is NOT bundled: `@aws-sdk/*` is external and resolved from the SDK the nodejs24.x runtime
 * ships (client-dynamodb, lib-dynamodb, util-dynamodb, client-sns and client-secrets-manager are all in it).
 * The SDK with its Smithy core is ~340 KB minified per function — more than the 300 KB a bundle may weigh
 * (docs/deploy.md "Bundles") — and the runtime's copy is already on disk and in the page cache of every
 * execution environment, so nothing of it is downloaded or unzipped at cold start. The price is that the SDK
 * version is the runtime's, not package-lock.json's: AWS updates it with the runtime, within v3, and the
 * code only uses long-stable commands (Get/Put/Query/TransactWrite, Publish, GetSecretValue).
 */
export const ESBUILD_OPTIONS = {
  platform: 'node',
  /** The runtime's major: `nodejs24.x` → `node24`. */
  target: FUNCTION_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1'),
  format: 'esm',
  /** Prefer ES modules, so esbuild can tree-shake them. */
  mainFields: ['module', 'main'],
  /**
   * ESM bundles may still contain CommonJS dependencies that call `require` (parts of middy and Powertools);
   * ESM has no `require`, so the bundle defines one before any module code runs.
   */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
  treeShaking: true,
  sourcemap: true,
  /** Stack traces need the mappings, not a copy of the sources: keeps the .map small. */
  sourcesContent: false,
  external: ['@aws-sdk/*'],
  /**
   * Keep non-ASCII text as UTF-8: the rule packs and the traditional → simplified dictionary are mostly
   * Chinese and Vietnamese, and esbuild's default ASCII escaping (`\uXXXX`) would double their size.
   */
  charset: 'utf8',
} as const;

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
  /** Files the function reads at run time, copied into its asset beside index.mjs (in `dir`). */
  readonly bundleFiles?: BundleFiles;
}

/** Bundling hooks that copy `files` into the asset's `dir` after esbuild (local bundling: plain `cp`). */
const copyInto = (files: BundleFiles): ICommandHooks => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir, outputDir) => [
    `mkdir -p "${join(outputDir, files.dir)}"`,
    ...files.files.map((file) => `cp "${file}" "${join(outputDir, files.dir)}/"`),
  ],
});

/**
 * A product Lambda function: `functions/<id>.ts`, bundled locally with esbuild and configured the same way
 * for every function — runtime, architecture, memory, timeout, tracing, JSON logs with retention, source
 * maps. Its role starts with nothing but writing its own log group (no AWSLambdaBasicExecutionRole, which
 * may create any log group in the account); access to anything else is only through the bind helpers, each
 * of which grants the least privilege the use needs and sets the environment variable the function reads.
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
    const role = new Role(scope, `${id}-role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Marketing Risk Radar ${id}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: entryOf(id),
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
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
        target: ESBUILD_OPTIONS.target,
        format: OutputFormat.ESM,
        mainFields: [...ESBUILD_OPTIONS.mainFields],
        banner: ESBUILD_OPTIONS.banner,
        minify: ESBUILD_OPTIONS.minify,
        sourceMap: ESBUILD_OPTIONS.sourcemap,
        sourcesContent: ESBUILD_OPTIONS.sourcesContent,
        // See ESBUILD_OPTIONS: the runtime's AWS SDK v3, deliberately.
        bundleAwsSDK: false,
        externalModules: [...ESBUILD_OPTIONS.external],
        // Not `charset: Charset.UTF8`: aws-cdk-lib accepts it but never passes it to esbuild
        // (aws/aws-cdk#32649), and every Chinese character of the packs would become a 6-byte \uXXXX.
        esbuildArgs: {
          '--tree-shaking': String(ESBUILD_OPTIONS.treeShaking),
          '--charset': ESBUILD_OPTIONS.charset,
        },
        // Only problems, not the size summary of every bundle.
        logLevel: LogLevel.WARNING,
        ...(props.bundleFiles === undefined ? {} : { commandHooks: copyInto(props.bundleFiles) }),
      },
    });
    // Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords to the role's policy.
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy instanceof Policy) {
      acknowledge(
        policy,
        'AwsSolutions-IAM5[Resource::*]',
        'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) and, for the stream consumer, ' +
          'dynamodb:ListStreams support no resource-level permissions: AWS accepts only "*" for them. Every ' +
          'other statement of this policy names its table, index, topic, key or secret.',
      );
    }
  }

  /** Read-only access to the table and each of its indexes by name; sets TABLE_NAME. */
  readTable(table: ITable): void {
    this.addToRolePolicy(
      new PolicyStatement({ actions: TABLE_READ_ACTIONS, resources: tableAndIndexArns(table) }),
    );
    this.addEnvironment(ENV.tableName, table.tableName);
  }

  /**
   * Read and write items (no Scan, no table management); sets TABLE_NAME. With `partitions`, writes are
   * allowed only to items whose partition key is one of them, with `partitionPrefixes` only to those whose
   * partition key starts with one of them (IAM `dynamodb:LeadingKeys`).
   */
  writeTable(
    table: ITable,
    options: { readonly partitions?: readonly string[]; readonly partitionPrefixes?: readonly string[] } = {},
  ): void {
    this.readTable(table);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: TABLE_WRITE_ACTIONS,
        resources: [table.tableArn],
        ...(options.partitions === undefined
          ? {}
          : {
              conditions: {
                'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [...options.partitions] },
              },
            }),
        ...(options.partitionPrefixes === undefined
          ? {}
          : {
              conditions: {
                'ForAllValues:StringLike': {
                  'dynamodb:LeadingKeys': options.partitionPrefixes.map((prefix) => `${prefix}*`),
                },
              },
            }),
      }),
    );
  }

  /**
   * sns:Publish on this topic only, and the two KMS operations SNS performs for a publisher on the topic's
   * key; sets `variable` to the topic ARN.
   */
  publishTo(topic: ITopic, key: IKey, variable: string): void {
    this.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
    );
    this.addEnvironment(variable, topic.topicArn);
  }

  /**
   * Reads the pushers' HMAC secrets at run time (cached in the function by Powertools Parameters); the
   * secret value itself is never put in the environment. Sets CLIENT_SECRETS_ARN.
   */
  readClientSecrets(secret: ISecret): void {
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    this.addEnvironment(ENV.clientSecretsArn, secret.secretArn);
  }

  /** Reads the guarded actions' webhook signing secret at run time (never in the environment). Sets AUTOMATION_SECRET_ARN. */
  readAutomationSecret(secret: ISecret): void {
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    this.addEnvironment(ENV.automationSecretArn, secret.secretArn);
  }
}

/** The table and each index by name: Query on an index is authorised on the index's ARN. */
const tableAndIndexArns = (table: ITable): string[] => [
  table.tableArn,
  ...GLOBAL_INDEXES.map((index) => `${table.tableArn}/index/${index.indexName}`),
];
