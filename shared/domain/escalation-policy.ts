/**
 * The escalation policy, with levels as PagerDuty and Opsgenie have them, in one place:
 *
 * - tier 1 (a case opens at a paging level, its level rises to one, it reopens at one) pages the case's
 *   owner;
 * - tier 2 (nobody acknowledged within `RED_ACK_SLA_HOURS`) pages the owner again and the managers of the
 *   case's brand (`Brand.managers` of the catalogue);
 * - a case with no owner pages every subscribed manager, at every tier, as before cases had owners; so
 *   does a tier 2 whose brand names no managers (nobody else to escalate to);
 * - when a case that paged anyone is acknowledged or resolved, everyone that page reached gets a follow-up
 *   (`followUpOf` in case.ts, beside the transitions that write it).
 *
 * Recipients are usernames; `undefined` means every subscribed manager. Each escalation marker records
 * its recipients, so the notify function routes it (SNS message attribute `recipients`) and a follow-up
 * reaches exactly the people the last page reached, even after the case changed owner.
 */

/** The tier that pages the owner. */
export const OWNER_TIER = 1;
/** The tier that adds the brand's managers. */
export const MANAGER_TIER = 2;

/**
 * Who an escalation at `tier` pages: usernames, or `undefined` for every subscribed manager.
 *
 * @example pageRecipients(1, 'ana', ['li']) // ['ana']
 * @example pageRecipients(2, 'ana', ['li', 'ana']) // ['ana', 'li']
 * @example pageRecipients(1, undefined, ['li']) // undefined: every subscribed manager
 */
export const pageRecipients = (
  tier: number,
  owner: string | undefined,
  managers: readonly string[] = [],
): readonly string[] | undefined => {
  if (owner === undefined || owner.trim() === '') return undefined;
  if (tier < MANAGER_TIER) return [owner];
  const named = managers.map((manager) => manager.trim()).filter((manager) => manager !== '');
  if (named.length === 0) return undefined;
  return [...new Set([owner, ...named])];
};

/**
 * How a follow-up names the person who acted: their name when known, else the username of a
 * `user:<name>` actor, the actor id otherwise.
 *
 * @example actorName('user:ana') // 'ana'
 * @example actorName('user:ana', 'Ana Lê') // 'Ana Lê'
 */
export const actorName = (actor: string, name?: string): string => name ?? actor.replace(/^user:/, '');
