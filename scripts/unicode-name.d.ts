// unicode-name ships no types; only this function is used (scripts/evasion-tables.ts).
declare module 'unicode-name' {
  /** The Unicode name of a character (`LATIN LETTER SMALL CAPITAL F`), or undefined when it has none. */
  export function unicodeName(character: string): string | undefined;
}
