/**
 * The escalation and digest messages managers receive (e-mail, SMS), in English: the source catalogue.
 * `zh-CN.ts` and `vi.ts` must have exactly these ids with the same placeholders
 * (test/unit/i18n/notification-catalogues.test.ts). Times, numbers and money arrive formatted for the
 * reader; `level`, `riskType`, `probability` and `impact` arrive as the domain's words
 * (shared/i18n/vocabulary.ts: the level upper-cased, the others lower-cased in English and Vietnamese
 * sentences), `subject` rendered by `subjectText` (shared/i18n/vocabulary.ts).
 */
export const NOTIFICATIONS_EN = {
  reason:
    '{reason, select, opened {case opened} level_rose {level rose} reopened {case reopened} sla_lapsed {not acknowledged in time} other {{reason}}}',
  'headline.first': '[{level}]',
  'headline.repeat': '[{level}] TIER {tier}, unacknowledged:',
  'headline.repeatAfter': '[{level}] TIER {tier}, unacknowledged after {hours} h:',
  'escalation.subject': '{headline} {riskType} risk: {subject}',
  'escalation.repeat': 'Tier {tier}: nobody acknowledged this case.',
  'escalation.repeatSince':
    'Tier {tier}: nobody acknowledged this case since the tier {previousTier} page at {previousAt} ({hours} h).',
  'escalation.what': '{level} {riskType} risk on {subject}.',
  'escalation.matrix': 'Risk matrix cell: probability {probability} × impact {impact}.',
  'escalation.occurrences':
    '{count, plural, one {# occurrence} other {# occurrences}} (first {first}, last {last}).',
  'escalation.findings': 'Findings:',
  'escalation.paged': 'Paged: {names}.',
  'escalation.pagedEveryone': 'Paged: every subscribed manager.',
  'escalation.ownerName': '{name} (owner)',
  'escalation.finding': '- [{level}] {message}',
  'escalation.findingNumbers': '- [{level}] {message} ({numbers})',
  'escalation.open': 'Open the case: {link}',
  'escalation.acknowledge': 'Acknowledge it there to stop the SLA clock.',
  'escalation.reference': 'Escalation {id} (tier {tier}, {reason}) at {at}.',
  'sms.headline.first': '[{level}]',
  'sms.headline.repeat': '[{level}, TIER {tier}, unacknowledged]',
  'sms.escalation': '{headline} {riskType} risk: ',
  'sms.escalationShort': '{headline} {riskType} risk',
  'digest.subject': 'Risk digest: {count, plural, one {# new case} other {# new cases}} needing attention',
  'digest.intro': 'New cases needing attention, recorded between {since} and {until}:',
  'digest.case':
    '- [{level}] {riskType}: {subject} ({count, plural, one {# occurrence} other {# occurrences}}) — {link}',
  'digest.quiet': 'Nothing here pages anyone.',
  'followUp.headline.acknowledged': '[{level}] Acknowledged by {name}',
  'followUp.headline.resolved': '[{level}] Resolved by {name}',
  'followUp.subject': '{headline}: {riskType} risk: {subject}',
  'followUp.acknowledged': 'Acknowledged by {name} at {at}.',
  'followUp.resolved': 'Resolved by {name} at {at}.',
  'followUp.rootCause': 'Root cause: {rootCause}',
  'followUp.reference': 'Follow-up to escalation {id} (tier {tier}) of {at}, which paged you.',
  'sms.followUp.rootCause': '{headline}, root cause: ',
} as const;

export type NotificationMessageId = keyof typeof NOTIFICATIONS_EN;
