import { dynamoClient, sns } from '#shared/adapters/clients.ts';
import { IdempotentNotifier } from '#shared/adapters/idempotent-notifier.ts';
import { OutboxFileNotifier } from '#shared/adapters/outbox-file-notifier.ts';
import { SnsDigestNotifier, SnsNotifier } from '#shared/adapters/sns-notifier.ts';
import { ENV, optional, required } from '#shared/config.ts';
import type { DigestNotifier, Notifier } from '#shared/ports.ts';
import { once } from './once.ts';
import { tableName } from './table.ts';

/** On the local stack without SNS_ENDPOINT, messages go to the outbox file instead of SNS. */
const outboxFile = (): string | undefined =>
  optional(ENV.local) !== undefined && optional(ENV.snsEndpoint) === undefined
    ? required(ENV.outboxFile)
    : undefined;

/**
 * Escalations: SNS in AWS and wherever SNS_ENDPOINT is set, else the local outbox; either way at most
 * once per escalation id.
 */
export const notifier = once((): IdempotentNotifier => {
  const topicArn = required(ENV.escalationTopicArn);
  const file = outboxFile();
  const inner: Notifier =
    file === undefined ? new SnsNotifier(sns(), topicArn) : new OutboxFileNotifier(file, topicArn);
  return new IdempotentNotifier(inner, { client: dynamoClient(), tableName: tableName() });
});

/** The daily digest, to its own topic. */
export const digestNotifier = once((): DigestNotifier => {
  const topicArn = required(ENV.digestTopicArn);
  const file = outboxFile();
  return file === undefined ? new SnsDigestNotifier(sns(), topicArn) : new OutboxFileNotifier(file, topicArn);
});
