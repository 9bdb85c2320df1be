import { dynamoStreams, StreamEscalationReader } from '#shared/adapters/escalation-stream.ts';
import { ENV, required } from '#shared/config.ts';
import { once } from './once.ts';

/** The escalations of failed stream batches, read back from the table stream (redrive). */
export const streamEscalations = once(
  (): StreamEscalationReader => new StreamEscalationReader(dynamoStreams(), required(ENV.region)),
);
