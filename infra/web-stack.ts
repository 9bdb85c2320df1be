import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  type IUserPool,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct, IConstruct } from 'constructs';
import { WEB_URL_PARAMETER } from '#infra/catalog.ts';
import { acknowledge } from '#infra/nag.ts';
import { writeWebApp } from '../web/build.ts';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../web/headers.ts';

export interface WebStackProps extends StackProps {
  /** People sign in to this pool (data stack); the web app gets its own client and the hosted UI domain. */
  readonly userPool: IUserPool;
  /** The REST API (service stack), served under `/v1/*` of the same origin: no CORS, one CSP origin. */
  readonly restApi: RestApi;
  /**
   * Cognito hosted UI domain prefix, globally unique per region (context `authDomainPrefix`).
   * @default `risk-radar-<account id>`
   */
  readonly authDomainPrefix?: string;
  /** A directory holding the built app; built from web/ into a temporary directory when omitted. */
  readonly siteDir?: string;
}

/** The path the hosted UI sends people back to with the authorization code (web/src/components/App.tsx). */
export const CALLBACK_PATH = '/callback';

/**
 * Client-side routes (`/cases/c-1`, `/callback`) are the app's: any path without a file extension gets
 * `index.html` from the bucket. Runs on the bucket's behaviour only, so `/v1/*` never reaches it.
 */
