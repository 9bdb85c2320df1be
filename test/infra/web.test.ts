import { rmSync } from 'node:fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRadarApp, type RadarApp } from '#infra/radar-app.ts';
import { CALLBACK_PATH } from '#infra/web-stack.ts';
import { buildWebApp } from '../../web/build.ts';

/** A resource of a synthesized template, as aws-cdk-lib/assertions types it. */
type Resource = ReturnType<Template['findResources']>[string];

const onlyOne = (resources: Record<string, Resource>, what: string): Resource => {
  const values = Object.values(resources);
  const [first] = values;
  if (first === undefined || values.length !== 1)
    throw new Error(`Expected one ${what}, found ${values.length}`);
  return first;
};

let radar: RadarApp;
let web: Template;
let directory: string;

beforeAll(() => {
  radar = createRadarApp({ context: { 'aws:cdk:bundling-stacks': [], nag: 'false' } });
  directory = radar.app.synth().directory;
  web = Template.fromStack(radar.web);
}, 120_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('Stack: RiskRadarWeb', () => {
  it('keeps the site bucket private: no public access, TLS only, reachable by CloudFront alone', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    web.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    const policy = onlyOne(web.findResources('AWS::S3::BucketPolicy'), 'bucket policy');
    const statements = JSON.stringify(policy.Properties);
    expect(statements).toContain('cloudfront.amazonaws.com');
    expect(statements).toContain('aws:SecureTransport');
    expect(statements).not.toContain('"Principal":"*","Action":"s3:GetObject"');
  });

  it('serves the app over HTTPS only, with a strict CSP and the other security headers', () => {
    const distribution = onlyOne(web.findResources('AWS::CloudFront::Distribution'), 'distribution');
    const config = distribution.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({ PathPattern: '/v1/*', ViewerProtocolPolicy: 'https-only' }),
    ]);

    const headers = onlyOne(web.findResources('AWS::CloudFront::ResponseHeadersPolicy'), 'headers policy');
    const security = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(security.ContentTypeOptions.Override).toBe(true);
  });

  it('falls back to index.html for client-side routes on the bucket behaviour only', () => {
    const fn = onlyOne(web.findResources('AWS::CloudFront::Function'), 'CloudFront function');
    expect(fn.Properties.FunctionCode).toContain("request.uri = '/index.html'");
    const distribution = onlyOne(web.findResources('AWS::CloudFront::Distribution'), 'distribution');
    const config = distribution.Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(config.CacheBehaviors[0].FunctionAssociations).toBeUndefined();
  });

  it('proxies /v1 to the API stage without caching and forwards Authorization', () => {
    web.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
        }),
      }),
    });
    const distribution = onlyOne(web.findResources('AWS::CloudFront::Distribution'), 'distribution');
    const origins = distribution.Properties.DistributionConfig.Origins as { OriginPath?: unknown }[];
    // The stage name (`/api`) comes from the service stack's deployment stage, resolved at deploy time.
    const paths = origins.map((origin) => JSON.stringify(origin.OriginPath ?? ''));
    expect(paths.filter((path) => path.includes('DeploymentStage'))).toHaveLength(1);
  });

  it('signs people in through the Cognito hosted UI: authorization code only, no secret, callback on the site', () => {
    web.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [
        Match.objectLike({
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`${CALLBACK_PATH}$`)])],
        }),
      ],
    });
    web.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it('deploys the build, then the page and a config.json made from the stack outputs, and invalidates them', () => {
    const deployments = web.findResources('Custom::CDKBucketDeployment');
    expect(Object.keys(deployments)).toHaveLength(2);
    const page = Object.values(deployments).find((deployment) =>
      JSON.stringify(deployment.Properties.DistributionPaths ?? []).includes('/config.json'),
    );
    expect(page?.Properties.SourceMarkers).toBeDefined();
    expect(JSON.stringify(page?.Properties.SourceMarkers)).toContain('WebClient');
    expect(JSON.stringify(page?.Properties.SystemMetadata)).toContain('no-cache');
  });
});

describe('Function: buildWebApp', () => {
  it('bundles a content-hashed script and stylesheet named by index.html, which declares UTF-8 first', () => {
    const files = buildWebApp();
    const index = files.find((file) => file.path === '/index.html');
    const html = new TextDecoder().decode(index?.contents);
    const assets = files.filter((file) => file.immutable).map((file) => file.path);

    expect(assets).toEqual([
      expect.stringMatching(/^\/app-[A-Z0-9]+\.js$/),
      expect.stringMatching(/^\/app-[A-Z0-9]+\.css$/),
    ]);
    for (const asset of assets) expect(html).toContain(`"${asset}"`);
    expect(html.indexOf('<meta charset="utf-8" />')).toBeLessThan(html.indexOf('<title>'));
    expect(index?.immutable).toBe(false);
  });

  it('builds the same bytes twice (a redeploy without changes uploads nothing)', () => {
    const first = buildWebApp().map((file) => [file.path, Buffer.from(file.contents).toString('base64')]);
    const second = buildWebApp().map((file) => [file.path, Buffer.from(file.contents).toString('base64')]);
    expect(second).toEqual(first);
  });
});
