import type * as z from 'zod/mini';
import { type FieldIssue, fieldPath } from '#shared/errors.ts';
import { type ActionsPolicy, ActionsPolicySchema } from '../actions.ts';
import { ruleIssues } from '../claims/pack.ts';
import type { ClaimRule, RulePack } from '../claims/pack-schema.ts';
import { type ConfigSchema, configIssues } from '../config-error.ts';
import { RiskMatrixSchema } from '../matrix-schema.ts';
import type { RiskMatrix } from '../risk-matrix.ts';
import type { SentimentThresholds } from '../sentiment-thresholds.ts';
import type { SpendThresholds } from '../spend-thresholds.ts';
import { SentimentThresholdsSchema, SpendThresholdsSchema } from '../threshold-schemas.ts';
import { extendRule, isRecord, mergeOverlay, overlayOf } from './overlay.ts';
import type { PolicyId } from './policy.ts';
import {
  type ClaimsOverlay,
  ClaimsOverlaySchema,
  type MatrixDocument,
  MatrixDocumentSchema,
} from './schemas.ts';

/**
 * The documents of the four policies (docs/policies.md "Documents"): their schemas, the checks that need the
 * shipped data (an unknown rule id, a phrase empty after normalisation, a matrix cell missing), and what is
 * stored — each with every issue at its path, so the API answers one 400 naming all of them.
 */

/** A thresholds overlay: any part of the thresholds, arrays replaced whole. */
export type ThresholdsOverlay = Readonly<Record<string, unknown>>;

/** What a document parses into, or every issue with its path (under `document.`). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: FieldIssue[] };

const at = (path: readonly PropertyKey[], message: string): FieldIssue => ({
  path: fieldPath(['document', ...path]),
  message,
});

/** Every issue of a document against one of its schemas, at its path under `document.`. */
const schemaIssues = (schema: ConfigSchema, value: unknown): FieldIssue[] =>
  configIssues(schema, value).map((issue) => at(issue.path, issue.message));

const parsed = <T>(value: T, issues: FieldIssue[]): Parsed<T> =>
  issues.length === 0 ? { ok: true, value } : { ok: false, issues };

// ——— claims ———

interface ShippedRule {
  readonly pack: RulePack;
  /** A claim rule, or `undefined` for a required-content rule. */
  readonly claim: ClaimRule | undefined;
}

/** The shipped rules by id, with their pack. */
const shippedRules = (packs: readonly RulePack[]): Map<string, ShippedRule> =>
  new Map(
    packs.flatMap((pack) => [
      ...pack.rules.map((rule): [string, ShippedRule] => [rule.id, { pack, claim: rule }]),
      ...(pack.required ?? []).map((rule): [string, ShippedRule] => [rule.id, { pack, claim: undefined }]),
    ]),
  );

const addedRuleIssues = (overlay: ClaimsOverlay, packs: readonly RulePack[]): FieldIssue[] => {
  const shipped = shippedRules(packs);
  const seen = new Set<string>();
  return overlay.rules.flatMap((rule, index) => {
    const issues: FieldIssue[] = [];
    const pack = packs.find((candidate) => rule.id.startsWith(`${candidate.id}.`));
    if (pack === undefined) {
      issues.push(
        at(
          ['rules', index, 'id'],
          `must start with the id of a pack: ${packs.map((p) => `${p.id}.`).join(', ')}`,
        ),
      );
    } else if (rule.languages.some((lang) => lang !== pack.language)) {
      issues.push(at(['rules', index, 'languages'], `the ${pack.id} pack holds ${pack.language} rules only`));
    }
    if (shipped.has(rule.id)) {
      issues.push(at(['rules', index, 'id'], 'is a shipped rule; extend or disable that rule instead'));
    }
    if (seen.has(rule.id)) issues.push(at(['rules', index, 'id'], 'is used by two added rules'));
    seen.add(rule.id);
    const { examples: _examples, ...engineRule } = rule;
    for (const message of ruleIssues(engineRule)) issues.push(at(['rules', index], message));
    return issues;
  });
};

const extensionIssues = (overlay: ClaimsOverlay, packs: readonly RulePack[]): FieldIssue[] => {
  const shipped = shippedRules(packs);
  return Object.entries(overlay.extend).flatMap(([id, extension]) => {
    const claim = shipped.get(id)?.claim;
    if (claim === undefined) {
      return [at(['extend', id], 'no shipped claim rule has this id')];
    }
    const issues: FieldIssue[] = [];
    if ((extension.patterns ?? []).length > 0 && (extension.examples?.positive ?? []).length === 0) {
      issues.push(
        at(['extend', id, 'examples', 'positive'], 'new patterns need at least one text they flag'),
      );
    }
    if ((extension.exceptions ?? []).length > 0 && (extension.examples?.negative ?? []).length === 0) {
      issues.push(
        at(['extend', id, 'examples', 'negative'], 'new exceptions need at least one text they leave alone'),
      );
    }
    if (id in overlay.disable) issues.push(at(['extend', id], 'is also disabled; do one or the other'));
    for (const message of ruleIssues(extendRule(claim, extension))) {
      issues.push(at(['extend', id], message));
    }
    return issues;
  });
};

const disableIssues = (overlay: ClaimsOverlay, packs: readonly RulePack[]): FieldIssue[] => {
  const shipped = shippedRules(packs);
  return Object.keys(overlay.disable).flatMap((id) =>
    shipped.has(id) ? [] : [at(['disable', id], 'no shipped rule has this id')],
  );
};

