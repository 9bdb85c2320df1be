import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionDefinition, type RouteAuth, STREAM_CONSUMER } from '#infra/catalog.ts';
import { PEOPLE_GROUPS } from '#infra/data-stack.ts';
import { createRadarApp, type RadarApp } from '#infra/radar-app.ts';
import { FUNCTION_RUNTIME } from '#infra/risk-function.ts';
import { ENV } from '#shared/config.ts';
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

const resourcesOf = (template: Template, type: string): Array<[string, Resource]> =>
  Object.entries(template.findResources(type));

const onlyOne = <T>(items: readonly T[], what: string): T => {
  const [item, ...rest] = items;
  if (item === undefined || rest.length > 0)
    throw new Error(`Expected exactly one ${what}, found ${items.length}`);
  return item;
};

const definitions: readonly FunctionDefinition[] = FUNCTIONS;
const routes = definitions.flatMap((definition) =>
  definition.routes.map((route) => ({ ...route, functionId: definition.id })),
);

// Bundling every function with esbuild is part of what is tested, so the app is synthesized once per file.
let radar: RadarApp;
let assembly: CloudAssembly;
let data: Template;
let service: Template;

beforeAll(() => {
  radar = createRadarApp();
  assembly = radar.app.synth();
  data = Template.fromStack(radar.data);
  service = Template.fromStack(radar.service);
}, 120_000);

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

  it('encrypts the escalation topic with a rotated customer managed key and refuses plain HTTP', () => {
    const [keyId] = onlyOne(resourcesOf(data, 'AWS::KMS::Key'), 'key');

    data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    data.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    data.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('encrypts the stream dead-letter queue, keeps messages 14 days and refuses plain HTTP', () => {
    data.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    data.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('admits people only by invitation, with TOTP MFA and a strong password policy', () => {
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
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

  /** Every IAM action granted to the function's role. */
  const actionsOf = (definition: FunctionDefinition): string[] => {
    const role = functionOf(definition).Properties.Role['Fn::GetAtt'][0];
    return resourcesOf(service, 'AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat());
  };

  const byId = (id: string): FunctionDefinition => {
    const definition = definitions.find((candidate) => candidate.id === id);
    if (definition === undefined) throw new Error(`No catalog entry ${id}`);
    return definition;
  };

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

  it.each(definitions.map((definition) => [definition.id, definition] as const))(
    'configures %s: newest runtime, arm64, explicit memory and timeout, tracing, JSON logs with retention',
    (_id, definition) => {
      const { Properties } = functionOf(definition);
      const logGroupId = Properties.LoggingConfig.LogGroup.Ref;

      expect(Properties.Runtime).toBe(FUNCTION_RUNTIME.name);
      expect(Properties.Architectures).toEqual(['arm64']);
      expect(Properties.Handler).toBe('index.handler');
      expect(Properties.MemorySize).toBeGreaterThan(0);
      expect(Properties.Timeout).toBeGreaterThan(0);
      expect(Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(Properties.LoggingConfig.LogFormat).toBe('JSON');
      expect(service.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
    },
  );

  it.each(definitions.map((definition) => [definition.id, definition] as const))(
    'bundles %s from functions/ as minified ESM with a source map and a require shim',
    (_id, definition) => {
      const key: string = functionOf(definition).Properties.Code.S3Key;
      const bundleDir = join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
      const bundle = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');

      expect(bundle.startsWith("import { createRequire } from 'module';")).toBe(true);
      expect(bundle).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\b/);
      expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
    },
  );

  it.each(definitions.map((definition) => [definition.id, definition] as const))(
    'gives %s only the environment it needs',
    (_id, definition) => {
      const variables = functionOf(definition).Properties.Environment.Variables;
      const names = Object.keys(variables);

      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe('marketing-risk-radar');
      expect(names.includes(ENV.tableName)).toBe(definition.table !== 'none');
      expect(names.includes(ENV.escalationTopicArn)).toBe(definition.id === STREAM_CONSUMER);
      expect(names.includes(ENV.clientSecretsArn)).toBe(
        definition.routes.some((route) => route.auth === 'signature'),
      );
    },
  );

  it('serves every catalog route, and nothing else, with the authorization it declares', () => {
    const api = onlyOne(resourcesOf(service, 'AWS::ApiGateway::RestApi'), 'REST API')[0];
    const resources = new Map(resourcesOf(service, 'AWS::ApiGateway::Resource'));
    const pathOf = (resourceId: string): string => {
      const resource = resources.get(resourceId);
      if (resource === undefined) throw new Error(`No API resource ${resourceId}`);
      const parent = resource.Properties.ParentId;
      const prefix = parent['Fn::GetAtt']?.[0] === api ? '' : pathOf(parent.Ref);
      return `${prefix}/${resource.Properties.PathPart}`;
    };
    const methods = resourcesOf(service, 'AWS::ApiGateway::Method').map(([, method]) => ({
      key: `${method.Properties.HttpMethod} ${pathOf(method.Properties.ResourceId.Ref)}`,
      properties: method.Properties,
    }));
    const expectedAuthorization: Record<RouteAuth, string> = {
      public: 'NONE',
      signature: 'NONE',
      cognito: 'COGNITO_USER_POOLS',
    };

    expect(methods.map((method) => method.key).sort()).toEqual(
      routes.map((route) => `${route.method} ${route.path}`).sort(),
    );
    for (const route of routes) {
      const method = onlyOne(
        methods.filter((candidate) => candidate.key === `${route.method} ${route.path}`),
        `method for ${route.method} ${route.path}`,
      ).properties;
      expect(method.AuthorizationType).toBe(expectedAuthorization[route.auth]);
      expect(method.ApiKeyRequired === true).toBe(route.auth === 'signature');
      expect(method.AuthorizerId !== undefined).toBe(route.auth === 'cognito');
      expect(method.Integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(method.Integration.Uri)).toContain(
        `"${logicalIdOf(byId(route.functionId))}","Arn"`,
      );
    }
  });

  it('verifies people with the data stack user pool', () => {
    const authorizer = onlyOne(resourcesOf(service, 'AWS::ApiGateway::Authorizer'), 'authorizer')[1];

    expect(authorizer.Properties.Type).toBe('COGNITO_USER_POOLS');
    expect(JSON.stringify(authorizer.Properties.ProviderARNs)).toContain('Fn::ImportValue');
  });

  it('throttles pushers per API key with a usage plan on the stage, and the stage as a whole', () => {
    service.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: Match.anyValue(), BurstLimit: Match.anyValue() },
      Quota: Match.objectLike({ Period: 'DAY' }),
      ApiStages: [Match.objectLike({ Stage: Match.anyValue() })],
    });
    service.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: Match.anyValue() }),
      ]),
    });
  });

  it('answers gateway errors as problem+json', () => {
    const responses = resourcesOf(service, 'AWS::ApiGateway::GatewayResponse');

    expect(responses.map(([, response]) => response.Properties.ResponseType)).toEqual(
      expect.arrayContaining([
        'UNAUTHORIZED',
        'ACCESS_DENIED',
        'INVALID_API_KEY',
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

  it('feeds the notify function from the stream: partial failures, bisection, bounded retries, a DLQ', () => {
    const mapping = onlyOne(
      resourcesOf(service, 'AWS::Lambda::EventSourceMapping'),
      'event source mapping',
    )[1];
    const { Properties } = mapping;

    expect(Properties.FunctionName).toEqual({ Ref: logicalIdOf(byId(STREAM_CONSUMER)) });
    expect(JSON.stringify(Properties.EventSourceArn)).toContain('StreamArn');
    expect(Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(Properties.BisectBatchOnFunctionError).toBe(true);
    expect(Properties.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(Properties.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    // The failure metadata must point at records the stream (24 h retention) still holds.
    expect(Properties.MaximumRecordAgeInSeconds).toBeLessThan(24 * 3600);
    expect(Properties.BatchSize).toBeLessThanOrEqual(10);
    expect(JSON.stringify(Properties.DestinationConfig.OnFailure.Destination)).toContain('StreamFailures');
  });

  it('invokes the notify function only for records whose new image carries an escalation marker', () => {
    const mapping = onlyOne(
      resourcesOf(service, 'AWS::Lambda::EventSourceMapping'),
      'event source mapping',
    )[1];
    const patterns = mapping.Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) =>
      JSON.parse(filter.Pattern),
    );

    expect(patterns).toEqual([
      { dynamodb: { NewImage: { [ESCALATION_ATTRIBUTE]: { M: { id: { S: [{ exists: true }] } } } } } },
    ]);
  });

  it('lets only the stream consumer publish to SNS', () => {
    for (const definition of definitions) {
      expect(actionsOf(definition).includes('sns:Publish')).toBe(definition.id === STREAM_CONSUMER);
    }
    expect(actionsOf(byId('ingest-events'))).not.toContain('sns:Publish');
  });

  it('lets the stream consumer read the stream and the table, but write nothing', () => {
    const actions = actionsOf(byId(STREAM_CONSUMER));

    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetItem']));
    for (const write of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]) {
      expect(actions).not.toContain(write);
    }
  });

  it('grants table writes only to the functions the catalog says write, and no function Scan or wildcards', () => {
    for (const definition of definitions) {
      const actions = actionsOf(definition);
      expect(actions.includes('dynamodb:PutItem')).toBe(definition.table === 'write');
      expect(actions.includes('dynamodb:GetItem')).toBe(definition.table !== 'none');
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((action) => action.endsWith(':*'))).toEqual([]);
    }
  });

  it('lets only functions with signature routes read the pushers’ secrets', () => {
    for (const definition of definitions) {
      expect(actionsOf(definition).includes('secretsmanager:GetSecretValue')).toBe(
        definition.routes.some((route) => route.auth === 'signature'),
      );
    }
  });
});
