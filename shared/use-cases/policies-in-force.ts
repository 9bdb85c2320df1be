import type { ActivePolicy, PoliciesInForce } from '#shared/domain/policies/apply.ts';
import { type PolicyId, type PolicyVersionSummary, SHIPPED_VERSION } from '#shared/domain/policies/policy.ts';
import type { PolicyStore } from '#shared/ports.ts';

/**
 * The policies in force as the functions apply them: each published version's document.
 *
 * @example
 * configInForce(DEFAULT_ENGINE_CONFIG, await loadPoliciesInForce(store, await store.activeVersions()));
 */
export const loadPoliciesInForce = async (
  store: Pick<PolicyStore, 'getVersion'>,
  active: ReadonlyMap<PolicyId, PolicyVersionSummary>,
  cached: (id: PolicyId, version: number) => ActivePolicy<unknown> | undefined = () => undefined,
): Promise<PoliciesInForce> => {
  const entries = await Promise.all(
    [...active.values()]
      .filter((summary) => summary.version > SHIPPED_VERSION)
      .map(async (summary): Promise<readonly [PolicyId, ActivePolicy<unknown>]> => {
        const known = cached(summary.id, summary.version);
        if (known !== undefined) return [summary.id, known];
        const stored = await store.getVersion(summary.id, summary.version);
        if (stored === undefined) {
          throw new Error(`Policy ${summary.id} version ${summary.version} is active but not stored`);
        }
        return [summary.id, { version: stored.version, document: stored.document }];
      }),
  );
  return Object.fromEntries(entries) as PoliciesInForce;
};
