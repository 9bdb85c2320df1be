import type { RiskMatrix } from './risk-matrix.ts';

/** The canonical 3-point probability scale that rules and thresholds are written in. */
export const PROBABILITY_GRADES = ['low', 'medium', 'high'] as const;
/** The canonical 3-point impact scale that rules and thresholds are written in. */
export const IMPACT_GRADES = ['minor', 'moderate', 'severe'] as const;

/**
 * A probability as rules state it: a grade on the canonical 3-point scale, or a score in [0, 1] for
 * finer placement on a larger matrix. Either way it lands on any matrix's axis, so packs and thresholds
 * need not change when risk management moves from 3×3 to 5×5.
 */
export type ProbabilityRating = (typeof PROBABILITY_GRADES)[number] | number;
/** An impact as rules state it; see {@link ProbabilityRating}. */
export type ImpactRating = (typeof IMPACT_GRADES)[number] | number;

/**
 * The score in [0, 1] of a rating. A grade sits in the middle of its third, so 3-point grades land on
 * the same label of a 3-point axis and on the low / middle / high label of a 5-point axis.
 *
 * @example
 * ratingScore(PROBABILITY_GRADES, 'medium'); // 0.5
 */
export const ratingScore = (grades: readonly string[], rating: string | number): number => {
  if (typeof rating === 'number') return rating;
  const index = grades.indexOf(rating);
  if (index < 0) throw new RangeError(`Unknown grade "${rating}"; expected one of ${grades.join(', ')}`);
  return (index + 0.5) / grades.length;
};

/**
 * The label of an axis (listed lowest first) that a score in [0, 1] falls on.
 *
 * @example
 * labelAtScore(['rare', 'unlikely', 'possible', 'likely', 'almost-certain'], 0.9); // 'almost-certain'
 */
export const labelAtScore = (axis: readonly string[], score: number): string => {
  const index = Math.min(axis.length - 1, Math.max(0, Math.floor(score * axis.length)));
  const label = axis[index];
  if (label === undefined) throw new RangeError('Cannot place a score on an empty axis');
  return label;
};

/**
 * The probability label of a matrix for a rating.
 *
 * @example
 * probabilityLabel(DEFAULT_MATRIX, 'high'); // 'high'
 */
export const probabilityLabel = (matrix: RiskMatrix, rating: ProbabilityRating): string =>
  labelAtScore(matrix.probabilities, ratingScore(PROBABILITY_GRADES, rating));

/**
 * The impact label of a matrix for a rating.
 *
 * @example
 * impactLabel(DEFAULT_MATRIX, 0.9); // 'severe'
 */
export const impactLabel = (matrix: RiskMatrix, rating: ImpactRating): string =>
  labelAtScore(matrix.impacts, ratingScore(IMPACT_GRADES, rating));

/**
 * Why a rating is unfit, or undefined when it is fine. Used by every config validator.
 *
 * @example
 * ratingIssue(PROBABILITY_GRADES, 1.5); // 'score 1.5 is outside [0, 1]'
 */
export const ratingIssue = (grades: readonly string[], rating: unknown): string | undefined => {
  if (typeof rating === 'number') {
    return Number.isFinite(rating) && rating >= 0 && rating <= 1
      ? undefined
      : `score ${rating} is outside [0, 1]`;
  }
  return typeof rating === 'string' && grades.includes(rating)
    ? undefined
    : `"${String(rating)}" is not one of ${grades.join(', ')} or a score in [0, 1]`;
};
