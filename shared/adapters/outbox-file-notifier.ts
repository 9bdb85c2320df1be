import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { type Audience, audienceKey, DEFAULT_AUDIENCE } from '#shared/i18n/audiences.ts';
import {
  type AudienceNotifier,
  type CaseNotification,
  type DigestMessage,
  type DigestNotifier,
  isFollowUp,
} from '#shared/ports.ts';
import { digestPublishInput, type Links, notificationPublishInput } from './escalation-publish.ts';

/**
 * Local stand-in for SNS: appends the exact Publish input of every message, one per audience, as one JSON
 * line to a file and prints it, so a newcomer sees what each group of managers would receive without an
 * AWS account.
 */
export class OutboxFileNotifier implements AudienceNotifier, DigestNotifier {
  readonly #file: string;
  readonly #topicArn: string;
  readonly #links: () => Promise<Links>;
  readonly #print: (line: string) => void;
  readonly audiences: readonly Audience[];

  constructor(
    file: string,
    topicArn: string,
    links: () => Promise<Links>,
    print: (line: string) => void = console.log,
    audiences: readonly Audience[] = [DEFAULT_AUDIENCE],
  ) {
    this.#file = file;
    this.#topicArn = topicArn;
    this.#links = links;
    this.#print = print;
    this.audiences = audiences;
  }

  async publish(message: CaseNotification): Promise<void> {
    for (const audience of this.audiences) await this.publishTo(message, audience);
  }

  async publishTo(message: CaseNotification, audience: Audience): Promise<void> {
    const input = notificationPublishInput(this.#topicArn, message, await this.#links(), audience);
    await this.#append(isFollowUp(message) ? 'follow-up' : 'escalation', audience, input);
  }

  async publishDigest(message: DigestMessage): Promise<void> {
    const links = await this.#links();
    for (const audience of this.audiences) {
      await this.#append('digest', audience, digestPublishInput(this.#topicArn, message, links, audience));
    }
  }

  async #append(kind: string, audience: Audience, input: PublishCommandInput): Promise<void> {
    await mkdir(dirname(this.#file), { recursive: true });
    await appendFile(this.#file, `${JSON.stringify(input)}\n`, 'utf8');
    this.#print(`${kind} (${audienceKey(audience)}) → ${this.#file}: ${input.Subject ?? ''}`);
  }
}
