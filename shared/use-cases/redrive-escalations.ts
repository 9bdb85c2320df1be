import { type CaseNotification, type Notifier, notificationId } from '#shared/ports.ts';

/** Where a batch the stream consumer gave up on lies in the table stream. */
export interface FailedBatch {
  readonly streamArn: string;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
}

export interface RedriveDependencies {
  /** Reads the batch back from the stream and returns the escalations and follow-ups its records carry. */
  readonly batches: { notifications(batch: FailedBatch): Promise<readonly CaseNotification[]> };
  /** The notify function's idempotent notifier: a notification already published is not sent again. */
  readonly notifier: Notifier;
}

/**
 * Publishes the escalations and follow-ups of one failed batch, in stream order, each at most once (the
 * notifier remembers their ids). Throws at the first publish that fails, so the batch stays on the
 * on-failure destination and is tried again later; the ones already published are skipped then.
 *
 * @returns the escalation and follow-up ids of the batch, published now or before.
 */
export const redriveBatch = async (deps: RedriveDependencies, batch: FailedBatch): Promise<string[]> => {
  const notifications = await deps.batches.notifications(batch);
  for (const message of notifications) await deps.notifier.publish(message);
  return notifications.map(notificationId);
};
