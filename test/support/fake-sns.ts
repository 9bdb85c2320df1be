import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Publish the fake accepted: the form fields of the SNS Query API request. */
export type FakePublish = Readonly<Record<string, string>>;

export interface FakeSns {
  /** `http://127.0.0.1:<port>`: give it to the notify path as SNS_ENDPOINT. */
  readonly endpoint: string;
  /** Publishes accepted while up, in arrival order. */
  readonly published: FakePublish[];
  /** Requests refused with a 500 while down. */
  readonly refused: () => number;
  /** From now on every request is answered 500 (InternalFailure), as during an SNS outage. */
  down(): void;
  /** From now on publishes are accepted and recorded. */
  up(): void;
  close(): Promise<void>;
}

const accepted = (messageId: string) =>
  `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`;

const failure = `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>The request processing has failed because of an unknown error.</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

/**
 * A tiny SNS on loopback that speaks the Query protocol the SDK's SNSClient uses: answers 500 while
 * "down" and records each Publish while "up". Starts up.
 *
 * @example const sns = await startFakeSns(); sns.down(); … sns.up(); await sns.close();
 */
export const startFakeSns = async (): Promise<FakeSns> => {
  let isDown = false;
  let refused = 0;
  const published: FakePublish[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.setHeader('content-type', 'text/xml');
      if (isDown) {
        refused += 1;
        response.writeHead(500).end(failure);
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      if (form.Action === 'Publish') published.push(form);
      response.writeHead(200).end(accepted(randomUUID()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake SNS is not on a TCP port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    published,
    refused: () => refused,
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
};
