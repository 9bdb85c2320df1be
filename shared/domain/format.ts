// Messages are read by people in every market; one fixed locale keeps them deterministic and testable.
const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const ratio = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * A money amount with its currency, as messages state it.
 *
 * @example
 * formatMoney(11500, 'USD'); // '11,500 USD'
 */
export const formatMoney = (value: number, currency: string): string => `${amount.format(value)} ${currency}`;

/**
 * A ratio as a percentage with at most one decimal.
 *
 * @example
 * formatPercent(0.3); // '30 %'
 */
export const formatPercent = (value: number): string => `${ratio.format(value * 100)} %`;

/**
 * A plain count.
 *
 * @example
 * formatCount(1200); // '1,200'
 */
export const formatCount = (value: number): string => amount.format(value);
