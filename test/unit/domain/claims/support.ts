import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import type { RulePack } from '#shared/domain/claims/types.ts';

/** One of the default packs by id; a test that names a missing pack fails loudly. */
export const packOf = (id: string): RulePack => {
  const pack = DEFAULT_PACKS.find((candidate) => candidate.id === id);
  if (pack === undefined) throw new Error(`No default pack ${id}`);
  return pack;
};
