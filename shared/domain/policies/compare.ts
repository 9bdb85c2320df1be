import type { Finding } from '../finding.ts';
import { labelAtScore, ratingScore } from '../rating.ts';
import type { Level, RiskMatrix } from '../risk-matrix.ts';
import { baselineLevel, levelOf, worstLevel } from '../risk-matrix.ts';
import { isRecord } from './overlay.ts';
import type { ChangeVerdict, PolicyChange } from './policy.ts';

/**
 * What a draft would change: the differences between two documents, and the level of a decided copy or a
 * recent case before (policy in force) and after (draft).
 */

/**
 * Every difference between two JSON documents, by path: objects compared field by field, anything else
 * (numbers, strings, arrays) whole. Linear in the documents' size.
 *
 * @example
 * diffValues({ a: 1, b: { c: 2 } }, { b: { c: 3 }, d: 4 });
 * // [{ path: ['a'], op: 'removed', before: 1 }, { path: ['b', 'c'], op: 'changed', before: 2, after: 3 },
 * //  { path: ['d'], op: 'added', after: 4 }]
 */
export const diffValues = (
  before: unknown,
  after: unknown,
  path: readonly (string | number)[] = [],
): PolicyChange[] => {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const at = [...path, key];
      if (!(key in after)) return [{ path: at, op: 'removed' as const, before: before[key] }];
      if (!(key in before)) return [{ path: at, op: 'added' as const, after: after[key] }];
      return diffValues(before[key], after[key], at);
    });
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, op: 'changed', before, after }];
};

/**
 * A finding placed on another matrix: its probability and impact labels become scores on the matrix it was
 * graded on (the middle of their band, as rules' 3-point grades are) and labels of the other. An advisory or
 * a finding an exception allows stays at the lowest level. `undefined` for a label the first matrix lacks.
 *
 * @example
 * regradeFinding(DEFAULT_MATRIX, fiveByFive, finding)?.level;
 */
export const regradeFinding = (
  from: RiskMatrix,
  to: RiskMatrix,
  finding: Pick<Finding, 'probability' | 'impact' | 'outcome' | 'exception'>,
): { readonly level: Level; readonly probability: string; readonly impact: string } | undefined => {
  if (!from.probabilities.includes(finding.probability) || !from.impacts.includes(finding.impact)) {
    return undefined;
  }
  const probability = labelAtScore(to.probabilities, ratingScore(from.probabilities, finding.probability));
  const impact = labelAtScore(to.impacts, ratingScore(from.impacts, finding.impact));
  const stays = finding.outcome === 'advisory' || finding.exception !== undefined;
  return { level: stays ? baselineLevel(to) : levelOf(to, probability, impact), probability, impact };
};

/**
 * The level a set of findings graded on `from` would have on `to`: the worst of them (findings `from` cannot
 * read are left out).
 *
 * @example
 * regradedLevel(DEFAULT_MATRIX, fiveByFive, riskCase.findings); // 'red'
 */
export const regradedLevel = (
  from: RiskMatrix,
  to: RiskMatrix,
  findings: readonly Pick<Finding, 'probability' | 'impact' | 'outcome' | 'exception'>[],
): Level =>
  worstLevel(
    to,
    findings.flatMap((finding) => {
      const graded = regradeFinding(from, to, finding);
      return graded === undefined ? [] : [graded.level];
    }),
  );

/** Whether the severity of a pair of levels says "open a case" (yellow and above by default). */
export type OpensCase = (level: Level) => boolean;

/**
 * How a level moves from `before` to `after`, or `undefined` when it does not.
 *
 * @example
 * verdictOf('green', 'yellow', (level) => level !== 'green'); // 'newly-flagged'
 */
export const verdictOf = (before: Level, after: Level, opensCase: OpensCase): ChangeVerdict | undefined => {
  if (before === after) return undefined;
  if (!opensCase(before) && opensCase(after)) return 'newly-flagged';
  if (opensCase(before) && !opensCase(after)) return 'newly-cleared';
  return 'level-changed';
};

/**
 * Whether a decided copy's level under a draft contradicts legal's decision: a rejected copy no longer
 * flagged, an approved copy flagged (a finding an exception allows does not count: it is not flagged).
 *
 * @example
 * contradictsDecision('rejected', 'green', opensCase); // true
 */
export const contradictsDecision = (
  decision: 'approved' | 'rejected',
  after: Level,
  opensCase: OpensCase,
): boolean => (decision === 'rejected' ? !opensCase(after) : opensCase(after));
