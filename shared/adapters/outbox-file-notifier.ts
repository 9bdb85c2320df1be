import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EscalationMessage, Notifier } from '#shared/ports.ts';
import { escalationPublishInput } from './escalation-publish.ts';

/**
 * Local stand-in for SNS: appends the exact Publish input as one JSON line to a file and prints it, so a
 * newcomer sees what managers would receive without an AWS account.
 */
export class OutboxFileNotifier implements Notifier {
  readonly #file: string;
  readonly #topicArn: string;
  readonly #print: (line: string) => void;

  constructor(file: string, topicArn: string, print: (line: string) => void = console.log) {
    this.#file = file;
    this.#topicArn = topicArn;
    this.#print = print;
  }

  async publish(message: EscalationMessage): Promise<void> {
    const input = escalationPublishInput(this.#topicArn, message);
    await mkdir(dirname(this.#file), { recursive: true });
    await appendFile(this.#file, `${JSON.stringify(input)}\n`, 'utf8');
    this.#print(`escalation → ${this.#file}: ${input.Subject ?? ''}`);
  }
}
