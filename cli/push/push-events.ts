import type { FieldIssue } from '#shared/errors.ts';
import type { CliIo } from '../io.ts';
import { type Batch, batchOf, planBatches } from './batches.ts';
import type { InputRecord, ValidRecord } from './read-events.ts';
import { isValid } from './read-events.ts';
import type { RetryPolicy } from './retry.ts';
import { type EventResult, type RetryNotice, sendBatch, type Target } from './send-batch.ts';
import type { PushState } from './state.ts';

/** An event that was not accepted, by this tool (`local`) before sending or by the server. */
export interface Rejection {
  readonly line: number;
  readonly eventId?: string;
  readonly by: 'local' | 'server';
  readonly errors: readonly FieldIssue[];
}

/** What the server said about one delivered event. */
export interface Delivered {
  readonly line: number;
  readonly eventId: string;
  readonly status: 'created' | 'duplicate';
  readonly level: string | undefined;
  /** The rules that fired, most urgent first as the engine lists them. */
  readonly ruleIds: readonly string[];
  readonly caseId: string | null | undefined;
}

export interface PushReport {
  /** Events in the input, valid or not. */
  readonly read: number;
  /** Skipped because the state file says this target already has them. */
  readonly skipped: number;
  readonly delivered: readonly Delivered[];
  readonly rejected: readonly Rejection[];
  /** Valid events not delivered because the push stopped. */
  readonly unsent: number;
  /** Why the push stopped early, if it did, and whether running it again later may get further. */
  readonly failure: { readonly reason: string; readonly transient: boolean } | undefined;
}

export interface PushProgress {
  start(total: number): void;
  /** After each answered batch: events handled so far, out of `total`. */
  advance(handled: number, report: PushReport): void;
  retry(notice: RetryNotice): void;
  finish(): void;
}

const BATCH_PREFIX = /^events\.(\d+)\.?/;

/** Server paths are relative to the request (`events.3.spend.actualSpend`); the user knows the event. */
const withinEvent = (issue: FieldIssue): FieldIssue => ({
  ...issue,
  path: issue.path.replace(BATCH_PREFIX, '') || '(event)',
});

const localRejections = (
  records: readonly InputRecord[],
): { valid: ValidRecord[]; rejected: Rejection[] } => {
  const valid: ValidRecord[] = [];
  const rejected: Rejection[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records) {
    if (!isValid(record)) {
      rejected.push({
        line: record.line,
        ...(record.eventId === undefined ? {} : { eventId: record.eventId }),
        by: 'local',
        errors: record.errors,
      });
      continue;
    }
    const { eventId } = record.event;
    const seen = firstLine.get(eventId);
    if (seen !== undefined) {
      // The server would answer "duplicate" with the first event's assessment and hide this one.
      rejected.push({
        line: record.line,
        eventId,
        by: 'local',
        errors: [{ path: 'eventId', message: `"${eventId}" is already used on line ${seen}` }],
      });
      continue;
    }
    firstLine.set(eventId, record.line);
    valid.push(record);
  }
  return { valid, rejected };
};

/**
 * Pushes the events of an input: rejects what the contract refuses before sending (with line numbers),
 * skips what the state says the target has, sends the rest in batches the API accepts, and records each
 * acknowledged batch in the state so an interrupted push resumes where it stopped.
 */
export const pushEvents = async (input: {
  readonly io: CliIo;
  readonly records: readonly InputRecord[];
  readonly target: Target;
  readonly state: PushState;
  readonly retry: RetryPolicy;
  readonly progress: PushProgress;
}): Promise<PushReport> => {
  const { io, target, state, progress } = input;
  const { valid, rejected } = localRejections(input.records);
  const pending = valid.filter((record) => !state.has(record.event.eventId));
  const { batches, oversized } = planBatches(pending);
  for (const record of oversized) {
    rejected.push({
      line: record.line,
      eventId: record.event.eventId,
      by: 'local',
      errors: [{ path: '(event)', message: 'is larger than one request may be (256 KB)' }],
    });
  }
  const delivered: Delivered[] = [];
  let failure: PushReport['failure'];
  let handled = 0;
  const queue: Batch[] = [...batches];
  const report = (): PushReport => ({
    read: input.records.length,
    skipped: valid.length - pending.length,
    delivered,
    rejected,
    unsent: queue.reduce((sum, batch) => sum + batch.records.length, 0),
    failure,
  });

  progress.start(queue.reduce((sum, batch) => sum + batch.records.length, 0));
  for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
    const outcome = await sendBatch({
      io,
      target,
      body: batch.body,
      retry: input.retry,
      onRetry: progress.retry,
    });
    if (outcome.kind === 'failed') {
      queue.unshift(batch);
      failure = { reason: outcome.reason, transient: outcome.transient };
      break;
    }
    if (outcome.kind === 'too-large' && batch.records.length > 1) {
      const half = Math.ceil(batch.records.length / 2);
      queue.unshift(batchOf(batch.records.slice(0, half)), batchOf(batch.records.slice(half)));
      continue;
    }
    const acknowledged = applyOutcome(batch, outcome, delivered, rejected);
    await state.add(acknowledged);
    handled += batch.records.length;
    progress.advance(handled, report());
  }
  progress.finish();
  return report();
};

type Answer = Exclude<Awaited<ReturnType<typeof sendBatch>>, { kind: 'failed' }>;

/** Files each event of an answered batch as delivered or rejected; returns the acknowledged ids. */
const applyOutcome = (
  batch: Batch,
  outcome: Answer,
  delivered: Delivered[],
  rejected: Rejection[],
): string[] => {
  const reject = (record: ValidRecord, errors: readonly FieldIssue[]): void => {
    rejected.push({ line: record.line, eventId: record.event.eventId, by: 'server', errors });
  };
  if (outcome.kind === 'too-large') {
    for (const record of batch.records) reject(record, [{ path: '(event)', message: outcome.detail }]);
    return [];
  }
  if (outcome.kind === 'refused') {
    batch.records.forEach((record, index) => {
      const own = outcome.errors.filter((issue) => issue.path.match(BATCH_PREFIX)?.[1] === String(index));
      reject(record, own.length > 0 ? own.map(withinEvent) : [{ path: '(event)', message: outcome.detail }]);
    });
    return [];
  }
  const byIndex = new Map<number, EventResult>(outcome.results.map((result) => [result.index, result]));
  const acknowledged: string[] = [];
  batch.records.forEach((record, index) => {
    const result = byIndex.get(index);
    if (result === undefined) {
      reject(record, [{ path: '(event)', message: 'the server returned no result for this event' }]);
    } else if (result.status === 'created' || result.status === 'duplicate') {
      delivered.push({
        line: record.line,
        eventId: record.event.eventId,
        status: result.status,
        level: result.assessment?.level,
        ruleIds: (result.assessment?.findings ?? []).map((finding) => finding.ruleId),
        caseId: result.caseId,
      });
      acknowledged.push(record.event.eventId);
    } else {
      reject(
        record,
        (result.status === 'rejected'
          ? result.errors
          : [{ path: '(event)', message: `status ${result.status}` }]
        ).map(withinEvent),
      );
    }
  });
  return acknowledged;
};
