import type { FieldIssue } from '#shared/errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { Paint } from '../style.ts';
import { levelFormat } from '../style.ts';
import type { PushReport, Rejection } from './push-events.ts';

/** Levels of the delivered events, most urgent first on the default matrix. */
export const levelCounts = (report: PushReport): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { level } of report.delivered) {
    if (level !== undefined) counts[level] = (counts[level] ?? 0) + 1;
  }
  return counts;
};

const LEVEL_ORDER = ['red', 'yellow', 'green'];
const orderOf = (level: string): number => {
  const index = LEVEL_ORDER.indexOf(level);
  return index === -1 ? LEVEL_ORDER.length : index;
};

/** The machine-readable summary (`--json`). */
export const summaryOf = (report: PushReport) => ({
  read: report.read,
  skipped: report.skipped,
  sent: report.delivered.length,
  created: report.delivered.filter((item) => item.status === 'created').length,
  duplicate: report.delivered.filter((item) => item.status === 'duplicate').length,
  rejected: [...report.rejected].sort((a, b) => a.line - b.line),
  unsent: report.unsent,
  failure: report.failure?.reason ?? null,
  levels: levelCounts(report),
  cases: [...new Set(report.delivered.flatMap((item) => (item.caseId ? [item.caseId] : [])))],
});

/** `(row)`, `(line)`, `(event)` say "the whole thing": the message stands alone. */
export const issueText = (issue: FieldIssue): string =>
  issue.path.startsWith('(') ? issue.message : `${issue.path}: ${issue.message}`;

const rejectionLine = (rejection: Rejection): string => {
  const who = rejection.eventId === undefined ? '' : ` (${rejection.eventId})`;
  const reasons = rejection.errors.map(issueText).join('; ');
  const by = rejection.by === 'server' ? ' [server]' : '';
  return `    line ${rejection.line}${who}${by}: ${reasons}`;
};

const row = (label: string, value: string): string => `  ${label.padEnd(10)} ${value}`;

/**
 * The summary a person reads after a push: what was read, skipped, sent and rejected (with line numbers
 * and reasons), what did not go and why, and the levels the engine gave.
 */
export const renderPushSummary = (
  report: PushReport,
  context: {
    readonly name: string;
    readonly url: string;
    readonly clientId: string;
    readonly statePath: string | undefined;
    readonly paint: Paint;
  },
): string => {
  const { paint } = context;
  const summary = summaryOf(report);
  const levels = Object.entries(summary.levels)
    .sort(([a], [b]) => orderOf(a) - orderOf(b))
    .map(([level, count]) => `${paint(levelFormat(level), level)} ${count}`)
    .join(' · ');
  const lines = [
    `Pushed ${context.name} to ${context.url} as ${context.clientId}`,
    row('read', `${summary.read} events`),
    ...(summary.skipped > 0
      ? [
          row(
            'skipped',
            `${summary.skipped} already sent (${context.statePath ?? 'state'}; --fresh sends them again)`,
          ),
        ]
      : []),
    row('sent', `${summary.sent} (${summary.created} created, ${summary.duplicate} duplicate)`),
    row(
      'rejected',
      summary.rejected.length === 0 ? '0' : paint(['bold', 'red'], String(summary.rejected.length)),
    ),
    ...summary.rejected.map(rejectionLine),
    ...(summary.unsent > 0 || report.failure !== undefined
      ? [row('not sent', paint(['bold', 'red'], String(summary.unsent)))]
      : []),
    row('levels', levels === '' ? '—' : levels),
    row('cases', `${summary.cases.length} opened or joined`),
  ];
  if (report.failure !== undefined) {
    lines.push('', `Stopped: ${report.failure.reason}.`);
    if (report.failure.transient) {
      const skip = context.statePath === undefined ? ' (pass --state to skip what was sent)' : '';
      lines.push(`Run the same command again later to send the rest${skip}.`);
    }
  }
  return lines.join('\n');
};

/** 3 when anything valid was not delivered, else 1 when anything was rejected, else 0. */
export const pushExitCode = (report: PushReport): ExitCode => {
  if (report.unsent > 0 || report.failure !== undefined) return EXIT.unsent;
  if (report.rejected.length > 0) return EXIT.attention;
  return EXIT.ok;
};
