import type { TimeZone } from 'aws-cdk-lib';
import { type Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ContextAttribute,
  type IScheduleTarget,
  Schedule,
  ScheduleExpression,
  type ScheduleTargetConfig,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ScheduledInvokeProps {
  readonly fn: IFunction;
  /** A `rate(...)` or `cron(...)` expression (catalog `schedule`). */
  readonly expression: string;
  /** Cron schedules run in this zone. @default UTC */
  readonly timeZone?: TimeZone;
  /** Where Scheduler puts an invocation it could not make after its retries. */
  readonly deadLetterQueue: IQueue;
  /** How stale a missed invocation may be before it goes to the dead-letter queue. */
  readonly maxEventAge: Duration;
}

/**
 * An EventBridge Scheduler schedule that invokes a function (asynchronously) with a role of its own that
 * may invoke exactly that function and write exactly that dead-letter queue. aws-scheduler-targets'
 * LambdaInvoke would also grant every version and alias (`<arn>:*`), which a schedule of the unqualified
 * function never uses.
 */
export class ScheduledInvoke extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: ScheduledInvokeProps) {
    super(scope, id);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Scheduler: invokes ${props.fn.node.id}`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.fn.functionArn] }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }),
    );
    const target: IScheduleTarget = {
      bind: (): ScheduleTargetConfig => ({
        arn: props.fn.functionArn,
        role,
        // A scheduled event whose `time` is the time the run was scheduled for, the same on every retry
        // (the digest's window id, functions/send-digest.ts), as the local scheduler sends.
        input: ScheduleTargetInput.fromObject({
          'detail-type': 'Scheduled Event',
          source: 'aws.scheduler',
          time: ContextAttribute.scheduledTime,
          resources: [ContextAttribute.scheduleArn],
          detail: {},
        }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: props.maxEventAge.toSeconds() },
        deadLetterConfig: { arn: props.deadLetterQueue.queueArn },
      }),
    };
    this.schedule = new Schedule(this, 'Schedule', {
      description: `Marketing Risk Radar ${props.fn.node.id}: ${props.expression}`,
      schedule: ScheduleExpression.expression(props.expression, props.timeZone),
      target,
    });
  }
}
