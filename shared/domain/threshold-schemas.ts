import * as z from 'zod/mini';
import { MAX_RECENT_WINDOWS } from './baselines.ts';
import { failOnSchema } from './config-error.ts';
import { IMPACT_GRADES, PROBABILITY_GRADES, ratingIssue } from './rating.ts';
import type { SentimentThresholds } from './sentiment-thresholds.ts';
import type { SpendThresholds } from './spend-thresholds.ts';

/**
 * The one statement of what makes spend and sentiment thresholds valid, in zod/mini (already in every
 * Lambda bundle; full zod is not). The engine checks its thresholds with these at load
 * (`validateSpendThresholds` / `validateSentimentThresholds` wrap them), the policies API parses an
 * owner's draft with them, and the web forms check a field as it is typed: every issue has its path
 * (`['cpaSpike', 'p']`) and a message a manager can act on. What each field means is in
 * `policy-fields.ts` (`describeField`).
 */

const Rating = <const G extends readonly [string, ...string[]]>(grades: G) =>
  z.union([z.enum(grades), z.number().check(z.minimum(0), z.maximum(1))], {
    error: (issue) => ratingIssue(grades, issue.input),
  });
const Probability = Rating(PROBABILITY_GRADES);
const Impact = Rating(IMPACT_GRADES);
const Grade = z.strictObject({ probability: Probability, impact: Impact });
const Grades = { grade: Grade, escalated: Grade };

type Ends = 'closed' | 'open' | 'left-open';

/**
 * A number in an interval (`open` ends excluded), with the interval in its message.
 *
 * @example
 * Within(0, 0.5, 'left-open'); // 2 → 'must be in (0, 0.5]'
 */
const Within = (min: number, max: number, ends: Ends = 'closed') =>
  z
    .number({ error: 'must be a number' })
    .check(
      z.refine(
        (value) =>
          (ends === 'closed' ? value >= min : value > min) && (ends === 'open' ? value < max : value <= max),
        `must be in ${ends === 'closed' ? '[' : '('}${min}, ${max}${ends === 'open' ? ')' : ']'}`,
      ),
    );
/** A number of at least `min`, with no upper end. */
const AtLeast = (min: number) =>
  z.number({ error: 'must be a number' }).check(z.refine((value) => value >= min, `must be ≥ ${min}`));
/** A whole number of at least `min` (and at most `max`). */
const Whole = (min: number, max = Number.POSITIVE_INFINITY) =>
  z
    .number({ error: 'must be a number' })
    .check(
      z.refine(
        (value) => Number.isInteger(value) && value >= min && value <= max,
        max === Number.POSITIVE_INFINITY
          ? `must be a whole number ≥ ${min}`
          : `must be a whole number in [${min}, ${max}]`,
      ),
    );
/** A p-value line: surprising enough, in (0, 0.5]. */
const PValue = Within(0, 0.5, 'left-open');
/** A share or a difference of shares, in [0, 1]. */
const Share = Within(0, 1);
const Version = z
  .string({ error: 'must be text' })
  .check(z.refine((value) => value.trim() !== '', 'must not be empty'));

/** Bands ascend strictly by their line; each band not above the one before it is reported. */
const ascendingBy = <T>(key: (band: T) => number, message: string) =>
  z.superRefine((bands: readonly T[], ctx) => {
    bands.forEach((band, i) => {
      const previous = bands[i - 1];
      if (previous !== undefined && key(band) <= key(previous))
        ctx.addIssue({ code: 'custom', message, path: [i] });
    });
  });

/**
 * A check across fields runs only once each field is valid on its own: a p of 0 is reported at p, not
 * also as an escalation line above it.
 */
const fieldsValid = (payload: { readonly issues: readonly unknown[] }): boolean =>
  payload.issues.length === 0;

/** A detector's escalation line may not be less surprising than its first line. */
const overwhelmingWithinP = z.refine<{ readonly p: number; readonly overwhelmingP: number }>(
  (detector) => detector.overwhelmingP <= detector.p,
  {
    message: 'must not exceed p (the escalation needs stronger evidence)',
    path: ['overwhelmingP'],
    when: fieldsValid,
  },
);

