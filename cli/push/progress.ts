import type { OutputStream } from '../io.ts';
import type { PushProgress, PushReport } from './push-events.ts';
import type { RetryNotice } from './send-batch.ts';

const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\u001b[2K';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const retryLine = (notice: RetryNotice): string =>
  `${notice.reason} — retrying in ${seconds(notice.delayMs)} (attempt ${notice.attempt + 1} of ${notice.attempts})`;

const tally = (report: PushReport): string => {
  const rejected = report.rejected.filter((rejection) => rejection.by === 'server').length;
  return rejected === 0 ? '' : ` · ${rejected} rejected`;
};

/**
 * Progress on standard error, so standard output stays the summary: a bar redrawn in place at a terminal,
 * one plain line per batch otherwise (CI logs, files).
 */
export const createProgress = (stream: OutputStream): PushProgress => {
  const tty = stream.isTTY === true;
  let total = 0;
  let handled = 0;
  let lastReport: PushReport | undefined;
  const bar = (): string => {
    const filled = total === 0 ? BAR_WIDTH : Math.round((handled / total) * BAR_WIDTH);
    const suffix = lastReport === undefined ? '' : tally(lastReport);
    return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${handled}/${total} events${suffix}`;
  };
  return {
    start: (count) => {
      total = count;
      if (total === 0) return;
      stream.write(tty ? bar() : `sending ${total} event${total === 1 ? '' : 's'}\n`);
    },
    advance: (count, report) => {
      handled = count;
      lastReport = report;
      stream.write(tty ? `${CLEAR_LINE}${bar()}` : `sent ${handled}/${total} events${tally(report)}\n`);
    },
    retry: (notice) => {
      stream.write(tty ? `${CLEAR_LINE}${retryLine(notice)}\n${bar()}` : `${retryLine(notice)}\n`);
    },
    finish: () => {
      if (tty && total > 0) stream.write('\n');
    },
  };
};
