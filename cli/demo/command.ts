import { intOption, parseCommandArgs } from '../args.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { createProgress } from '../push/progress.ts';
import { type PushReport, pushEvents } from '../push/push-events.ts';
import type { InputRecord } from '../push/read-events.ts';
import { DEFAULT_RETRY } from '../push/retry.ts';
import { openPushState } from '../push/state.ts';
import { issueText, pushExitCode } from '../push/summary.ts';
import { colorsEnabled, levelFormat, type Paint, painter } from '../style.ts';
import { managerToken, PUSHER_OPTIONS, resolveTarget } from '../target.ts';
import { type CaseDigest, fetchCases } from './cases.ts';
import { describeEvent } from './describe.ts';
import { demoScenario } from './scenario.ts';

export const DEMO_USAGE = `Usage: risk-radar demo [options]

Pushes a realistic scenario into a running local stack (start it with npm start): a campaign drifting
over budget, a sentiment spike after a product complaint, and ad copy in Chinese, Vietnamese and
English, some of it breaking advertising law. Prints what it sent, the cases it opened and how to look.

  --url <url>          API base URL   (default: $RADAR_URL, else http://127.0.0.1:3000)
  --client <id>        client id      (default: $RADAR_CLIENT_ID, else local-pusher)
  --secret <secret>    signing secret (default: $RADAR_CLIENT_SECRET, else the local dev secret)
  --retries <n>        retries per batch (default: ${DEFAULT_RETRY.attempts - 1})
  -h, --help           show this help

Exit code: 0 done, 1 an event was rejected, 2 usage error, 3 the API could not be reached.`;

const OPTIONS = {
  ...PUSHER_OPTIONS,
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const HEALTH_TIMEOUT_MS = 5_000;

const reachable = async (io: CliIo, url: string): Promise<string | undefined> => {
  try {
    const response = await io.fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return response.ok ? undefined : `${url}/v1/health answered HTTP ${response.status}`;
  } catch (error) {
    const code = (error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined)?.code;
    return code === 'ECONNREFUSED' ? `nothing is listening at ${url}` : `cannot reach ${url}`;
  }
};

const levelTag = (paint: Paint, level: string | undefined): string =>
  level === undefined ? '' : paint(levelFormat(level), level.toUpperCase().padEnd(6));

const partLines = (
  paint: Paint,
  title: string,
  records: readonly InputRecord[],
  report: PushReport,
): string[] => {
  const byId = new Map(report.delivered.map((item) => [item.eventId, item]));
  return [
    '',
    paint('bold', title),
    ...records.flatMap((record) => {
      if (!('event' in record)) return [];
      const result = byId.get(record.event.eventId);
      const rules =
        result === undefined || result.ruleIds.length === 0
          ? ''
          : paint('dim', `  ${result.ruleIds.join(', ')}`);
      const verdict = result === undefined ? paint('dim', 'not sent') : levelTag(paint, result.level);
      return [`  ${verdict} ${describeEvent(record.event)}${rules}`];
    }),
  ];
};

const caseLines = (paint: Paint, cases: readonly CaseDigest[]): string[] =>
  cases.map(
    (item) =>
      `  ${levelTag(paint, item.level)} ${item.riskType.padEnd(10)} ${item.subject}  ${paint('dim', `${item.occurrences} occurrence${item.occurrences === 1 ? '' : 's'} · ${item.caseId}`)}`,
  );

/** `risk-radar demo`: loads the demo scenario into a running stack and shows where to look. */
export const runDemo = async (args: readonly string[], io: CliIo): Promise<ExitCode> => {
  const { values } = parseCommandArgs(args, OPTIONS, 0);
  if (values.help) {
    io.stdout.write(`${DEMO_USAGE}\n`);
    return EXIT.ok;
  }
  const retries = intOption('--retries', values.retries, 0, 20);
  const target = resolveTarget(io, values);
  const unreachable = await reachable(io, target.url);
  if (unreachable !== undefined) {
    io.stderr.write(
      `risk-radar demo: ${unreachable}.\nStart the local stack in another terminal with \`npm start\`, or pass --url.\n`,
    );
    return EXIT.unsent;
  }

  const now = io.now();
  const runId = Math.floor(now.getTime() / 1000).toString(36);
  const parts = demoScenario(now, runId);
  let line = 0;
  const recordsOf = parts.map((part) => part.events.map((event): InputRecord => ({ line: ++line, event })));
  const report = await pushEvents({
    io,
    records: recordsOf.flat(),
    target,
    state: await openPushState({ path: undefined, key: '', fresh: true, now: io.now }),
    retry: retries === undefined ? DEFAULT_RETRY : { ...DEFAULT_RETRY, attempts: retries + 1 },
    progress: createProgress(io.stderr),
  });

  const paint = painter(colorsEnabled(io.stdout, io.env));
  const token = managerToken(io);
  const shownToken = io.env.RADAR_MANAGER_TOKEN ? '$RADAR_MANAGER_TOKEN' : token;
  const lines = [
    `Demo scenario (run ${runId}) pushed to ${target.url} as ${target.clientId}: ${report.delivered.length} of ${line} events accepted.`,
    ...parts.flatMap((part, index) => partLines(paint, part.title, recordsOf[index] ?? [], report)),
  ];
  for (const rejection of report.rejected) {
    lines.push(`  rejected ${rejection.eventId ?? ''}: ${rejection.errors.map(issueText).join('; ')}`);
  }
  if (report.failure !== undefined) lines.push('', `Stopped: ${report.failure.reason}.`);

  const cases = await fetchCases(io, target.url, token);
  if (cases.ok) {
    lines.push(
      '',
      paint('bold', `Cases, most recently seen first (${cases.items.length}):`),
      ...caseLines(paint, cases.items),
    );
  } else {
    lines.push('', `Could not list the cases: ${cases.reason}.`);
  }
  const example = cases.ok ? cases.items[0]?.caseId : undefined;
  lines.push(
    '',
    paint('bold', 'Look for yourself:'),
    `  curl -s '${target.url}/v1/cases?level=red' -H 'authorization: Bearer ${shownToken}'`,
    `  curl -s '${target.url}/v1/cases?level=yellow' -H 'authorization: Bearer ${shownToken}'`,
    `  curl -s '${target.url}/v1/cases/${example ?? '<caseId>'}' -H 'authorization: Bearer ${shownToken}'`,
    'Red cases are escalated: the npm start terminal prints each notification (and .data/outbox.jsonl keeps them).',
  );
  io.stdout.write(`${lines.join('\n')}\n`);
  return pushExitCode(report);
};
