import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  JsonSchemaType,
  JsonSchemaVersion,
  LambdaIntegration,
  LogGroupLogDestination,
  type Method,
  MethodLoggingLevel,
  type MethodOptions,
  type Model,
  Period,
  type RequestValidator,
  RestApi,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type RouteAuth, type RouteDefinition, STAGE_NAME } from '#infra/catalog.ts';
import { acknowledge } from '#infra/nag.ts';
import { addProblemResponses } from '#infra/problem-responses.ts';
import { BINARY_MEDIA_TYPES } from '#shared/export/media-types.ts';

export interface RadarApiProps {
  /** Verifies people's tokens on `cognito` routes. */
  readonly userPool: IUserPool;
  /** Client ids of pushers that get an API key in the usage plan (context `pusherClients`). */
  readonly pusherClients: readonly string[];
}

/** Whole-stage ceiling (requests per second); per-pusher limits are in the usage plan. */
export const STAGE_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/**
 * One JSON object per request in the access log. Identity fields say who called (API key id for pushers,
 * the Cognito subject for people) without logging any credential; `waf` says what the firewall decided.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  xrayTraceId: '$context.xrayTraceId',
  requestTime: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  resource: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integration.latency',
  integrationStatus: '$context.integration.status',
  error: '$context.error.message',
  apiKeyId: '$context.identity.apiKeyId',
  principal: '$context.authorizer.claims.sub',
  waf: '$context.wafResponseCode',
} as const;

/**
 * The REST API: the routes of infra/catalog.ts, each a Lambda proxy integration, authorised at the edge as
 * the catalog says. `public` routes are open; `signature` routes need a pusher's API key (quotas and
 * throttling per client; the HMAC signature itself is verified by the function, on the raw body, because
 * API Gateway cannot); `cognito` routes need a user-pool token, and the function checks the group.
 *
 * The stage writes JSON access logs, execution logs (errors; never bodies), X-Ray traces, and throttles.
 */
export class RadarApi extends Construct {
  readonly restApi: RestApi;
  /** Pushers' quota and throttling; one API key per pushing client. */
  readonly pushers: UsagePlan;
  private readonly userPool: IUserPool;
  private readonly bodyValidator: RequestValidator;
  private readonly jsonObject: Model;
  private peopleAuthorizer: CognitoUserPoolsAuthorizer | undefined;

