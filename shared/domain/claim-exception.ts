import type { Assessment } from './assess.ts';
import { assess } from './assess.ts';
import type { Finding } from './finding.ts';
import { baselineLevel, type RiskMatrix } from './risk-matrix.ts';

/**
 * A documented, expiring exception legal grants for a substantiated claim (e.g. "第一" backed by a
 * market-share report): until it expires, that brand's copy using that claim is not flagged; the finding
 * stays visible and says which exception allows it.
 */
export interface ClaimException {
  readonly exceptionId: string;
  readonly brand: string;
  /** The rule whose finding is allowed. */
  readonly ruleId: string;
  /** When set, only this phrase (as written in the evidence) is allowed, not every match of the rule. */
  readonly phrase?: string;
  /** What substantiates the claim: a report, study or certificate reference. */
  readonly evidence: string;
  readonly expiresAt: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
  readonly reviewId: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
}

/** In force at `now`: not revoked and not yet expired. */
export const isActive = (exception: ClaimException, now: Date): boolean =>
  exception.revokedAt === undefined && Date.parse(exception.expiresAt) > now.getTime();

const fold = (text: string): string => text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, '');

const covers = (exception: ClaimException, brand: string, finding: Finding): boolean =>
  exception.brand === brand &&
  exception.ruleId === finding.ruleId &&
  (exception.phrase === undefined ||
    (finding.evidence ?? []).some((evidence) => fold(evidence.text) === fold(exception.phrase ?? '')));

/**
 * Applies the brand's active exceptions to an ad-copy assessment: a covered finding drops to the lowest
 * level and names its exception; the assessment is re-graded from the findings still in force.
 * @example applyExceptions(matrix, assessment, 'Acme', exceptions, now).findings[0]?.exception
 */
export const applyExceptions = (
  matrix: RiskMatrix,
  assessment: Assessment,
  brand: string,
  exceptions: readonly ClaimException[],
  now: Date,
): Assessment => {
  const active = exceptions.filter((exception) => isActive(exception, now));
  if (active.length === 0) return assessment;
  const inForce: Finding[] = [];
  const findings = assessment.findings.map((finding) => {
    const exception = active.find((candidate) => covers(candidate, brand, finding));
    if (exception === undefined) {
      inForce.push(finding);
      return finding;
    }
    return {
      ...finding,
      level: baselineLevel(matrix),
      message: `Allowed by exception ${exception.exceptionId} until ${exception.expiresAt.slice(0, 10)} (${exception.evidence}): ${finding.message}`,
      exception: { id: exception.exceptionId, expiresAt: exception.expiresAt },
    };
  });
  return { ...assess(matrix, inForce, assessment.engine), findings };
};
