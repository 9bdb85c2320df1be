import * as z from 'zod/mini';
import { ClaimRuleSourceSchema, PhrasesSchema } from '../claims/pack-schema.ts';

/**
 * The shapes of the policy documents (docs/policies.md "Documents"), without anything that needs the shipped
 * data or Node: the API checks a document with these and then against what ships (documents.ts); the web app's
 * forms check with the same schemas and read the same types.
 */

const Text = z.string().check(z.refine((value) => value.trim() !== '', 'must not be empty'));

/** Extra patterns or exceptions on a shipped rule, with the examples that show them working. */
export const RuleExtensionSchema = z.strictObject({
  patterns: z.optional(PhrasesSchema),
  exceptions: z.optional(PhrasesSchema),
  examples: z.optional(
    z.strictObject({
      positive: z.optional(z.array(Text)),
      negative: z.optional(z.array(Text)),
    }),
  ),
});
export type RuleExtension = z.infer<typeof RuleExtensionSchema>;

/** Legal's overlay on the shipped claim packs. */
export const ClaimsOverlaySchema = z.strictObject({
  /** Added rules, with their examples; each id starts with the id of the pack it joins. */
  rules: z._default(z.array(ClaimRuleSourceSchema), []),
  /** Extra patterns or exceptions on shipped rules, by rule id. */
  extend: z._default(z.record(z.string(), RuleExtensionSchema), {}),
  /** Shipped rules switched off, by rule id, each with its reason. */
  disable: z._default(z.record(z.string(), z.strictObject({ reason: Text })), {}),
});
export type ClaimsOverlay = z.infer<typeof ClaimsOverlaySchema>;

const Label = z.string().check(
  z.refine((value) => value.trim() === value && value !== '', 'must not be empty or padded'),
  z.maxLength(40),
);

/** The smallest and largest matrix a manager may publish. */
export const MATRIX_SIZE = { min: 3, max: 5 } as const;

/** A manager's matrix: the whole matrix, its version assigned when it is published. */
export const MatrixDocumentSchema = z.strictObject({
  probabilities: z.array(Label).check(z.minLength(MATRIX_SIZE.min), z.maxLength(MATRIX_SIZE.max)),
  impacts: z.array(Label).check(z.minLength(MATRIX_SIZE.min), z.maxLength(MATRIX_SIZE.max)),
  levels: z
    .array(
      z.strictObject({
        id: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be a lower-case id such as "red"')),
        label: Label,
        rank: z.number().check(z.int()),
      }),
    )
    .check(z.minLength(2), z.maxLength(5)),
  cells: z.record(z.string(), z.record(z.string(), z.string())),
});
export type MatrixDocument = z.infer<typeof MatrixDocumentSchema>;

/** What a form may hold of the claims document: any part may be missing (version 0 has none). */
export type ClaimsOverlayInput = z.input<typeof ClaimsOverlaySchema>;

export { EMPTY_CLAIMS_OVERLAY } from './overlay.ts';
