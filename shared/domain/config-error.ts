import { InvalidRiskConfigError } from '#shared/errors.ts';

/** The class lives with every other error; re-exported for the validators' callers. */
export { InvalidRiskConfigError };

/**
 * Throws an {@link InvalidRiskConfigError} when any issue was collected, so validators can report every
 * problem at once rather than one per deploy.
 *
 * @example
 * failOnIssues('spend thresholds "spend@1"', issues);
 */
export const failOnIssues = (subject: string, issues: readonly string[]): void => {
  if (issues.length > 0) throw new InvalidRiskConfigError(subject, issues);
};

/**
 * One located issue, or none: lets validators list checks as a flat array.
 *
 * @example
 * issueAt('overrunBands[0].impact', ratingIssue(IMPACT_GRADES, 'huge')); // ['overrunBands[0].impact: …']
 */
export const issueAt = (path: string, issue: string | undefined): string[] =>
  issue === undefined ? [] : [`${path}: ${issue}`];
