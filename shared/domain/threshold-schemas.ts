import * as z from 'zod';
import { IMPACT_GRADES, PROBABILITY_GRADES } from './rating.ts';
import type { SentimentThresholds } from './sentiment-thresholds.ts';
import type { SpendThresholds } from './spend-thresholds.ts';

/**
 * The spend and sentiment thresholds as zod schemas, for the editable policies to come (an owner's
 * overlay is parsed against these before it goes live, every issue with its path). The engine does not
 * import this file — `validateSpendThresholds` / `validateSentimentThresholds` check the same rules at
 * load without zod's weight in the Lambda bundles — and a test keeps the two in step on the defaults.
 */

const Rating = <const G extends readonly [string, ...string[]]>(grades: G) =>
  z.union([z.enum(grades), z.number().min(0).max(1)]);
const Probability = Rating(PROBABILITY_GRADES);
const Impact = Rating(IMPACT_GRADES);
const Grade = z.object({ probability: Probability, impact: Impact });
const Grades = { grade: Grade, escalated: Grade };
/** A p-value line: surprising enough, in (0, 0.5]. */
const PValue = z.number().gt(0).max(0.5);
const Share = z.number().min(0).max(1);
const Whole = (min: number) => z.number().int().min(min);
const Version = z.string().trim().min(1);

const ascending =
  <T>(key: (item: T) => number, message: string) =>
  (items: readonly T[], ctx: z.RefinementCtx) => {
    items.forEach((item, i) => {
      const previous = items[i - 1];
      if (previous !== undefined && key(item) <= key(previous))
        ctx.addIssue({ code: 'custom', message, path: [i] });
    });
  };

export const SpendThresholdsSchema = z
  .object({
    version: Version,
    overrunBands: z
      .array(z.object({ above: z.number().min(0), probability: Probability, impact: Impact }))
      .min(1)
      .superRefine(ascending((band) => band.above, 'overrunBands must be strictly ascending by "above"')),
    pacing: z.object({
      interval: z.number().gt(0).lt(1),
      probability: Probability,
      lateFrom: z.number().gt(0).max(1),
      lateProbability: Probability,
    }),
    cpaSpike: z.object({
      ...Grades,
      p: PValue,
      overwhelmingP: PValue,
      escalateAfterDays: Whole(1),
      minIncrease: z.number().min(0).max(100),
      shift: z.number().gt(1).max(100),
      dispersion: z.number().min(1).max(1e6),
    }),
    trackingBroken: z.object({
      ...Grades,
      expectedConversions: z.number().min(1).max(1e6),
      escalatedExpectedConversions: z.number().min(1).max(1e6),
    }),
    deliveryStopped: z.object({ ...Grades, share: z.number().gt(0).lt(1), escalateAfterReports: Whole(1) }),
    learning: z.object({
      halfLifeDays: z.number().min(0.5).max(365),
      minDays: Whole(1),
      paceDays: Whole(2).max(31),
      weekdayAlpha: z.number().gt(0).max(1),
      learnP: PValue,
      adaptAfterDays: Whole(1),
      reportingLag: z.number().min(0).max(0.9),
    }),
  })
  .refine((t) => t.cpaSpike.overwhelmingP <= t.cpaSpike.p, {
    message: 'cpaSpike.overwhelmingP must not exceed cpaSpike.p',
    path: ['cpaSpike', 'overwhelmingP'],
  })
  .refine((t) => t.trackingBroken.escalatedExpectedConversions >= t.trackingBroken.expectedConversions, {
    message: 'trackingBroken.escalatedExpectedConversions must be at least expectedConversions',
    path: ['trackingBroken', 'escalatedExpectedConversions'],
  }) satisfies z.ZodType<SpendThresholds>;

export const SentimentThresholdsSchema = z
  .object({
    version: Version,
    minMentions: Whole(1),
    shareBands: z
      .array(z.object({ atLeast: z.number().gt(0).max(1), probability: Probability, impact: Impact }))
      .min(1)
      .superRefine(ascending((band) => band.atLeast, 'shareBands must be strictly ascending by "atLeast"')),
    ceiling: z.object({ confidence: z.number().gt(0.5).lt(1), ownNormalP: PValue }),
    spike: z.object({
      ...Grades,
      p: PValue,
      minShift: Share,
      overwhelmingP: PValue,
      escalateAfterWindows: Whole(1),
    }),
    drift: z.object({ timeScaleHours: z.number().min(1).max(720), p: PValue, minShift: Share, grade: Grade }),
    learning: z.object({
      halfLifeHours: z
        .number()
        .min(1)
        .max(24 * 365),
      minHours: z
        .number()
        .min(0)
        .max(24 * 365),
      learnP: PValue,
      adaptAfterHours: z
        .number()
        .min(1)
        .max(24 * 365),
      seasonalAlpha: z.number().gt(0).max(1),
      volumeCap: z.number().min(1).max(1e6),
      initialRho: z.number().gt(0).max(0.5),
    }),
  })
  .refine((t) => t.spike.overwhelmingP <= t.spike.p, {
    message: 'spike.overwhelmingP must not exceed spike.p',
    path: ['spike', 'overwhelmingP'],
  }) satisfies z.ZodType<SentimentThresholds>;
