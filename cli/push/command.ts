import { resolve } from 'node:path';
import { UsageError } from '#shared/errors.ts';
import { intOption, parseCommandArgs } from '../args.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { readInput, STDIN } from '../read-input.ts';
import { colorsEnabled, painter } from '../style.ts';
import { isLocal, PUSHER_OPTIONS, resolveTarget } from '../target.ts';
import { readPlan } from './exports/plan.ts';
import { exportOptionsOf, isExportFormat, mappingOf, readExport } from './exports/read-export.ts';
import { createProgress } from './progress.ts';
import { pushEvents } from './push-events.ts';
import { formatOf, readEvents } from './read-events.ts';
import { DEFAULT_RETRY } from './retry.ts';
import { defaultStatePath, openPushState, stateKey } from './state.ts';
import { pushExitCode, renderPushSummary, summaryOf } from './summary.ts';

export const PUSH_USAGE = `Usage: risk-radar push <file.csv|file.jsonl|export.csv|-> [options]

Sends events to POST /v1/events in signed batches (at most 100 events, 256 KB), retrying 429, 5xx and
network failures with backoff. Each row is checked against the event contract first; a bad row is
reported with its line number and the others still go. Sent event ids are remembered in a state file,
so running the same command again resumes where it stopped.

  --url <url>          API base URL         (default: $RADAR_URL, else http://127.0.0.1:3000)
  --client <id>        client id            (default: $RADAR_CLIENT_ID, else local-pusher)
  --secret <secret>    signing secret       (default: $RADAR_CLIENT_SECRET, else the local dev secret)
  --format <format>    csv | jsonl (our columns; default: from the file extension; required for -), or a
                       platform export: google-ads | meta-ads | tiktok-ads | listening
  --mapping <file>     any other CSV export: a JSON or YAML mapping of its columns (docs/cli.md,
                       "Importing platform exports")
  --plan <file>        exports: each campaign's plannedBudget, periodStart, periodEnd (JSON or CSV)
  --tz <offset>        exports: the UTC offset of dates without one, e.g. +07:00 (default: Z)
  --date-format <f>    exports: DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY … (default: auto, which reads
                       2026-11-01 and Nov 1, 2026 and refuses 05/01/2027 rather than guess)
  --decimal <. | ,>    exports: the decimal separator (default: auto, from the file's numbers)
  --encoding <name>    exports: the text encoding (default: UTF-8 or UTF-16, told from the file)
  --window <1h|6h|1d>  listening exports: the sentiment window (default: 1h)
  --state <file>       resume file          (default: <file>.push-state.json; none for -)
  --fresh              ignore the resume file and send every event again
  --retries <n>        retries per batch    (default: ${DEFAULT_RETRY.attempts - 1})
  --json               print the summary as JSON
  -h, --help           show this help

Exit code: 0 all sent, 1 some events rejected, 2 usage or input error, 3 some events not sent.`;

const OPTIONS = {
  ...PUSHER_OPTIONS,
  format: { type: 'string' },
  mapping: { type: 'string' },
  plan: { type: 'string' },
  tz: { type: 'string' },
  window: { type: 'string' },
  'date-format': { type: 'string' },
  decimal: { type: 'string' },
  encoding: { type: 'string' },
  state: { type: 'string' },
  fresh: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `risk-radar push`: reads, validates and sends a file of events; prints what happened. */
export const runPush = async (args: readonly string[], io: CliIo): Promise<ExitCode> => {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 1);
  if (values.help) {
    io.stdout.write(`${PUSH_USAGE}\n`);
    return EXIT.ok;
  }
  const [path] = positionals;
  if (path === undefined) throw new UsageError(`Give the file of events to push\n\n${PUSH_USAGE}`);
  const stdin = path === STDIN;
  if (stdin && values.format === undefined && values.mapping === undefined)
    throw new UsageError('--format csv|jsonl is required when reading standard input');
  const exported = values.mapping !== undefined || isExportFormat(values.format);
  // Our own formats are known before reading, so a wrong extension is reported before a missing file.
  const format = exported ? undefined : formatOf(path, values.format);
  const retries = intOption('--retries', values.retries, 0, 20);
  const target = resolveTarget(io, values);
  if (target.defaultSecret && !isLocal(target.url)) {
    io.stderr.write(
      `warning: no --secret or RADAR_CLIENT_SECRET; signing with the local dev secret for ${target.url}\n`,
    );
  }

  const records = exported
    ? await readExport(
        io,
        path,
        {
          mapping: mappingOf(
            values.format,
            values.mapping === undefined
              ? undefined
              : await readInput(io, values.mapping, 'the mapping file'),
            values.mapping,
            { dateFormat: values['date-format'], decimal: values.decimal },
          ),
          plan:
            values.plan === undefined
              ? undefined
              : readPlan(await readInput(io, values.plan, 'the plan file'), values.plan),
          encoding: values.encoding,
          ...exportOptionsOf(values.tz, values.window),
        },
        (line) => io.stderr.write(`note: ${line}\n`),
      )
    : readEvents(await readInput(io, path, 'the events file'), format ?? 'csv');
  const statePath = values.state ?? (stdin ? undefined : defaultStatePath(path));
  const state = await openPushState({
    path: statePath === undefined ? undefined : resolve(io.cwd, statePath),
    key: stateKey(target.url, target.clientId),
    fresh: values.fresh,
    now: io.now,
  });
  const report = await pushEvents({
    io,
    records,
    target,
    state,
    retry: retries === undefined ? DEFAULT_RETRY : { ...DEFAULT_RETRY, attempts: retries + 1 },
    progress: createProgress(io.stderr),
  });

  if (values.json) {
    io.stdout.write(`${JSON.stringify(summaryOf(report), null, 2)}\n`);
  } else {
    const paint = painter(colorsEnabled(io.stdout, io.env));
    const name = stdin ? 'stdin' : path;
    io.stdout.write(
      `${renderPushSummary(report, { name, url: target.url, clientId: target.clientId, statePath, paint })}\n`,
    );
  }
  return pushExitCode(report);
};
