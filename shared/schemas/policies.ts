import * as z from 'zod';
import {
  CHANGE_VERDICTS,
  DIFF_OPS,
  EXAMPLE_EXPECTATIONS,
  POLICY_ACTIONS,
  POLICY_IDS,
  type PolicyDiff,
  type PolicyDraft,
  type PolicySummary,
  type PolicyTest,
  type PolicyVersion,
  type PolicyVersionSummary,
} from '#shared/domain/policies/policy.ts';
import type { Tied } from './tie.ts';

/**
 * The policies API (docs/policies.md): requests the handlers validate and the responses the OpenAPI document
 * shows, tied to the domain's types. A document's own shape is checked by the domain (documents.ts), which
 * names every bad path under `document.`.
 */

export const PolicyIdSchema = z.enum(POLICY_IDS).meta({
  id: 'PolicyId',
  description: 'claims (legal), matrix, spend, sentiment (managers).',
});

export const PolicyVersionNumberSchema = z.coerce
  .number({ error: 'must be a version number' })
  .int('must be a whole version number')
  .min(0, 'must be 0 (the shipped defaults) or a published version');

const DiffSideSchema = z.union([z.literal('draft'), PolicyVersionNumberSchema]);

export const PolicyDiffQuerySchema = z.strictObject({
  from: DiffSideSchema.optional().meta({
    description: 'A version number or `draft` (default: the active version).',
  }),
  to: DiffSideSchema.optional().meta({ description: 'A version number or `draft` (default: the draft).' }),
});

export const PolicyVersionsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).optional(),
});

const Note = z
  .string()
  .refine((value) => value.isWellFormed(), 'must be well-formed Unicode text')
  .trim()
  .min(1, 'say why: the note is the history line legal and managers read later')
  .max(2000, 'note must be at most 2000 characters');

export const PolicyDraftRequestSchema = z
  .strictObject({
    document: z
      .unknown()
      .refine((value) => value !== undefined, 'the policy document is required')
      .meta({
        description: 'The policy document (docs/policies.md "Documents").',
      }),
  })
  .meta({ id: 'PolicyDraftRequest' });

export const PolicyTestRequestSchema = z
  .strictObject({
    document: z
      .unknown()
      .optional()
      .meta({ description: 'An unsaved document to test; without it, the saved draft is tested.' }),
  })
  .meta({ id: 'PolicyTestRequest' });

export const PolicyPublishRequestSchema = z.strictObject({ note: Note }).meta({ id: 'PolicyPublishRequest' });

export const PolicyRollbackRequestSchema = z
  .strictObject({
    version: PolicyVersionNumberSchema.meta({
      description: 'The version to restore; 0 is the shipped defaults.',
    }),
    note: Note,
  })
  .meta({ id: 'PolicyRollbackRequest' });

// ——— responses ———

const summaryFields = {
  id: PolicyIdSchema,
  version: z.number().int(),
  action: z.enum(POLICY_ACTIONS),
  restored: z.number().int().optional().meta({ description: 'A rollback: the version it restored.' }),
  author: z.string().meta({ description: '`user:<name>`; `shipped` for version 0.' }),
  at: z.string().optional().meta({ description: 'ISO-8601; absent for version 0.' }),
  note: z.string(),
  base: z.string().meta({ description: 'The shipped version the overlay was written against.' }),
};

export const PolicyVersionSummarySchema = z.object(summaryFields).meta({ id: 'PolicyVersionSummary' });
true satisfies Tied<typeof PolicyVersionSummarySchema, PolicyVersionSummary>;

export const PolicyVersionSchema = z
  .object({
    ...summaryFields,
    document: z.unknown().meta({ description: 'The stored overlay.' }),
    effective: z
      .unknown()
      .optional()
      .meta({ description: 'Matrix and thresholds: the whole document in force.' }),
    stamp: z.string().meta({ description: 'What assessments made under it carry, e.g. `claims-policy@3`.' }),
  })
  .meta({ id: 'PolicyVersion' });
true satisfies Tied<typeof PolicyVersionSchema, PolicyVersion>;

export const PolicyDraftSchema = z
  .object({
    id: PolicyIdSchema,
    document: z.unknown(),
    effective: z.unknown().optional(),
    basedOn: z.number().int().meta({ description: 'The active version when the draft was saved.' }),
    savedAt: z.string(),
    savedBy: z.string(),
  })
  .meta({ id: 'PolicyDraft' });
true satisfies Tied<typeof PolicyDraftSchema, PolicyDraft>;

export const PolicySummarySchema = z
  .object({
    id: PolicyIdSchema,
    owner: z.enum(['legal', 'manager']),
    activeVersion: z.number().int().meta({ description: '0: the shipped defaults.' }),
    base: z.string(),
    stamp: z.string(),
    publishedAt: z.string().optional(),
    publishedBy: z.string().optional(),
    note: z.string().optional(),
    draft: z.object({ savedAt: z.string(), savedBy: z.string(), basedOn: z.number().int() }).optional(),
  })
  .meta({ id: 'PolicySummary' });
true satisfies Tied<typeof PolicySummarySchema, PolicySummary>;

export const PolicyListSchema = z
  .object({ policies: z.array(PolicySummarySchema) })
  .meta({ id: 'PolicyList' });

export const PolicyDiffSchema = z
  .object({
    id: PolicyIdSchema,
    from: z.union([z.number().int(), z.literal('draft')]),
    to: z.union([z.number().int(), z.literal('draft')]),
    changes: z.array(
      z.object({
        path: z.array(z.union([z.string(), z.number()])),
        op: z.enum(DIFF_OPS),
        before: z.unknown().optional(),
        after: z.unknown().optional(),
      }),
    ),
  })
  .meta({ id: 'PolicyDiff' });
true satisfies Tied<typeof PolicyDiffSchema, PolicyDiff>;

export const PolicyTestSchema = z
  .object({
    id: PolicyIdSchema,
    ok: z.boolean(),
    stamp: z.object({ active: z.string(), draft: z.string() }),
    examples: z.object({
      total: z.number().int(),
      failures: z.array(
        z.object({
          ruleId: z.string(),
          expected: z.enum(EXAMPLE_EXPECTATIONS),
          text: z.string(),
          got: z.string(),
          ruleIds: z.array(z.string()),
        }),
      ),
    }),
    regression: z.object({
      checked: z.number().int(),
      limited: z.boolean(),
      changes: z.array(
        z.object({
          kind: z.enum(['decided-copy', 'recent-case']),
          caseId: z.string(),
          reviewId: z.string().optional(),
          decision: z.enum(['approved', 'rejected']).optional(),
          title: z.string(),
          before: z.string(),
          after: z.string(),
          verdict: z.enum(CHANGE_VERDICTS),
          regression: z.boolean(),
          exceptionId: z.string().optional(),
        }),
      ),
    }),
  })
  .meta({ id: 'PolicyTest' });
true satisfies Tied<typeof PolicyTestSchema, PolicyTest>;
