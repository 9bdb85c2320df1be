import type { Assessment, Finding } from '#shared/schemas/assessment.ts';
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
}

const plural = (count: number, word: string, words = `${word}s`): string =>
  `${count} ${count === 1 ? word : words}`;

/** What a finding asks of the reader, after its level: fix it, verify its source, or check it by hand. */
const OUTCOME_LABEL: Readonly<Record<NonNullable<Finding['outcome']>, string>> = {
  violation: '',
  advisory: ' ADVISORY — verify the source',
  coverage: ' NOT CHECKED — no rule pack covers this market and language; review by hand',
};

/** Without colours a highlight must still be visible in a CI log, so the phrase is bracketed. */
const highlight = (paint: Paint, level: string, phrase: string, colored: boolean): string =>
  colored ? paint(['underline', ...levelFormat(level)], phrase) : `[[${phrase}]]`;

const findingLines = (input: ReportInput, finding: Finding, colored: boolean): string[] => {
  const { paint, text, name } = input;
  const evidence = finding.evidence ?? [];
  const snippets = evidence.map((item) => snippetOf(text, item));
  const where = snippets
    .map(({ position }) => `${name}:${position.line}:${position.column}`)
    .filter((value, index, all) => all.indexOf(value) === index);
  const more = finding.moreEvidence ?? 0;
  const lines = [
    `${paint(levelFormat(finding.level), finding.level.toUpperCase())}${OUTCOME_LABEL[finding.outcome ?? 'violation']}  ${paint('bold', finding.ruleId)}  ${paint('dim', `${finding.probability} probability × ${finding.impact} impact`)}`,
    ...(where.length === 0 ? [] : [`  ${paint('dim', where.join(', '))}`]),
    ...snippets.map(
      (snippet) =>
        `  ${paint('dim', '│')} ${snippet.before}${highlight(paint, finding.level, snippet.phrase, colored)}${snippet.after}`,
    ),
    ...(more > 0 ? [`  ${paint('dim', `… and ${plural(more, 'more match', 'more matches')}`)}`] : []),
    `  ${finding.message}`,
    ...(finding.basis === undefined ? [] : [`  ${paint('dim', 'basis     ')} ${finding.basis}`]),
    ...(finding.suggestion === undefined ? [] : [`  ${paint('dim', 'suggestion')} ${finding.suggestion}`]),
  ];
  return lines;
};

/**
 * The human report of `risk-radar check`: a verdict line, then each finding (most urgent first) with the
 * phrase highlighted in its line, the rule, its legal basis and the suggested rewrite.
 */
export const renderCheckReport = (input: ReportInput): string => {
  const { assessment, paint, name } = input;
  const colored = paint('bold', 'x') !== 'x';
  const findings = [...assessment.findings].sort((a, b) => input.rank(b.level) - input.rank(a.level));
  const verdict =
    findings.length === 0
      ? `${name}: ${paint(levelFormat(assessment.level), assessment.level.toUpperCase())} — no findings`
      : `${name}: ${paint(levelFormat(assessment.level), assessment.level.toUpperCase())} — ${plural(findings.length, 'finding')} (${assessment.probability} probability × ${assessment.impact} impact)`;
  const blocks = findings.map((finding) => findingLines(input, finding, colored).join('\n'));
  const footer = paint(
    'dim',
    `rules ${assessment.engine.rulesVersion} · matrix ${assessment.engine.matrixVersion}`,
  );
  return [verdict, ...blocks, footer].join('\n\n');
};
