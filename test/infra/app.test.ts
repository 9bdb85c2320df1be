import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUNCTIONS,
  type FunctionDefinition,
  type RouteAuth,
  STREAM_CONSUMER,
  STREAM_REDRIVER,
  STREAM_SETTINGS,
  WEB_URL_PARAMETER,
} from '#infra/catalog.ts';
import { PEOPLE_GROUPS } from '#infra/data-stack.ts';
import { ALARM_THRESHOLDS } from '#infra/operations.ts';
import { createRadarApp, type RadarApp } from '#infra/radar-app.ts';
import { FUNCTION_RUNTIME } from '#infra/risk-function.ts';
import { STREAM_CONSUMER_PARTITIONS } from '#infra/service-stack.ts';
import { ENV } from '#shared/config.ts';
import { PACK_DATA_DIR, PACK_DATA_FILES } from '#shared/domain/claims/packs/data.ts';
import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { METRICS_NAMESPACE, PRODUCT_METRICS } from '#shared/metrics.ts';
import {
  ESCALATION_ATTRIBUTE,
  GLOBAL_INDEXES,
  KEY_ATTRIBUTES,
  STREAM_VIEW_TYPE,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
} from '#shared/table.ts';

/** A resource of a synthesized template: CloudFormation JSON, as aws-cdk-lib/assertions types it. */
type Resource = ReturnType<Template['findResources']>[string];

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const resourcesOf = (template: Template, type: string): Array<[string, Resource]> =>
  Object.entries(template.findResources(type));

const onlyOne = <T>(items: readonly T[], what: string): T => {
  const [item, ...rest] = items;
  if (item === undefined || rest.length > 0)
    throw new Error(`Expected exactly one ${what}, found ${items.length}`);
  return item;
};

const actionsIn = (statement: Statement): string[] => [statement.Action].flat();

const definitions: readonly FunctionDefinition[] = FUNCTIONS;
const routes = definitions.flatMap((definition) =>
  definition.routes.map((route) => ({ ...route, functionId: definition.id })),
);
const scheduled = definitions.filter((definition) => definition.schedule !== undefined);

