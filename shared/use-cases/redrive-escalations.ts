import type { EscalationMessage, Notifier } from '#shared/ports.ts';

/** Where a batch the stream consumer gave up on lies in the table stream. */
export interface FailedBatch {
  readonly streamArn: string;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
}

export interface RedriveDependencies {
  /** Reads the batch back from the stream and returns the escalations its records carry. */
  readonly batches: { escalations(batch: FailedBatch): Promise<readonly EscalationMessage[]> };
  /** The notify function's idempotent notifier: an escalation already published is not sent again. */
  readonly notifier: Notifier;
}

/**
 * Publishes the escalations of one failed batch, in stream order, each at most once (the notifier
 * remembers escalation ids). Throws at the first publish that fails, so the batch stays on the
 * on-failure destination and is tried again later; the ones already published are skipped then.
 *
 * @returns the escalation ids of the batch, published now or before.
 */
export const redriveBatch = async (deps: RedriveDependencies, batch: FailedBatch): Promise<string[]> => {
  const escalations = await deps.batches.escalations(batch);
  for (const message of escalations) await deps.notifier.publish(message);
  return escalations.map((message) => message.escalation.id);
};
