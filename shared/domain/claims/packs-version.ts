import type { RulePack } from './pack-schema.ts';

/**
 * The combined version of a set of packs, order-independent, e.g. `cn@3.4.1+en@3.4.0+vn@3.4.1`.
 *
 * @example
 * packsVersion(DEFAULT_PACKS); // 'cn@…+en@…+vn@…'
 */
export const packsVersion = (packs: readonly RulePack[]): string =>
  packs
    .map((pack) => `${pack.id}@${pack.version}`)
    .sort()
    .join('+');
