import { Duration } from 'aws-cdk-lib';
import {
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  type MethodOptions,
  Period,
  RestApi,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type RouteAuth, type RouteDefinition, STAGE_NAME } from '#infra/catalog.ts';
import { addProblemResponses } from '#infra/problem-responses.ts';

export interface RadarApiProps {
  /** Verifies people's tokens on `cognito` routes. */
  readonly userPool: IUserPool;
  /** Client ids of pushers that get an API key in the usage plan (context `pusherClients`). */
  readonly pusherClients: readonly string[];
}

/**
 * The REST API: the routes of infra/catalog.ts, each a Lambda proxy integration, authorised at the edge as
 * the catalog says. `public` routes are open; `signature` routes need a pusher's API key (quotas and
 * throttling per client; the HMAC signature itself is verified by the function, on the raw body, because
 * API Gateway cannot); `cognito` routes need a user-pool token, and the function checks the group.
 */
export class RadarApi extends Construct {
  readonly restApi: RestApi;
  /** Pushers' quota and throttling; one API key per pushing client. */
  readonly pushers: UsagePlan;
  private readonly userPool: IUserPool;
  private peopleAuthorizer: CognitoUserPoolsAuthorizer | undefined;

  constructor(scope: Construct, id: string, props: RadarApiProps) {
    super(scope, id);
    this.userPool = props.userPool;

    this.restApi = new RestApi(this, 'Api', {
      restApiName: 'marketing-risk-radar',
      description: 'Marketing Risk Radar: events in, cases and reviews out.',
      endpointTypes: [EndpointType.REGIONAL],
      // Access and execution logs need the account-wide API Gateway CloudWatch role; that decision belongs
      // with the rest of the logging and alarms (hardening issue).
      cloudWatchRole: false,
      deployOptions: {
        stageName: STAGE_NAME,
        tracingEnabled: true,
        metricsEnabled: true,
        // Whole-stage ceiling; per-pusher limits are in the usage plan below.
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
      },
    });
    addProblemResponses(this.restApi);

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
    }
  }

  /** Serves `route` with `handler` through a Lambda proxy integration. */
  addRoute(route: RouteDefinition, handler: IFunction): void {
    this.restApi.root
      .resourceForPath(route.path)
      .addMethod(
        route.method,
        new LambdaIntegration(handler, { allowTestInvoke: false }),
        this.methodOptions(route.auth),
      );
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
