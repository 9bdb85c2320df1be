import * as z from 'zod';
import type { Assessment, EngineVersion } from '#shared/domain/assess.ts';
import type { Evidence, Finding } from '#shared/domain/finding.ts';
import type { FindingTexts, LocalizedText, Text } from '#shared/i18n/texts.ts';
import type { Tied } from './tie.ts';
import { FindingOutcomeSchema, LevelSchema, RiskTypeSchema } from './vocabulary.ts';

/**
 * What the risk engine says about one event. The domain owns the types and builds the values; these
 * schemas are tied to them so that the OpenAPI document describes exactly what the handlers return.
 */

export const EvidenceSchema = z
  .object({
    text: z.string().meta({ description: 'The exact substring of the submitted text.' }),
    start: z.number().int().meta({ description: 'UTF-16 offset of the first character.' }),
    end: z.number().int().meta({ description: 'UTF-16 offset one past the last character.' }),
  })
  .meta({ id: 'Evidence' });
true satisfies Tied<typeof EvidenceSchema, Evidence>;

const LocalizedTextSchema = z
  .object({ en: z.string(), 'zh-CN': z.string(), vi: z.string() })
  .meta({ id: 'LocalizedText', description: 'One text in every locale the product speaks.' });
true satisfies Tied<typeof LocalizedTextSchema, LocalizedText>;

const TextValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.object({ amount: z.number(), currency: z.string() }),
  z.object({ date: z.string() }),
  LocalizedTextSchema,
]);

const TextSchema = z.union([
  LocalizedTextSchema,
  z.object({
    id: z
      .string()
      .meta({ description: 'A sentence of the findings catalogue (shared/i18n/catalogues/findings).' }),
    values: z.record(z.string(), TextValueSchema).optional(),
  }),
]);
true satisfies Tied<typeof TextSchema, Text>;

export const FindingTextsSchema = z.object({ message: TextSchema, suggestion: TextSchema.optional() }).meta({
  id: 'FindingTexts',
  description:
    'The message and suggestion in every locale (ad copy), or the catalogue sentence and the numbers they are rendered from (spend, sentiment). `message` and `suggestion` are already in the language asked for (`lang` or `Accept-Language`).',
});
true satisfies Tied<typeof FindingTextsSchema, FindingTexts>;

export const FindingSchema = z
  .object({
    ruleId: z.string(),
    riskType: RiskTypeSchema,
    outcome: FindingOutcomeSchema.optional().meta({
      description:
        'Ad copy only: violation (a rule is broken), advisory (verify the cited source; green) or coverage (no pack covers the market and language; review by hand).',
    }),
    language: z
      .string()
      .optional()
      .meta({ description: 'Ad copy only: the language of the pack that found it.' }),
    area: z.string().optional().meta({ description: 'Ad copy only: the law area, e.g. absolute-terms.' }),
    level: LevelSchema,
    probability: z.string().meta({ examples: ['low', 'medium', 'high'] }),
    impact: z.string().meta({ examples: ['minor', 'moderate', 'severe'] }),
    message: z.string().meta({
      description: 'A sentence a marketer understands, in the language asked for (English by default).',
    }),
    basis: z.string().optional().meta({ description: 'Legal or policy basis, e.g. 《广告法》第九条第三项.' }),
    evidence: z.array(EvidenceSchema).optional(),
    moreEvidence: z.number().int().optional().meta({
      description: 'How many more spans matched than the evidence lists (it is capped per finding).',
    }),
    suggestion: z.string().optional(),
    texts: FindingTextsSchema.optional(),
    metrics: z
      .record(z.string(), z.number())
      .optional()
      .meta({ description: 'The numbers behind a spend or sentiment finding (plan, actual, ratio, …).' }),
    exception: z
      .object({
        id: z.string(),
        expiresOn: z.string().optional().meta({
          description:
            "The last day the exception is in force, as legal wrote it (show this date). Absent on findings stored before exceptions had calendar dates: then expiresAt's UTC day.",
        }),
        expiresAt: z.string().meta({ description: 'The instant the exception ends (UTC).' }),
      })
      .optional()
      .meta({
        description: 'Set when a legal exception allows this claim; the finding then does not count.',
      }),
  })
  .meta({ id: 'Finding' });
true satisfies Tied<typeof FindingSchema, Finding>;

export const EngineVersionSchema = z
  .object({ rulesVersion: z.string(), matrixVersion: z.string() })
  .meta({ id: 'EngineVersion' });
true satisfies Tied<typeof EngineVersionSchema, EngineVersion>;

export const AssessmentSchema = z
  .object({
    level: LevelSchema,
    probability: z.string(),
    impact: z.string(),
    findings: z.array(FindingSchema),
    engine: EngineVersionSchema,
  })
  .meta({ id: 'Assessment' });
true satisfies Tied<typeof AssessmentSchema, Assessment>;

/** The domain's types these schemas describe, for the files that read assessments. */
export type { Assessment, EngineVersion } from '#shared/domain/assess.ts';
export type { Evidence, Finding, FindingOutcome } from '#shared/domain/finding.ts';
