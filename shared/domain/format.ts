// Messages are read by people in every market; one fixed locale keeps them deterministic and testable.
// The formatters are made on first use, not at import: creating the first Intl.NumberFormat loads ICU
// locale data, several milliseconds of every cold start of every function that imports this module.
let formatters: { readonly amount: Intl.NumberFormat; readonly ratio: Intl.NumberFormat } | undefined;
const numberFormats = () => {
  formatters ??= {
    amount: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
    ratio: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }),
  };
  return formatters;
};

/**
 * A money amount with its currency, as messages state it.
 *
 * @example
 * formatMoney(11500, 'USD'); // '11,500 USD'
 */
export const formatMoney = (value: number, currency: string): string =>
  `${numberFormats().amount.format(value)} ${currency}`;

/**
 * A ratio as a percentage with at most one decimal.
 *
 * @example
 * formatPercent(0.3); // '30 %'
 */
export const formatPercent = (value: number): string => `${numberFormats().ratio.format(value * 100)} %`;

/**
 * A plain count.
 *
 * @example
 * formatCount(1200); // '1,200'
 */
export const formatCount = (value: number): string => numberFormats().amount.format(value);

/**
 * A tail probability as people read it: "p = 0.0021 (about 1 in 480)"; below 1e-12 just "p < 1e-12".
 *
 * @example
 * formatProbability(0.00002); // 'p = 2e-5 (about 1 in 50,000)'
 */
export const formatProbability = (p: number): string => {
  if (!(p > 1e-12)) return 'p < 1e-12 (practically impossible by chance)';
  const shown = p >= 0.001 ? p.toPrecision(2) : p.toExponential(1).replace('.0e', 'e');
  return `p = ${shown} (about 1 in ${formatCount(Number((1 / p).toPrecision(2)))})`;
};

/**
 * A UTC weekday's name.
 *
 * @example
 * weekdayName(0); // 'Sunday'
 */
export const weekdayName = (day: number): string =>
  ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][day] ?? 'day';
