import { phraseKey } from './normaliser.ts';

/**
 * Phrases written as a product of alternatives ("{turns|transforms} {a|any|every} {night|party|evening} into
 * {a|an} {epic|legendary} {one|night}", "giảm {2|3|…|20} {kg|ký} {mỗi tuần|/tháng|…}") would expand to
 * thousands or hundreds of thousands of literals: the default packs once held 740,000, and building one
 * automaton of them took seconds on the first copy of each language. Such a phrase is matched as a chain
 * instead: each `{…}` group (with the literal text before it) is one part, every option of every part is one
 * keyword of the automaton, and a chain is found where its parts' hits follow one another in the normalised
 * text. What the chain finds is exactly one of the phrase's expansions: the matcher compiles that literal
 * and judges it as it would the expanded phrase (boundaries, gaps, accents), and a hit whose text does not
 * normalise to that literal's key is dropped (`concreteKey` below).
 */

/** One part of a chain: the literal text before a group joined to each of the group's options. */
export interface ChainPart {
  /** The options as written, literal prefix included ("{a|an}" after " into " → " into a", " into an"). */
  readonly options: readonly string[];
  /** Each option's normalised key; an empty key (an empty option, or only spaces) is never a keyword. */
  readonly keys: readonly string[];
  /** The index of an option whose key is empty, if any: the part may then be absent. */
  readonly skip: number | undefined;
}

/** A phrase matched part by part; `T` is what a whole match stands for (the matcher's entry). */
export interface Chain<T> {
  readonly parts: readonly ChainPart[];
  readonly target: T;
}

/** Below this many expansions a phrase is expanded: a chain pays off only for products of alternatives. */
export const CHAIN_MIN_VARIANTS = 48;

const GROUP = /\{([^{}]*)\}/gu;

/**
 * The parts of a phrase that should be matched as a chain, or `undefined` when it is better expanded: few
 * expansions, a group inside a group, or a split predicate ("sent … packing", whose halves are matched apart).
 *
 * @example
 * chainParts('{a|b|c|d|e|f|g} {h|i|j|k|l|m|n} x')?.map((part) => part.options.length); // [7, 7]
 */
export const chainParts = (pattern: string): ChainPart[] | undefined => {
  if (pattern.includes('…')) return undefined;
  const groups = [...pattern.matchAll(GROUP)];
  let variants = 1;
  for (const group of groups) variants *= (group[1] ?? '').split('|').length;
  if (variants < CHAIN_MIN_VARIANTS) return undefined;
  const rest = pattern.replace(GROUP, '');
  if (rest.includes('{') || rest.includes('}')) return undefined;
  let literalStart = 0;
  const written = groups.map((group, index) => {
    const prefix = pattern.slice(literalStart, group.index);
    literalStart = group.index + group[0].length;
    const suffix = index === groups.length - 1 ? pattern.slice(literalStart) : '';
    return (group[1] ?? '').split('|').map((option) => `${prefix}${option}${suffix}`);
  });
  const parts = joinedWhereNotComposable(written.map(partOf));
  // A chain of nothing but optional parts could match empty text: such a phrase is refused by validation
  // (empty after normalisation), and is expanded here so it is.
  return parts.length < 2 || parts.every((part) => part.skip !== undefined) ? undefined : parts;
};

const partOf = (options: readonly string[]): ChainPart => {
  const keys = options.map((option) => phraseKey(option).text);
  const empty = keys.indexOf('');
  return { options, keys, skip: empty === -1 ? undefined : empty };
};

// Whether every option of `left` followed by every option of `right` normalises to the two keys end to end.
// Mostly it does; not where the normaliser reads across the join: single letters spaced out ("a" + " b" is
// the spaced-out word "ab"), a letter stretched over both ("so" + " o…"), a number's decimal point.
const composes = (left: ChainPart, right: ChainPart): boolean =>
  left.options.every((a, i) =>
    right.options.every((b, j) => phraseKey(`${a}${b}`).text === `${left.keys[i]}${right.keys[j]}`),
  );

