import { subjectWords } from '#shared/i18n/vocabulary.ts';
import type { Assessment, SeverityOrder } from './assess.ts';
import { DRILL_KEY_PREFIX } from './drill-key.ts';
import { MANAGER_TIER, OWNER_TIER, pageRecipients } from './escalation-policy.ts';
import type { DrillMarker, EventType, RiskEvent } from './event.ts';
import type { Finding, RiskType } from './finding.ts';
import { fitFinding } from './finding-budget.ts';
import type { Level } from './risk-matrix.ts';
import type { Subject } from './subject.ts';

/**
 * The risk case library's core: which subject an event is about, and how an occurrence opens or joins a
 * case, like an alert manager's dedup. Pure: ids and time are arguments.
 */

export const CASE_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Why a case pages: it opened at a paging level, its level rose to one, it reopened at one, or nobody
 * acknowledged it within the SLA (tier 2).
 */
export const ESCALATION_REASONS = ['opened', 'level-rose', 'reopened', 'sla-lapsed'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * What an audit line records: a case's own moves, an escalation, legal's decision on its review, or a guarded
 * action's request, decision and outcome (shared/domain/actions.ts).
 */
export const AUDIT_ACTIONS = [
  'opened',
  'level-rose',
  'reopened',
  'acknowledged',
  'resolved',
  'escalated',
  'review-decided',
  'reassigned',
  'action-requested',
  'action-approved',
  'action-rejected',
  'action-succeeded',
  'action-failed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a case is about (its own module, so the words for it in shared/i18n read it without a cycle). */

/** The marker the notify function turns into one SNS message (the transactional outbox). */
export interface Escalation {
  /** Unique per escalation: `<caseId>#<sequence>`; a retried stream record carries the same id. */
  readonly id: string;
  readonly tier: number;
  readonly reason: EscalationReason;
  readonly level: Level;
  readonly at: string;
  /**
   * Who it pages, by username (shared/domain/escalation-policy.ts): the owner at tier 1, the owner and the
   * brand's managers at tier 2; absent = every subscribed manager (a case with no owner, or older markers).
   */
  readonly recipients?: readonly string[];
}

/** What a follow-up tells the people a case paged. */
export const FOLLOW_UP_KINDS = ['acknowledged', 'resolved'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/**
 * The marker an acknowledgement or resolution of a case that paged anyone writes in the same transaction
 * (the outbox, like `Escalation`): the notify function publishes it once per audience to the people the
 * escalation it follows paged.
 */
export interface FollowUp {
  /** Unique per follow-up: `<escalation id>#<kind>`. */
  readonly id: string;
  readonly kind: FollowUpKind;
  /** The actor who acknowledged or resolved (`user:<username>`). */
  readonly by: string;
  /** How that person is called (their `name`), for the message; the username is shown without it. */
  readonly byName?: string;
  readonly at: string;
  /** A resolution's root cause: the last of its whys. */
  readonly rootCause?: string;
  /** The escalation it follows: its tier and recipients are the follow-up's. */
  readonly escalation: Escalation;
}

export interface RiskCase {
  readonly caseId: string;
  readonly riskType: RiskType;
  readonly subject: Subject;
  readonly level: Level;
  readonly probability: string;
  readonly impact: string;
  readonly status: CaseStatus;
  readonly occurrences: number;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * The latest finding of each rule seen on this case, dated, worst first (then latest first): the first
   * is the case's headline.
   */
  readonly findings: readonly CaseFinding[];
  readonly escalation?: Escalation;
  readonly escalationCount: number;
  /** The latest follow-up to the people paged (acknowledged / resolved), if the case paged anyone. */
  readonly followUp?: FollowUp;
  readonly acknowledgement?: Acknowledgement;
  readonly resolution?: Resolution;
  /**
   * Who answers for the case: a person's username. By default the campaign's owner, else the brand's
   * (the catalogue, shared/domain/catalogue.ts); a manager may reassign it (audited). The SLA escalation
   * pages the owner first, then the brand's managers at tier 2.
   */
  readonly owner?: string;
  /**
   * Set on a crisis drill's case (shared/domain/drill.ts), opened by events carrying the drill marker: its
   * subject key and case id are the drill's own, it pages as `[DRILL]`, and no figure counts it.
   */
  readonly drill?: DrillMarker;
  /** Optimistic-concurrency version: every write checks the version it read. */
  readonly version: number;
}

/** A finding as a case keeps it: with when the occurrence that raised it happened. */
export type CaseFinding = Finding & {
  /** `occurredAt` (UTC) of the event that last raised this rule on the case. */
  readonly seenAt: string;
};

export interface Acknowledgement {
  readonly by: string;
  readonly at: string;
  readonly note?: string;
}

/** What the risk case library keeps so the organisation learns: the 5 whys, measures, plan. */
export interface Resolution {
  /** The chain of "why?" answers, first to root cause; at least one. */
  readonly whys: readonly string[];
  readonly measures: readonly string[];
  readonly improvementPlan: string;
  readonly by: string;
  readonly at: string;
  readonly note?: string;
}

/** One line of a case's audit trail: who (from credentials), when, what. */
export interface AuditEntry {
  readonly caseId: string;
  readonly at: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly note?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A transition the case's state does not allow, with the state it is in. */
export interface TransitionRefused {
  readonly ok: false;
  readonly reason: string;
  readonly current: { readonly status: CaseStatus; readonly version: number };
}

export type Transition =
  | { readonly ok: true; readonly next: RiskCase; readonly audit: AuditEntry }
  | TransitionRefused;

const refuse = (existing: RiskCase, reason: string): TransitionRefused => ({
  ok: false,
  reason,
  current: { status: existing.status, version: existing.version },
});

/**
 * A person settles the case into `status` (acknowledged or resolved): the record of it on the case, the
 * follow-up to the people the case paged, the next version and the audit line from the status it was in.
 */
const settle = (
  existing: RiskCase,
  status: FollowUpKind,
  record: Pick<RiskCase, 'acknowledgement'> | Pick<RiskCase, 'resolution'>,
  followUpDetail: Parameters<typeof followUpOf>[2],
  note: string | undefined,
): Transition => {
  const { at, by: actor } = followUpDetail;
  const followUp = followUpOf(existing, status, followUpDetail);
  return {
    ok: true,
    next: {
      ...existing,
      status,
      ...record,
      ...(followUp === undefined ? {} : { followUp }),
      updatedAt: at,
      version: existing.version + 1,
    },
    audit: {
      caseId: existing.caseId,
      at,
      actor,
      action: status,
      from: existing.status,
      to: status,
      ...(note === undefined ? {} : { note }),
    },
  };
};

/**
 * open → acknowledged: a manager has seen it; stops the SLA clock. `actorName` (how the person is called)
 * goes into the follow-up to the people the case paged.
 */
export const acknowledgeCase = (
  existing: RiskCase,
  actor: string,
  now: Date,
  note?: string,
  actorName?: string,
): Transition => {
  if (existing.status !== 'open')
    return refuse(
      existing,
      `Case ${existing.caseId} is ${existing.status}; only an open case can be acknowledged`,
    );
  const at = now.toISOString();
  const acknowledgement: Acknowledgement = { by: actor, at, ...(note === undefined ? {} : { note }) };
  return settle(existing, 'acknowledged', { acknowledgement }, { by: actor, byName: actorName, at }, note);
};

/** open or acknowledged → resolved, with the risk-library fields (and a follow-up, as `acknowledgeCase`). */
export const resolveCase = (
  existing: RiskCase,
  input: Omit<Resolution, 'by' | 'at'>,
  actor: string,
  now: Date,
  actorName?: string,
): Transition => {
  if (existing.status === 'resolved') return refuse(existing, `Case ${existing.caseId} is already resolved`);
  const at = now.toISOString();
  const resolution: Resolution = { ...input, by: actor, at };
  const followUp = { by: actor, byName: actorName, at, rootCause: input.whys.at(-1) };
  return settle(existing, 'resolved', { resolution }, followUp, input.note);
};

/** A manager hands the case to another owner (or takes it); the audit line says from whom to whom. */
export const reassignCase = (
  existing: RiskCase,
  owner: string,
  actor: string,
  now: Date,
  note?: string,
): Transition => {
  if (existing.owner === owner)
    return refuse(existing, `Case ${existing.caseId} is already owned by ${owner}`);
  const at = now.toISOString();
  return {
    ok: true,
    next: { ...existing, owner, updatedAt: at, version: existing.version + 1 },
    audit: {
      caseId: existing.caseId,
      at,
      actor,
      action: 'reassigned',
      ...(existing.owner === undefined ? {} : { from: existing.owner }),
      to: owner,
      ...(note === undefined ? {} : { note }),
    },
  };
};

/**
 * A red case nobody acknowledged within the SLA pages again, once, at tier 2. The clock starts at the
 * tier-1 escalation.
 */
export const slaLapsed = (existing: RiskCase, policy: LevelPolicy, now: Date, slaHours: number): boolean =>
  existing.status === 'open' &&
  policy.escalates(existing.level) &&
  existing.escalation !== undefined &&
  existing.escalation.tier < 2 &&
  now.getTime() - Date.parse(existing.escalation.at) >= slaHours * 3_600_000;

/**
 * The tier-2 page of a lapsed SLA: the owner again and `managers`, the managers of the case's brand
 * (shared/domain/escalation-policy.ts).
 */
export const escalateForSla = (
  existing: RiskCase,
  now: Date,
  slaHours: number,
  managers: readonly string[] = [],
): Transition => {
  const at = now.toISOString();
  const recipients = pageRecipients(MANAGER_TIER, existing.owner, managers);
  const escalation: Escalation = {
    id: `${existing.caseId}#${existing.escalationCount + 1}`,
    tier: MANAGER_TIER,
    reason: 'sla-lapsed',
    level: existing.level,
    at,
    ...(recipients === undefined ? {} : { recipients }),
  };
  return {
    ok: true,
    next: {
      ...existing,
      escalation,
      escalationCount: existing.escalationCount + 1,
      updatedAt: at,
      version: existing.version + 1,
    },
    audit: {
      caseId: existing.caseId,
      at,
      actor: 'system:sla',
      action: 'escalated',
      note: `Not acknowledged within ${slaHours} h: escalated at tier 2`,
    },
  };
};

/** The audit entry for what an occurrence did to a case, if anything worth a line. */
export const occurrenceAudit = (
  previous: RiskCase | undefined,
  next: RiskCase,
  actor: string,
): AuditEntry | undefined => {
  const base = { caseId: next.caseId, at: next.updatedAt, actor };
  if (previous === undefined) return { ...base, action: 'opened', to: next.level };
  if (previous.status === 'resolved' && next.status === 'open')
    return { ...base, action: 'reopened', from: 'resolved', to: 'open' };
  if (previous.level !== next.level)
    return { ...base, action: 'level-rose', from: previous.level, to: next.level };
  return undefined;
};

/** One event's contribution to a case. */
export interface Occurrence {
  readonly caseId: string;
  readonly eventId: string;
  /** The pusher that sent the event, so it can be read again (a policy test re-assesses it); absent on older cases. */
  readonly clientId?: string;
  readonly type: EventType;
  readonly source: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly level: Level;
  readonly ruleIds: readonly string[];
}

/** How the matrix in force orders levels and cells, and which levels page a manager. */
export interface LevelPolicy {
  rank(level: Level): number;
  /** The matrix's one "worse than" (level, then impact, then probability); see `compareSeverity`. */
  readonly compare: SeverityOrder;
  escalates(level: Level): boolean;
  opensCase(level: Level): boolean;
}

const part = (value: string): string => encodeURIComponent(value);

/** ISO-8601 in UTC, so stored times sort as strings whatever offset the pusher used. */
const utc = (instant: string): string => new Date(instant).toISOString();

/**
 * The subject an event is about. A drill's event (its `drill` marker) is about the drill's own subject,
 * `drill|<drillId>|…`: a drill never joins a real case, and a real event never joins a drill case.
 * @example subjectOf(spendEvent).key // 'spend|cmp-1|facebook'
 */
export const subjectOf = (event: RiskEvent): Subject => {
  const subject = realSubjectOf(event);
  return event.drill === undefined
    ? subject
    : { ...subject, key: `${DRILL_KEY_PREFIX}${part(event.drill.drillId)}|${subject.key}` };
};

/** What a drill's case ids start with (its subject keys: `DRILL_KEY_PREFIX`). */
export const DRILL_CASE_ID_PREFIX = 'drill-';

const realSubjectOf = (event: RiskEvent): Subject => {
  switch (event.type) {
    case 'spend': {
      const { campaignId, channel } = event.spend;
      return {
        key: `spend|${part(campaignId)}|${part(channel)}`,
        label: subjectWords('en', 'spend', { campaignId, channel }) ?? '',
        campaignId,
        channel,
      };
    }
    case 'sentiment': {
      const { brand, product, channel } = event.sentiment;
      return {
        key: `sentiment|${part(brand)}|${part(product ?? '*')}|${part(channel)}`,
        label:
          subjectWords('en', 'sentiment', {
            brand,
            channel,
            ...(product === undefined ? {} : { product }),
          }) ?? '',
        brand,
        channel,
        ...(product === undefined ? {} : { product }),
      };
    }
    case 'ad-copy': {
      const { copyId, brand, market, campaignId } = event.copy;
      return {
        key: `ad-copy|${part(market)}|${part(brand)}|${part(copyId)}`,
        label: subjectWords('en', 'ad-copy', { brand, market, copyId }) ?? '',
        brand,
        market,
        copyId,
        ...(campaignId === undefined ? {} : { campaignId }),
      };
    }
  }
};

const MAX_FINDINGS_PER_CASE = 50;

/**
 * The case's findings after an occurrence: each rule's latest finding (an occurrence that arrives late does
 * not replace a newer one), each within FINDING_BUDGET_BYTES, worst first, then latest first, at most
 * MAX_FINDINGS_PER_CASE of them: the case item stays far below DynamoDB's item limit however long it lives.
 */
const mergeFindings = (
  previous: readonly CaseFinding[],
  latest: readonly Finding[],
  seenAt: string,
  order: SeverityOrder,
): CaseFinding[] => {
  const byRule = new Map(previous.map((finding) => [finding.ruleId, finding]));
  for (const finding of latest) {
    const kept = byRule.get(finding.ruleId);
    if (kept === undefined || kept.seenAt <= seenAt)
      byRule.set(finding.ruleId, { ...fitFinding(finding), seenAt });
  }
  return [...byRule.values()]
    .sort((a, b) => order(b, a) || b.seenAt.localeCompare(a.seenAt))
    .slice(0, MAX_FINDINGS_PER_CASE);
};

export interface OccurrenceInput {
  readonly event: RiskEvent;
  /** The pusher that sent it. */
  readonly clientId?: string;
  readonly assessment: Assessment;
  readonly riskType: RiskType;
  readonly subject: Subject;
  readonly now: Date;
  /**
   * Who answers for a case this occurrence opens, or joins while it has no owner (the catalogue's
   * `defaultOwner`); a case's own owner changes only by reassignment. A page goes to the owner first.
   */
  readonly owner?: string;
}

/** A new case for the first occurrence on a subject; escalates at once when its level pages. */
export const openCase = (caseId: string, input: OccurrenceInput, policy: LevelPolicy): RiskCase => {
  const at = input.now.toISOString();
  const { level, probability, impact, findings } = input.assessment;
  const recipients = pageRecipients(OWNER_TIER, input.owner);
  const escalation: Escalation | undefined = policy.escalates(level)
    ? {
        id: `${caseId}#1`,
        tier: OWNER_TIER,
        reason: 'opened',
        level,
        at,
        ...(recipients === undefined ? {} : { recipients }),
      }
    : undefined;
  return {
    caseId,
    riskType: input.riskType,
    subject: input.subject,
    level,
    probability,
    impact,
    status: 'open',
    occurrences: 1,
    firstSeenAt: utc(input.event.occurredAt),
    lastSeenAt: utc(input.event.occurredAt),
    createdAt: at,
    updatedAt: at,
    findings: mergeFindings([], findings, utc(input.event.occurredAt), policy.compare),
    ...(escalation === undefined ? {} : { escalation }),
    escalationCount: escalation === undefined ? 0 : 1,
    ...(input.owner === undefined ? {} : { owner: input.owner }),
    ...(input.event.drill === undefined ? {} : { drill: { drillId: input.event.drill.drillId } }),
    version: 1,
  };
};

const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);
const earlier = (a: string, b: string): string => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * Adds an occurrence to an existing case: the count, first/last seen and the worst cell move (a worse
 * impact or probability at the same level moves the cell too); a resolved case reopens at the new cell.
 * A case escalates again only when its level rises to a paging level, or it reopens at one.
 */
export const joinCase = (existing: RiskCase, input: OccurrenceInput, policy: LevelPolicy): RiskCase => {
  const at = input.now.toISOString();
  const incoming = input.assessment;
  const rises = policy.rank(incoming.level) > policy.rank(existing.level);
  const reopens = existing.status === 'resolved' && policy.opensCase(incoming.level);
  const worst = reopens || policy.compare(incoming, existing) > 0 ? incoming : existing;
  const escalates = policy.escalates(worst.level) && (rises || reopens);
  // A case's owner, once set, changes only by reassignment; an ownerless case takes the input's.
  const owner = existing.owner ?? input.owner;
  const recipients = pageRecipients(OWNER_TIER, owner);
  const escalation: Escalation | undefined = escalates
    ? {
        id: `${existing.caseId}#${existing.escalationCount + 1}`,
        tier: OWNER_TIER,
        reason: reopens ? 'reopened' : 'level-rose',
        level: worst.level,
        at,
        ...(recipients === undefined ? {} : { recipients }),
      }
    : existing.escalation;
  return {
    ...existing,
    level: worst.level,
    probability: worst.probability,
    impact: worst.impact,
    status: reopens ? 'open' : existing.status,
    occurrences: existing.occurrences + 1,
    firstSeenAt: earlier(existing.firstSeenAt, utc(input.event.occurredAt)),
    lastSeenAt: later(existing.lastSeenAt, utc(input.event.occurredAt)),
    updatedAt: at,
    findings: mergeFindings(
      existing.findings,
      incoming.findings,
      utc(input.event.occurredAt),
      policy.compare,
    ),
    ...(escalation === undefined ? {} : { escalation }),
    escalationCount: escalates ? existing.escalationCount + 1 : existing.escalationCount,
    ...(owner === undefined ? {} : { owner }),
    version: existing.version + 1,
  };
};

/** The occurrence record of an event on a case. */
export const occurrenceOf = (caseId: string, input: OccurrenceInput, receivedAt: Date): Occurrence => ({
  caseId,
  eventId: input.event.eventId,
  ...(input.clientId === undefined ? {} : { clientId: input.clientId }),
  type: input.event.type,
  source: input.event.source,
  occurredAt: utc(input.event.occurredAt),
  receivedAt: receivedAt.toISOString(),
  level: input.assessment.level,
  ruleIds: input.assessment.findings.map((finding) => finding.ruleId),
});

/**
 * The escalation the case's people were last paged by, if it belongs to the case's current episode: a
 * case resolved and then reopened below a paging level keeps its old marker, whose people were already
 * told of the resolution, so they get nothing more.
 */
const currentPage = (existing: RiskCase): Escalation | undefined => {
  const escalation = existing.escalation;
  if (escalation === undefined) return undefined;
  const resolvedAt = existing.resolution?.at;
  return resolvedAt !== undefined && Date.parse(resolvedAt) >= Date.parse(escalation.at)
    ? undefined
    : escalation;
};

/**
 * The follow-up marker an acknowledgement or resolution writes on a case that paged anyone (the outbox
 * the notify function publishes from, once per audience): who and when, for a resolution the root cause
 * (the last of the 5 whys), and the escalation it follows — its tier and recipients decide who hears it.
 * Nothing when the case never paged in its current episode.
 *
 * @example followUpOf(paged, 'acknowledged', { by: 'user:ana', at: '2026-12-01T10:00:00.000Z' })?.id // 'c-1#1#acknowledged'
 */
export const followUpOf = (
  existing: RiskCase,
  kind: FollowUpKind,
  what: {
    readonly by: string;
    readonly byName?: string | undefined;
    readonly at: string;
    readonly rootCause?: string | undefined;
  },
): FollowUp | undefined => {
  const escalation = currentPage(existing);
  if (escalation === undefined) return undefined;
  const byName = what.byName?.trim();
  const rootCause = what.rootCause?.trim();
  return {
    id: `${escalation.id}#${kind}`,
    kind,
    by: what.by,
    ...(byName === undefined || byName === '' ? {} : { byName }),
    at: what.at,
    ...(rootCause === undefined || rootCause === '' ? {} : { rootCause }),
    escalation,
  };
};
