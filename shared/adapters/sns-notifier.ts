import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { EscalationMessage, Notifier } from '#shared/ports.ts';
import { escalationPublishInput } from './escalation-publish.ts';

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
