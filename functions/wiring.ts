import { randomUUID } from 'node:crypto';
import { clientSecretsFromEnv } from '#shared/adapters/client-secrets.ts';
import { dynamoDocumentClient, sns } from '#shared/adapters/clients.ts';
import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { DynamoDbEventStore } from '#shared/adapters/dynamodb-event-store.ts';
import { DynamoDbReplayGuard } from '#shared/adapters/dynamodb-replay-guard.ts';
import { OutboxFileNotifier } from '#shared/adapters/outbox-file-notifier.ts';
import { SnsNotifier } from '#shared/adapters/sns-notifier.ts';
import { ENV, optional, required } from '#shared/config.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import type { Notifier } from '#shared/ports.ts';
import { systemClock } from '#shared/ports.ts';
import type { IngestDependencies } from '#shared/use-cases/ingest-events.ts';
import type { SignatureDependencies } from './middleware.ts';

/**
 * The composition root: adapters and the engine, built once per cold start on first use and shared by
 * every request of the process. Each getter reads only the configuration it needs, so a function that
 * never touches SNS does not need the topic configured.
 */

const once = <T>(create: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
};

export const tableName = once(() => required(ENV.tableName));

export const engine = once(() => createRiskEngine());

export const levelPolicy = once(() => levelPolicyOf(engine()));

export const signatureDependencies = once(
  (): SignatureDependencies => ({
    secrets: clientSecretsFromEnv(),
    replays: new DynamoDbReplayGuard(dynamoDocumentClient(), tableName()),
    clock: systemClock,
  }),
);

export const ingestDependencies = once(
  (): IngestDependencies => ({
    store: new DynamoDbEventStore(dynamoDocumentClient(), tableName()),
    engine: engine(),
    policy: levelPolicy(),
    clock: systemClock,
    newCaseId: () => randomUUID(),
  }),
);

export const caseReader = once(() => new DynamoDbCaseReader(dynamoDocumentClient(), tableName()));

/**
 * SNS in AWS and wherever SNS_ENDPOINT is set; on the local stack without it, the outbox file, so a
 * laptop shows what managers would receive.
 */
export const notifier = once((): Notifier => {
  const topicArn = required(ENV.escalationTopicArn);
  const local = optional(ENV.local) !== undefined && optional(ENV.snsEndpoint) === undefined;
  return local ? new OutboxFileNotifier(required(ENV.outboxFile), topicArn) : new SnsNotifier(sns(), topicArn);
});
