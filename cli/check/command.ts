import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { createRiskEngine, DEFAULT_ENGINE_CONFIG } from '#shared/domain/risk-engine.ts';
import { InputFileError, UsageError } from '#shared/errors.ts';
import { localizeAssessment } from '#shared/i18n/findings.ts';
import type { Assessment } from '#shared/schemas/assessment.ts';
import { type AdCopyEvent, RiskEventSchema } from '#shared/schemas/events.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { cliText, uiLocale } from '../i18n/index.ts';
import type { CliIo } from '../io.ts';
import { readInput, STDIN } from '../read-input.ts';
import { colorsEnabled, painter } from '../style.ts';
import { baseUrl, isLocal, resolveTarget, URL_VARIABLE } from '../target.ts';
import { attentionOf } from './attention.ts';
import {
  type Baseline,
  compareToBaseline,
  hitsOf,
  parseBaseline,
  renderBaseline,
  updatedBaseline,
} from './baseline.ts';
import {
  type BaselineOutcome,
  type CheckedCopy,
  type RunResult,
  renderRun,
  rulesOf,
  runJson,
} from './output.ts';
import { evaluateOnServer, ServerUnavailableError } from './remote.ts';
import type { RulesSource } from './report.ts';

export const CHECK_USAGE = `Usage: risk-radar check [file…|-] --market <CC> --lang <zh|vi|en> --category <name> [options]

Checks ad copy against the banned-claim rules of its market and language: the shipped rule packs on this
machine, or the policies in force on a server (--url or $RADAR_URL). Reads each file given (a shell glob
such as copy/cn/*.txt gives many), or standard input when the file is - or omitted and input is piped.

  --market <CC>        market, ISO 3166-1 alpha-2 (CN, VN, US …)        required
  --lang <code>        language of the copy: zh, vi or en               required
  --category <name>    product category (cosmetics, health-food …)      required
  --brand <name>       brand of the copy (default: unspecified); a server applies legal's exceptions for it
  --allow-uncovered    no rule pack covers the market and language: do not fail (the copy is not checked)
  --baseline <file>    fail only on findings not in this file; records it when it does not exist yet
  --update-baseline    record this run's findings into the --baseline file (exit 0)
  --copy-id <id>       the copy's name in the baseline when there is one input (default: its path
                       relative to the baseline file; required for standard input with --baseline)
  --url <url>          check with the policies in force on this API (default: $RADAR_URL; none: shipped packs)
  --client <id>        client id for --url   (default: $RADAR_CLIENT_ID, else local-pusher)
  --secret <secret>    signing secret for --url (default: $RADAR_CLIENT_SECRET, else the local dev secret)
  --offline            use the shipped packs even when $RADAR_URL is set
  --json               print the result as JSON instead of the report
  --lang-ui <locale>   language of the report and the findings: zh-CN, vi or en
                       (default: the system locale, $LC_ALL / $LC_MESSAGES / $LANG, else en)
  -h, --help           show this help

A finding is a violation (yellow or red), an advisory (green: a claim lawful only with the cited source —
verify the source) or a coverage finding (no pack covers this market and language: review by hand).

Exit code: 0 no finding needs attention (with --baseline: none is new), 1 a yellow or red finding (with
--baseline: a new one; a coverage finding too, unless --allow-uncovered), 2 usage or input error (a
corrupt baseline too), 3 the server could not check the copy (unreachable, credentials, failing).`;

const OPTIONS = {
  market: { type: 'string' },
  lang: { type: 'string' },
  category: { type: 'string' },
  brand: { type: 'string' },
  'allow-uncovered': { type: 'boolean', default: false },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean', default: false },
  'copy-id': { type: 'string' },
  url: { type: 'string' },
  client: { type: 'string' },
  secret: { type: 'string' },
  offline: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'lang-ui': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Contract paths of the copy, as the options that set them. */
const OPTION_OF: Readonly<Record<string, string>> = {
  'copy.market': '--market',
  'copy.lang': '--lang',
  'copy.category': '--category',
  'copy.brand': '--brand',
  'copy.text': 'the copy',
};

const required = (value: string | undefined, option: string): string => {
  if (value === undefined) throw new UsageError(`${option} is required\n\n${CHECK_USAGE}`);
  return value;
};

/** One copy of the run: where it came from, how the report names it, how the baseline knows it. */
interface CopyInput {
  /** As the user wrote it (`copy/launch.txt`, `stdin`). */
  readonly name: string;
  /** Its identity in the baseline. */
  readonly id: string;
  readonly text: string;
}

/** The copy as an event of the v1 contract, so the check applies exactly the rules ingestion applies. */
const copyEvent = (input: {
  eventId: string;
  copyId: string;
  name: string;
  text: string;
  market: string;
  lang: string;
  category: string;
  brand: string;
  now: Date;
}): AdCopyEvent => {
  const parsed = RiskEventSchema.safeParse({
    eventId: input.eventId,
    type: 'ad-copy',
    occurredAt: input.now.toISOString(),
    source: 'risk-radar-cli',
    copy: {
      copyId: input.copyId,
      // The file's final newline is an editor's habit, not copy; offsets before it are unchanged.
      text: input.text.replace(/\s+$/, ''),
      lang: input.lang,
      market: input.market,
      category: input.category,
      brand: input.brand,
    },
  });
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error).map(
      (issue) => `  ${OPTION_OF[issue.path] ?? issue.path}: ${issue.message}`,
    );
    throw new UsageError(`Cannot check ${input.name}:\n${issues.join('\n')}`);
  }
  if (parsed.data.type !== 'ad-copy') throw new Error('The check event must be ad copy');
  return parsed.data;
};

