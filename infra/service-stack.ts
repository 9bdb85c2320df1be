import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionDefinition, STREAM_CONSUMER } from '#infra/catalog.ts';
import { escalationFilters } from '#infra/escalation-filter.ts';
import { RadarApi } from '#infra/radar-api.ts';
import { RiskFunction } from '#infra/risk-function.ts';

export interface ServiceStackProps extends StackProps {
  /** The single table; its stream feeds the notify function. */
  readonly table: ITable;
  readonly escalationTopic: ITopic;
  /** On-failure destination of the stream consumer. */
  readonly streamFailures: IQueue;
  readonly clientSecrets: ISecret;
  readonly userPool: IUserPool;
  /** Pushers that get an API key (context `pusherClients`). @default none */
  readonly pusherClients?: readonly string[];
}

/**
 * Everything stateless: the functions of infra/catalog.ts, the REST API in front of them and the stream
 * consumer. It only references the data stack's resources, so it can be deployed, or destroyed and
 * redeployed, without touching data.
 */
export class ServiceStack extends Stack {
  readonly api: RadarApi;
  readonly functions: ReadonlyMap<string, RiskFunction>;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);

    this.api = new RadarApi(this, 'Http', {
      userPool: props.userPool,
      pusherClients: props.pusherClients ?? [],
    });

    const definitions: readonly FunctionDefinition[] = FUNCTIONS;
    const functions = new Map<string, RiskFunction>();
    for (const definition of definitions) {
      const fn = this.createFunction(definition, props);
      for (const route of definition.routes) {
        this.api.addRoute(route, fn);
      }
      functions.set(definition.id, fn);
    }
    this.functions = functions;

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL: append a catalog path, e.g. v1/events',
      value: this.api.restApi.url,
    });
  }

  private createFunction(definition: FunctionDefinition, props: ServiceStackProps): RiskFunction {
    const consumesStream = definition.id === STREAM_CONSUMER;
    const fn = new RiskFunction(this, definition.id, {
      description: definition.description,
      // A stream batch of ten escalations, each one SNS Publish; API functions keep the 10 s default.
      ...(consumesStream ? { timeout: Duration.seconds(30) } : {}),
    });

    if (definition.table === 'write') fn.writeTable(props.table);
    if (definition.table === 'read') fn.readTable(props.table);
    if (definition.routes.some((route) => route.auth === 'signature')) {
      fn.readClientSecrets(props.clientSecrets);
    }
    if (consumesStream) {
      fn.publishEscalations(props.escalationTopic);
      fn.addEventSource(
        new DynamoEventSource(props.table, {
          // From the oldest record still in the stream: nothing written before the first deploy of this
          // stack, or while the mapping was disabled, is skipped.
          startingPosition: StartingPosition.TRIM_HORIZON,
          // Small batches and a short window: a manager hears of a red case within seconds.
          batchSize: 10,
          maxBatchingWindow: Duration.seconds(1),
          // One poller per shard keeps a case's escalations in order.
          parallelizationFactor: 1,
          // The handler reports the records it could not publish; a failing record is isolated by
          // bisection instead of holding back the rest of its batch.
          reportBatchItemFailures: true,
          bisectBatchOnError: true,
          retryAttempts: 10,
          // Below the stream's 24 h retention, so the failure metadata in the queue still points at
          // records that can be read and replayed.
          maxRecordAge: Duration.hours(12),
          onFailure: new SqsDlq(props.streamFailures),
          filters: escalationFilters(),
        }),
      );
    }
    return fn;
  }
}
