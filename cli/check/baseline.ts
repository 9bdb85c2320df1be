import * as z from 'zod';
import { UsageError } from '#shared/errors.ts';
import type { Finding } from '#shared/schemas/assessment.ts';

/**
 * The baseline of `risk-radar check --baseline`: the findings a team has accepted, so content CI fails
 * only on findings that are new since. A hit is identified by the copy it is in, the rule, and its
 * evidence text normalised, never by offsets, so editing unrelated text keeps every known hit known.
 * Hits are counted: the same phrase twice where the baseline had it once is one new hit.
 */

/** The `format` member that marks a file as a check baseline. */
export const BASELINE_FORMAT = 'risk-radar-check-baseline';
/** Bump when the file's meaning changes; older files are then refused with a clear message. */
export const BASELINE_VERSION = 1;

/**
 * Stands for matches beyond the evidence a finding lists (the engine lists at most 20 per finding and
 * counts the rest): their text is unknown, so they pair with any leftover hit of the same rule. It cannot
 * be a real key: NFKC turns `…` into `...`.
 */
export const UNLISTED = '…';

/** One accepted hit, or several of the same phrase (`count`). */
export interface BaselineEntry {
  /** The copy's identity: its path relative to the baseline file, or `--copy-id`. */
  readonly copy: string;
  readonly rule: string;
  /** The evidence text normalised ({@link evidenceKey}); empty for a finding without evidence. */
  readonly evidence: string;
  readonly count: number;
  /** The level when recorded: for the reader, not part of the identity. */
  readonly level: string;
}

export interface Baseline {
  /** The rules version (`engine.rulesVersion`) the findings were recorded with. */
  readonly rules: string;
  readonly findings: readonly BaselineEntry[];
}

/**
 * Evidence as identity: Unicode-compatible forms folded (full-width letters), lower case, runs of
 * spaces as one, so a re-typed or re-wrapped phrase stays the same hit.
 *
 * @example evidenceKey('  ＣＵＲＥＳ\n acne ') // 'cures acne'
 */
export const evidenceKey = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The hits of one copy's findings that need attention, as baseline entries (counted, sorted).
 *
 * @example hitsOf('copy/a.txt', [{ ruleId: 'cn.absolute.best', level: 'yellow', evidence: [{ text: '最佳', … }], … }])
 * // [{ copy: 'copy/a.txt', rule: 'cn.absolute.best', evidence: '最佳', count: 1, level: 'yellow' }]
 */
export const hitsOf = (copy: string, findings: readonly Finding[]): BaselineEntry[] => {
  const counts = new Map<string, { rule: string; evidence: string; count: number; level: string }>();
  const add = (finding: Finding, evidence: string, count: number) => {
    const key = `${finding.ruleId}\u0000${evidence}`;
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { rule: finding.ruleId, evidence, count, level: finding.level });
    else entry.count += count;
  };
  for (const finding of findings) {
    const evidence = finding.evidence ?? [];
    if (evidence.length === 0) add(finding, '', 1);
    for (const item of evidence) add(finding, evidenceKey(item.text), 1);
    if ((finding.moreEvidence ?? 0) > 0) add(finding, UNLISTED, finding.moreEvidence ?? 0);
  }
  return sortEntries([...counts.values()].map((entry) => ({ copy, ...entry })));
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Copy, then rule, then evidence: the order of the file, stable for diffs. */
export const sortEntries = (entries: readonly BaselineEntry[]): BaselineEntry[] =>
  [...entries].sort(
    (a, b) =>
      compareText(a.copy, b.copy) || compareText(a.rule, b.rule) || compareText(a.evidence, b.evidence),
  );

export interface Comparison {
  /** Hits the baseline does not hold: these fail the check. */
  readonly new: BaselineEntry[];
  /** Hits the baseline holds: listed, never failing. */
  readonly known: BaselineEntry[];
  /** Baseline hits of the checked copies that no longer occur: prune them with `--update-baseline`. */
  readonly fixed: BaselineEntry[];
}

