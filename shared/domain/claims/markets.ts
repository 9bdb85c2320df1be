/** The member states of the European Union (ISO 3166-1 alpha-2). */
export const EU_MEMBERS: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
];

// UK is not the ISO code but is what CMSs send; both mean the United Kingdom.
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  UK: ['UK', 'GB'],
  GB: ['UK', 'GB'],
  EU: ['EU', ...EU_MEMBERS],
  ...Object.fromEntries(EU_MEMBERS.map((member) => [member, [member, 'EU']])),
};

/**
 * Whether a market named by a copy is one a rule or pack lists: UK and GB are one market, and a rule for
 * the EU applies in each member state (and a rule for a member state to copy sent for "EU").
 *
 * @example
 * marketIn('UK', ['GB']); // true
 */
export const marketIn = (market: string, markets: readonly string[] | 'all'): boolean => {
  if (markets === 'all') return true;
  const code = market.trim().toUpperCase();
  return (ALIASES[code] ?? [code]).some((alias) => markets.includes(alias));
};
