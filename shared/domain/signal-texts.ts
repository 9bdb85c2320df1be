import type { FindingMessageId } from '#shared/i18n/catalogues/findings/en.ts';
import { findingText, sentence } from '#shared/i18n/findings.ts';
import type { TextRef, TextValue } from '#shared/i18n/texts.ts';
import type { Signal } from './signal.ts';
import { storableNumber } from './stats.ts';

/**
 * How a spend or sentiment signal says what it found: a sentence of the findings catalogue
 * (`shared/i18n/catalogues/findings/`) and the numbers it is rendered from, so a stored case can be read
 * in any language; `message` and `suggestion` are its English rendering, as the API answers by default.
 * Numbers, money and dates are formatted by the catalogue (ICU) and `shared/i18n/formats.ts`, per locale.
 */

/** What a signal sentence's placeholders take (no `undefined`: a conditional part is an ICU select). */
export type SignalValues = Readonly<Record<string, TextValue>>;

/** A value as it can be stored (DynamoDB keeps no NaN, no magnitude under 1e-130) without float noise. */
const storable = (value: TextValue): TextValue => {
  const number = (n: number) => Number(storableNumber(n).toPrecision(12));
  if (typeof value === 'number') return number(value);
  if (typeof value === 'object' && 'amount' in value) return { ...value, amount: number(value.amount) };
  return value;
};

/**
 * A signal sentence: a catalogue id and its values, made storable.
 *
 * @example say('spend.overrun', { campaign: 'cmp-1', overrun: 0.3, … })
 */
export const say = (id: FindingMessageId, values?: SignalValues): TextRef =>
  values === undefined
    ? sentence(id)
    : sentence(
        id,
        Object.fromEntries(Object.entries(values).map(([name, value]) => [name, storable(value)])),
      );

/**
 * A signal's message and suggestion: the catalogue sentences in `texts`, their English rendering in
 * `message` and `suggestion`.
 *
 * @example { ruleId: 'spend.overrun', …, ...sayIt(say('spend.overrun', {…}), say('spend.overrun.suggestion')) }
 */
export const sayIt = (
  message: TextRef,
  suggestion: TextRef,
): Pick<Signal, 'message' | 'suggestion' | 'texts'> => ({
  message: findingText('en', message),
  suggestion: findingText('en', suggestion),
  texts: { message, suggestion },
});

/** Below this a tail probability is "practically impossible by chance" rather than a number. */
const IMPOSSIBLE = 1e-12;
/** Below this a probability is written in scientific notation (2.1E-5), above it as a decimal (0.0021). */
const SCIENTIFIC_BELOW = 0.001;

/**
 * The values of a tail probability as sentences state it (`{chance, select, …}` with `{p, number}` and
 * "about 1 in `{oneIn, number}`"): `impossible` below 1e-12, `small` (scientific) below 0.001, else `plain`.
 * Each name takes `prefix` when a sentence states two probabilities (`supportChance`, `supportP`, …).
 *
 * @example
 * chanceValues(0.0021); // { chance: 'plain', p: 0.0021, oneIn: 480 }
 */
export const chanceValues = (p: number, prefix = ''): Record<string, string | number> => {
  const name = (base: string) =>
    prefix === '' ? base : `${prefix}${base[0]?.toUpperCase()}${base.slice(1)}`;
  if (!(p > IMPOSSIBLE))
    return { [name('chance')]: 'impossible', [name('p')]: IMPOSSIBLE, [name('oneIn')]: 0 };
  return {
    [name('chance')]: p < SCIENTIFIC_BELOW ? 'small' : 'plain',
    [name('p')]: Number(p.toPrecision(2)),
    [name('oneIn')]: Number((1 / p).toPrecision(2)),
  };
};