const groupKey = (entry: Pick<BaselineEntry, 'copy' | 'rule'>): string => `${entry.copy}\u0000${entry.rule}`;

const groupBy = (entries: readonly BaselineEntry[]): Map<string, BaselineEntry[]> => {
  const groups = new Map<string, BaselineEntry[]>();
  for (const entry of entries) {
    const key = groupKey(entry);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  }
  return groups;
};

/** Takes up to `wanted` from the counts in `pool` (mutated): how many it took of each key. */
const take = (pool: Map<string, number>, wanted: number): Map<string, number> => {
  const taken = new Map<string, number>();
  let total = 0;
  for (const [key, count] of pool) {
    if (total === wanted) break;
    const now = Math.min(count, wanted - total);
    if (now === 0) continue;
    total += now;
    taken.set(key, now);
    pool.set(key, count - now);
  }
  return taken;
};

const sum = (counts: ReadonlyMap<string, number>): number => {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
};

const countsOf = (entries: readonly BaselineEntry[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.evidence, (counts.get(entry.evidence) ?? 0) + entry.count);
  return counts;
};

/** One copy and rule: listed evidence pairs by text first, then unlisted matches pair with whatever is left. */
const compareGroup = (
  current: readonly BaselineEntry[],
  recorded: readonly BaselineEntry[],
  out: { new: BaselineEntry[]; known: BaselineEntry[]; fixed: BaselineEntry[] },
): void => {
  const sample = current[0] ?? recorded[0];
  if (sample === undefined) return;
  const levelOf = new Map([...recorded, ...current].map((entry) => [entry.evidence, entry.level]));
  const now = countsOf(current);
  const before = countsOf(recorded);
  const known = new Map<string, number>();
  for (const [evidence, count] of now) {
    if (evidence === UNLISTED) continue;
    const paired = Math.min(count, before.get(evidence) ?? 0);
    if (paired === 0) continue;
    known.set(evidence, paired);
    now.set(evidence, count - paired);
    before.set(evidence, (before.get(evidence) ?? 0) - paired);
  }
  // Unlisted matches may be any phrase: a current one may be a recorded leftover, and the other way round.
  const addKnown = (evidence: string, count: number) =>
    known.set(evidence, (known.get(evidence) ?? 0) + count);
  const unlistedNow = now.get(UNLISTED) ?? 0;
  now.delete(UNLISTED);
  const absorbedBefore = sum(take(before, unlistedNow));
  if (absorbedBefore > 0) addKnown(UNLISTED, absorbedBefore);
  if (unlistedNow > absorbedBefore) now.set(UNLISTED, unlistedNow - absorbedBefore);
  const unlistedBefore = before.get(UNLISTED) ?? 0;
  before.delete(UNLISTED);
  const absorbedNow = take(now, unlistedBefore);
  for (const [evidence, count] of absorbedNow) addKnown(evidence, count);
  if (unlistedBefore > sum(absorbedNow)) before.set(UNLISTED, unlistedBefore - sum(absorbedNow));

  const entry = (evidence: string, count: number): BaselineEntry => ({
    copy: sample.copy,
    rule: sample.rule,
    evidence,
    count,
    level: levelOf.get(evidence) ?? sample.level,
  });
  for (const [evidence, count] of known) if (count > 0) out.known.push(entry(evidence, count));
  for (const [evidence, count] of now) if (count > 0) out.new.push(entry(evidence, count));
  for (const [evidence, count] of before) if (count > 0) out.fixed.push(entry(evidence, count));
};

/**
 * What changed since the baseline, for the copies checked in this run (`checked`): the baseline's other
 * copies are neither fixed nor new, so a repository can be checked in parts against one file.
 *
 * @example compareToBaseline(hits, baseline.findings, new Set(['copy/a.txt'])).new.length // 0 when nothing is new
 */
