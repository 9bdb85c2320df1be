import { ROUTING_ATTRIBUTES } from '#shared/adapters/escalation-publish.ts';
import { brandKey, marketKey } from '#shared/auth/scope.ts';
import { AUDIENCE_ATTRIBUTES, type Audience } from '#shared/i18n/audiences.ts';

/**
 * The SNS filter policies of managers' subscriptions, as plain JSON (what CloudFormation stores), built
 * from the CDK context `managers` (infra/context.ts) and checked against SNS's limits before a deploy
 * could be refused.
 *
 * An escalation, and the follow-up to it, carries (shared/adapters/escalation-publish.ts) the audience it
 * is written for (`lang`, `timeZone`), the usernames it pages (`recipients`, a String.Array; absent when
 * it pages every subscribed manager: a case with no owner) and the case's `brand` (case-folded) and
 * `market`. A subscription receives the messages of its own audience that either
 *
 * - name its `username` among the recipients (the owner at tier 1, the owner and the brand's managers at
 *   tier 2): SNS matches a String.Array attribute when any of its values matches; or
 * - name no recipients (every subscribed manager is paged) and are of its `brands` and `markets`, or have
 *   no brand / no market (nothing to route them by: better seen than missed).
 *
 * A subscription without a username receives only the second kind: escalations nobody owns. A message
 * without `lang` (published by a notify function older than audiences, in the minutes between the data
 * and the service stack's deploys) counts as every audience's.
 */

/** What a subscription filters on (a manager of infra/context.ts, or any audience for the digest). */
export interface SubscriptionRouting extends Audience {
  readonly username?: string;
  /** Escalations of these brands, plus brand-less ones; empty: every brand. */
  readonly brands: readonly string[];
  /** Escalations of these markets, plus market-less ones; empty: every market. */
  readonly markets: readonly string[];
}

/** One alternative of an SNS `$or`: attribute name → the values (or operators) it may take. */
export type FilterAlternative = Readonly<Record<string, readonly unknown[]>>;
/** A filter policy whose top level is one `$or` of alternatives. */
export interface OrFilterPolicy {
  readonly $or: readonly FilterAlternative[];
}

/** SNS filter-policy limits (docs: "Filter policy constraints"): attribute names, combinations of values. */
export const FILTER_POLICY_LIMITS = { keys: 5, combinations: 150 } as const;

const absent = [{ exists: false }] as const;

/** `name` one of `values`, or absent; no constraint when `values` is empty. */
const oneOfOrNone = (name: string, values: readonly string[]): FilterAlternative[] =>
  values.length === 0 ? [{}] : [{ [name]: [...values] }, { [name]: absent }];

/**
 * The escalation topic's filter policy of one subscription (see the module comment).
 *
 * @example escalationFilterPolicy({ lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh', username: 'lan', brands: [], markets: [] }).$or.length // 4
 */
export const escalationFilterPolicy = (routing: SubscriptionRouting): OrFilterPolicy => {
  const audiences = audienceAlternatives(routing);
  const named: FilterAlternative[] =
    routing.username === undefined ? [] : [{ [ROUTING_ATTRIBUTES.recipients]: [routing.username] }];
  const brands = [...new Set(routing.brands.map(brandKey))];
  const markets = [...new Set(routing.markets.map(marketKey))];
  const unnamed = oneOfOrNone(ROUTING_ATTRIBUTES.brand, brands).flatMap((brand) =>
    oneOfOrNone(ROUTING_ATTRIBUTES.market, markets).map((market) => ({
      [ROUTING_ATTRIBUTES.recipients]: absent,
      ...brand,
      ...market,
    })),
  );
  return checked({
    $or: audiences.flatMap((who) => [...named, ...unnamed].map((what) => ({ ...who, ...what }))),
  });
};

/** The digest topic's filter policy: the subscription's audience only (a digest names no one). */
export const digestFilterPolicy = (audience: Audience): OrFilterPolicy =>
  checked({ $or: audienceAlternatives(audience) });

const audienceAlternatives = (audience: Audience): FilterAlternative[] => [
  { [AUDIENCE_ATTRIBUTES.lang]: [audience.lang], [AUDIENCE_ATTRIBUTES.timeZone]: [audience.timeZone] },
  { [AUDIENCE_ATTRIBUTES.lang]: absent },
];

/**
 * How SNS counts a policy against its limits: the distinct attribute names, and the combinations of
 * values — the product of the value counts of each alternative, summed over the `$or`.
 */
export const filterPolicyCost = (policy: OrFilterPolicy): { keys: number; combinations: number } => ({
  keys: new Set(policy.$or.flatMap((alternative) => Object.keys(alternative))).size,
  combinations: policy.$or.reduce(
    (sum, alternative) =>
      sum + Object.values(alternative).reduce((product, values) => product * values.length, 1),
    0,
  ),
});

/** The policy, or an error naming the limit it breaks (so `cdk synth` fails, not the deploy). */
const checked = (policy: OrFilterPolicy): OrFilterPolicy => {
  const cost = filterPolicyCost(policy);
  if (cost.keys > FILTER_POLICY_LIMITS.keys || cost.combinations > FILTER_POLICY_LIMITS.combinations) {
    throw new Error(
      `A subscription's filter policy would use ${cost.keys} attribute names and ${cost.combinations} combinations of values; SNS allows ${FILTER_POLICY_LIMITS.keys} and ${FILTER_POLICY_LIMITS.combinations}: give this manager fewer brands or markets (each adds a combination per brand × market)`,
    );
  }
  return policy;
};
