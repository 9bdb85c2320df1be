import { Cron } from 'croner';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/**
 * When an EventBridge Scheduler expression (infra/catalog.ts `schedule`) next fires after `after`:
 * `rate(N unit)` every N units from `start`, `cron(min hour day-of-month month day-of-week year)` with
 * EventBridge's fields — `?`, `L`, `W`, `#`, `0/15` and Sunday = 1 — in `timeZone` (UTC by default,
 * as Scheduler's).
 *
 * @example nextRun('cron(0 8 * * ? *)', new Date('2026-12-01T09:00:00Z')) // 2026-12-02T08:00:00Z
 * @throws {RangeError} for an expression Scheduler would refuse.
 */
export const nextRun = (
  expression: string,
  after: Date,
  options: { readonly start?: Date; readonly timeZone?: string } = {},
): Date => {
  const rate = RATE.exec(expression);
  if (rate !== null) {
    const unit = (rate[2] ?? '').replace(/s$/, '') as keyof typeof UNIT_MS;
    const every = Number(rate[1]) * UNIT_MS[unit];
    if (every <= 0) throw new RangeError(`Not a schedule expression: ${expression}`);
    const start = (options.start ?? after).getTime();
    const elapsed = Math.max(0, after.getTime() - start);
    return new Date(start + (Math.floor(elapsed / every) + 1) * every);
  }
  const cron = CRON.exec(expression);
  const fields = cron?.[1]?.trim().split(/\s+/) ?? [];
  if (fields.length !== 6) throw new RangeError(`Not a schedule expression: ${expression}`);
  let pattern: Cron;
  try {
    // Croner's seven fields start with seconds; Quartz weekdays (alternativeWeekdays) are EventBridge's.
    pattern = new Cron(`0 ${fields.join(' ')}`, {
      paused: true,
      mode: '7-part',
      alternativeWeekdays: true,
      sloppyRanges: true,
      timezone: options.timeZone ?? 'Etc/UTC',
    });
  } catch (error) {
    throw new RangeError(`Not a schedule expression: ${expression}`, { cause: error });
  }
  const next = pattern.nextRun(after);
  if (next === null) throw new RangeError(`${expression} never fires after ${after.toISOString()}`);
  return next;
};
