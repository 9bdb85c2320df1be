import type { ActionsPolicy } from '../actions.ts';
import type { ClaimExamples, RuleExamples, RulePack } from '../claims/pack-schema.ts';
import type { EngineConfig } from '../risk-engine.ts';
import type { RiskMatrix } from '../risk-matrix.ts';
import type { ThresholdsOverlay } from './documents.ts';
import { extendRule, mergeOverlay } from './overlay.ts';
import { type PolicyId, policyStamp } from './policy.ts';
import type { ClaimsOverlay, MatrixDocument, RuleExtension } from './schemas.ts';

/**
 * Lays the published policies over the shipped data: the configuration every function builds its engine
 * from. Pure, and without zod: the documents were checked when they were saved (documents.ts).
 */

/** A published version of a policy, as the functions read it. */
export interface ActivePolicy<D> {
  readonly version: number;
  readonly document: D;
}

/** The published policies; an absent one (or version 0) means the shipped defaults. */
export interface PoliciesInForce {
  readonly claims?: ActivePolicy<ClaimsOverlay>;
  readonly matrix?: ActivePolicy<MatrixDocument>;
  readonly spend?: ActivePolicy<ThresholdsOverlay>;
  readonly sentiment?: ActivePolicy<ThresholdsOverlay>;
  /** Not part of the engine: the actions a case asks for (shared/domain/actions.ts). */
  readonly actions?: ActivePolicy<ActionsPolicy>;
}

const published = <D>(policy: ActivePolicy<D> | undefined): policy is ActivePolicy<D> =>
  policy !== undefined && policy.version > 0;

/**
 * The shipped packs with legal's overlay: disabled rules gone, extended rules with their extra patterns and
 * exceptions, added rules in the pack their id names. Pack versions stay the shipped ones: the overlay's own
 * stamp says what changed.
 *
 * @example
 * applyClaimsOverlay(DEFAULT_PACKS, { rules: [], extend: {}, disable: { 'cn.x': { reason: '…' } } });
 */
export const applyClaimsOverlay = (
  packs: readonly RulePack[],
  overlay: ClaimsOverlay,
): readonly RulePack[] => {
  // The same overlay on the same packs gives the very same packs: engines built from them (a draft's test, its
  // publication, every function after it) share one compiled matcher.
  const key = JSON.stringify(overlay);
  const known = overlaid.get(packs)?.get(key);
  if (known !== undefined) return known;
  const result = overlayPacks(packs, overlay);
  const byOverlay = overlaid.get(packs) ?? new Map<string, readonly RulePack[]>();
  if (byOverlay.size >= OVERLAYS_KEPT) byOverlay.delete(byOverlay.keys().next().value as string);
  byOverlay.set(key, result);
  overlaid.set(packs, byOverlay);
  return result;
};

/** How many overlaid pack sets are kept per shipped set: the one in force, a draft or two. */
const OVERLAYS_KEPT = 4;
const overlaid = new WeakMap<readonly RulePack[], Map<string, readonly RulePack[]>>();

/**
 * The ids of the packs an overlay changes: their rules added, extended or disabled. Examples and copies in the
 * other packs' languages cannot change.
 *
 * @example
 * touchedPacks(DEFAULT_PACKS, { rules: [], extend: {}, disable: { 'cn.x': { reason: '…' } } }); // Set { 'cn' }
 */
export const touchedPacks = (packs: readonly RulePack[], overlay: ClaimsOverlay): Set<string> => {
  const ids = [
    ...overlay.rules.map((rule) => rule.id),
    ...Object.keys(overlay.extend),
    ...Object.keys(overlay.disable),
  ];
  return new Set(
    packs.filter((pack) => ids.some((id) => id.startsWith(`${pack.id}.`))).map((pack) => pack.id),
  );
};

const overlayPacks = (packs: readonly RulePack[], overlay: ClaimsOverlay): RulePack[] => {
  const touched = touchedPacks(packs, overlay);
  // An untouched pack stays the very same object: what differs between two configurations is then plain.
  return packs.map((pack) => {
    if (!touched.has(pack.id)) return pack;
    const added = overlay.rules
      .filter((rule) => rule.id.startsWith(`${pack.id}.`))
      .map(({ examples: _examples, ...rule }) => rule);
    const rules = pack.rules
      .filter((rule) => !(rule.id in overlay.disable))
      .map((rule) => {
        const extension = overlay.extend[rule.id];
        return extension === undefined ? rule : extendRule(rule, extension);
      });
    const required = pack.required?.filter((rule) => !(rule.id in overlay.disable));
    return {
      ...pack,
      rules: [...rules, ...added],
      ...(required === undefined ? {} : { required }),
    };
  });
};

const extendedExamples = (own: ClaimExamples | undefined, extension: RuleExtension): ClaimExamples => ({
  ...own,
  positive: [...(own?.positive ?? []), ...(extension.examples?.positive ?? [])],
  negative: [...(own?.negative ?? []), ...(extension.examples?.negative ?? [])],
});

/**
 * The examples of the rules in force under the overlay: the shipped rules' own, with the extensions' examples
 * added, the added rules' own, none for disabled rules.
 *
 * @example
 * overlayExamples(DEFAULT_RULE_EXAMPLES, overlay)['cn.custom.taboo']?.positive;
 */
export const overlayExamples = (examples: RuleExamples, overlay: ClaimsOverlay): RuleExamples => {
  const result: Record<string, ClaimExamples> = {};
  for (const [id, own] of Object.entries(examples)) {
    if (id in overlay.disable) continue;
    const extension = overlay.extend[id];
    result[id] = extension === undefined ? own : extendedExamples(own, extension);
  }
  for (const rule of overlay.rules) result[rule.id] = rule.examples;
  return result;
};

/** The matrix of a published matrix policy, stamped with its version (`matrix-policy@4`). */
export const publishedMatrix = (policy: ActivePolicy<MatrixDocument>): RiskMatrix => ({
  version: policyStamp('matrix', policy.version),
  ...policy.document,
});

/**
 * The engine configuration in force: the shipped configuration with every published policy laid over it,
 * each stamped (`claims-policy@3`) so every assessment names the overlay that judged it.
 *
 * @example
 * createRiskEngine(configInForce(DEFAULT_ENGINE_CONFIG, { claims: { version: 3, document: overlay } }));
 */
export const configInForce = (shipped: EngineConfig, policies: PoliciesInForce): EngineConfig => {
  const stamps: string[] = [];
  const stamp = (id: PolicyId, policy: ActivePolicy<unknown>): void => {
    stamps.push(policyStamp(id, policy.version));
  };
  let config: EngineConfig = shipped;
  if (published(policies.claims)) {
    config = { ...config, packs: applyClaimsOverlay(shipped.packs, policies.claims.document) };
    stamp('claims', policies.claims);
  }
  if (published(policies.matrix)) config = { ...config, matrix: publishedMatrix(policies.matrix) };
  if (published(policies.spend)) {
    config = { ...config, spend: mergeOverlay(shipped.spend, policies.spend.document) };
    stamp('spend', policies.spend);
  }
  if (published(policies.sentiment)) {
    config = { ...config, sentiment: mergeOverlay(shipped.sentiment, policies.sentiment.document) };
    stamp('sentiment', policies.sentiment);
  }
  return stamps.length === 0 ? config : { ...config, stamps: [...(shipped.stamps ?? []), ...stamps] };
};
