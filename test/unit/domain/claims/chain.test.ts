import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAutomaton } from '#shared/domain/claims/automaton.ts';
import { CHAIN_MIN_VARIANTS, type Chain, ChainScan, chainParts } from '#shared/domain/claims/chain.ts';
import { compilePattern, expandPattern } from '#shared/domain/claims/pattern.ts';

interface Match {
  readonly start: number;
  readonly end: number;
  readonly phrase: string;
}

/** Scans normalised text for one chained phrase the way the matcher does: one automaton of its options. */
const chainScan = (pattern: string, text: string): Match[] => {
  const parts = chainParts(pattern);
  if (parts === undefined) throw new Error(`"${pattern}" is not chained`);
  const chain: Chain<string> = { parts, target: pattern };
  const links = parts.flatMap((part, p) =>
    part.keys.flatMap((key, o) => (key === '' ? [] : [{ key, part: p, option: o }])),
  );
  const found: Match[] = [];
  const scan = new ChainScan<string>((_, start, end, phrase) => {
    found.push({ start, end, phrase });
  });
  compileAutomaton(links.map((link) => link.key)).each(text, (keyword, start, end) => {
    const link = links[keyword];
    if (link !== undefined) scan.hit(chain, link.part, link.option, start, end);
  });
  return found;
};

/** Every place where some expansion of the phrase occurs in the text, by brute force: its distinct spans. */
const expandedSpans = (pattern: string, text: string): string[] => {
  const spans = new Set<string>();
  for (const phrase of expandPattern(pattern)) {
    const key = compilePattern(phrase).key;
    if (key === '') continue;
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1))
      spans.add(`${at}-${at + key.length}`);
  }
  return [...spans].sort();
};

const spansOf = (matches: readonly Match[]): string[] =>
  [...new Set(matches.map((m) => `${m.start}-${m.end}`))].sort();

describe('Function: chainParts', () => {
  it('joins the literal before each group to its options, and the literal after the last to the last', () => {
    // Act
    const parts = chainParts('the {big|small|red|blue} {dog|cat|cow|hen} {runs|sits|eats} home');

    // Assess
    expect(parts?.map((part) => part.options)).toEqual([
      ['the big', 'the small', 'the red', 'the blue'],
      [' dog', ' cat', ' cow', ' hen'],
      [' runs home', ' sits home', ' eats home'],
    ]);
    expect(parts?.map((part) => part.keys[0])).toEqual(['thebig', 'dog', 'runshome']);
  });

  it('marks a part with an empty option as one that may be absent', () => {
    const parts = chainParts('{a|b|c|d} {x|y|z|w|} {e|f|g|h}');
    expect(parts?.map((part) => part.skip)).toEqual([undefined, 4, undefined]);
  });

  it('expands what is better expanded: few variants, nested groups, split predicates, nothing but options', () => {
    expect(chainParts('{a|b} {c|d}')).toBeUndefined();
    expect(CHAIN_MIN_VARIANTS).toBeGreaterThan(4);
    expect(chainParts('{a|{b|c}|d|e|f|g|h} {i|j|k|l|m|n|o} {p|q}')).toBeUndefined();
    expect(
      chainParts('{sent|packed|shipped|put|got|kept|had} … {packing|off|away|aside|out|in|up}'),
    ).toBeUndefined();
    expect(chainParts('{a|b|c|d|e|f|g|} {h|i|j|k|l|m|n|}')).toBeUndefined();
  });
});

describe('Class: ChainScan', () => {
  it('finds a product of alternatives wherever one of its expansions is, and says which', () => {
    // Prepare: 4 × 4 × 4 = 64 expansions
    const pattern = 'giảm {2|3|5|10} {kg|ký|cân|size} {mỗi tuần|mỗi tháng|sau 1 tuần|trong 1 tháng}';
    const text = compilePattern('nay giảm 5 ký trong 1 tháng nhé, giảm 2 size').key;

    // Act
    const found = chainScan(pattern, text);

    // Assess
    expect(found.map((m) => m.phrase)).toEqual(['giảm 5 ký trong 1 tháng']);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(compilePattern('giảm 5 ký trong 1 tháng').key);
  });

  it('skips a part whose empty option is taken, at the start, in the middle and at the end', () => {
    const pattern = '{very|so|really|truly|} {nice|bad|fine|odd} {day|night|week|} {ok|yes|no|sure|}';
    const phrasesIn = (text: string) => chainScan(pattern, compilePattern(text).key).map((m) => m.phrase);

    expect(phrasesIn('nice')).toEqual([' nice  ']);
    expect(phrasesIn('so bad night')).toContain('so bad night ');
    expect(phrasesIn('fine sure')).toContain(' fine  sure');
  });

  it('finds exactly the spans the expanded phrase finds, for any product of alternatives and text', () => {
    // A tiny alphabet makes options that overlap, repeat and run into one another common.
    const letter = fc.constantFrom('a', 'b', 'c');
    const option = fc.string({ unit: letter, maxLength: 3 });
    const group = fc.uniqueArray(option, { minLength: 2, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 2, maxLength: 4 }),
        // Shorter than the starts kept per chain, part and end (16), so that bound never drops a span here;
        // the next test is about the bound.
        fc.string({ unit: letter, maxLength: 15 }),
        (groups, text) => {
          const pattern = groups.map((options) => `{${options.join('|')}}`).join(' ');
          fc.pre(chainParts(pattern) !== undefined);
          const found = chainScan(pattern, text);
          // Each match is one of the phrase's expansions, standing where the text spells it…
          for (const match of found) {
            expect(expandPattern(pattern)).toContain(match.phrase);
            expect(text.slice(match.start, match.end)).toBe(compilePattern(match.phrase).key);
          }
          // …and every span an expansion occupies is found (one literal per span is all the matcher needs: it
          // judges the literal found there).
          expect(spansOf(found)).toEqual(expandedSpans(pattern, text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('stays linear on text made to pile up partial chains', () => {
    // Prepare: every position starts and ends options of every part.
    const pattern = '{ab|abab|ababab|abababab} {ab|abab|ababab|abababab} {ab|abab|ababab|abababab}';
    const text = 'ab'.repeat(10_000);

    // Act
    const found = chainScan(pattern, text);

    // Assess: a bounded number of matches per end, not one per way of splitting the run.
    expect(found.length).toBeLessThanOrEqual(16 * text.length);
    expect(found.length).toBeGreaterThan(text.length - 16);
  });
});
