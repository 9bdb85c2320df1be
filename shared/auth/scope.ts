/**
 * What part of the organisation a person may see: brands and/or markets. A person with no brands sees
 * every brand; with no markets, every market. Pushers (HMAC clients) are unscoped. Every list, detail,
 * review, exception, policy-test and export route asks `covers` before it shows anything, and answers an
 * out-of-scope id as 404 (never a 403 that would confirm the id exists).
 *
 * In AWS a person's scope comes from the Cognito custom attributes `custom:brands` and `custom:markets`
 * (comma-separated) or from groups named `brand:<name>` / `market:<code>`; locally from `RADAR_USERS`.
 */

export interface Scope {
  /** The brands this person may see; undefined = every brand. Compared without regard to case. */
  readonly brands?: readonly string[];
  /** The markets (ISO 3166-1 alpha-2, capitals) this person may see; undefined = every market. */
  readonly markets?: readonly string[];
}

/** Sees everything: the unscoped dev tokens, every pusher. */
export const UNSCOPED: Scope = {};

/** What a scope is asked about: the brand and market of a case, review, exception, campaign or copy. */
export interface Scoped {
  readonly brand?: string | undefined;
  readonly market?: string | undefined;
}

/** The form brands are compared in: trimmed, case-folded (`Acme` = `acme ` = `ACME`). */
export const brandKey = (brand: string): string => brand.trim().toLocaleLowerCase('en');

/** `UK` and `GB` both mean the United Kingdom; markets compare in capitals. */
export const marketKey = (market: string): string => {
  const code = market.trim().toUpperCase();
  return code === 'UK' ? 'GB' : code;
};

export const isUnscoped = (scope: Scope): boolean =>
  scope.brands === undefined && scope.markets === undefined;

/**
 * Whether a scope covers an item. A brand-scoped person does not see an item without a brand (a spend
 * case of a campaign the catalogue has no brand for yet), nor a market-scoped one an item without a market.
 *
 * @example covers({ brands: ['Acme'] }, { brand: 'acme', market: 'VN' }) // true
 * @example covers({ brands: ['Acme'], markets: ['VN'] }, { brand: 'Acme', market: 'CN' }) // false
 */
export const covers = (scope: Scope, item: Scoped): boolean => {
  if (scope.brands !== undefined) {
    if (item.brand === undefined) return false;
    const brand = brandKey(item.brand);
    if (!scope.brands.some((allowed) => brandKey(allowed) === brand)) return false;
  }
  if (scope.markets !== undefined) {
    if (item.market === undefined) return false;
    const market = marketKey(item.market);
    if (!scope.markets.some((allowed) => marketKey(allowed) === market)) return false;
  }
  return true;
};

/**
 * Reads a scope from lists of names (empty or missing = all); duplicates and blanks dropped.
 * @example scopeOf({ brands: ['Acme', ' '], markets: [] }) // { brands: ['Acme'] }
 */
export const scopeOf = (input: {
  readonly brands?: readonly string[] | undefined;
  readonly markets?: readonly string[] | undefined;
}): Scope => {
  const clean = (values: readonly string[] | undefined, key: (value: string) => string) => {
    const kept = new Map<string, string>();
    for (const value of values ?? []) {
      if (value.trim() === '') continue;
      if (!kept.has(key(value))) kept.set(key(value), value.trim());
    }
    return kept.size === 0 ? undefined : [...kept.values()];
  };
  const brands = clean(input.brands, brandKey);
  const markets = clean(input.markets, marketKey)?.map(marketKey);
  return { ...(brands === undefined ? {} : { brands }), ...(markets === undefined ? {} : { markets }) };
};
