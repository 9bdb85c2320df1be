import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import type { ClaimRule, RulePack } from '#shared/domain/claims/types.ts';

/** One of the default packs by id; a test that names a missing pack fails loudly. */
export const packOf = (id: string): RulePack => {
  const pack = DEFAULT_PACKS.find((candidate) => candidate.id === id);
  if (pack === undefined) throw new Error(`No default pack ${id}`);
  return pack;
};

/** A claim rule of a test pack of its own (high × severe, placeholder texts), with the fields the test sets. */
export const testRule = (id: string, fields: Partial<ClaimRule>): ClaimRule => ({
  id,
  markets: 'all',
  languages: ['en'],
  categories: 'all',
  probability: 'high',
  impact: 'severe',
  basis: 'Test basis',
  message: { en: 'Test message', 'zh-CN': '测试消息', vi: 'Thông điệp thử' },
  suggestion: { en: 'Test suggestion', 'zh-CN': '测试建议', vi: 'Gợi ý thử' },
  ...fields,
});
