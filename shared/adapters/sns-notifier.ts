import { PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import type { DigestMessage, DigestNotifier, EscalationMessage, Notifier } from '#shared/ports.ts';
import { digestPublishInput, escalationPublishInput, type Links } from './escalation-publish.ts';

/**
 * Publishes to one SNS topic: escalations to the topic managers are paged on, the daily digest to its own
 * topic (one instance per topic), so subscribers choose pages, digests or both. The links in the messages
 * come from `links` (the web app's URL), resolved on first publish and kept.
 */
export class SnsNotifier implements Notifier, DigestNotifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;
  readonly #links: () => Promise<Links>;

  constructor(client: SNSClient, topicArn: string, links: () => Promise<Links>) {
    this.#client = client;
    this.#topicArn = topicArn;
    this.#links = links;
  }

  async publish(message: EscalationMessage): Promise<void> {
    await this.#send(escalationPublishInput(this.#topicArn, message, await this.#links()));
  }

  async publishDigest(message: DigestMessage): Promise<void> {
    await this.#send(digestPublishInput(this.#topicArn, message, await this.#links()));
  }

  async #send(input: PublishCommandInput): Promise<void> {
    await this.#client.send(new PublishCommand(input));
  }
}