const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The people's web app (web/): a private S3 bucket behind CloudFront (origin access control, HTTPS only,
 * security headers with a strict CSP, SPA fallback), the REST API proxied under `/v1/*` so the page calls
 * its own origin, and Cognito hosted-UI sign-in with the authorization code flow and PKCE. `config.json`
 * is written at deploy time from this stack's values, so one build serves every account.
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly client: UserPoolClient;
  readonly signInDomain: UserPoolDomain;
  /** `https://<id>.cloudfront.net` */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Build output only, but CloudFormation cannot delete a bucket that still has objects: it is left
      // behind when the stack is deleted (docs/web.md says how to empty and remove it).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'The bucket holds only the public build of the web app, written by the deployment and read only by ' +
        'CloudFront through origin access control; object-level access logs would record nothing but CloudFront reads.',
    );

    const domainPrefix = props.authDomainPrefix ?? Fn.join('-', ['risk-radar', Aws.ACCOUNT_ID]);
    this.signInDomain = new UserPoolDomain(this, 'SignInDomain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix },
    });
    const cognitoUrl = this.signInDomain.baseUrl();

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Marketing Risk Radar web app: strict CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({
            connectTo: [cognitoUrl],
            upgradeInsecureRequests: true,
          }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: (['Permissions-Policy', 'Cross-Origin-Opener-Policy'] as const).map((header) => ({
          header,
          value: SECURITY_HEADERS[header],
          override: true,
        })),
      },
    });

    // The API is not cached: a cache policy is still needed to forward Authorization (CloudFront only
    // forwards it when it is part of the cache key), with TTLs that keep nothing.
    const apiPassThrough = new CachePolicy(this, 'ApiPassThrough', {
      comment: 'Marketing Risk Radar API: forward Authorization and the query string, cache nothing',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Marketing Risk Radar web app',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'SpaFallback', {
              comment: 'Client-side routes of the web app get index.html',
              runtime: FunctionRuntime.JS_2_0,
              code: FunctionCode.fromInline(SPA_FALLBACK),
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new RestApiOrigin(props.restApi),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: apiPassThrough,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          compress: true,
        },
      },
    });
    this.acknowledgeDistribution(this.distribution);
    this.url = `https://${this.distribution.distributionDomainName}`;

    this.client = new UserPoolClient(this, 'WebClient', {
      userPool: props.userPool,
      userPoolClientName: 'marketing-risk-radar-web',
      // A public client in the browser: no secret; PKCE protects the code.
      generateSecret: false,
      authFlows: {},
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.url}${CALLBACK_PATH}`],
        logoutUrls: [`${this.url}/`],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });

    const siteDir = props.siteDir ?? writeWebApp();
    // Hashed assets first (cached for a year, never pruned: an open tab may still ask for the previous
    // build's), then the page and its settings (revalidated on every load), then an invalidation of those two.
    const assets = new BucketDeployment(this, 'DeployAssets', {
      destinationBucket: this.bucket,
      sources: [Source.asset(siteDir, { exclude: ['index.html'] })],
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
      memoryLimit: 256,
    });
    const page = new BucketDeployment(this, 'DeployPage', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(siteDir, { exclude: ['*', '!index.html'] }),
        Source.jsonData('config.json', {
          mode: 'cognito',
          apiBaseUrl: '',
          cognito: {
            domain: cognitoUrl,
            clientId: this.client.userPoolClientId,
            redirectUri: `${this.url}${CALLBACK_PATH}`,
          },
        }),
      ],
      cacheControl: [CacheControl.noCache()],
      prune: false,
      memoryLimit: 256,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
    });
    page.node.addDependency(assets);
    this.acknowledgeDeploymentFunction();

    new CfnOutput(this, 'WebUrl', { value: this.url, description: 'The web app for legal and managers' });
    // Notifications link to cases here. A parameter, not a cross-stack value: this stack already depends
    // on the service stack (its API), so the service stack reads the URL at run time (WEB_URL_PARAMETER).
    new StringParameter(this, 'WebUrlParameter', {
      parameterName: WEB_URL_PARAMETER,
      stringValue: this.url,
      description: 'Marketing Risk Radar web app URL, linked from escalations and digests',
    });
    new CfnOutput(this, 'SignInUrl', { value: cognitoUrl, description: 'Cognito hosted UI' });
    new CfnOutput(this, 'WebClientId', {
      value: this.client.userPoolClientId,
      description: 'Web app sign-in client',
    });
  }

  private acknowledgeDistribution(distribution: Distribution): void {
    const findings: Record<string, string> = {
      'AwsSolutions-CFR1':
        'Legal and managers work from several countries (CN, VN, US markets) and travel; who may sign in is ' +
        'decided by Cognito (MFA required), not by geography.',
      'AwsSolutions-CFR2':
        'A CloudFront web ACL must live in us-east-1 while this stack is region-agnostic; the static files are ' +
        'public build output, and /v1 requests still pass the API stage\u2019s regional WAF (rate limit, managed rules).',
      'AwsSolutions-CFR3':
        'Standard logs would need an ACL-enabled log bucket; API calls through /v1 are already logged one JSON ' +
        'line per request by the API stage\u2019s access log, and the rest are requests for static files.',
      'AwsSolutions-CFR4':
        'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum ' +
        'protocol; add a custom domain with an ACM certificate and TLSv1.2_2021 to raise it (docs/web.md).',
    };
    for (const [rule, reason] of Object.entries(findings)) acknowledge(distribution, rule, reason);
  }

  /**
   * The BucketDeployment custom resource's Lambda (one singleton for both deployments) is AWS CDK's own
   * code, run only during deployments.
   */
  private acknowledgeDeploymentFunction(): void {
    const handler = this.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (handler === undefined) return;
    const reason = (why: string): string =>
      `The AWS CDK BucketDeployment custom resource, which copies the web app's build into its bucket at deploy time only: ${why}`;
    const fn: IConstruct = handler;
    for (const [rule, why] of Object.entries({
      'AwsSolutions-L1': 'its runtime is pinned by aws-cdk-lib and moves with CDK upgrades.',
      'Serverless-LambdaDLQ':
        'CloudFormation invokes it synchronously and fails the deployment on error; there is no event to dead-letter.',
      'Serverless-LambdaTracing': 'a deploy-time copy job, not part of any request path worth tracing.',
      'Serverless-LambdaLatestVersion': 'its runtime is pinned by aws-cdk-lib and moves with CDK upgrades.',
    })) {
      acknowledge(fn, rule, reason(why));
    }
    const role = fn.node.tryFindChild('ServiceRole');
    if (role !== undefined) {
      acknowledge(
        role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason('the AWS managed basic execution policy only lets it write its own logs.'),
      );
      const policy = role.node.tryFindChild('DefaultPolicy');
      if (policy !== undefined) this.acknowledgeWildcards(policy, reason);
    }
  }

  private acknowledgeWildcards(policy: IConstruct, reason: (why: string) => string): void {
    for (const finding of [
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]`,
      'AwsSolutions-IAM5[Resource::*]',
    ]) {
      acknowledge(
        policy,
        finding,
        reason(
          'aws-cdk-lib grants it read on the CDK asset bucket and write on the site bucket only (the object ' +
            'wildcards are within those two buckets), and cloudfront:CreateInvalidation/GetInvalidation, which ' +
            'IAM cannot scope to a distribution in that construct (Resource *).',
        ),
      );
    }
  }
}
