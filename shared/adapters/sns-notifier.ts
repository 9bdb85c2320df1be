import { PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import { type Audience, DEFAULT_AUDIENCE } from '#shared/i18n/audiences.ts';
import type { AudienceNotifier, CaseNotification, DigestMessage, DigestNotifier } from '#shared/ports.ts';
import { digestPublishInput, type Links, notificationPublishInput } from './escalation-publish.ts';

/**
 * Publishes to one SNS topic: escalations and their follow-ups to the topic managers are paged on, the daily digest to its own
 * topic (one instance per topic), so subscribers choose pages, digests or both. Each message is published
 * once per audience (language and time zone, `NOTIFY_AUDIENCES`), in that audience's words and with its
 * `lang` and `timeZone` attributes, which the subscriptions' filter policies select on. The links in the
 * messages come from `links` (the web app's URL), resolved on first publish and kept.
 */
export class SnsNotifier implements AudienceNotifier, DigestNotifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;
  readonly #links: () => Promise<Links>;
  readonly audiences: readonly Audience[];

  constructor(
    client: SNSClient,
    topicArn: string,
    links: () => Promise<Links>,
    audiences: readonly Audience[] = [DEFAULT_AUDIENCE],
  ) {
    this.#client = client;
    this.#topicArn = topicArn;
    this.#links = links;
    this.audiences = audiences;
  }

  /** Every audience, in order; a failure stops there (the idempotent notifier remembers the ones sent). */
  async publish(message: CaseNotification): Promise<void> {
    for (const audience of this.audiences) await this.publishTo(message, audience);
  }

  async publishTo(message: CaseNotification, audience: Audience): Promise<void> {
    await this.#send(notificationPublishInput(this.#topicArn, message, await this.#links(), audience));
  }

  async publishDigest(message: DigestMessage): Promise<void> {
    const links = await this.#links();
    for (const audience of this.audiences) {
      await this.#send(digestPublishInput(this.#topicArn, message, links, audience));
    }
  }

  async #send(input: PublishCommandInput): Promise<void> {
    await this.#client.send(new PublishCommand(input));
  }
}