const posix = (path: string): string => path.split(sep).join('/');

/** A copy id the event contract accepts (printable, at most 128 characters); other names stay local. */
const COPY_ID = /^[^\p{Cc}\s][^\p{Cc}]{0,127}$/u;

/** Reads every input before anything is judged, so an unreadable file stops the run at once (exit 2). */
const readCopies = async (
  io: CliIo,
  paths: readonly string[],
  options: { readonly copyId: string | undefined; readonly baselinePath: string | undefined },
): Promise<CopyInput[]> => {
  const inputs: readonly (string | undefined)[] = paths.length === 0 ? [undefined] : paths;
  if (inputs.length > 1 && inputs.includes(STDIN))
    throw new UsageError('Standard input (-) cannot be checked together with files');
  if (options.copyId !== undefined && inputs.length > 1)
    throw new UsageError('--copy-id names one copy; with several files each is named by its path');
  const copies: CopyInput[] = [];
  const seen = new Set<string>();
  for (const path of inputs) {
    const stdin = path === undefined || path === STDIN;
    if (stdin && options.baselinePath !== undefined && options.copyId === undefined)
      throw new UsageError('Give --copy-id to name the copy read from standard input in the baseline');
    const text = await readInput(io, path, 'the ad copy');
    const fromBaseline =
      stdin || options.baselinePath === undefined
        ? undefined
        : posix(relative(dirname(options.baselinePath), resolve(io.cwd, path)));
    const id = options.copyId ?? fromBaseline ?? (stdin ? 'stdin' : path);
    if (seen.has(id)) throw new UsageError(`${path} is given twice`);
    seen.add(id);
    copies.push({ name: stdin ? (options.copyId ?? 'stdin') : path, id, text });
  }
  return copies;
};

/** The baseline file, or undefined when there is none yet. */
const readBaseline = async (
  path: string,
  shown: string,
  update: boolean,
  warn: (line: string) => void,
): Promise<Baseline | undefined> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new InputFileError(`Cannot read the baseline ${shown}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return parseBaseline(text.startsWith('\uFEFF') ? text.slice(1) : text, shown);
  } catch (error) {
    // Re-recording is how a broken or outdated file is fixed: say what is replaced, then replace it.
    if (!update || !(error instanceof UsageError)) throw error;
    warn(`${error.message.split('\n')[0]} — replacing it with this run's findings`);
    return undefined;
  }
};

/** Written beside the target and renamed over it: an interrupted run never leaves half a baseline. */
const writeBaseline = async (path: string, shown: string, baseline: Baseline): Promise<void> => {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, renderBaseline(baseline), 'utf8');
    await rename(temporary, path);
  } catch (error) {
    throw new InputFileError(`Cannot write the baseline ${shown}: ${(error as Error).message}`, {
      cause: error,
    });
  }
};

/** The assessment of each copy, by the shipped packs here or by the policies in force on a server. */
const assess = async (
  io: CliIo,
  events: readonly AdCopyEvent[],
  copies: readonly CopyInput[],
  source: RulesSource,
  credentials: { client?: string | undefined; secret?: string | undefined },
  now: Date,
): Promise<Assessment[]> => {
  if (source.kind === 'shipped') {
    const engine = createRiskEngine();
    return events.map((event) => engine.evaluate(event, { now }));
  }
  const target = resolveTarget(io, { url: source.url, ...credentials });
  if (target.defaultSecret && !isLocal(target.url)) {
    io.stderr.write(
      `warning: no --secret or RADAR_CLIENT_SECRET; signing with the local dev secret for ${target.url}\n`,
    );
  }
  return evaluateOnServer({
    io,
    target,
    events,
    describe: (index, field) =>
      `${copies[index]?.name ?? `copy ${index + 1}`}${field === '' ? '' : `: ${OPTION_OF[field] ?? field}`}`,
  });
};

/**
 * Records the baseline (first run, or `--update-baseline`) or compares the run with it. Only the copies
 * of this run are compared or replaced; the others' entries stay as they are.
 */
