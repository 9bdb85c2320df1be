import { sns } from '#shared/adapters/clients.ts';
import { OutboxFileNotifier } from '#shared/adapters/outbox-file-notifier.ts';
import { SnsNotifier } from '#shared/adapters/sns-notifier.ts';
import { ENV, optional, required } from '#shared/config.ts';
import type { Notifier } from '#shared/ports.ts';
import { once } from './once.ts';

/**
 * SNS in AWS and wherever SNS_ENDPOINT is set; on the local stack without it, the outbox file, so a
 * laptop shows what managers would receive.
 */
export const notifier = once((): Notifier => {
  const topicArn = required(ENV.escalationTopicArn);
  const local = optional(ENV.local) !== undefined && optional(ENV.snsEndpoint) === undefined;
  return local
    ? new OutboxFileNotifier(required(ENV.outboxFile), topicArn)
    : new SnsNotifier(sns(), topicArn);
});
