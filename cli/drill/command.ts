import { DRILL_KINDS, type DrillKind, drillIdOf, drillScenario } from '#shared/domain/drill.ts';
import { UsageError } from '#shared/errors.ts';
import { DrillReportSchema } from '#shared/schemas/drills.ts';
import { intOption, parseCommandArgs } from '../args.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { createProgress } from '../push/progress.ts';
import { pushEvents } from '../push/push-events.ts';
import type { InputRecord } from '../push/read-events.ts';
import { DEFAULT_RETRY } from '../push/retry.ts';
import { openPushState } from '../push/state.ts';
import { issueText, pushExitCode } from '../push/summary.ts';
import { managerToken, PUSHER_OPTIONS, resolveTarget } from '../target.ts';
import { reportLines } from './report.ts';

export const DRILL_USAGE = `Usage: risk-radar drill --kind <sentiment | budget | claim> [options]
       risk-radar drill report <drillId> [--url <url>]

Runs a crisis drill: pushes a synthetic red scenario marked as a drill through POST /v1/events — a
sentiment crisis, a budget blow-out or a banned claim live — with a new drill id each run, and prints
the drill id and the drill cases it opened. The cases page as [DRILL], run on the SLA clock, and count in
no heat map, digest or statistics. \`drill report\` prints, per step, the time to acknowledge and to
resolve, who acted, and what was missed (GET /v1/drills/{id}, with $RADAR_MANAGER_TOKEN).

  --kind <kind>        sentiment | budget | claim
  --brand <brand>      the brand the drill plays on (its owner and managers are paged; default: Drill brand)
  --market <CC>        the market of its campaign or copy (a claim drill: default CN)
  --url <url>          API base URL   (default: $RADAR_URL, else http://127.0.0.1:3000)
  --client <id>        client id      (default: $RADAR_CLIENT_ID, else local-pusher)
  --secret <secret>    signing secret (default: $RADAR_CLIENT_SECRET, else the local dev secret)
  --retries <n>        retries per batch (default: ${DEFAULT_RETRY.attempts - 1})
  -h, --help           show this help

Exit code: 0 done, 1 an event was rejected, 2 usage error, 3 the API could not be reached or refused.`;

const OPTIONS = {
  kind: { type: 'string' },
  brand: { type: 'string' },
  market: { type: 'string' },
  ...PUSHER_OPTIONS,
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const isKind = (value: string): value is DrillKind => (DRILL_KINDS as readonly string[]).includes(value);

/** A random suffix for the drill id from the CLI's random source. */
const suffix = (io: CliIo): string =>
  Math.floor(io.random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');

/** `risk-radar drill`: runs a drill, or prints a drill's report. */
export const runDrill = async (args: readonly string[], io: CliIo): Promise<ExitCode> => {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 2);
  if (values.help) {
    io.stdout.write(`${DRILL_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals[0] === 'report') {
    const drillId = positionals[1];
    if (drillId === undefined) throw new UsageError('drill report needs a drill id');
    return printReport(io, resolveTarget(io, values).url, drillId);
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals.join(' ')}`);
  if (values.kind === undefined || !isKind(values.kind))
    throw new UsageError(`--kind must be one of ${DRILL_KINDS.join(', ')}`);
  if (values.market !== undefined && !/^[A-Z]{2}$/.test(values.market))
    throw new UsageError('--market must be a country code in capitals, such as CN');
  const retries = intOption('--retries', values.retries, 0, 20);
  const target = resolveTarget(io, values);

  const now = io.now();
  const drillId = drillIdOf(now, suffix(io));
  const events = drillScenario(values.kind, drillId, now, {
    brand: values.brand?.trim() || 'Drill brand',
    ...(values.market === undefined ? {} : { market: values.market }),
  });
  const report = await pushEvents({
    io,
    records: events.map((event, index): InputRecord => ({ line: index + 1, event })),
    target,
    state: await openPushState({ path: undefined, key: '', fresh: true, now: io.now }),
    retry: retries === undefined ? DEFAULT_RETRY : { ...DEFAULT_RETRY, attempts: retries + 1 },
    progress: createProgress(io.stderr),
  });
  const caseIds = [
    ...new Set(report.delivered.flatMap((item) => (typeof item.caseId === 'string' ? [item.caseId] : []))),
  ];
  const lines = [
    `Drill ${drillId} (${values.kind}) pushed to ${target.url} as ${target.clientId}: ${report.delivered.length} of ${events.length} events accepted.`,
    `Drill id: ${drillId}`,
    `Drill cases: ${caseIds.length === 0 ? 'none' : caseIds.join(', ')}`,
  ];
  for (const rejection of report.rejected) {
    lines.push(`  rejected ${rejection.eventId ?? ''}: ${rejection.errors.map(issueText).join('; ')}`);
  }
  if (report.failure !== undefined) lines.push(`Stopped: ${report.failure.reason}.`);
  lines.push(
    '',
    'The cases page as [DRILL] and run on the SLA clock: acknowledge and resolve them as you would a real one,',
    `then read the report: risk-radar drill report ${drillId}`,
  );
  io.stdout.write(`${lines.join('\n')}\n`);
  return pushExitCode(report);
};

/** `risk-radar drill report <id>`: the drill report, read with a manager's token. */
const printReport = async (io: CliIo, url: string, drillId: string): Promise<ExitCode> => {
  let response: Response;
  try {
    response = await io.fetch(`${url}/v1/drills/${encodeURIComponent(drillId)}`, {
      headers: { authorization: `Bearer ${managerToken(io)}` },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    io.stderr.write(
      `risk-radar drill: cannot reach ${url} (${error instanceof Error ? error.message : String(error)})\n`,
    );
    return EXIT.unsent;
  }
  if (response.status === 404) {
    io.stderr.write(`risk-radar drill: no drill ${drillId} (or none of its cases in your scope)\n`);
    return EXIT.usage;
  }
  if (!response.ok) {
    io.stderr.write(
      `risk-radar drill: ${url} answered HTTP ${response.status}${response.status === 401 || response.status === 403 ? '; set RADAR_MANAGER_TOKEN to a manager token' : ''}\n`,
    );
    return EXIT.unsent;
  }
  const parsed = DrillReportSchema.safeParse(await response.json());
  if (!parsed.success) {
    io.stderr.write('risk-radar drill: the answer is not a drill report\n');
    return EXIT.unsent;
  }
  io.stdout.write(`${reportLines(parsed.data).join('\n')}\n`);
  return EXIT.ok;
};
