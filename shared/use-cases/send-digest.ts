import type { RiskCase } from '#shared/domain/case.ts';
import type { Clock, DigestNotifier, Page } from '#shared/ports.ts';

/** Cases of one level recorded (written) between `from` and `to`, both inclusive. */
export interface RecordedQuery {
  readonly level: string;
  /** ISO-8601, inclusive. */
  readonly from: string;
  /** ISO-8601, inclusive. */
  readonly to: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** The port the digest reads: cases by when they were recorded, not by the dates of their events. */
export interface RecordedCases {
  listRecorded(query: RecordedQuery): Promise<Page<RiskCase>>;
}

export interface DigestDependencies {
  readonly reader: RecordedCases;
  readonly notifier: DigestNotifier;
  readonly clock: Clock;
}

const DAY_MS = 86_400_000;

/**
 * One digest of the cases of `level` recorded in the 24 hours up to `at` — the notifier writes it once per
 * audience, in its language with the period in its time zone: yellow is attention, not a page. "Recorded" is
 * when the case was written (`createdAt`), so late data — an event dated days back — is in the digest of the
 * day it arrived. Nothing is sent on a quiet day.
 *
 * `at` is the digest's stable window id: the time the run was scheduled for (the scheduled event's `time`),
 * the same on every retry of that run, so a retry publishes the same digest, which the idempotent notifier
 * recognises per audience; and consecutive days' windows meet without gap or overlap however late a run
 * starts. Without it (an ad-hoc invocation), the clock's now.
 */
export const sendDigest = async (
  deps: DigestDependencies,
  level: string,
  at?: Date,
): Promise<{ sent: boolean; cases: number }> => {
  const until = at ?? deps.clock.now();
  const since = new Date(until.getTime() - DAY_MS);
  const cases: RiskCase[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reader.listRecorded({
      level,
      from: since.toISOString(),
      to: until.toISOString(),
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    cases.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  if (cases.length === 0) return { sent: false, cases: 0 };
  await deps.notifier.publishDigest({ level, since: since.toISOString(), until: until.toISOString(), cases });
  return { sent: true, cases: cases.length };
};
