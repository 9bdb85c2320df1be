import { Duration, Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import {
  METRICS_NAMESPACE,
  PRODUCT_METRICS,
  type ProductMetric,
  SERVICE_DIMENSION,
} from '#shared/metrics.ts';

export interface OperationsProps {
  /** Where every alarm is sent (data stack: operations topic). */
  readonly alarmTopic: ITopic;
  /** Every product function, by catalog id. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The table-stream consumer, whose iterator age says how far notifications lag. */
  readonly streamConsumer?: IFunction;
  /** The API stage: 5xx rate and p99 latency. */
  readonly stage: Stage;
  /** Every dead-letter queue, by a name for the alarm. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /** The queue the redrive function drains (StreamFailures): alarmed when its oldest message ages. */
  readonly redriveQueue?: IQueue;
}

/** Thresholds, in one place so docs/deploy.md and the tests can cite them. */
export const ALARM_THRESHOLDS = {
  /** Share of requests answered 5xx over 5 minutes, once at least `minRequests` were made. */
  api5xxRate: 0.01,
  minRequests: 20,
  /** p99 end-to-end API latency, for 3 consecutive 5-minute periods. */
  apiP99LatencyMs: 3000,
  /** How old the oldest unprocessed stream record may be before escalations are called late. */
  streamIteratorAgeMs: 5 * 60 * 1000,
  /**
   * How long a failed stream batch may wait for the redrive before a person is called: an hour of
   * failed redrives is an outage, not a blip, and the stream keeps the records only until 24 h.
   */
  redriveOldestMessageSeconds: 3600,
} as const;

const PERIOD = Duration.minutes(5);

const LEVEL_COLOURS: Readonly<Record<string, string>> = {
  red: '#d62728',
  yellow: '#ffbf00',
  green: '#2ca02c',
};

/**
 * `SEARCH` over one product metric with exactly its dimension set (Powertools' `service` included), so a
 * graph shows every value that occurs (every tier, every risk type) without the dashboard listing them.
 */
const search = (metric: ProductMetric, filter = ''): string =>
  `SEARCH('{${METRICS_NAMESPACE},${[SERVICE_DIMENSION, ...metric.dimensions].join(',')}} MetricName="${metric.name}"${filter}', 'Sum', ${PERIOD.toSeconds()})`;

/** One line per matrix level (most urgent first), each the sum over the metric's other dimensions. */
const byLevel = (metric: ProductMetric): IMetric[] =>
  [...DEFAULT_MATRIX.levels]
    .sort((a, b) => b.rank - a.rank)
    .map(
      (level) =>
        new MathExpression({
          expression: `SUM(${search(metric, ` level="${level.id}"`)})`,
          label: level.id,
          period: PERIOD,
          ...(LEVEL_COLOURS[level.id] === undefined ? {} : { color: LEVEL_COLOURS[level.id] }),
        }),
    );

/** A CloudWatch label placeholder for a dimension's value in a SEARCH result. */
const dim = (name: string): string => `\${PROP('Dim.${name}')}`;

const everyValue = (metric: ProductMetric, label: string): IMetric =>
  new MathExpression({ expression: search(metric), label, period: PERIOD });

/**
 * Alarms for everything that needs a person — a function failing or throttled, a message in any
 * dead-letter queue, escalations lagging behind the stream, the API answering 5xx or slowly — all sent to
 * the operations topic; and one dashboard of the product (events, levels, cases, escalations) above its
 * machinery (API, functions, queues).
 */
export class Operations extends Construct {
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.action = new SnsAction(props.alarmTopic);
    const prefix = Stack.of(this).stackName;

    for (const [name, fn] of props.functions) {
      this.alarm(`${name}-errors`, {
        metric: fn.metricErrors({ period: PERIOD, statistic: Stats.SUM }),
        threshold: 1,
        description: `${name} failed (an unhandled error or a timeout). Logs: /aws/lambda log group of ${name}; traces in X-Ray.`,
      });
      this.alarm(`${name}-throttles`, {
        metric: fn.metricThrottles({ period: PERIOD, statistic: Stats.SUM }),
        threshold: 1,
        description: `${name} was throttled: the account's or the function's concurrency limit was reached.`,
      });
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}-messages`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: Stats.MAXIMUM,
        }),
        threshold: 1,
        description: `A message reached the dead-letter queue ${name}: something was not processed or delivered. See docs/deploy.md "Dead-letter queues".`,
      });
    }
    if (props.redriveQueue !== undefined) {
      this.alarm('stream-failures-age', {
        metric: props.redriveQueue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(5),
          statistic: Stats.MAXIMUM,
        }),
        threshold: ALARM_THRESHOLDS.redriveOldestMessageSeconds,
        description:
          'Escalations are not being redriven: a failed stream batch has waited in StreamFailures for an hour (SNS still down, or the batch is unreadable). The stream keeps its records 24 h. See docs/deploy.md "Escalations after an SNS outage".',
      });
    }
    if (props.streamConsumer !== undefined) {
      this.alarm('escalations-iterator-age', {
        metric: props.streamConsumer.metric('IteratorAge', { period: PERIOD, statistic: Stats.MAXIMUM }),
        threshold: ALARM_THRESHOLDS.streamIteratorAgeMs,
        description:
          'Escalations lag: the oldest table-stream record waiting for the notify function is older than 5 minutes.',
      });
    }
    this.alarm('api-5xx-rate', {
      metric: new MathExpression({
        label: '5xx share of requests',
        expression: `IF(requests >= ${ALARM_THRESHOLDS.minRequests}, errors / requests, 0)`,
        usingMetrics: {
          errors: props.stage.metricServerError({ period: PERIOD, statistic: Stats.SUM }),
          requests: props.stage.metricCount({ period: PERIOD, statistic: Stats.SUM }),
        },
        period: PERIOD,
      }),
      threshold: ALARM_THRESHOLDS.api5xxRate,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `More than ${ALARM_THRESHOLDS.api5xxRate * 100} % of API requests answered 5xx in 5 minutes.`,
    });
    this.alarm('api-p99-latency', {
      metric: props.stage.metricLatency({ period: PERIOD, statistic: Stats.p(99) }),
      threshold: ALARM_THRESHOLDS.apiP99LatencyMs,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      description: `API p99 latency above ${ALARM_THRESHOLDS.apiP99LatencyMs} ms for 15 minutes.`,
    });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${prefix}-overview`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Marketing Risk Radar\nEvents, levels, cases and escalations (namespace `MarketingRiskRadar`), then the API, functions and queues behind them.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      this.graph('Events ingested by level', byLevel(PRODUCT_METRICS.eventsIngested), true),
      this.graph('Events ingested by type and level', [
        everyValue(PRODUCT_METRICS.eventsIngested, `[${dim('type')}] ${dim('level')}`),
      ]),
      this.graph('Events evaluated (not stored) by level', byLevel(PRODUCT_METRICS.eventsEvaluated), true),
    );
    this.dashboard.addWidgets(
      this.graph('Cases opened by level', byLevel(PRODUCT_METRICS.casesOpened), true),
      this.graph('Cases opened by risk type and level', [
        everyValue(PRODUCT_METRICS.casesOpened, `[${dim('riskType')}] ${dim('level')}`),
      ]),
      this.graph('Cases resolved by risk type', [everyValue(PRODUCT_METRICS.casesResolved, dim('riskType'))]),
    );
    this.dashboard.addWidgets(
      this.graph(
        'Escalations by tier',
        [everyValue(PRODUCT_METRICS.escalations, `tier ${dim('tier')}`)],
        true,
      ),
      this.graph('Review decisions', [everyValue(PRODUCT_METRICS.reviewDecisions, dim('decision'))]),
      this.graph(
        'Escalation lag (stream iterator age, ms)',
        props.streamConsumer === undefined
          ? []
          : [props.streamConsumer.metric('IteratorAge', { period: PERIOD, statistic: Stats.MAXIMUM })],
      ),
    );
    this.dashboard.addWidgets(
      this.graph('API requests and errors', [
        props.stage.metricCount({ period: PERIOD, statistic: Stats.SUM, label: 'requests' }),
        props.stage.metricClientError({ period: PERIOD, statistic: Stats.SUM, label: '4xx' }),
        props.stage.metricServerError({ period: PERIOD, statistic: Stats.SUM, label: '5xx' }),
      ]),
      this.graph('API latency (ms)', [
        props.stage.metricLatency({ period: PERIOD, statistic: Stats.p(50), label: 'p50' }),
        props.stage.metricLatency({ period: PERIOD, statistic: Stats.p(99), label: 'p99' }),
        props.stage.metricIntegrationLatency({
          period: PERIOD,
          statistic: Stats.p(99),
          label: 'integration p99',
        }),
      ]),
      this.graph(
        'Dead-letter queues (messages)',
        Object.entries(props.deadLetterQueues).map(([name, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({
            period: PERIOD,
            statistic: Stats.MAXIMUM,
            label: name,
          }),
        ),
      ),
    );
    const functions = [...props.functions];
    this.dashboard.addWidgets(
      this.graph(
        'Function errors',
        functions.map(([name, fn]) => fn.metricErrors({ period: PERIOD, statistic: Stats.SUM, label: name })),
      ),
      this.graph(
        'Function duration p99 (ms)',
        functions.map(([name, fn]) =>
          fn.metricDuration({ period: PERIOD, statistic: Stats.p(99), label: name }),
        ),
      ),
      this.graph(
        'Function throttles',
        functions.map(([name, fn]) =>
          fn.metricThrottles({ period: PERIOD, statistic: Stats.SUM, label: name }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 6 }),
    );
  }

  private graph(title: string, left: IMetric[], stacked = false): GraphWidget {
    return new GraphWidget({ title, left, stacked, width: 8, height: 6 });
  }

  private alarm(
    id: string,
    options: {
      readonly metric: IMetric;
      readonly threshold: number;
      readonly description: string;
      readonly comparison?: ComparisonOperator;
      readonly evaluationPeriods?: number;
    },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmName: `${Stack.of(this).stackName}-${id}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      // No data means nothing happened: no errors, no messages, no requests.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