export const SpendThresholdsSchema = z.strictObject({
  version: Version,
  overrunBands: z
    .array(z.strictObject({ above: AtLeast(0), probability: Probability, impact: Impact }))
    .check(
      z.minLength(1, 'must hold at least one band (the warning line)'),
      ascendingBy((band: { readonly above: number }) => band.above, 'must be strictly ascending by "above"'),
    ),
  pacing: z.strictObject({
    interval: Within(0, 1, 'open'),
    probability: Probability,
    lateFrom: Within(0, 1, 'left-open'),
    lateProbability: Probability,
  }),
  cpaSpike: z
    .strictObject({
      ...Grades,
      p: PValue,
      overwhelmingP: PValue,
      escalateAfterDays: Whole(1),
      minIncrease: Within(0, 100),
      shift: Within(1, 100, 'left-open'),
      dispersion: Within(1, 1e6),
    })
    .check(overwhelmingWithinP),
  trackingBroken: z
    .strictObject({
      ...Grades,
      expectedConversions: Within(1, 1e6),
      escalatedExpectedConversions: Within(1, 1e6),
    })
    .check(
      z.refine((t) => t.escalatedExpectedConversions >= t.expectedConversions, {
        message: 'must be at least expectedConversions',
        path: ['escalatedExpectedConversions'],
        when: fieldsValid,
      }),
    ),
  deliveryStopped: z.strictObject({ ...Grades, share: Within(0, 1, 'open'), escalateAfterReports: Whole(1) }),
  learning: z.strictObject({
    halfLifeDays: Within(0.5, 365),
    minDays: Whole(1),
    paceDays: Whole(2, 31),
    weekdayAlpha: Within(0, 1, 'left-open'),
    learnP: PValue,
    adaptAfterDays: Whole(1),
    reportingLag: Within(0, 0.9),
  }),
}) satisfies z.ZodMiniType<SpendThresholds, unknown>;

export const SentimentThresholdsSchema = z.strictObject({
  version: Version,
  minMentions: Whole(1),
  shareBands: z
    .array(z.strictObject({ atLeast: Within(0, 1, 'left-open'), probability: Probability, impact: Impact }))
    .check(
      z.minLength(1, 'must hold at least one band'),
      ascendingBy(
        (band: { readonly atLeast: number }) => band.atLeast,
        'must be strictly ascending by "atLeast"',
      ),
    ),
  ceiling: z.strictObject({ confidence: Within(0.5, 1, 'open'), ownNormalP: PValue }),
  spike: z
    .strictObject({
      ...Grades,
      p: PValue,
      minShift: Share,
      aloneP: PValue,
      supportP: Within(0, 1, 'left-open'),
      volumeP: PValue,
      volumeDispersion: Within(0.1, 1e6),
      // The burst test pools the current window with the recent ones a baseline keeps.
      poolWindows: Whole(1, MAX_RECENT_WINDOWS + 1),
      overwhelmingP: PValue,
      escalateAfterWindows: Whole(1),
    })
    .check(
      overwhelmingWithinP,
      z.refine((spike) => spike.aloneP <= spike.p, {
        message: 'must not exceed p (a window alone needs stronger evidence)',
        path: ['aloneP'],
        when: fieldsValid,
      }),
    ),
  drift: z.strictObject({ timeScaleHours: Within(1, 24 * 30), p: PValue, minShift: Share, grade: Grade }),
  learning: z.strictObject({
    halfLifeHours: Within(1, 24 * 365),
    minHours: Within(0, 24 * 365),
    learnP: PValue,
    driftHoldP: PValue,
    adaptAfterHours: Within(1, 24 * 365),
    seasonalAlpha: Within(0, 1, 'left-open'),
    volumeAlpha: Within(0, 1, 'left-open'),
    volumeCap: Within(1, 1e6),
    initialRho: Within(0, 0.5, 'left-open'),
  }),
}) satisfies z.ZodMiniType<SentimentThresholds, unknown>;

/**
 * Checks spend thresholds at load against `SpendThresholdsSchema` (threshold-schemas.ts); throws an
 * `InvalidRiskConfigError` listing every problem with its path (`cpaSpike.p: must be in (0, 0.5]`).
 *
 * @example
 * validateSpendThresholds(DEFAULT_SPEND_THRESHOLDS);
 */
export const validateSpendThresholds = <T extends SpendThresholds>(thresholds: T): T =>
  failOnSchema(`spend thresholds "${String(thresholds?.version)}"`, SpendThresholdsSchema, thresholds);

/**
 * Checks sentiment thresholds at load against `SentimentThresholdsSchema` (threshold-schemas.ts); throws an
 * `InvalidRiskConfigError` listing every problem with its path (`spike.p: must be in (0, 0.5]`).
 *
 * @example
 * validateSentimentThresholds(DEFAULT_SENTIMENT_THRESHOLDS);
 */
export const validateSentimentThresholds = <T extends SentimentThresholds>(thresholds: T): T =>
  failOnSchema(
    `sentiment thresholds "${String(thresholds?.version)}"`,
    SentimentThresholdsSchema,
    thresholds,
  );
