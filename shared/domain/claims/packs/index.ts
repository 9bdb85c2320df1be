import * as z from 'zod/mini';
import { markPhrasesChecked } from '../pack.ts';
import type { RulePack } from '../pack-schema.ts';
import { readPackData } from './data.ts';

const SHARED_REF = /^@@(\d+)$/;

const CompiledSchema = z.object({ shared: z.array(z.unknown()), packs: z.unknown() });

// What `npm run packs` wrote is every pack as RulePackSchema parsed it (and a test proves the committed file
// is exactly that), and the engine validates the packs it is given when it is created: parsing them here
// too would cost every cold start of ingest and evaluate tens of milliseconds at import. Only the shape is
// checked, so a file that is not a list of packs at all fails here, loudly.
const isPackList = (value: unknown): value is RulePack[] =>
  Array.isArray(value) &&
  value.every(
    (pack: unknown) =>
      typeof pack === 'object' &&
      pack !== null &&
      'id' in pack &&
      typeof pack.id === 'string' &&
      'rules' in pack &&
      Array.isArray(pack.rules),
  );

const compiledPacks = (value: unknown): readonly RulePack[] => {
  if (!isPackList(value))
    throw new TypeError('compiled/packs.json does not hold a list of rule packs (run npm run packs)');
  return value;
};

/**
 * The compiled packs with their shared values put back (`npm run packs` stores a long value that repeats
 * once and refers to it as `"@@<index>"`).
 *
 * @example
 * expandShared({ shared: [['a', 'b']], packs: { x: '@@0' } }); // { x: ['a', 'b'] }
 */
export const expandShared = ({ shared, packs }: { shared: readonly unknown[]; packs: unknown }): unknown => {
  const expand = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const ref = SHARED_REF.exec(value);
      return ref === null ? value : expand(shared[Number(ref[1])]);
    }
    if (Array.isArray(value)) return value.map(expand);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expand(item)]));
    }
    return value;
  };
  return expand(packs);
};

/**
 * The packs in force by default, compiled from `packs/*.yaml` (China, Vietnam, English).
 *
 * @example
 * createRiskEngine({ packs: [...DEFAULT_PACKS, myMarketPack] });
 */
export const DEFAULT_PACKS: readonly RulePack[] = compiledPacks(
  expandShared(CompiledSchema.parse(readPackData('packs.json'))),
);

// `npm run packs` checked every phrase when it wrote them.
markPhrasesChecked(DEFAULT_PACKS);
