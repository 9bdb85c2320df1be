import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { DigestMessage, DigestNotifier, EscalationMessage, Notifier } from '#shared/ports.ts';
import { digestPublishInput, escalationPublishInput, type Links } from './escalation-publish.ts';

/**
 * Local stand-in for SNS: appends the exact Publish input as one JSON line to a file and prints it, so a
 * newcomer sees what managers would receive without an AWS account.
 */
export class OutboxFileNotifier implements Notifier, DigestNotifier {
  readonly #file: string;
  readonly #topicArn: string;
  readonly #links: () => Promise<Links>;
  readonly #print: (line: string) => void;

  constructor(
    file: string,
    topicArn: string,
    links: () => Promise<Links>,
    print: (line: string) => void = console.log,
  ) {
    this.#file = file;
    this.#topicArn = topicArn;
    this.#links = links;
    this.#print = print;
  }

  async publish(message: EscalationMessage): Promise<void> {
    await this.#append('escalation', escalationPublishInput(this.#topicArn, message, await this.#links()));
  }

  async publishDigest(message: DigestMessage): Promise<void> {
    await this.#append('digest', digestPublishInput(this.#topicArn, message, await this.#links()));
  }

  async #append(kind: string, input: PublishCommandInput): Promise<void> {
    await mkdir(dirname(this.#file), { recursive: true });
    await appendFile(this.#file, `${JSON.stringify(input)}\n`, 'utf8');
    this.#print(`${kind} → ${this.#file}: ${input.Subject ?? ''}`);
  }
}