const CONTEXT = {
  pusherClients: 'cms,meta-ads',
  managerEmails: 'ana@example.com,bo@example.com',
  managerPhones: '+8613800000000',
  managerMarkets: 'CN,VN',
  managers: JSON.stringify([
    {
      email: 'li@example.cn',
      username: 'li',
      lang: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      brands: ['Acme'],
      markets: ['CN'],
    },
    { phone: '+84901234567', username: 'lan', lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh' },
  ]),
  opsEmails: 'oncall@example.com',
};

// Bundling every function with esbuild is part of what is tested, so the app is synthesized once per file.
let radar: RadarApp;
let assembly: CloudAssembly;
let data: Template;
let service: Template;

beforeAll(() => {
  // cdk-nag runs in test/infra/nag.test.ts; here the templates are what is asserted.
  radar = createRadarApp({ context: { ...CONTEXT, nag: 'false' } });
  assembly = radar.app.synth();
  data = Template.fromStack(radar.data);
  service = Template.fromStack(radar.service);
}, 180_000);

// The app synthesizes into a fresh temporary directory; bundles are a few MB per run.
afterAll(() => rmSync(assembly.directory, { recursive: true, force: true }));

describe('App: Marketing Risk Radar', () => {
  it('synthesizes offline: environment-agnostic stacks, no context lookups', () => {
    expect(Token.isUnresolved(radar.data.account)).toBe(true);
    expect(Token.isUnresolved(radar.service.region)).toBe(true);
    expect(assembly.manifest.missing ?? []).toEqual([]);
  });

  it('deploys the data stack before the service stack that references it', () => {
    expect(radar.service.dependencies).toContain(radar.data);
    expect(radar.data.dependencies).toEqual([]);
  });

  it('keeps every stateful resource in the data stack and none in the service stack', () => {
    for (const type of [
      'AWS::DynamoDB::Table',
      'AWS::SNS::Topic',
      'AWS::SQS::Queue',
      'AWS::SecretsManager::Secret',
      'AWS::Cognito::UserPool',
      'AWS::KMS::Key',
    ]) {
      expect(resourcesOf(data, type).length, type).toBeGreaterThan(0);
      expect(resourcesOf(service, type), type).toEqual([]);
    }
  });
});

describe('Stack: RiskRadarData', () => {
  const table = (): Resource => onlyOne(resourcesOf(data, 'AWS::DynamoDB::Table'), 'table')[1];

  it('keys the table exactly as shared/table.ts describes, every key a string', () => {
    const { Properties } = table();

    expect(Properties.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ]);
    expect(
      [...Properties.AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName)),
    ).toEqual([...KEY_ATTRIBUTES].sort().map((name) => ({ AttributeName: name, AttributeType: 'S' })));
    expect(Properties.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('has exactly the global indexes of shared/table.ts, each projecting all attributes', () => {
    const indexes = table().Properties.GlobalSecondaryIndexes;

    expect(indexes).toEqual(
      GLOBAL_INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('streams new and old images and expires items by the TTL attribute', () => {
    const { Properties } = table();

    expect(Properties.StreamSpecification).toEqual({ StreamViewType: STREAM_VIEW_TYPE });
    expect(Properties.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });

  it('protects the table: point-in-time recovery, deletion protection, retained on delete', () => {
    const { Properties, DeletionPolicy, UpdateReplacePolicy } = table();

    expect(Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(Properties.DeletionProtectionEnabled).toBe(true);
    expect(DeletionPolicy).toBe('Retain');
    expect(UpdateReplacePolicy).toBe('Retain');
  });

  it.each([
    'AWS::DynamoDB::Table',
    'AWS::SNS::Topic',
    'AWS::KMS::Key',
    'AWS::SQS::Queue',
    'AWS::SecretsManager::Secret',
    'AWS::Cognito::UserPool',
  ])('retains every %s when the stack is deleted', (type) => {
    const resources = resourcesOf(data, type);

    expect(resources.length).toBeGreaterThan(0);
    for (const [, resource] of resources) {
      expect(resource.DeletionPolicy).toBe('Retain');
    }
  });

  const topicByName = (displayName: string): [string, Resource] =>
    onlyOne(
      resourcesOf(data, 'AWS::SNS::Topic').filter(
        ([, topic]) => topic.Properties.DisplayName === displayName,
      ),
      `topic ${displayName}`,
    );
  const escalations = () => topicByName('Marketing Risk Radar escalations');
  const digest = () => topicByName('Marketing Risk Radar daily digest');
  const operations = () => topicByName('Marketing Risk Radar operations');

  it('encrypts every topic with a rotated customer managed key and refuses plain HTTP on each', () => {
    const keys = new Map(resourcesOf(data, 'AWS::KMS::Key'));
    const topics = resourcesOf(data, 'AWS::SNS::Topic');

    expect(topics).toHaveLength(3);
    for (const [topicId, topic] of topics) {
      const keyId: string = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
      expect(keys.get(keyId)?.Properties.EnableKeyRotation).toBe(true);
      data.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it("lets CloudWatch use only the operations topic's key, so alarms can publish to it", () => {
    const admitsCloudWatch = (keyId: string): boolean =>
      JSON.stringify(data.findResources('AWS::KMS::Key')[keyId]?.Properties.KeyPolicy).includes(
        'cloudwatch.amazonaws.com',
      );
    const keyOf = (topic: [string, Resource]): string => topic[1].Properties.KmsMasterKeyId['Fn::GetAtt'][0];

    expect(admitsCloudWatch(keyOf(operations()))).toBe(true);
    expect(admitsCloudWatch(keyOf(escalations()))).toBe(false);
    expect(keyOf(escalations())).toBe(keyOf(digest()));
  });

  const subscriptionsTo = (topic: [string, Resource]): Resource[] =>
    resourcesOf(data, 'AWS::SNS::Subscription')
      .map(([, subscription]) => subscription)
      .filter((subscription) => subscription.Properties.TopicArn.Ref === topic[0]);

  const deadLetterQueueId = (): string =>
    onlyOne(
      resourcesOf(data, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('DeliveryFailures')),
      'delivery-failures queue',
    )[0];

  it('subscribes every manager (context managers, managerEmails) by e-mail to escalations and the digest', () => {
    const managers = [...CONTEXT.managerEmails.split(','), 'li@example.cn'];
    const byEmail = (topic: [string, Resource]) =>
      subscriptionsTo(topic).filter((subscription) => subscription.Properties.Protocol === 'email');

    for (const topic of [escalations(), digest()]) {
      expect(
        byEmail(topic)
          .map((s) => s.Properties.Endpoint)
          .sort(),
      ).toEqual([...managers].sort());
    }
    expect(subscriptionsTo(operations()).map((s) => s.Properties.Endpoint)).toEqual([CONTEXT.opsEmails]);
  });

  it('texts escalations, never the digest, to every manager phone (context managers, managerPhones)', () => {
    const bySms = (topic: [string, Resource]) =>
      subscriptionsTo(topic).filter((subscription) => subscription.Properties.Protocol === 'sms');

    expect(
      bySms(escalations())
        .map((s) => s.Properties.Endpoint)
        .sort(),
    ).toEqual(['+84901234567', CONTEXT.managerPhones]);
    expect(bySms(digest())).toEqual([]);
  });

  const none = [{ exists: false }];
  /** The digest's filter: its audience, or a message older than audiences. */
  const digestFilterOf = (lang: string, timeZone: string) => ({
    $or: [{ lang: [lang], timeZone: [timeZone] }, { lang: none }],
  });
  /**
   * An escalation subscription's filter: its audience (or a message older than audiences) × either the
   * pages naming its username, or the pages naming nobody of its brands (case-folded) and markets, or of none.
   */
  const filterOf = (
    lang: string,
    timeZone: string,
    markets: readonly string[],
    person: { username?: string; brands?: readonly string[] } = {},
  ) => {
    const brands = person.brands ?? [];
    const byBrand = brands.length === 0 ? [{}] : [{ brand: brands }, { brand: none }];
    const byMarket = markets.length === 0 ? [{}] : [{ market: markets }, { market: none }];
    const unnamed = byBrand.flatMap((brand) =>
      byMarket.map((market) => ({ recipients: none, ...brand, ...market })),
    );
    const named = person.username === undefined ? [] : [{ recipients: [person.username] }];
    return {
      $or: [{ lang: [lang], timeZone: [timeZone] }, { lang: none }].flatMap((who) =>
        [...named, ...unnamed].map((what) => ({ ...who, ...what })),
      ),
    };
  };

  it("gives each manager's subscriptions the manager's audience, and escalations the pages naming the manager or the unowned ones of the manager's brands and markets (or none)", () => {
    const filters = (topic: [string, Resource]) =>
      Object.fromEntries(
        subscriptionsTo(topic).map((subscription) => [
          subscription.Properties.Endpoint,
          subscription.Properties.FilterPolicy,
        ]),
      );

    expect(filters(escalations())).toEqual({
      'ana@example.com': filterOf('en', 'UTC', ['CN', 'VN']),
      'bo@example.com': filterOf('en', 'UTC', ['CN', 'VN']),
      '+8613800000000': filterOf('en', 'UTC', ['CN', 'VN']),
      'li@example.cn': filterOf('zh-CN', 'Asia/Shanghai', ['CN'], { username: 'li', brands: ['acme'] }),
      '+84901234567': filterOf('vi', 'Asia/Ho_Chi_Minh', ['CN', 'VN'], { username: 'lan' }),
    });
    // Spelt out once: li hears of her own pages, and of unowned Acme or brand-less pages in CN or market-less.
    expect(filters(escalations())['li@example.cn'].$or).toHaveLength(10);
    expect(filters(escalations())['li@example.cn'].$or[0]).toEqual({
      lang: ['zh-CN'],
      timeZone: ['Asia/Shanghai'],
      recipients: ['li'],
    });
    expect(filters(escalations())['li@example.cn'].$or[1]).toEqual({
      lang: ['zh-CN'],
      timeZone: ['Asia/Shanghai'],
      recipients: none,
      brand: ['acme'],
      market: ['CN'],
    });
    expect(filters(digest())).toEqual({
      'ana@example.com': digestFilterOf('en', 'UTC'),
      'bo@example.com': digestFilterOf('en', 'UTC'),
      'li@example.cn': digestFilterOf('zh-CN', 'Asia/Shanghai'),
    });
  });

  it('gives every subscription a dead-letter queue that SNS, and only SNS from these topics, may write', () => {
    const subscriptions = resourcesOf(data, 'AWS::SNS::Subscription');

    // Three managers' e-mails on two topics, two phones, one on-call e-mail.
    expect(subscriptions.length).toBe(9);
    for (const [, subscription] of subscriptions) {
      expect(subscription.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueueId(), 'Arn'] },
      });
    }
    data.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: deadLetterQueueId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('makes a failed stream batch visible to the redrive again after the catalog redrive interval', () => {
    const [, queue] = onlyOne(
      resourcesOf(data, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('StreamFailures')),
      'StreamFailures queue',
    );

    expect(queue.Properties.VisibilityTimeout).toBe(STREAM_SETTINGS.redriveIntervalSeconds);
  });

  it('encrypts every dead-letter queue, keeps messages 14 days and refuses plain HTTP', () => {
    const queues = resourcesOf(data, 'AWS::SQS::Queue');

    expect(queues.map(([id]) => id.replace(/[A-F0-9]{8}$/, '')).sort()).toEqual([
      'ActionFailures',
      'DeliveryFailures',
      'IndexFailures',
      'InvocationFailures',
      'StreamFailures',
    ]);
    for (const [queueId, queue] of queues) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      data.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('keeps no pusher secret in the template: the client-secrets secret starts empty', () => {
    const secret = onlyOne(
      resourcesOf(data, 'AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('ClientSecrets')),
      'client-secrets secret',
    )[1];

    expect(secret.Properties.SecretString).toBe('{}');
  });

  it('keeps no automation secret in the template: it is generated at deploy', () => {
    const secret = onlyOne(
      resourcesOf(data, 'AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('AutomationSecret')),
      'automation secret',
    )[1];

    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
  });

  it('admits people only by invitation, with TOTP MFA, threat protection and a strong password policy', () => {
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('has exactly the people groups the handlers check', () => {
    const groups = resourcesOf(data, 'AWS::Cognito::UserPoolGroup').map(
      ([, group]) => group.Properties.GroupName,
    );

    expect(groups.sort()).toEqual([...PEOPLE_GROUPS].sort());
  });
});

describe('Stack: RiskRadarService', () => {
  const functionIdByDescription = (): Map<string, string> =>
    new Map(resourcesOf(service, 'AWS::Lambda::Function').map(([id, fn]) => [fn.Properties.Description, id]));

  /** The logical id of the function built from `definition`, found by its catalog description. */
  const logicalIdOf = (definition: FunctionDefinition): string => {
    const id = functionIdByDescription().get(definition.description);
    if (id === undefined) throw new Error(`No function for ${definition.id}`);
    return id;
  };

  const functionOf = (definition: FunctionDefinition): Resource => {
    const id = logicalIdOf(definition);
    const fn: Resource | undefined = service.findResources('AWS::Lambda::Function')[id];
    if (fn === undefined) throw new Error(`No function ${id}`);
    return fn;
  };

  /** The function's asset as synthesized: index.mjs, its source map and the files it carries. */
  const assetDirOf = (definition: FunctionDefinition): string => {
    const key: string = functionOf(definition).Properties.Code.S3Key;
    return join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
  };

  const roleIdOf = (definition: FunctionDefinition): string =>
    functionOf(definition).Properties.Role['Fn::GetAtt'][0];

  /** Every statement of every policy attached to the function's role. */
  const statementsOf = (definition: FunctionDefinition): Statement[] =>
    resourcesOf(service, 'AWS::IAM::Policy')
      .filter(([, policy]) =>
        policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === roleIdOf(definition)),
      )
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);

  const actionsOf = (definition: FunctionDefinition): string[] => statementsOf(definition).flatMap(actionsIn);

  const byId = (id: string): FunctionDefinition => {
    const definition = definitions.find((candidate) => candidate.id === id);
    if (definition === undefined) throw new Error(`No catalog entry ${id}`);
    return definition;
  };

  const each = definitions.map((definition) => [definition.id, definition] as const);

  describe('Functions', () => {
    it('uses the newest Node.js runtime that aws-cdk-lib offers', () => {
      const major = (runtime: Runtime): number => Number(/^nodejs(\d+)\.x$/.exec(runtime.name)?.[1] ?? 0);
      const runtimes = Object.values(Runtime).filter((value): value is Runtime => value instanceof Runtime);
      const newest = Math.max(...runtimes.map(major));

      expect(major(FUNCTION_RUNTIME)).toBe(newest);
    });

    it('creates exactly one function per catalog entry', () => {
      expect(resourcesOf(service, 'AWS::Lambda::Function')).toHaveLength(definitions.length);
      expect([...functionIdByDescription().keys()].sort()).toEqual(
        definitions.map((d) => d.description).sort(),
      );
    });

    it.each(each)(
      'configures %s: newest runtime, arm64, explicit memory and timeout, tracing, JSON logs with retention',
      (_id, definition) => {
        const { Properties } = functionOf(definition);
        const logGroupId = Properties.LoggingConfig.LogGroup.Ref;

        expect(Properties.Runtime).toBe(FUNCTION_RUNTIME.name);
        expect(Properties.Architectures).toEqual(['arm64']);
        expect(Properties.Handler).toBe('index.handler');
        expect(Properties.MemorySize).toBeGreaterThanOrEqual(256);
        expect(Properties.Timeout).toBeGreaterThan(0);
        expect(Properties.Timeout).toBeLessThanOrEqual(definition.routes.length > 0 ? 29 : 900);
        expect(Properties.TracingConfig).toEqual({ Mode: 'Active' });
        expect(Properties.LoggingConfig.LogFormat).toBe('JSON');
        expect(service.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
      },
    );

    it.each(each)(
      'bundles %s from functions/ as minified ESM with a source map, taking AWS SDK v3 from the runtime',
      (_id, definition) => {
        const bundleDir = assetDirOf(definition);
        const bundle = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');

        expect(bundle.startsWith("import { createRequire } from 'module';")).toBe(true);
        expect(bundle).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\b/);
        expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
        // The SDK is imported, never inlined: its Smithy core would be.
        expect(bundle).not.toContain('@smithy/');
        if (definition.table !== 'none')
          expect(bundle).toMatch(/from\s*"@aws-sdk\/(client-dynamodb|lib-dynamodb)"/);
        // Non-ASCII text stays UTF-8: escaped, the packs' Chinese would take twice the bytes.
        expect(bundle).not.toMatch(/\\u[4-9][0-9A-Fa-f]{3}/);
      },
    );

    it.each(each)(
      'ships %s the compiled rule packs beside its code exactly when its code reads them',
      (_id, definition) => {
        // Prepare
        const bundleDir = assetDirOf(definition);
        const bundle = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');

        // Act: a bundle that can read pack data carries readPackData's message
        const readsPacks = bundle.includes('Cannot read the compiled rule data');

        // Assess: the data is there for every reader, and only for readers
        for (const file of PACK_DATA_FILES) {
          expect(existsSync(join(bundleDir, PACK_DATA_DIR, file)), `${PACK_DATA_DIR}/${file}`).toBe(
            readsPacks,
          );
        }
      },
    );

    it('keeps rule data out of the code: ingest reads the packs from its asset, examples stay with GET /v1/rules', () => {
      // Prepare
      const assetOf = (id: string): string => {
        const definition = FUNCTIONS.find((candidate) => candidate.id === id);
        if (definition === undefined) throw new Error(`No ${id} in the catalog`);
        return assetDirOf(definition);
      };
      const ingest = readFileSync(join(assetOf('ingest-events'), 'index.mjs'), 'utf8');
      const example = DEFAULT_RULE_EXAMPLES['cn.absolute.highest']?.positive[0] ?? '';
      const shipped = JSON.parse(
        readFileSync(join(assetOf('ingest-events'), PACK_DATA_DIR, 'packs.json'), 'utf8'),
      );

      // Assess: a phrase of the packs is data beside the code, not in it; Chinese in the code itself (the
      // normaliser's numeral table) stays UTF-8, not \u escapes
      expect(example).not.toBe('');
      expect(ingest).not.toContain(example);
      expect(ingest).not.toContain('国家级');
      expect(JSON.stringify(shipped)).toContain('国家级');
      expect(ingest).toContain('壹一贰二');
      expect(existsSync(join(assetOf('list-rules'), PACK_DATA_DIR, 'examples.json'))).toBe(true);
    });

    it.each(each)('gives %s only the environment it needs', (_id, definition) => {
      const variables = functionOf(definition).Properties.Environment.Variables;
      const names = Object.keys(variables);
      const publishes = definition.publishes ?? [];

      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe('marketing-risk-radar');
      expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe(METRICS_NAMESPACE);
      expect(names.includes(ENV.tableName)).toBe(definition.table !== 'none');
      expect(names.includes(ENV.escalationTopicArn)).toBe(publishes.includes('escalations'));
      expect(names.includes(ENV.digestTopicArn)).toBe(publishes.includes('digest'));
      expect(names.includes(ENV.clientSecretsArn)).toBe(
        definition.routes.some((route) => route.auth === 'signature'),
      );
      // Secrets are read at run time (Powertools Parameters, cached), never passed as values.
      expect(JSON.stringify(variables)).not.toMatch(/SecretString|resolve:secretsmanager/);
      // Messages link to the web app, whose URL the web stack writes to a parameter of a fixed name.
      expect(variables[ENV.webUrlParameter]).toBe(publishes.length > 0 ? WEB_URL_PARAMETER : undefined);
      // One message per audience of the subscriptions: the languages × time zones of context managers.
      expect(variables[ENV.notifyAudiences]).toBe(
        publishes.length > 0 ? 'zh-CN@Asia/Shanghai,vi@Asia/Ho_Chi_Minh,en@UTC' : undefined,
      );
    });

    it('lets the publishing functions read the web URL parameter and nothing else of SSM', () => {
      for (const definition of definitions) {
        const ssm = statementsOf(definition).filter((s) => actionsIn(s).some((a) => a.startsWith('ssm:')));
        expect(ssm.length > 0, definition.id).toBe((definition.publishes?.length ?? 0) > 0);
        for (const statement of ssm) {
          expect(actionsIn(statement)).toEqual(['ssm:GetParameter']);
          expect(JSON.stringify(statement.Resource)).toContain(`:parameter${WEB_URL_PARAMETER}`);
        }
      }
    });

    it('has the web stack write its CloudFront URL to that parameter (no cross-stack value, no cycle)', () => {
      const web = Template.fromStack(radar.web);
      const [, parameter] = onlyOne(resourcesOf(web, 'AWS::SSM::Parameter'), 'web URL parameter');

      expect(parameter.Properties.Name).toBe(WEB_URL_PARAMETER);
      expect(JSON.stringify(parameter.Properties.Value)).toContain('DomainName');
    });
  });

  describe('Least privilege', () => {
    it.each(each)(
      'gives %s a role of its own with no managed policy, logging only to its log group',
      (_id, definition) => {
        const role = service.findResources('AWS::IAM::Role')[roleIdOf(definition)];
        const logGroupId = functionOf(definition).Properties.LoggingConfig.LogGroup.Ref;
        const logStatements = statementsOf(definition).filter((s) =>
          actionsIn(s).some((a) => a.startsWith('logs:')),
        );

        expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
        expect(logStatements).toEqual([
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
          },
        ]);
      },
    );

    it('lets only the functions the catalog says publish use SNS, each only on its own topics', () => {
      for (const definition of definitions) {
        const publishes = statementsOf(definition).filter((s) => actionsIn(s).includes('sns:Publish'));
        const topics = publishes.map((s) => JSON.stringify(s.Resource));

        expect(publishes.length, definition.id).toBe(definition.publishes?.length ?? 0);
        expect(topics.some((t) => t.includes('EscalationTopic'))).toBe(
          definition.publishes?.includes('escalations') ?? false,
        );
        expect(topics.some((t) => t.includes('DigestTopic'))).toBe(
          definition.publishes?.includes('digest') ?? false,
        );
      }
      expect(actionsOf(byId('ingest-events'))).not.toContain('sns:Publish');
    });

    it("lets publishers use only the topics' key, for the operations SNS needs", () => {
      for (const definition of definitions) {
        const kms = statementsOf(definition).filter((s) => actionsIn(s).some((a) => a.startsWith('kms:')));
        for (const statement of kms) {
          expect(actionsIn(statement).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
          expect(JSON.stringify(statement.Resource)).toContain('TopicKey');
        }
        expect(kms.length > 0).toBe((definition.publishes?.length ?? 0) > 0);
      }
    });

    it('lets the stream consumer read the stream and the table, and write nothing but its idempotency records', () => {
      const statements = statementsOf(byId(STREAM_CONSUMER));
      const writes = statements.filter((s) =>
        actionsIn(s).some((a) =>
          [
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:BatchWriteItem',
          ].includes(a),
        ),
      );

      expect(actionsOf(byId(STREAM_CONSUMER))).toEqual(
        expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetItem']),
      );
      expect(writes.length).toBeGreaterThan(0);
      for (const statement of writes) {
        expect(statement.Condition).toEqual({
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [...STREAM_CONSUMER_PARTITIONS] },
        });
      }
    });

    it('grants table writes only to the functions the catalog says write, and no function Scan or wildcard actions', () => {
      for (const definition of definitions) {
        const actions = actionsOf(definition);
        expect(actions.includes('dynamodb:PutItem'), definition.id).toBe(definition.table === 'write');
        expect(actions.includes('dynamodb:GetItem'), definition.id).toBe(definition.table !== 'none');
        expect(actions).not.toContain('dynamodb:Scan');
        expect(
          actions.filter((action) => action.includes('*')),
          definition.id,
        ).toEqual([]);
      }
    });

    it('names every index it may query instead of index/*', () => {
      for (const definition of definitions.filter((d) => d.table !== 'none')) {
        const resources = JSON.stringify(statementsOf(definition).map((s) => s.Resource));
        expect(resources).not.toContain('/index/*');
        for (const index of GLOBAL_INDEXES) expect(resources).toContain(`/index/${index.indexName}`);
      }
    });

    it('uses the * resource only for X-Ray and, in the stream consumer, dynamodb:ListStreams', () => {
      for (const definition of definitions) {
        const starred = statementsOf(definition)
          .filter((s) => s.Resource === '*')
          .flatMap(actionsIn);
        const allowed = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams'];
        expect(
          starred.filter((a) => !allowed.includes(a)),
          definition.id,
        ).toEqual([]);
      }
    });

    it('lets only functions with signature routes read the pushers’ secrets, and only the automation the webhook secret', () => {
      for (const definition of definitions) {
        const reads = statementsOf(definition).filter((s) =>
          actionsIn(s).includes('secretsmanager:GetSecretValue'),
        );
        expect(JSON.stringify(reads).includes('ClientSecrets')).toBe(
          definition.routes.some((route) => route.auth === 'signature'),
        );
        expect(JSON.stringify(reads).includes('AutomationSecret')).toBe(
          (definition as { automation?: boolean }).automation === true,
        );
      }
    });
  });

  describe('API', () => {
    const methods = () => {
      const api = onlyOne(resourcesOf(service, 'AWS::ApiGateway::RestApi'), 'REST API')[0];
      const resources = new Map(resourcesOf(service, 'AWS::ApiGateway::Resource'));
      const pathOf = (resourceId: string): string => {
        const resource = resources.get(resourceId);
        if (resource === undefined) throw new Error(`No API resource ${resourceId}`);
        const parent = resource.Properties.ParentId;
        const prefix = parent['Fn::GetAtt']?.[0] === api ? '' : pathOf(parent.Ref);
        return `${prefix}/${resource.Properties.PathPart}`;
      };
      return resourcesOf(service, 'AWS::ApiGateway::Method').map(([, method]) => ({
        key: `${method.Properties.HttpMethod} ${pathOf(method.Properties.ResourceId.Ref)}`,
        properties: method.Properties,
      }));
    };
    const methodFor = (route: (typeof routes)[number]) =>
      onlyOne(
        methods().filter((candidate) => candidate.key === `${route.method} ${route.path}`),
        `method for ${route.method} ${route.path}`,
      ).properties;

    it('serves every catalog route, and nothing else, with the authorization it declares', () => {
      const expectedAuthorization: Record<RouteAuth, string> = {
        public: 'NONE',
        signature: 'NONE',
        cognito: 'COGNITO_USER_POOLS',
      };

      expect(
        methods()
          .map((method) => method.key)
          .sort(),
      ).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
      for (const route of routes) {
        const method = methodFor(route);
        expect(method.AuthorizationType).toBe(expectedAuthorization[route.auth]);
        expect(method.ApiKeyRequired === true).toBe(route.auth === 'signature');
        expect(method.AuthorizerId !== undefined).toBe(route.auth === 'cognito');
        expect(method.Integration.Type).toBe('AWS_PROXY');
        expect(JSON.stringify(method.Integration.Uri)).toContain(
          `"${logicalIdOf(byId(route.functionId))}","Arn"`,
        );
      }
    });

    it("requires a JSON object body and a Content-Type on pushers' POSTs before the function runs", () => {
      const [validatorId, validator] = onlyOne(
        resourcesOf(service, 'AWS::ApiGateway::RequestValidator'),
        'validator',
      );
      const [modelId, model] = onlyOne(resourcesOf(service, 'AWS::ApiGateway::Model'), 'model');

      expect(validator.Properties).toMatchObject({
        ValidateRequestBody: true,
        ValidateRequestParameters: true,
      });
      expect(model.Properties.Schema).toMatchObject({ type: 'object' });
      for (const route of routes) {
        const method = methodFor(route);
        const validated = route.method === 'POST' && route.auth === 'signature';
        expect(method.RequestValidatorId?.Ref === validatorId, `${route.method} ${route.path}`).toBe(
          validated,
        );
        if (validated) {
          expect(method.RequestModels).toEqual({
            'application/json': { Ref: modelId },
            $default: { Ref: modelId },
          });
          expect(method.RequestParameters).toEqual({ 'method.request.header.Content-Type': true });
        }
      }
    });

    it('verifies people with the data stack user pool', () => {
      const authorizer = onlyOne(resourcesOf(service, 'AWS::ApiGateway::Authorizer'), 'authorizer')[1];

      expect(authorizer.Properties.Type).toBe('COGNITO_USER_POOLS');
      expect(JSON.stringify(authorizer.Properties.ProviderARNs)).toContain('Fn::ImportValue');
    });

    it('logs every request as JSON, errors in execution logs (never bodies), traces with X-Ray and throttles the stage', () => {
      const stage = onlyOne(resourcesOf(service, 'AWS::ApiGateway::Stage'), 'stage')[1].Properties;
      const format = JSON.parse(stage.AccessLogSetting.Format);

      expect(format).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
        apiKeyId: '$context.identity.apiKeyId',
        principal: '$context.authorizer.claims.sub',
      });
      expect(
        service.findResources('AWS::Logs::LogGroup')[stage.AccessLogSetting.DestinationArn['Fn::GetAtt'][0]],
      ).toBeDefined();
      expect(stage.TracingEnabled).toBe(true);
      expect(stage.MethodSettings).toEqual([
        expect.objectContaining({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          ThrottlingRateLimit: expect.any(Number),
          ThrottlingBurstLimit: expect.any(Number),
        }),
      ]);
      // Execution logs need the account's API Gateway CloudWatch role.
      expect(resourcesOf(service, 'AWS::ApiGateway::Account')).toHaveLength(1);
    });

    it('gives every pushing client (context pusherClients) an API key in the usage plan, with quota and throttle', () => {
      const keys = resourcesOf(service, 'AWS::ApiGateway::ApiKey');

      expect(keys.map(([, key]) => key.Properties.Description).sort()).toEqual(
        CONTEXT.pusherClients
          .split(',')
          .map((client) => `Marketing Risk Radar pusher ${client}`)
          .sort(),
      );
      expect(resourcesOf(service, 'AWS::ApiGateway::UsagePlanKey')).toHaveLength(keys.length);
      service.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        Throttle: { RateLimit: Match.anyValue(), BurstLimit: Match.anyValue() },
        Quota: Match.objectLike({ Period: 'DAY' }),
        ApiStages: [Match.objectLike({ Stage: Match.anyValue() })],
      });
    });

    it('puts a regional WAF web ACL with AWS managed rules and a per-IP rate limit in front of the stage', () => {
      const [aclId, acl] = onlyOne(resourcesOf(service, 'AWS::WAFv2::WebACL'), 'web ACL');
      const rules: Array<{ Statement: Record<string, { Name?: string; Limit?: number }> }> =
        acl.Properties.Rules;
      const managed = rules.flatMap((rule) => rule.Statement.ManagedRuleGroupStatement?.Name ?? []);
      const stageId = onlyOne(resourcesOf(service, 'AWS::ApiGateway::Stage'), 'stage')[0];

      expect(acl.Properties.Scope).toBe('REGIONAL');
      expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
      expect(managed).toEqual(
        expect.arrayContaining([
          'AWSManagedRulesCommonRuleSet',
          'AWSManagedRulesKnownBadInputsRuleSet',
          'AWSManagedRulesAmazonIpReputationList',
        ]),
      );
      expect(rules.some((rule) => (rule.Statement.RateBasedStatement?.Limit ?? 0) > 0)).toBe(true);
      const association = onlyOne(resourcesOf(service, 'AWS::WAFv2::WebACLAssociation'), 'association')[1];
      expect(association.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
      expect(JSON.stringify(association.Properties.ResourceArn)).toContain(stageId);
      service.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
        ResourceArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
        RedactedFields: Match.arrayWith([{ SingleHeader: { Name: 'authorization' } }]),
      });
    });

    it('answers gateway errors, validation and WAF blocks included, as problem+json', () => {
      const responses = resourcesOf(service, 'AWS::ApiGateway::GatewayResponse');

      expect(responses.map(([, response]) => response.Properties.ResponseType)).toEqual(
        expect.arrayContaining([
          'UNAUTHORIZED',
          'ACCESS_DENIED',
          'INVALID_API_KEY',
          'BAD_REQUEST_BODY',
          'WAF_FILTERED',
          'DEFAULT_4XX',
          'DEFAULT_5XX',
        ]),
      );
      for (const [, response] of responses) {
        expect(response.Properties.ResponseParameters['gatewayresponse.header.Content-Type']).toBe(
          "'application/problem+json'",
        );
      }
      service.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: 'UNAUTHORIZED',
        StatusCode: '401',
      });
    });
  });

  describe('Stream and schedules', () => {
    const mappingOf = (definition: FunctionDefinition) =>
      onlyOne(
        resourcesOf(service, 'AWS::Lambda::EventSourceMapping').filter(
          ([, m]) =>
            JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: logicalIdOf(definition) }),
        ),
        `event source mapping of ${definition.id}`,
      )[1];
    const mapping = () => mappingOf(byId(STREAM_CONSUMER));

    it('feeds the notify function from the stream: partial failures, bisection, bounded retries, a DLQ', () => {
      const { Properties } = mapping();

      expect(Properties.FunctionName).toEqual({ Ref: logicalIdOf(byId(STREAM_CONSUMER)) });
      expect(JSON.stringify(Properties.EventSourceArn)).toContain('StreamArn');
      expect(Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(Properties.BisectBatchOnFunctionError).toBe(true);
      // The catalog's settings, which the local poller follows too.
      expect(Properties.MaximumRetryAttempts).toBe(STREAM_SETTINGS.retryAttempts);
      expect(Properties.MaximumRecordAgeInSeconds).toBe(STREAM_SETTINGS.maxRecordAgeSeconds);
      expect(Properties.BatchSize).toBe(STREAM_SETTINGS.batchSize);
      expect(Properties.MaximumBatchingWindowInSeconds).toBe(STREAM_SETTINGS.maxBatchingWindowSeconds);
      // The failure metadata must point at records the stream (24 h retention) still holds.
      expect(Properties.MaximumRecordAgeInSeconds).toBeLessThan(STREAM_SETTINGS.retentionSeconds);
      expect(JSON.stringify(Properties.DestinationConfig.OnFailure.Destination)).toContain('StreamFailures');
    });

    it('redrives the StreamFailures queue: its messages feed the redrive function, which reports partial failures', () => {
      const { Properties } = mappingOf(byId(STREAM_REDRIVER));

      expect(JSON.stringify(Properties.EventSourceArn)).toContain('StreamFailures');
      expect(Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(byId(STREAM_REDRIVER).publishes).toEqual(['escalations']);
    });

    it('lets the redrive read the stream back and write nothing but the idempotency records it shares with notify', () => {
      const statements = statementsOf(byId(STREAM_REDRIVER));
      const writes = statements.filter((s) => actionsIn(s).includes('dynamodb:PutItem'));

      expect(actionsOf(byId(STREAM_REDRIVER))).toEqual(
        expect.arrayContaining(['dynamodb:GetShardIterator', 'dynamodb:GetRecords', 'sqs:ReceiveMessage']),
      );
      expect(writes.length).toBeGreaterThan(0);
      for (const statement of writes) {
        expect(statement.Condition).toEqual({
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [...STREAM_CONSUMER_PARTITIONS] },
        });
      }
    });

    it('lets the digest write nothing but the idempotency records of the audiences it published to', () => {
      // Prepare
      const statements = statementsOf(byId('send-digest'));

      // Act
      const writes = statements.filter((s) => actionsIn(s).includes('dynamodb:PutItem'));

      // Assess
      expect(writes.length).toBeGreaterThan(0);
      for (const statement of writes) {
        expect(statement.Condition).toEqual({
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [...STREAM_CONSUMER_PARTITIONS] },
        });
      }
    });

    it('invokes the notify function only for records whose new image carries an escalation marker', () => {
      const patterns = mapping().Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) =>
        JSON.parse(filter.Pattern),
      );

      expect(patterns).toEqual([
        { dynamodb: { NewImage: { [ESCALATION_ATTRIBUTE]: { M: { id: { S: [{ exists: true }] } } } } } },
      ]);
    });

    it('feeds the search indexer from its own mapping: case and review items only, failures to IndexFailures', () => {
      // Act
      const { Properties } = mappingOf(byId('index-cases'));
      const patterns = Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) =>
        JSON.parse(filter.Pattern),
      );

      // Assess
      expect(patterns).toEqual([{ dynamodb: { Keys: { sk: { S: ['CASE', 'REVIEW'] } } } }]);
      expect(Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(Properties.MaximumRetryAttempts).toBe(STREAM_SETTINGS.retryAttempts);
      expect(JSON.stringify(Properties.DestinationConfig.OnFailure.Destination)).toContain('IndexFailures');
      expect(JSON.stringify(mapping().Properties.DestinationConfig.OnFailure.Destination)).not.toContain(
        'IndexFailures',
      );
    });

    it('feeds the guarded actions from their own mapping: case and action items, failures to ActionFailures', () => {
      // Act
      const { Properties } = mappingOf(byId('carry-out-actions'));
      const patterns = Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) =>
        JSON.parse(filter.Pattern),
      );
      const writes = statementsOf(byId('carry-out-actions')).filter((s) =>
        actionsIn(s).includes('dynamodb:PutItem'),
      );
      const secretReads = statementsOf(byId('carry-out-actions')).filter((s) =>
        actionsIn(s).includes('secretsmanager:GetSecretValue'),
      );

      // Assess: requests and their audit lines live on case partitions, nothing else is writable.
      expect(patterns).toEqual([{ dynamodb: { NewImage: { entity: { S: ['case', 'action'] } } } }]);
      expect(JSON.stringify(Properties.DestinationConfig.OnFailure.Destination)).toContain('ActionFailures');
      expect(writes.length).toBeGreaterThan(0);
      for (const statement of writes) {
        expect(statement.Condition).toEqual({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] },
        });
      }
      expect(JSON.stringify(secretReads)).toContain('AutomationSecret');
    });

    it('lets the search indexer write nothing but postings (SEARCH# partitions)', () => {
      // Act
      const writes = statementsOf(byId('index-cases')).filter((s) =>
        actionsIn(s).includes('dynamodb:PutItem'),
      );

      // Assess
      expect(writes.length).toBeGreaterThan(0);
      for (const statement of writes) {
        expect(statement.Condition).toEqual({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SEARCH#*'] },
        });
      }
    });

    it('schedules exactly the catalog entries that have a schedule', () => {
      const schedules = resourcesOf(service, 'AWS::Scheduler::Schedule').map(
        ([, schedule]) => schedule.Properties,
      );

      expect(scheduled.length).toBeGreaterThan(0);
      expect(schedules.map((s) => s.Target.Arn['Fn::GetAtt'][0]).sort()).toEqual(
        scheduled.map(logicalIdOf).sort(),
      );
    });

    it('gives each scheduled run the time it was scheduled for, which its retries share (the digest window)', () => {
      // Act
      const inputs = resourcesOf(service, 'AWS::Scheduler::Schedule').map(([, schedule]) =>
        JSON.parse(schedule.Properties.Target.Input),
      );

      // Assess
      expect(inputs.length).toBe(scheduled.length);
      for (const input of inputs) expect(input.time).toBe('<aws.scheduler.scheduled-time>');
    });

    it.each(scheduled.map((definition) => [definition.id, definition] as const))(
      'runs %s on its schedule, with bounded retries ending in the invocation-failures queue',
      (_id, definition) => {
        const schedule = onlyOne(
          resourcesOf(service, 'AWS::Scheduler::Schedule').filter(
            ([, s]) => s.Properties.Target.Arn['Fn::GetAtt'][0] === logicalIdOf(definition),
          ),
          `schedule of ${definition.id}`,
        )[1].Properties;
        const roleId: string = schedule.Target.RoleArn['Fn::GetAtt'][0];
        const roleStatements: Statement[] = resourcesOf(service, 'AWS::IAM::Policy')
          .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === roleId))
          .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
        const invokeConfig = onlyOne(
          resourcesOf(service, 'AWS::Lambda::EventInvokeConfig').filter(
            ([, c]) => c.Properties.FunctionName.Ref === logicalIdOf(definition),
          ),
          `event invoke config of ${definition.id}`,
        )[1].Properties;

        expect(schedule.ScheduleExpression).toBe(definition.schedule);
        expect(schedule.State).toBe('ENABLED');
        expect(schedule.Target.RetryPolicy.MaximumRetryAttempts).toBeLessThanOrEqual(5);
        expect(JSON.stringify(schedule.Target.DeadLetterConfig.Arn)).toContain('InvocationFailures');
        // The schedule's role may invoke exactly this function, not its versions or aliases.
        expect(roleStatements.find((s) => actionsIn(s).includes('lambda:InvokeFunction'))?.Resource).toEqual({
          'Fn::GetAtt': [logicalIdOf(definition), 'Arn'],
        });
        expect(invokeConfig.MaximumRetryAttempts).toBeLessThanOrEqual(2);
        expect(JSON.stringify(invokeConfig.DestinationConfig.OnFailure.Destination)).toContain(
          'InvocationFailures',
        );
      },
    );
  });

  describe('Operations', () => {
    const alarms = () => resourcesOf(service, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const alarmOn = (metricName: string, dimension: unknown) =>
      alarms().filter(
        (alarm) =>
          alarm.MetricName === metricName &&
          JSON.stringify(alarm.Dimensions).includes(JSON.stringify(dimension)),
      );

    it('sends every alarm, and its recovery, to the operations topic', () => {
      expect(alarms().length).toBeGreaterThan(0);
      for (const alarm of alarms()) {
        for (const actions of [alarm.AlarmActions, alarm.OKActions]) {
          expect(actions).toHaveLength(1);
          expect(JSON.stringify(actions)).toContain('OperationsTopic');
        }
      }
    });

    it.each(each)('alarms on the first error and the first throttle of %s', (_id, definition) => {
      const fn = { Ref: logicalIdOf(definition) };

      for (const metric of ['Errors', 'Throttles']) {
        const alarm = onlyOne(alarmOn(metric, fn), `${metric} alarm of ${definition.id}`);
        expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 1 });
        expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      }
    });

    it('alarms on the first message in any dead-letter queue', () => {
      const queueAlarms = alarms().filter(
        (alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible',
      );
      const watched = queueAlarms.map((alarm) => JSON.stringify(alarm.Dimensions));

      for (const queue of ['StreamFailures', 'DeliveryFailures', 'InvocationFailures']) {
        expect(
          watched.filter((dimensions) => dimensions.includes(queue)),
          queue,
        ).toHaveLength(1);
      }
      for (const alarm of queueAlarms) expect(alarm).toMatchObject({ Threshold: 1, Namespace: 'AWS/SQS' });
    });

    it('alarms when escalations lag behind the table stream', () => {
      const alarm = onlyOne(
        alarmOn('IteratorAge', { Ref: logicalIdOf(byId(STREAM_CONSUMER)) }),
        'iterator age alarm',
      );

      expect(alarm.Threshold).toBe(ALARM_THRESHOLDS.streamIteratorAgeMs);
    });

    it('alarms when a failed stream batch waits for the redrive for an hour', () => {
      const alarm = onlyOne(
        alarms().filter(
          (a) =>
            a.MetricName === 'ApproximateAgeOfOldestMessage' &&
            JSON.stringify(a.Dimensions).includes('StreamFailures'),
        ),
        'StreamFailures age alarm',
      );

      expect(alarm).toMatchObject({
        Namespace: 'AWS/SQS',
        Threshold: ALARM_THRESHOLDS.redriveOldestMessageSeconds,
      });
      expect(ALARM_THRESHOLDS.redriveOldestMessageSeconds).toBeLessThan(
        STREAM_SETTINGS.retentionSeconds - STREAM_SETTINGS.maxRecordAgeSeconds,
      );
    });

    it('alarms on the API 5xx rate and p99 latency', () => {
      const rate = onlyOne(
        alarms().filter((alarm) => JSON.stringify(alarm.Metrics ?? []).includes('5XXError')),
        '5xx rate alarm',
      );
      const latency = onlyOne(
        alarms().filter((alarm) => alarm.MetricName === 'Latency'),
        'latency alarm',
      );

      expect(rate.Threshold).toBe(ALARM_THRESHOLDS.api5xxRate);
      expect(rate.Metrics.find((m: { ReturnData?: boolean }) => m.ReturnData !== false).Expression).toContain(
        'errors / requests',
      );
      expect(latency).toMatchObject({ Namespace: 'AWS/ApiGateway', ExtendedStatistic: 'p99' });
      expect(latency.Threshold).toBe(ALARM_THRESHOLDS.apiP99LatencyMs);
    });

    it("draws the product's custom metrics (events, levels, cases, escalations) on one dashboard", () => {
      const dashboard = onlyOne(resourcesOf(service, 'AWS::CloudWatch::Dashboard'), 'dashboard')[1];
      const body = JSON.stringify(dashboard.Properties.DashboardBody);

      for (const metric of Object.values(PRODUCT_METRICS)) {
        expect(body).toContain(
          `{${METRICS_NAMESPACE},service,${metric.dimensions.join(',')}} MetricName=\\\\\\"${metric.name}\\\\\\"`,
        );
      }
      for (const level of ['red', 'yellow', 'green']) expect(body).toContain(`level=\\\\\\"${level}\\\\\\"`);
    });
  });
});