export const compareToBaseline = (
  current: readonly BaselineEntry[],
  recorded: readonly BaselineEntry[],
  checked: ReadonlySet<string>,
): Comparison => {
  const out = { new: [] as BaselineEntry[], known: [] as BaselineEntry[], fixed: [] as BaselineEntry[] };
  const now = groupBy(current);
  const before = groupBy(recorded.filter((entry) => checked.has(entry.copy)));
  for (const [key, entries] of now) compareGroup(entries, before.get(key) ?? [], out);
  for (const [key, entries] of before) if (!now.has(key)) compareGroup([], entries, out);
  return { new: sortEntries(out.new), known: sortEntries(out.known), fixed: sortEntries(out.fixed) };
};

/**
 * The baseline after `--update-baseline` (or the first run): this run's hits for the checked copies,
 * the recorded ones for every other copy.
 */
export const updatedBaseline = (
  previous: Baseline | undefined,
  current: readonly BaselineEntry[],
  checked: ReadonlySet<string>,
  rules: string,
): Baseline => ({
  rules,
  findings: sortEntries([
    ...(previous?.findings ?? []).filter((entry) => !checked.has(entry.copy)),
    ...current,
  ]),
});

/**
 * The file: versioned JSON, one finding per line in a stable order, so a review of the baseline's diff
 * reads as a list of accepted hits.
 *
 * @example renderBaseline({ rules: 'cn@3.2.0', findings: [] }) // '{\n  "format": "risk-radar-check-baseline", …'
 */
export const renderBaseline = (baseline: Baseline): string => {
  const line = (entry: BaselineEntry) =>
    `    ${JSON.stringify({
      copy: entry.copy,
      rule: entry.rule,
      evidence: entry.evidence,
      count: entry.count,
      level: entry.level,
    })}`;
  const findings = sortEntries(baseline.findings).map(line);
  return [
    '{',
    `  "format": ${JSON.stringify(BASELINE_FORMAT)},`,
    `  "version": ${BASELINE_VERSION},`,
    `  "rules": ${JSON.stringify(baseline.rules)},`,
    findings.length === 0 ? '  "findings": []' : `  "findings": [\n${findings.join(',\n')}\n  ]`,
    '}',
    '',
  ].join('\n');
};

const EntrySchema = z.strictObject({
  copy: z.string().min(1, 'copy must not be empty'),
  rule: z.string().min(1, 'rule must not be empty'),
  evidence: z.string(),
  count: z.int().positive('count must be a whole number of at least 1'),
  level: z.string(),
});

const BaselineFileSchema = z.object({
  format: z.literal(BASELINE_FORMAT),
  version: z.number(),
  rules: z.string(),
  findings: z.array(EntrySchema),
});

/**
 * Reads a baseline file. A file that is not JSON, not a baseline, of another version, or with a bad
 * entry is a usage error naming the file and what to do: the check must not pass on a baseline it
 * misread.
 *
 * @throws {UsageError}
 */
export const parseBaseline = (text: string, path: string): Baseline => {
  const fix = 'fix it, or record a new one with --update-baseline';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not a valid baseline: not JSON (${(error as Error).message}); ${fix}`, {
      cause: error,
    });
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== BASELINE_FORMAT) {
    throw new UsageError(`${path} is not a risk-radar check baseline (no "format": "${BASELINE_FORMAT}")`);
  }
  const version = (value as { version?: unknown }).version;
  if (version !== BASELINE_VERSION) {
    throw new UsageError(
      `${path} is a baseline of version ${JSON.stringify(version)}; this risk-radar reads version ${BASELINE_VERSION}: record it again with --update-baseline`,
    );
  }
  const parsed = BaselineFileSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new UsageError(`${path} is not a valid baseline:\n${issues.join('\n')}\n${fix}`);
  }
  return { rules: parsed.data.rules, findings: parsed.data.findings };
};
