/**
 * The subject keys of crisis drills (shared/domain/drill.ts): a drill event's subject is the real one's,
 * its key prefixed `drill|<drillId>|`, so a drill never joins a real case. No imports: the vocabulary and
 * the catalogue read a key's kind through `realSubjectKey` without depending on the case module.
 */
export const DRILL_KEY_PREFIX = 'drill|';

/**
 * The key a subject would have outside a drill.
 * @example realSubjectKey('drill|drill-1|spend|cmp-1|facebook') // 'spend|cmp-1|facebook'
 */
export const realSubjectKey = (key: string): string =>
  key.startsWith(DRILL_KEY_PREFIX) ? key.split('|').slice(2).join('|') : key;
