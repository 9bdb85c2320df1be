import { MAX_BODY_BYTES } from '#functions/input.ts';
import { MAX_EVENTS_PER_REQUEST } from '#shared/schemas/events.ts';
import type { ValidRecord } from './read-events.ts';

/** One request: its events and the exact body that is signed and sent. */
export interface Batch {
  readonly records: readonly ValidRecord[];
  readonly body: string;
}

export interface BatchLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

export const API_LIMITS: BatchLimits = { maxEvents: MAX_EVENTS_PER_REQUEST, maxBytes: MAX_BODY_BYTES };

const ENVELOPE_BYTES = Buffer.byteLength('{"events":[]}');

export const batchOf = (records: readonly ValidRecord[]): Batch => ({
  records,
  body: JSON.stringify({ events: records.map((record) => record.event) }),
});

/**
 * Splits events, in file order, into requests the API accepts: at most 100 events and 256 KB each.
 * An event too large for any request is returned apart, to be reported rather than sent.
 *
 * @example planBatches(records).batches.length // Math.ceil(records.length / 100) for small events
 */
export const planBatches = (
  records: readonly ValidRecord[],
  limits: BatchLimits = API_LIMITS,
): { batches: Batch[]; oversized: ValidRecord[] } => {
  const batches: Batch[] = [];
  const oversized: ValidRecord[] = [];
  let current: ValidRecord[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const record of records) {
    const size = Buffer.byteLength(JSON.stringify(record.event));
    if (ENVELOPE_BYTES + size > limits.maxBytes) {
      oversized.push(record);
      continue;
    }
    const separator = current.length === 0 ? 0 : 1;
    if (current.length === limits.maxEvents || bytes + separator + size > limits.maxBytes) {
      batches.push(batchOf(current));
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    bytes += (current.length === 0 ? 0 : 1) + size;
    current.push(record);
  }
  if (current.length > 0) batches.push(batchOf(current));
  return { batches, oversized };
};
