import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { DigestMessage, DigestNotifier, EscalationMessage, Notifier } from '#shared/ports.ts';
import { digestPublishInput, escalationPublishInput } from './escalation-publish.ts';

/** Publishes escalations to the SNS topic managers subscribe to. */
export class SnsNotifier implements Notifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;

  constructor(client: SNSClient, topicArn: string) {
    this.#client = client;
    this.#topicArn = topicArn;
  }

  async publish(message: EscalationMessage): Promise<void> {
    await this.#client.send(new PublishCommand(escalationPublishInput(this.#topicArn, message)));
  }
}

/** Publishes the daily digest to its own topic, so subscribers choose pages, digests or both. */
export class SnsDigestNotifier implements DigestNotifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;

  constructor(client: SNSClient, topicArn: string) {
    this.#client = client;
    this.#topicArn = topicArn;
  }

  async publishDigest(message: DigestMessage): Promise<void> {
    await this.#client.send(new PublishCommand(digestPublishInput(this.#topicArn, message)));
  }
}
