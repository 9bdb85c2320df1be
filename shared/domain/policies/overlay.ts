import type { ClaimRule } from '../claims/pack-schema.ts';

/**
 * How an overlay lies over what ships: pure helpers shared by the checks of a document (documents.ts, with
 * zod) and by the functions that apply published documents (apply.ts, without zod in their bundles).
 */

/** The claims overlay of version 0: nothing added, extended or disabled. */
export const EMPTY_CLAIMS_OVERLAY = { rules: [], extend: {}, disable: {} } as const;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `base` with `overlay` laid over it: objects merge field by field, anything else (numbers, arrays) is
 * replaced whole.
 *
 * @example
 * mergeOverlay({ a: { b: 1, c: 2 } }, { a: { c: 3 } }); // { a: { b: 1, c: 3 } }
 */
export const mergeOverlay = <T>(base: T, overlay: unknown): T => {
  if (!isRecord(base) || !isRecord(overlay)) return (overlay === undefined ? base : overlay) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) merged[key] = mergeOverlay(base[key], value);
  return merged as T;
};

/**
 * The fields of `value` that differ from `base`: what a thresholds policy stores, so a later release of the
 * shipped defaults still reaches every field the owner did not change.
 *
 * @example
 * overlayOf({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }); // { a: { c: 3 } }
 */
export const overlayOf = (base: unknown, value: unknown): Record<string, unknown> => {
  if (!isRecord(base) || !isRecord(value)) return {};
  const overlay: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const under = base[key];
    if (isRecord(under) && isRecord(item)) {
      const inner = overlayOf(under, item);
      if (Object.keys(inner).length > 0) overlay[key] = inner;
    } else if (JSON.stringify(under) !== JSON.stringify(item)) {
      overlay[key] = item;
    }
  }
  return overlay;
};

/**
 * A shipped rule with legal's extra patterns and exceptions.
 *
 * @example
 * extendRule(rule, { exceptions: ['最佳赏味期'] }).exceptions; // [...rule.exceptions, '最佳赏味期']
 */
export const extendRule = (
  rule: ClaimRule,
  extension: { readonly patterns?: readonly string[]; readonly exceptions?: readonly string[] },
): ClaimRule => ({
  ...rule,
  ...(extension.patterns === undefined
    ? {}
    : { patterns: [...(rule.patterns ?? []), ...extension.patterns] }),
  ...(extension.exceptions === undefined
    ? {}
    : { exceptions: [...(rule.exceptions ?? []), ...extension.exceptions] }),
});
