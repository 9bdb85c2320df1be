import { ACTIONS_POLICY_BASE, DEFAULT_ACTIONS_POLICY } from '#shared/domain/actions.ts';
import { packsVersion } from '#shared/domain/claims/packs-version.ts';
import type { EngineConfig } from '#shared/domain/engine-config.ts';
import { diffValues } from '#shared/domain/policies/compare.ts';
import { EMPTY_CLAIMS_OVERLAY, mergeOverlay } from '#shared/domain/policies/overlay.ts';
import {
  POLICY_IDS,
  POLICY_OWNERS,
  type PolicyDiff,
  type PolicyDraft,
  type PolicyId,
  type PolicySummary,
  type PolicyVersion,
  type PolicyVersionSummary,
  policyStamp,
  SHIPPED_VERSION,
} from '#shared/domain/policies/policy.ts';
import type { ClaimsOverlay } from '#shared/domain/policies/schemas.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Clock, Page, PolicyStore, StoredPolicyVersion } from '#shared/ports.ts';

/**
 * Reading the policies (docs/policies.md): what is in force, its history, diffs and the owner's draft. Changing
 * them is in policy-changes.ts, which needs the engine; reading does not bundle it.
 */

export interface PolicyDependencies {
  readonly store: PolicyStore;
  /** What ships: the packs, matrix and thresholds the overlays lie over. */
  readonly shipped: EngineConfig;
  readonly clock: Clock;
}

/** The shipped version an overlay of this policy lies over. */
export const shippedBase = (id: PolicyId, shipped: EngineConfig): string => {
  switch (id) {
    case 'claims':
      return packsVersion(shipped.packs);
    case 'matrix':
      return shipped.matrix.version;
    case 'spend':
      return shipped.spend.version;
    case 'sentiment':
      return shipped.sentiment.version;
    case 'actions':
      return ACTIONS_POLICY_BASE;
    default: {
      const unknown: never = id;
      throw new TypeError(`Unknown policy ${String(unknown)}`);
    }
  }
};

/** Version 0's document: no overlay (claims, thresholds), the shipped matrix (matrix). */
const shippedDocument = (id: PolicyId, shipped: EngineConfig): unknown => {
  if (id === 'claims') return EMPTY_CLAIMS_OVERLAY;
  if (id === 'actions') return DEFAULT_ACTIONS_POLICY;
  if (id === 'matrix') {
    const { version: _version, ...matrix } = shipped.matrix;
    return matrix;
  }
  return {};
};

/** The whole document in force under an overlay: matrix and thresholds only (claims: GET /v1/rules). */
const effectiveOf = (id: PolicyId, document: unknown, shipped: EngineConfig): unknown => {
  switch (id) {
    case 'matrix':
      return document;
    case 'spend':
      return mergeOverlay(shipped.spend, document);
    case 'sentiment':
      return mergeOverlay(shipped.sentiment, document);
    default:
      return undefined;
  }
};

export const withEffective = <T extends { readonly id: PolicyId; readonly document: unknown }>(
  value: T,
  shipped: EngineConfig,
): T & { readonly effective?: unknown } => {
  const effective = effectiveOf(value.id, value.document, shipped);
  return effective === undefined ? value : { ...value, effective };
};

const shippedVersion = (id: PolicyId, shipped: EngineConfig): StoredPolicyVersion => ({
  id,
  version: SHIPPED_VERSION,
  action: 'publish',
  author: 'shipped',
  note: 'The shipped defaults, no overlay',
  base: shippedBase(id, shipped),
  document: shippedDocument(id, shipped),
});

export const asVersion = (stored: StoredPolicyVersion, shipped: EngineConfig): PolicyVersion => ({
  ...withEffective(stored, shipped),
  stamp: policyStamp(stored.id, stored.version),
});

