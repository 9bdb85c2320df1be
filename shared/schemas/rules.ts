import * as z from 'zod';
import type { PackSummary, RuleSummary, RulesInForce } from '#shared/use-cases/list-rules.ts';
import type { Tied } from './tie.ts';

/** `GET /v1/rules` as the handler answers it, tied to the use case's types. */

const Rating = z.union([z.string(), z.number()]).meta({
  description:
    'A grade of the 3-point scale (low / medium / high, minor / moderate / severe) or a score in [0, 1].',
});

const RuleSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(['claim', 'required-content']),
    markets: z.union([z.array(z.string()), z.literal('all')]),
    languages: z.array(z.string()),
    categories: z.union([z.array(z.string()), z.literal('all')]),
    exceptCategories: z.array(z.string()).optional(),
    probability: Rating,
    impact: Rating,
    basis: z.string().meta({ description: 'The legal or policy basis.' }),
    message: z.string(),
    suggestion: z.string().meta({ description: 'What to write instead.' }),
    area: z.string().optional().meta({ description: 'The law area (absolute-terms, disease-claim …).' }),
    patterns: z.array(z.string()).meta({
      description: 'What the rule matches; for a required-content rule, the wordings that satisfy it.',
    }),
    predicates: z.array(z.string()).optional().meta({
      description: 'A two-part claim: an act (cure, 治好) and what it acts on, in one clause, either order.',
    }),
    objects: z.array(z.string()).optional(),
    exceptions: z
      .array(z.string())
      .optional()
      .meta({ description: 'Innocent phrases that contain a pattern.' }),
    exemptions: z.array(z.string()).optional().meta({
      description: 'Phrases that turn a match into an advisory: lawful if the cited source holds.',
    }),
    origin: z.enum(['shipped', 'policy']).meta({
      description:
        "`policy`: added by legal's claims policy; `shipped`: in the shipped packs (maybe extended by it).",
    }),
    examples: z.object({
      positive: z.array(z.string()),
      negative: z.array(z.string()),
      advisory: z.array(z.string()).optional(),
    }),
  })
  .meta({ id: 'RuleSummary' });
true satisfies Tied<typeof RuleSummarySchema, RuleSummary>;

const PackSummarySchema = z
  .object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    language: z.string(),
    rules: z.array(RuleSummarySchema),
  })
  .meta({ id: 'PackSummary' });
true satisfies Tied<typeof PackSummarySchema, PackSummary>;

export const RulesInForceSchema = z
  .object({
    rulesVersion: z.string().meta({ description: 'The combined version stamped on every assessment.' }),
    packs: z.array(PackSummarySchema),
  })
  .meta({ id: 'RulesInForce' });
true satisfies Tied<typeof RulesInForceSchema, RulesInForce>;
