import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { SIGNATURE_HEADER } from '#shared/auth/signature.ts';

export interface ApiFirewallProps {
  /** The API stage the web ACL protects. */
  readonly stage: Stage;
  /** Requests one IP may send in any 5 minutes before it is blocked. @default 3000 */
  readonly requestsPerIpPer5Minutes?: number;
}

interface ManagedGroup {
  readonly name: string;
  /** Rules of the group that only count instead of blocking, each with the reason. */
  readonly countOnly?: Readonly<Record<string, string>>;
}

/** AWS managed rule groups, in priority order after the rate limit. */
const MANAGED_GROUPS: readonly ManagedGroup[] = [
  // Addresses AWS threat intelligence has seen in bots, scanners and DDoS.
  { name: 'AWSManagedRulesAmazonIpReputationList' },
  // Log4Shell-style payloads, exploit paths and known-bad request patterns.
  { name: 'AWSManagedRulesKnownBadInputsRuleSet' },
  // OWASP-style core rules (XSS, LFI, RFI, oversized headers …).
  {
    name: 'AWSManagedRulesCommonRuleSet',
    countOnly: {
      // A pusher's batch of up to 100 events is routinely larger than this rule's 8 KB; API Gateway caps the
      // body at 10 MB and the handler at 100 events.
      SizeRestrictions_BODY: 'batches exceed 8 KB',
    },
  },
];

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * A regional WAFv2 web ACL on the API stage: a per-IP rate limit, then AWS managed rule groups. Blocked
 * requests are logged (credentials redacted) so a false positive can be diagnosed; allowed ones are already
 * in the API access log, and every rule's matches are CloudWatch metrics.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);

    const rateRule: CfnWebACL.RuleProperty = {
      name: 'RateLimitPerIp',
      priority: 0,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit: props.requestsPerIpPer5Minutes ?? 3000,
          evaluationWindowSec: 300,
          aggregateKeyType: 'IP',
        },
      },
      visibilityConfig: visibility('RateLimitPerIp'),
    };
    const managedRules = MANAGED_GROUPS.map(
      (group, index): CfnWebACL.RuleProperty => ({
        name: group.name,
        priority: index + 1,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: group.name,
            ruleActionOverrides: Object.keys(group.countOnly ?? {}).map((name) => ({
              name,
              actionToUse: { count: {} },
            })),
          },
        },
        visibilityConfig: visibility(group.name),
      }),
    );

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Marketing Risk Radar API',
      defaultAction: { allow: {} },
      rules: [rateRule, ...managedRules],
      visibilityConfig: visibility('MarketingRiskRadarApi'),
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    // WAF requires the `aws-waf-logs-` prefix and the log group ARN without the trailing `:*`.
    const logGroupName = `aws-waf-logs-${Stack.of(this).stackName}`;
    const logs = new LogGroup(this, 'Logs', {
      logGroupName,
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logging = new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [
        { singleHeader: { Name: 'authorization' } },
        { singleHeader: { Name: 'x-api-key' } },
        { singleHeader: { Name: SIGNATURE_HEADER } },
      ],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            // Not COUNT: the body-size rule counts nearly every batch, which would log most pushes.
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }],
          },
        ],
      },
    });
    logging.node.addDependency(logs);
  }
}