/**
 * Parts whose join the normaliser does not read piece by piece are joined into one part (their product of
 * options), so the chain's keys spell exactly what the expanded phrase's keys spell. A part that may be
 * absent brings its neighbours together, so they are checked too.
 */
const joinedWhereNotComposable = (parts: ChainPart[]): ChainPart[] => {
  for (let i = 0; i < parts.length - 1; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const left = parts[i] as ChainPart;
      const right = parts[j] as ChainPart;
      if (!composes(left, right)) {
        const joined = parts
          .slice(i, j + 1)
          .reduce((product, part) =>
            partOf(product.options.flatMap((a) => part.options.map((b) => `${a}${b}`))),
          );
        return joinedWhereNotComposable([...parts.slice(0, i), joined, ...parts.slice(j + 1)]);
      }
      if (right.skip === undefined) break;
    }
  }
  return parts;
};

/** A chain matched up to some part: where it starts and the option chosen for each part so far. */
interface Partial {
  readonly start: number;
  readonly choices: readonly number[];
}

// Matches kept for one chain, part and end: bounds the work on adversarial text ("abab…" against
// "{ab|abab} {ab|abab} …") to a constant per hit, so a scan stays linear in the text.
const MAX_PARTIALS = 16;

// Two options may share a key ("carefree", "care-free"): both are kept, since the literal decides whether
// the text's own spaces and hyphens fit (`hasPlausibleGaps`).
const sameMatch = (a: Partial, b: Partial): boolean =>
  a.start === b.start && a.choices.every((choice, k) => choice === b.choices[k]);

/**
 * Follows the chains of one scan. Hits must arrive in the automaton's order (by end), so every part that
 * ends where a hit starts has already been seen.
 */
export class ChainScan<T> {
  readonly #found = new Map<Chain<T>, Map<number, Partial[]>[]>();
  readonly #emit: (chain: Chain<T>, start: number, end: number, phrase: string) => void;

  constructor(emit: (chain: Chain<T>, start: number, end: number, phrase: string) => void) {
    this.#emit = emit;
  }

  /** A hit of option `option` of part `part` of `chain` over [start, end) of the normalised text. */
  hit(chain: Chain<T>, part: number, option: number, start: number, end: number): void {
    let byPart = this.#found.get(chain);
    if (byPart === undefined) {
      byPart = chain.parts.map(() => new Map<number, Partial[]>());
      this.#found.set(chain, byPart);
    }
    // A chain starts here when every part before this one may be absent…
    let skipped: number[] | undefined = [];
    for (let p = 0; p < part && skipped !== undefined; p++) {
      const skip = chain.parts[p]?.skip;
      if (skip === undefined) skipped = undefined;
      else skipped.push(skip);
    }
    if (skipped !== undefined) this.#add(chain, byPart, part, end, { start, choices: [...skipped, option] });
    // …and continues every chain whose previous part ends where this hit starts.
    const before = part > 0 ? byPart[part - 1]?.get(start) : undefined;
    for (const partial of before ?? [])
      this.#add(chain, byPart, part, end, { start: partial.start, choices: [...partial.choices, option] });
  }

  #add(chain: Chain<T>, byPart: Map<number, Partial[]>[], part: number, end: number, partial: Partial): void {
    const atPart = byPart[part] as Map<number, Partial[]>;
    let list = atPart.get(end);
    if (list === undefined) {
      list = [];
      atPart.set(end, list);
    }
    if (list.length >= MAX_PARTIALS || list.some((known) => sameMatch(known, partial))) return;
    list.push(partial);
    const last = chain.parts.length - 1;
    if (part === last) {
      this.#emit(chain, partial.start, end, phraseOf(chain, partial.choices));
      return;
    }
    const skip = chain.parts[part + 1]?.skip;
    if (skip !== undefined)
      this.#add(chain, byPart, part + 1, end, { start: partial.start, choices: [...partial.choices, skip] });
  }
}

const phraseOf = <T>(chain: Chain<T>, choices: readonly number[]): string =>
  chain.parts.map((part, index) => part.options[choices[index] ?? 0] ?? '').join('');