/**
 * Legal's claims overlay, checked against the shipped packs it applies to.
 *
 * @example
 * parseClaimsOverlay({ disable: { 'cn.nope': { reason: 'x' } } }, DEFAULT_PACKS).ok; // false: no such rule
 */
export const parseClaimsOverlay = (raw: unknown, packs: readonly RulePack[]): Parsed<ClaimsOverlay> => {
  const result = ClaimsOverlaySchema.safeParse(raw);
  if (!result.success) return { ok: false, issues: schemaIssues(ClaimsOverlaySchema, raw) };
  const overlay = result.data;
  return parsed(overlay, [
    ...addedRuleIssues(overlay, packs),
    ...extensionIssues(overlay, packs),
    ...disableIssues(overlay, packs),
  ]);
};

// ——— matrix ———

/**
 * A manager's matrix: 3×3 to 5×5, every cell present, naming a level, and monotonic.
 *
 * @example
 * parseMatrixDocument({ ...DEFAULT_MATRIX, version: undefined }).ok; // true
 */
export const parseMatrixDocument = (raw: unknown): Parsed<MatrixDocument> => {
  // The size limits here; every rule of a matrix (cells, levels, monotonic) in the engine's own schema.
  const result = MatrixDocumentSchema.safeParse(raw);
  if (!result.success) return { ok: false, issues: schemaIssues(MatrixDocumentSchema, raw) };
  return parsed(result.data, schemaIssues(RiskMatrixSchema, { version: 'draft', ...result.data }));
};

// ——— thresholds ———

/** Fields of `overlay` that `base` does not have: a typo, reported at its path. */
const unknownFields = (
  overlay: Record<string, unknown>,
  base: Record<string, unknown>,
  path: readonly string[] = [],
): FieldIssue[] =>
  Object.entries(overlay).flatMap(([key, value]) => {
    // A whole document read back (GET …/{id} `effective`) carries the shipped version: not a change.
    if (path.length === 0 && key === 'version') {
      return value === undefined || value === base[key]
        ? []
        : [at([key], 'is assigned when the policy is published; leave it out')];
    }
    if (!(key in base)) return [at([...path, key], 'unknown field; check its spelling')];
    const under = base[key];
    return isRecord(under) && isRecord(value) ? unknownFields(value, under, [...path, key]) : [];
  });

const parseThresholds = <T extends { readonly version: string }>(
  raw: unknown,
  defaults: T,
  schema: {
    safeParse(value: unknown): { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] } };
  },
): Parsed<ThresholdsOverlay> => {
  if (!isRecord(raw)) return { ok: false, issues: [at([], 'must be an object of threshold fields')] };
  const unknown = unknownFields(raw, defaults as unknown as Record<string, unknown>);
  if (unknown.length > 0) return { ok: false, issues: unknown };
  const { version: _version, ...fields } = raw;
  const merged = mergeOverlay(defaults, fields);
  return parsed(overlayOf(defaults, merged), schemaIssues(schema, merged));
};

/**
 * A spend thresholds overlay: any part of the thresholds; checked merged onto the shipped defaults, stored as
 * the fields that differ from them.
 */
export const parseSpendOverlay = (raw: unknown, defaults: SpendThresholds): Parsed<ThresholdsOverlay> =>
  parseThresholds(raw, defaults, SpendThresholdsSchema);

/** A sentiment thresholds overlay; see {@link parseSpendOverlay}. */
export const parseSentimentOverlay = (
  raw: unknown,
  defaults: SentimentThresholds,
): Parsed<ThresholdsOverlay> => parseThresholds(raw, defaults, SentimentThresholdsSchema);

// ——— actions ———

/**
 * A manager's actions policy: each risk type's actions, replacing the shipped ones whole.
 *
 * @example
 * parseActionsPolicy({ budget: [{ kind: 'cap-budget', atLevel: 'red', approval: 'manual' }] }).ok; // false: no cap
 */
export const parseActionsPolicy = (raw: unknown): Parsed<ActionsPolicy> => {
  const result = ActionsPolicySchema.safeParse(raw);
  if (!result.success) return { ok: false, issues: schemaIssues(ActionsPolicySchema, raw) };
  return { ok: true, value: result.data };
};

/** The shipped data a policy document is checked against and laid over. */
export interface ShippedData {
  readonly packs: readonly RulePack[];
  readonly matrix: RiskMatrix;
  readonly spend: SpendThresholds;
  readonly sentiment: SentimentThresholds;
}

/**
 * Any policy's document, checked as the API receives it.
 *
 * @example
 * parsePolicyDocument('spend', { pacing: { interval: 2 } }, shipped); // { ok: false, issues: [{ path: 'document.pacing.interval', … }] }
 */
export const parsePolicyDocument = (id: PolicyId, raw: unknown, shipped: ShippedData): Parsed<unknown> => {
  switch (id) {
    case 'claims':
      return parseClaimsOverlay(raw, shipped.packs);
    case 'matrix':
      return parseMatrixDocument(raw);
    case 'spend':
      return parseSpendOverlay(raw, shipped.spend);
    case 'sentiment':
      return parseSentimentOverlay(raw, shipped.sentiment);
    case 'actions':
      return parseActionsPolicy(raw);
    default: {
      const unknown: never = id;
      throw new TypeError(`Unknown policy ${String(unknown)}`);
    }
  }
};
