import type { Assessment, Finding } from '#shared/schemas/assessment.ts';
import type { CliText } from '../i18n/index.ts';
import type { Paint } from '../style.ts';
import { levelFormat } from '../style.ts';
import { snippetOf } from './snippet.ts';

export interface ReportInput {
  /** What was checked, as the user named it (`copy/launch.txt`, `stdin`). */
  readonly name: string;
  readonly text: string;
  readonly assessment: Assessment;
  /** Orders findings most urgent first. */
  readonly rank: (level: string) => number;
  readonly paint: Paint;
  /** The report's words in the reader's language (`--lang-ui`); findings arrive already in it. */
  readonly say: CliText;
  /**
   * With a baseline: how many of a finding's matches are new and how many known. A finding with only
   * known matches is one line; one with a new match is shown in full and marked NEW.
   */
  readonly statusOf?: (finding: Finding) => FindingStatus | undefined;
}

/** A finding's matches against the baseline. */
export interface FindingStatus {
  readonly new: number;
  readonly known: number;
}

/** What a finding asks of the reader, after its level: fix it, verify its source, or check it by hand. */
const outcomeLabel = (say: CliText, outcome: Finding['outcome']): string =>
  outcome === 'advisory'
    ? ` ${say('finding.advisory')}`
    : outcome === 'coverage'
      ? ` ${say('finding.coverage')}`
      : '';

/** A level's name in the reader's language, in capitals where the script has them (RED, ĐỎ, 红色). */
const levelName = (say: CliText, level: string): string =>
  say.word('level', level).toLocaleUpperCase(say.locale);

/** A matrix label in the reader's language (a manager's own label as written). */
const gradeName = (say: CliText, label: string): string =>
  say.word('grade', label).toLocaleLowerCase(say.locale);

/** Without colours a highlight must still be visible in a CI log, so the phrase is bracketed. */
const highlight = (paint: Paint, level: string, phrase: string, colored: boolean): string =>
  colored ? paint(['underline', ...levelFormat(level)], phrase) : `[[${phrase}]]`;

const newLabel = (say: CliText, status: FindingStatus | undefined): string => {
  if (status === undefined || status.new === 0) return '';
  return status.known === 0
    ? `  ${say('finding.new')}`
    : `  ${say('finding.newOf', { count: status.new, total: status.new + status.known })}`;
};

const wheresOf = (name: string, snippets: readonly { position: { line: number; column: number } }[]) =>
  snippets
    .map(({ position }) => `${name}:${position.line}:${position.column}`)
    .filter((value, index, all) => all.indexOf(value) === index);

/** A finding the baseline accepts: one line, so a repository's known hits do not bury a new one. */
const knownLine = (input: ReportInput, finding: Finding): string => {
  const { paint, text, name, say } = input;
  const evidence = finding.evidence ?? [];
  const where = wheresOf(
    name,
    evidence.map((item) => snippetOf(text, item)),
  );
  const phrases = [...new Set(evidence.map((item) => `“${item.text}”`))].join(', ');
  return [
    `${paint('dim', say('finding.known'))}  ${paint(levelFormat(finding.level), levelName(say, finding.level))}  ${finding.ruleId}`,
    ...(where.length === 0 ? [] : [paint('dim', where.join(', '))]),
    ...(phrases === '' ? [] : [phrases]),
  ].join('  ');
};

const findingLines = (input: ReportInput, finding: Finding, colored: boolean): string[] => {
  const { paint, text, name, say } = input;
  const evidence = finding.evidence ?? [];
  const snippets = evidence.map((item) => snippetOf(text, item));
  const where = wheresOf(name, snippets);
  const more = finding.moreEvidence ?? 0;
  const lines = [
    `${paint(levelFormat(finding.level), levelName(say, finding.level))}${outcomeLabel(say, finding.outcome)}  ${paint('bold', finding.ruleId)}  ${paint('dim', say('finding.grades', { probability: gradeName(say, finding.probability), impact: gradeName(say, finding.impact) }))}${paint('bold', newLabel(say, input.statusOf?.(finding)))}`,
    ...(where.length === 0 ? [] : [`  ${paint('dim', where.join(', '))}`]),
    ...snippets.map(
      (snippet) =>
        `  ${paint('dim', '│')} ${snippet.before}${highlight(paint, finding.level, snippet.phrase, colored)}${snippet.after}`,
    ),
    ...(more > 0 ? [`  ${paint('dim', say('finding.more', { count: more }))}`] : []),
    `  ${finding.message}`,
    ...(finding.basis === undefined ? [] : [`  ${paint('dim', say('finding.basis'))} ${finding.basis}`]),
    ...(finding.suggestion === undefined
      ? []
      : [`  ${paint('dim', say('finding.suggestion'))} ${finding.suggestion}`]),
  ];
  return lines;
};

/**
 * The human report of one copy: a verdict line, then each finding (most urgent first) with the phrase
 * highlighted in its line, the rule, its legal basis and the suggested rewrite; with a baseline, the
 * known findings as one line each after the others.
 */
export const renderCheckReport = (input: ReportInput): string => {
  const { assessment, paint, name, say } = input;
  const colored = paint('bold', 'x') !== 'x';
  const findings = [...assessment.findings].sort((a, b) => input.rank(b.level) - input.rank(a.level));
  const level = paint(levelFormat(assessment.level), levelName(say, assessment.level));
  const verdict =
    findings.length === 0
      ? say('verdict.none', { name, level })
      : say('verdict.some', {
          name,
          level,
          count: findings.length,
          probability: gradeName(say, assessment.probability),
          impact: gradeName(say, assessment.impact),
        });
  const isKnown = (finding: Finding): boolean => {
    const status = input.statusOf?.(finding);
    return status !== undefined && status.new === 0;
  };
  const blocks = findings
    .filter((finding) => !isKnown(finding))
    .map((finding) => findingLines(input, finding, colored).join('\n'));
  const known = findings.filter(isKnown).map((finding) => knownLine(input, finding));
  return [verdict, ...blocks, ...(known.length === 0 ? [] : [known.join('\n')])].join('\n\n');
};

/** Where the rules came from, so a result can be traced: the shipped packs, or a server's policies. */
export type RulesSource = { readonly kind: 'shipped' } | { readonly kind: 'server'; readonly url: string };

/**
 * The last line of a check: which rules and matrix judged the copy.
 *
 * @example rulesLine({ kind: 'shipped' }, ['cn@3.2.0+…'], ['matrix-3x3@1'], paint, cliText('en'))
 * // 'rules: shipped packs cn@3.2.0+… · matrix matrix-3x3@1'
 */
export const rulesLine = (
  source: RulesSource,
  rulesVersions: readonly string[],
  matrixVersions: readonly string[],
  paint: Paint,
  say: CliText,
): string => {
  const rules = [...new Set(rulesVersions)].join(' | ');
  const matrix = [...new Set(matrixVersions)].join(' | ');
  return paint(
    'dim',
    source.kind === 'shipped'
      ? say('rules.shipped', { rules, matrix })
      : say('rules.server', { url: source.url, rules, matrix }),
  );
};
