import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on one construct, with the reason a reviewer reads. cdk-nag v3 matches
 * the full finding id, so a wildcard finding names its resource or action:
 * `AwsSolutions-IAM5[Resource::*]`, never the bare rule.
 *
 * The acknowledgement lands on the construct's own CloudFormation resource (`node.defaultChild`), the one
 * cdk-nag reports, so it never covers a sibling or child resource of the same L2.
 *
 * @example
 * acknowledge(method, 'AwsSolutions-COG4', 'Public liveness probe: no credentials by design.');
 */
export const acknowledge = (construct: IConstruct, id: string, reason: string): void => {
  // On the L2's own CloudFormation resource when it has one, so no sibling resource inherits it.
  Validations.of(construct.node.defaultChild ?? construct).acknowledge({ id, reason });
};