  constructor(scope: Construct, id: string, props: RadarApiProps) {
    super(scope, id);
    this.userPool = props.userPool;

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.restApi = new RestApi(this, 'Api', {
      restApiName: 'marketing-risk-radar',
      // The evidence-pack PDF: its base64 body goes out as bytes to a request that accepts application/pdf.
      binaryMediaTypes: [...BINARY_MEDIA_TYPES],
      description: 'Marketing Risk Radar: events in, cases and reviews out.',
      endpointTypes: [EndpointType.REGIONAL],
      // Execution logs need the account-wide API Gateway CloudWatch role (one per account and region).
      // Retained: another API in the account may rely on the same setting.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: STAGE_NAME,
        tracingEnabled: true,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
        // Execution logs for errors only: the access log already records every request, and INFO would
        // write several KB per request. Never data traces: bodies carry ad copy and signatures.
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        // Stage-level metrics (ApiName, Stage) are free and are what the alarms use; per-method detailed
        // metrics would cost ~7 custom metrics per method.
        metricsEnabled: false,
        throttlingRateLimit: STAGE_THROTTLE.rateLimit,
        throttlingBurstLimit: STAGE_THROTTLE.burstLimit,
      },
    });
    const cloudWatchRole = this.restApi.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole !== undefined) {
      acknowledge(
        cloudWatchRole,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        'The account-level role API Gateway assumes to write execution and access logs: the AWS managed ' +
          'policy is the documented one for it, and the role is assumable only by apigateway.amazonaws.com.',
      );
    }
    addProblemResponses(this.restApi);

    // API Gateway checks that a pusher's POST carries a JSON object before a function runs; the function
    // then validates the whole body against its zod schema (shared/schemas) and answers field-level problems.
    this.bodyValidator = this.restApi.addRequestValidator('JsonBody', {
      requestValidatorName: 'json-body',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    this.jsonObject = this.restApi.addModel('JsonObject', {
      modelName: 'JsonObject',
      contentType: 'application/json',
      description: 'Any JSON object: the function validates the rest.',
      schema: { schema: JsonSchemaVersion.DRAFT4, title: 'JsonObject', type: JsonSchemaType.OBJECT },
    });

    // A batch carries up to 100 events, so 20 requests per second is far above any export's pace, and a
    // runaway client is stopped at the gateway instead of in the table's bill.
    this.pushers = this.restApi.addUsagePlan('Pushers', {
      name: 'marketing-risk-radar-pushers',
      throttle: { rateLimit: 20, burstLimit: 50 },
      quota: { limit: 200_000, period: Period.DAY },
      apiStages: [{ api: this.restApi, stage: this.restApi.deploymentStage }],
    });
    for (const clientId of props.pusherClients) {
      // API Gateway generates the key value; operators read it with `aws apigateway get-api-key --include-value`.
      const key = this.restApi.addApiKey(`PusherKey-${clientId}`, {
        description: `Marketing Risk Radar pusher ${clientId}`,
      });
      this.pushers.addApiKey(key);
      new CfnOutput(this, `ApiKeyId-${clientId}`, {
        description: `API key id of pusher ${clientId}`,
        value: key.keyId,
      });
    }
  }

  /** Serves `route` with `handler` through a Lambda proxy integration. */
  addRoute(route: RouteDefinition, handler: IFunction): Method {
    const method = this.restApi.root
      .resourceForPath(route.path)
      .addMethod(route.method, new LambdaIntegration(handler, { allowTestInvoke: false }), {
        ...this.methodOptions(route.auth),
        ...this.validation(route),
      });
    this.acknowledgeEdgeAuthorization(method, route.auth);
    return method;
  }

  /**
   * Pushers' POSTs must carry a JSON object (`Content-Type` header required). People's POSTs are not checked
   * here: acknowledge and revoke take an optional or no body, which a gateway model cannot express; their
   * functions parse the body with zod like every other.
   */
  private validation(route: RouteDefinition): MethodOptions {
    if (route.method !== 'POST' || route.auth !== 'signature') return {};
    return {
      requestValidator: this.bodyValidator,
      // `$default` also checks a body sent with another content type: whatever it claims, it must be JSON.
      requestModels: { 'application/json': this.jsonObject, $default: this.jsonObject },
      requestParameters: { 'method.request.header.Content-Type': true },
    };
  }

  private methodOptions(auth: RouteAuth): MethodOptions {
    switch (auth) {
      case 'public':
        return { authorizationType: AuthorizationType.NONE };
      case 'signature':
        return { authorizationType: AuthorizationType.NONE, apiKeyRequired: true };
      case 'cognito':
        return { authorizationType: AuthorizationType.COGNITO, authorizer: this.authorizer() };
    }
  }

  /** The two rules that expect an authorizer on every method, acknowledged on exactly the methods without one. */
  private acknowledgeEdgeAuthorization(method: Method, auth: RouteAuth): void {
    const reasons: Record<RouteAuth, string | undefined> = {
      public:
        'Public by design: liveness and the OpenAPI document, no data; protected by the WAF and stage throttling.',
      signature:
        "Pushers authenticate with an HMAC-SHA256 signature over the raw request body, verified in the function (shared/auth/signature.ts) with the client's secret from Secrets Manager, with a timestamp window and a single-use replay guard; an API Gateway authorizer cannot see the raw body. The API key (usage plan) is required as well, for per-client quotas.",
      cognito: undefined,
    };
    const reason = reasons[auth];
    if (reason === undefined) return;
    acknowledge(method, 'AwsSolutions-APIG4', reason);
    acknowledge(method, 'AwsSolutions-COG4', reason);
  }

  // Created with the first people route: an authorizer attached to no method fails synthesis.
  private authorizer(): CognitoUserPoolsAuthorizer {
    this.peopleAuthorizer ??= new CognitoUserPoolsAuthorizer(this, 'PeopleAuthorizer', {
      authorizerName: 'people',
      cognitoUserPools: [this.userPool],
      resultsCacheTtl: Duration.minutes(5),
    });
    return this.peopleAuthorizer;
  }
}
