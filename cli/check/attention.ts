import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import type { RiskMatrix } from '#shared/domain/risk-matrix.ts';
import type { Finding } from '#shared/schemas/assessment.ts';

/** Which findings of a check need a person, and so fail it (and go into a baseline). */
export interface Attention {
  readonly needs: (finding: Finding) => boolean;
  /** Orders findings most urgent first. */
  readonly rank: (level: string) => number;
  /** Said under the report when the CLI had to judge without knowing the matrix. */
  readonly note?: string;
}

/**
 * A finding needs attention when its level opens a case on the matrix that graded it (yellow and red on
 * the default one). A coverage finding (no pack covers the copy, so it was not checked) needs a person
 * unless the caller says it knows; an advisory or a finding a legal exception allows never does.
 *
 * The server's assessment names its matrix's version but not its levels: when that version is one this
 * CLI ships, its levels decide; otherwise (a manager's own matrix) every violation counts, since nothing
 * says which of the unknown levels is "normal", and the report says so.
 *
 * @example attentionOf(DEFAULT_MATRIX, 'matrix-3x3@1', false).needs(yellowFinding) // true
 */
export const attentionOf = (
  shipped: RiskMatrix,
  matrixVersion: string,
  allowUncovered: boolean,
): Attention => {
  if (matrixVersion === shipped.version) {
    const policy = levelPolicyOf(shipped);
    return {
      rank: policy.rank,
      needs: (finding) =>
        finding.outcome === 'coverage'
          ? !allowUncovered
          : finding.exception === undefined && policy.opensCase(finding.level),
    };
  }
  return {
    rank: () => 0,
    needs: (finding) =>
      finding.outcome === 'coverage'
        ? !allowUncovered
        : finding.exception === undefined && finding.outcome !== 'advisory',
    note: `matrix ${matrixVersion} is not one this risk-radar ships: every violation counts, whatever its level`,
  };
};
