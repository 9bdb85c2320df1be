import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { type AdCopyEvent, RiskEventSchema } from '#shared/schemas/events.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError } from '../errors.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { readInput, STDIN } from '../read-input.ts';
import { colorsEnabled, painter } from '../style.ts';
import { renderCheckReport } from './report.ts';

export const CHECK_USAGE = `Usage: risk-radar check [file|-] --market <CC> --lang <zh|vi|en> --category <name> [options]

Checks ad copy against the banned-claim rules of its market and language, on this machine (no server).
Reads the file, or standard input when the file is - or omitted and input is piped.

  --market <CC>        market, ISO 3166-1 alpha-2 (CN, VN, US …)        required
  --lang <code>        language of the copy: zh, vi or en               required
  --category <name>    product category (cosmetics, health-food …)      required
  --brand <name>       brand of the copy (default: unspecified)
  --allow-uncovered    exit 0 when no rule pack covers the market and language (the copy is not checked)
  --json               print the assessment as JSON instead of the report
  -h, --help           show this help

A finding is a violation (yellow or red), an advisory (green: a claim lawful only with the cited source —
verify the source) or a coverage finding (no pack covers this market and language: review by hand).

Exit code: 0 no finding needs attention, 1 a yellow or red finding (a coverage finding too, unless
--allow-uncovered), 2 usage or input error.`;

const OPTIONS = {
  market: { type: 'string' },
  lang: { type: 'string' },
  category: { type: 'string' },
  brand: { type: 'string' },
  'allow-uncovered': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
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

/** The copy as an event of the v1 contract, so the check applies exactly the rules ingestion applies. */
const copyEvent = (input: {
  text: string;
  market: string;
  lang: string;
  category: string;
  brand: string;
  now: Date;
}): AdCopyEvent => {
  const parsed = RiskEventSchema.safeParse({
    eventId: 'risk-radar-check',
    type: 'ad-copy',
    occurredAt: input.now.toISOString(),
    source: 'risk-radar-cli',
    copy: {
      copyId: 'risk-radar-check',
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
    throw new UsageError(`Cannot check this copy:\n${issues.join('\n')}`);
  }
  if (parsed.data.type !== 'ad-copy') throw new Error('The check event must be ad copy');
  return parsed.data;
};

/**
 * `risk-radar check`: evaluates one ad copy with the risk engine in-process and reports each finding.
 * Exits 1 when any finding reaches the level that opens a case (yellow on the default matrix), so a
 * content pipeline can fail on it, and when no pack covers the copy's market and language (it was not
 * checked) unless `--allow-uncovered`. Advisories (verify the source) are green and never fail it.
 */
export const runCheck = async (args: readonly string[], io: CliIo): Promise<ExitCode> => {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 1);
  if (values.help) {
    io.stdout.write(`${CHECK_USAGE}\n`);
    return EXIT.ok;
  }
  const market = required(values.market, '--market').toUpperCase();
  const lang = required(values.lang, '--lang').toLowerCase();
  const category = required(values.category, '--category');
  const [path] = positionals;
  const text = await readInput(io, path, 'the ad copy');
  const name = path === undefined || path === STDIN ? 'stdin' : path;

  const now = io.now();
  const event = copyEvent({
    text,
    market,
    lang,
    category,
    brand: values.brand ?? 'unspecified',
    now,
  });
  const engine = createRiskEngine();
  const assessment = engine.evaluate(event, { now });
  const policy = levelPolicyOf(engine.matrix);

  if (values.json) {
    io.stdout.write(`${JSON.stringify(assessment, null, 2)}\n`);
  } else {
    const paint = painter(colorsEnabled(io.stdout, io.env));
    io.stdout.write(
      `${renderCheckReport({ name, text: event.copy.text, assessment, rank: policy.rank, paint })}\n`,
    );
  }
  // A copy no pack covers was not checked: that needs a person unless the caller says it knows.
  const counts = (finding: (typeof assessment.findings)[number]) =>
    finding.outcome === 'coverage' ? !values['allow-uncovered'] : policy.opensCase(finding.level);
  return assessment.findings.some(counts) ? EXIT.attention : EXIT.ok;
};