const settleBaseline = async (input: {
  readonly path: string;
  readonly shown: string;
  readonly previous: Baseline | undefined;
  readonly update: boolean;
  readonly copies: readonly CheckedCopy[];
}): Promise<BaselineOutcome> => {
  const { previous, copies } = input;
  const hits = copies.flatMap((copy) => hitsOf(copy.id, copy.needed));
  const ids = new Set(copies.map((copy) => copy.id));
  const rules = rulesOf(copies);
  if (previous === undefined || input.update) {
    await writeBaseline(input.path, input.shown, updatedBaseline(previous, hits, ids, rules));
    return { path: input.shown, rules, recorded: true, hits };
  }
  return {
    path: input.shown,
    rules: previous.rules,
    recorded: false,
    hits,
    comparison: compareToBaseline(hits, previous.findings, ids),
  };
};

/**
 * `risk-radar check`: evaluates ad copy — one file, many, or standard input — with the shipped packs
 * in-process or with the policies in force on a server (`POST /v1/evaluate`, nothing stored), and
 * reports each finding. Exits 1 when a finding needs attention (yellow or red on the default matrix; a
 * copy no pack covers too, unless `--allow-uncovered`); with `--baseline`, only when such a finding is
 * new since the baseline. Advisories (verify the source) are green and never fail it.
 */
export const runCheck = async (args: readonly string[], io: CliIo): Promise<ExitCode> => {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, Number.POSITIVE_INFINITY);
  if (values.help) {
    io.stdout.write(`${CHECK_USAGE}\n`);
    return EXIT.ok;
  }
  const locale = uiLocale(values['lang-ui'], io.env);
  const market = required(values.market, '--market').toUpperCase();
  const lang = required(values.lang, '--lang').toLowerCase();
  const category = required(values.category, '--category');
  if (values['update-baseline'] && values.baseline === undefined)
    throw new UsageError('--update-baseline needs --baseline <file>');
  if (values.offline && values.url !== undefined)
    throw new UsageError('--offline and --url contradict each other');
  const url = values.offline ? undefined : (values.url ?? (io.env[URL_VARIABLE] || undefined));
  const source: RulesSource = url === undefined ? { kind: 'shipped' } : { kind: 'server', url: baseUrl(url) };
  if (source.kind === 'shipped' && (values.client !== undefined || values.secret !== undefined))
    throw new UsageError('--client and --secret are for a server: give --url too (or set RADAR_URL)');
  const baselinePath = values.baseline === undefined ? undefined : resolve(io.cwd, values.baseline);
  const copies = await readCopies(io, positionals, { copyId: values['copy-id'], baselinePath });

  const now = io.now();
  const runId = randomUUID().slice(0, 8);
  const events = copies.map((copy, index) =>
    copyEvent({
      // A server takes a signature once: a body of its own per run keeps two runs apart.
      eventId: source.kind === 'shipped' ? 'risk-radar-check' : `risk-radar-check-${runId}-${index + 1}`,
      copyId: COPY_ID.test(copy.id) ? copy.id : 'risk-radar-check',
      name: copy.name,
      text: copy.text,
      market,
      lang,
      category,
      brand: values.brand ?? 'unspecified',
      now,
    }),
  );
  const previous =
    baselinePath === undefined
      ? undefined
      : await readBaseline(baselinePath, values.baseline ?? '', values['update-baseline'], (line) =>
          io.stderr.write(`note: ${line}\n`),
        );

  let assessments: Assessment[];
  try {
    assessments = await assess(io, events, copies, source, values, now);
  } catch (error) {
    if (!(error instanceof ServerUnavailableError)) throw error;
    io.stderr.write(`risk-radar check: the server could not check the copy: ${error.message}\n`);
    return EXIT.unsent;
  }
  const checked: CheckedCopy[] = copies.map((copy, index) => {
    const assessed = assessments[index];
    const assessment = assessed === undefined ? undefined : localizeAssessment(assessed, locale);
    const event = events[index];
    if (assessment === undefined || event === undefined)
      throw new Error(`Invariant: copy ${index} was not assessed`);
    const attention = attentionOf(
      DEFAULT_ENGINE_CONFIG.matrix,
      assessment.engine.matrixVersion,
      values['allow-uncovered'],
    );
    const needed = assessment.findings.filter((finding) => attention.needs(finding));
    return { name: copy.name, id: copy.id, text: event.copy.text, assessment, attention, needed };
  });
  const baseline =
    baselinePath === undefined
      ? undefined
      : await settleBaseline({
          path: baselinePath,
          shown: values.baseline ?? '',
          previous,
          update: values['update-baseline'],
          copies: checked,
        });

  const result: RunResult = { source, copies: checked, ...(baseline === undefined ? {} : { baseline }) };
  if (values.json) io.stdout.write(`${JSON.stringify(runJson(result), null, 2)}\n`);
  else io.stdout.write(`${renderRun(result, painter(colorsEnabled(io.stdout, io.env)), cliText(locale))}\n`);
  if (baseline !== undefined) return (baseline.comparison?.new.length ?? 0) > 0 ? EXIT.attention : EXIT.ok;
  return checked.some((copy) => copy.needed.length > 0) ? EXIT.attention : EXIT.ok;
};
