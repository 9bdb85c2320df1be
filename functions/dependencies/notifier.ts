import { dynamoClient, sns } from '#shared/adapters/clients.ts';
import { webLinks } from '#shared/adapters/escalation-links.ts';
import { IdempotentDigestNotifier, IdempotentNotifier } from '#shared/adapters/idempotent-notifier.ts';
import { OutboxFileNotifier } from '#shared/adapters/outbox-file-notifier.ts';
import { SnsNotifier } from '#shared/adapters/sns-notifier.ts';
import { ENV, optional, required } from '#shared/config.ts';
import { type Audience, parseAudiences } from '#shared/i18n/audiences.ts';
import type { AudienceNotifier, DigestNotifier } from '#shared/ports.ts';
import { config } from './config.ts';
import { once } from './once.ts';
import { tableName } from './table.ts';

/** On the local stack without SNS_ENDPOINT, messages go to the outbox file instead of SNS. */
const outboxFile = (): string | undefined =>
  optional(ENV.local) !== undefined && optional(ENV.snsEndpoint) === undefined
    ? required(ENV.outboxFile)
    : undefined;

/** Where messages link to (the web app), resolved once per cold start. */
const links = once(() => webLinks());

/**
 * Who messages are written for (`NOTIFY_AUDIENCES`, default en@UTC): checked with the rest of the
 * configuration at cold start (ConfigSchema), so a malformed value fails the start, naming the variable.
 */
export const audiences = once((): readonly Audience[] => parseAudiences(config.notifyAudiences));

/** SNS in AWS and wherever SNS_ENDPOINT is set, else the local outbox; one message per audience. */
const topicNotifier = (
  topicArn: string,
  forAudiences: readonly Audience[] = audiences(),
): AudienceNotifier & DigestNotifier => {
  const file = outboxFile();
  return file === undefined
    ? new SnsNotifier(sns(), topicArn, links(), forAudiences)
    : new OutboxFileNotifier(file, topicArn, links(), console.log, forAudiences);
};

/** Escalations, at most once per escalation id and audience (notify and redrive share the idempotency records). */
export const notifier = once(
  (): IdempotentNotifier =>
    new IdempotentNotifier(topicNotifier(required(ENV.escalationTopicArn)), {
      client: dynamoClient(),
      tableName: tableName(),
    }),
);

/**
 * The daily digest, to its own topic, at most once per digest (level × window) and audience: one notifier
 * per audience, each publish remembered beside the escalations' (the same idempotency partition).
 */
export const digestNotifier = once((): IdempotentDigestNotifier => {
  const topicArn = required(ENV.digestTopicArn);
  return new IdempotentDigestNotifier(
    audiences().map((audience) => ({ audience, notifier: topicNotifier(topicArn, [audience]) })),
    { client: dynamoClient(), tableName: tableName() },
  );
});
