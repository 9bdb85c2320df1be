import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAutomaton, type KeywordHit } from '#shared/domain/claims/automaton.ts';

/** Every occurrence of every keyword by brute force, in the automaton's order: by end, then longest first. */
const naiveScan = (keywords: readonly string[], text: string): KeywordHit[] => {
  const hits: KeywordHit[] = [];
  keywords.forEach((keyword, index) => {
    for (let start = text.indexOf(keyword); start !== -1; start = text.indexOf(keyword, start + 1)) {
      hits.push({ keyword: index, start, end: start + keyword.length });
    }
  });
  return hits.sort((a, b) => a.end - b.end || a.start - b.start || a.keyword - b.keyword);
};

// 16 keywords after "a": a state with many children (hash-table probes that collide).
const FAN = [...'bcdefghijklmnopq'].map((ch) => `a${ch}`);

describe('Function: compileAutomaton', () => {
  it('finds keywords inside keywords and overlapping ones (the textbook example)', () => {
    const automaton = compileAutomaton(['he', 'she', 'his', 'hers']);

    expect(automaton.scan('ushers')).toEqual([
      { keyword: 1, start: 1, end: 4 },
      { keyword: 0, start: 2, end: 4 },
      { keyword: 3, start: 2, end: 6 },
    ]);
    expect(automaton.states).toBe(10);
  });

  it('reports a keyword listed twice under both indexes, and Chinese by code unit', () => {
    const automaton = compileAutomaton(['最佳', '全网最佳', '最佳']);

    expect(automaton.scan('全网最佳')).toEqual([
      { keyword: 1, start: 0, end: 4 },
      { keyword: 0, start: 2, end: 4 },
      { keyword: 2, start: 2, end: 4 },
    ]);
  });

  it('refuses an empty keyword', () => {
    expect(() => compileAutomaton(['a', ''])).toThrow(/Keyword 1 is empty/);
  });

  it('finds exactly what a brute-force search finds, for any keywords and text', () => {
    // A small alphabet makes shared prefixes, suffix links and states with many children common.
    const alphabet = fc.constantFrom('a', 'b', 'c', '最', '佳', 'ố', ...'defghijklmnopq');
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 60 }),
        // Keywords sharing a first letter give that state many children.
        fc.array(
          word.map((w) => `a${w}`),
          { maxLength: 40 },
        ),
        fc.string({ unit: alphabet, maxLength: 80 }),
        (plain, branching, text) => {
          const keywords = [...plain, ...FAN, ...branching];
          const found = compileAutomaton(keywords).scan(text);
          const sorted = [...found].sort(
            (a, b) => a.end - b.end || a.start - b.start || a.keyword - b.keyword,
          );
          expect(sorted).toEqual(naiveScan(keywords, text));
          // Ordered by end, as the matcher relies on.
          expect(found.map((hit) => hit.end)).toEqual(sorted.map((hit) => hit.end));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('visits with each the hits scan lists, in the same order', () => {
    // Prepare
    const automaton = compileAutomaton(['he', 'she', 'his', 'hers', 'she', ...FAN]);
    const text = 'ushers his hershe abacadapaq';
    const visited: KeywordHit[] = [];

    // Act
    automaton.each(text, (keyword, start, end) => {
      visited.push({ keyword, start, end });
    });

    // Assess
    expect(visited).toEqual(automaton.scan(text));
    expect(visited.length).toBeGreaterThan(8);
  });
});
