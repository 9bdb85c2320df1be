import type { Assessment, Finding } from '#shared/schemas/assessment.ts';
import type { CliText } from '../i18n/index.ts';
import type { Paint } from '../style.ts';
import type { Attention } from './attention.ts';
import { type BaselineEntry, type Comparison, UNLISTED } from './baseline.ts';
import { type FindingStatus, type RulesSource, renderCheckReport, rulesLine } from './report.ts';

/** One copy of a run after judgement. */
export interface CheckedCopy {
  /** As the user wrote it (`copy/launch.txt`, `stdin`). */
  readonly name: string;
  /** Its identity in the baseline. */
  readonly id: string;
  /** The text the engine saw (offsets of the evidence point into it). */
  readonly text: string;
  readonly assessment: Assessment;
  readonly attention: Attention;
  /** The findings that need attention: these fail the check and go into a baseline. */
  readonly needed: readonly Finding[];
}

/** What `--baseline` did in this run. */
export interface BaselineOutcome {
  /** As given on the command line. */
  readonly path: string;
  /** The rules version the file was recorded with (before this run, when it existed). */
  readonly rules: string;
  /** This run wrote the file (first run, or `--update-baseline`); nothing was compared then. */
  readonly recorded: boolean;
  readonly comparison?: Comparison;
  /** The hits this run found that need attention. */
  readonly hits: readonly BaselineEntry[];
}

export interface RunResult {
  readonly source: RulesSource;
  readonly copies: readonly CheckedCopy[];
  readonly baseline?: BaselineOutcome;
}

const unique = (values: readonly string[]): string => [...new Set(values)].join(' | ');
const total = (entries: readonly BaselineEntry[]): number =>
  entries.reduce((sum, entry) => sum + entry.count, 0);
const plural = (count: number, word: string, words: string): string =>
  `${count} ${count === 1 ? word : words}`;

/** The rules version of the run: one, unless a policy was published while it ran. */
export const rulesOf = (copies: readonly CheckedCopy[]): string =>
  unique(copies.map((copy) => copy.assessment.engine.rulesVersion));

const quote = (entry: BaselineEntry): string =>
  entry.evidence === ''
    ? '(no phrase)'
    : entry.evidence === UNLISTED
      ? '(matches beyond the listed evidence)'
      : `“${entry.evidence}”`;

const entryLine = (label: string, entry: BaselineEntry, paint: Paint, tail = ''): string =>
  `  ${label}  ${entry.copy}  ${paint('bold', entry.rule)}  ${quote(entry)}${entry.count > 1 ? ` ×${entry.count}` : ''}${tail}`;

/** What `--baseline` did, under the reports: new hits (failing), known ones, fixed ones to prune. */
const baselineSummary = (outcome: BaselineOutcome, copies: number, paint: Paint): string[] => {
  const { comparison } = outcome;
  if (comparison === undefined) {
    return [
      `baseline ${outcome.path}: recorded ${plural(total(outcome.hits), 'finding', 'findings')} of ${plural(copies, 'copy', 'copies')} — later runs fail only on new ones`,
    ];
  }
  const fresh = total(comparison.new);
  const summary = [
    `baseline ${outcome.path}: ${fresh > 0 ? paint(['bold', 'red'], `${fresh} new`) : '0 new'} · ${total(comparison.known)} known · ${total(comparison.fixed)} fixed`,
    ...comparison.new.map((entry) => entryLine(paint(['bold', 'red'], 'NEW  '), entry, paint)),
    ...comparison.fixed.map((entry) =>
      entryLine('fixed', entry, paint, ' — no longer found: prune it with --update-baseline'),
    ),
  ].join('\n');
  return [summary];
};

/** A finding's matches, new and known, from the comparison (one finding per rule and copy). */
const statusesOf = (comparison: Comparison): ((copy: string, ruleId: string) => FindingStatus) => {
  const counts = new Map<string, { new: number; known: number }>();
  const add = (entry: BaselineEntry, kind: 'new' | 'known') => {
    const key = `${entry.copy}\u0000${entry.rule}`;
    const status = counts.get(key) ?? { new: 0, known: 0 };
    status[kind] += entry.count;
    counts.set(key, status);
  };
  for (const entry of comparison.new) add(entry, 'new');
  for (const entry of comparison.known) add(entry, 'known');
  return (copy, ruleId) => counts.get(`${copy}\u0000${ruleId}`) ?? { new: 0, known: 0 };
};

/**
 * The human report of a run: each copy's report (with a baseline, known findings one line each), a
 * count when several copies were checked, what the baseline said, notes, and the rules that judged.
 */
export const renderRun = (result: RunResult, paint: Paint, say: CliText): string => {
  const { copies, baseline } = result;
  const comparison = baseline?.comparison;
  const statusOf = comparison === undefined ? undefined : statusesOf(comparison);
  const reports = copies.map((copy) => {
    const needed = new Set(copy.needed);
    return renderCheckReport({
      name: copy.name,
      text: copy.text,
      assessment: copy.assessment,
      rank: copy.attention.rank,
      paint,
      say,
      ...(statusOf === undefined
        ? {}
        : {
            statusOf: (finding: Finding) =>
              needed.has(finding) ? statusOf(copy.id, finding.ruleId) : undefined,
          }),
    });
  });
  const attention = copies.filter((copy) => copy.needed.length > 0).length;
  const notes = [...new Set(copies.flatMap((copy) => copy.attention.note ?? []))];
  const previousRules = baseline?.rules;
  const rules = rulesOf(copies);
  return [
    ...reports,
    ...(copies.length > 1 ? [say('run.copies', { count: copies.length, attention })] : []),
    ...(baseline === undefined ? [] : baselineSummary(baseline, copies.length, paint)),
    ...(comparison !== undefined && previousRules !== rules
      ? [
          paint(
            'dim',
            `note: the baseline was recorded with rules ${previousRules}: a finding a rule change added is new; accept it with --update-baseline`,
          ),
        ]
      : []),
    ...notes.map((note) => paint('dim', `note: ${note}`)),
    rulesLine(
      result.source,
      copies.map((copy) => copy.assessment.engine.rulesVersion),
      copies.map((copy) => copy.assessment.engine.matrixVersion),
      paint,
      say,
    ),
  ].join('\n\n');
};

/**
 * The run as JSON: with one copy and no baseline, the assessment itself (as scripts have always read
 * it); otherwise the rules, each copy with its assessment, and the baseline's new, known and fixed hits.
 */
export const runJson = (result: RunResult): unknown => {
  const { copies, baseline, source } = result;
  const [only] = copies;
  if (baseline === undefined && copies.length === 1 && only !== undefined) return only.assessment;
  return {
    rules: {
      source: source.kind,
      ...(source.kind === 'server' ? { url: source.url } : {}),
      rulesVersion: rulesOf(copies),
      matrixVersion: unique(copies.map((copy) => copy.assessment.engine.matrixVersion)),
    },
    copies: copies.map((copy) => ({
      copy: copy.id,
      needsAttention: copy.needed.length > 0,
      assessment: copy.assessment,
    })),
    ...(baseline === undefined
      ? {}
      : {
          baseline: {
            path: baseline.path,
            recorded: baseline.recorded,
            rules: baseline.rules,
            new: baseline.comparison?.new ?? [],
            known: baseline.comparison?.known ?? [],
            fixed: baseline.comparison?.fixed ?? [],
          },
        }),
  };
};