/** `GET /v1/policies`. */
export const listPolicies = async (deps: PolicyDependencies): Promise<{ policies: PolicySummary[] }> => {
  const [active, drafts] = await Promise.all([deps.store.activeVersions(), deps.store.draftSummaries()]);
  return {
    policies: POLICY_IDS.map((id): PolicySummary => {
      const current = active.get(id);
      const draft = drafts.get(id);
      return {
        id,
        owner: POLICY_OWNERS[id],
        activeVersion: current?.version ?? SHIPPED_VERSION,
        base: shippedBase(id, deps.shipped),
        stamp: policyStamp(id, current?.version ?? SHIPPED_VERSION),
        ...(current === undefined
          ? {}
          : {
              ...(current.at === undefined ? {} : { publishedAt: current.at }),
              publishedBy: current.author,
              note: current.note,
            }),
        ...(draft === undefined
          ? {}
          : { draft: { savedAt: draft.savedAt, savedBy: draft.savedBy, basedOn: draft.basedOn } }),
      };
    }),
  };
};

export const activeVersionOf = async (id: PolicyId, store: PolicyStore): Promise<number> =>
  (await store.activeVersions()).get(id)?.version ?? SHIPPED_VERSION;

export const storedVersion = async (
  id: PolicyId,
  version: number,
  deps: PolicyDependencies,
): Promise<StoredPolicyVersion> => {
  if (version === SHIPPED_VERSION) return shippedVersion(id, deps.shipped);
  const stored = await deps.store.getVersion(id, version);
  if (stored === undefined) throw new NotFoundError(`The ${id} policy has no version ${version}`);
  return stored;
};

/** `GET /v1/policies/{id}` (the active version) and `GET /v1/policies/{id}/versions/{v}`. */
export const getPolicyVersion = async (
  id: PolicyId,
  version: number | 'active',
  deps: PolicyDependencies,
): Promise<PolicyVersion> => {
  const number = version === 'active' ? await activeVersionOf(id, deps.store) : version;
  return asVersion(await storedVersion(id, number, deps), deps.shipped);
};

/** `GET /v1/policies/{id}/versions`: the history, newest first; version 0 (the shipped defaults) is implied. */
export const listPolicyVersions = (
  id: PolicyId,
  page: { readonly limit: number; readonly cursor?: string },
  deps: PolicyDependencies,
): Promise<Page<PolicyVersionSummary>> => deps.store.listVersions(id, page.limit, page.cursor);

/** `GET /v1/policies/{id}/draft`. */
export const getPolicyDraft = async (id: PolicyId, deps: PolicyDependencies): Promise<PolicyDraft> => {
  const draft = await deps.store.getDraft(id);
  if (draft === undefined) throw new NotFoundError(`The ${id} policy has no draft`);
  return withEffective(draft, deps.shipped);
};

/** A side of a diff: a version number or the draft. */
export type DiffSide = number | 'draft';

const documentAt = async (id: PolicyId, side: DiffSide, deps: PolicyDependencies): Promise<unknown> => {
  if (side === 'draft') return (await getPolicyDraft(id, deps)).document;
  return (await storedVersion(id, side, deps)).document;
};

// Claims are compared rule by rule (by id, not by position in the list); the others as the documents in force.
const comparable = (id: PolicyId, document: unknown, shipped: EngineConfig): unknown => {
  if (id !== 'claims') return effectiveOf(id, document, shipped);
  const overlay = document as ClaimsOverlay;
  return {
    rules: Object.fromEntries(overlay.rules.map((rule) => [rule.id, rule])),
    extend: overlay.extend,
    disable: overlay.disable,
  };
};

/** `GET /v1/policies/{id}/diff?from=&to=`: by default from the active version to the draft. */
export const diffPolicy = async (
  id: PolicyId,
  sides: { readonly from?: DiffSide; readonly to?: DiffSide },
  deps: PolicyDependencies,
): Promise<PolicyDiff> => {
  const from = sides.from ?? (await activeVersionOf(id, deps.store));
  const to = sides.to ?? 'draft';
  const [before, after] = await Promise.all([documentAt(id, from, deps), documentAt(id, to, deps)]);
  return {
    id,
    from,
    to,
    changes: diffValues(comparable(id, before, deps.shipped), comparable(id, after, deps.shipped)),
  };
};
