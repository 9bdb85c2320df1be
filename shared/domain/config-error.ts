/**
 * Thrown when a matrix, threshold set or rule pack is not fit to run. Configuration is validated once, at
 * load, so a broken file stops a deploy or a cold start instead of mis-grading events later.
 *
 * @example
 * throw new InvalidRiskConfigError('risk matrix "m@1"', ['cell high × minor is missing']);
 */
export class InvalidRiskConfigError extends Error {
  readonly issues: readonly string[];

  constructor(subject: string, issues: readonly string[], options?: ErrorOptions) {
    super(`Invalid ${subject}: ${issues.join('; ')}`, options);
    this.name = 'InvalidRiskConfigError';
    this.issues = issues;
  }
}

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
