/**
 * Crisis drills (DrillBadge, DrillsPage, DrillReportPage) in English: the source catalogue of area `drills`.
 * `zh-CN.ts` and `vi.ts` must have exactly these ids. Drill ids, case ids, usernames and root causes are data.
 */
export const DRILLS_EN = {
  'drills.nav': 'Drills',
  'drills.badge': 'DRILL',
  'drills.badgeHint': 'A crisis drill: not a real case. It counts in no heat map, digest or statistics.',
  'drills.title': 'Crisis drills',
  'drills.hint':
    'A drill pushes a synthetic red scenario through the real path: the case opens, its owner is paged with [DRILL], and the SLA clock runs. Acknowledge and resolve it as you would a real one; the report then shows how long each step took and what was missed.',
  'drills.kind': 'Scenario',
  'drills.kind.sentiment': 'Sentiment crisis',
  'drills.kind.budget': 'Budget blow-out',
  'drills.kind.claim': 'Banned claim live',
  'drills.run': 'Run a drill',
  'drills.confirm':
    'This pages the brand’s owner and managers with a [DRILL] message. Start a {kind} drill now?',
  'drills.confirmYes': 'Yes, start the drill',
  'drills.cancel': 'Cancel',
  'drills.starting': 'Starting the drill…',
  'drills.started': 'Drill {drillId} started.',
  'drills.startFailed': 'The drill could not be started.',
  'drills.cases': 'Drill cases',
  'drills.casesEmpty': 'No drill cases yet.',
  'drills.loading': 'drill cases',
  'drills.loadFailed': 'The drill cases could not be loaded.',
  'drills.report.title': 'Drill report {drillId}',
  'drills.report.loading': 'drill report',
  'drills.report.loadFailed': 'The drill report could not be loaded.',
  'drills.report.started': 'Started {when}; acknowledgement SLA {hours} h.',
  'drills.report.step': 'Step {n}',
  'drills.report.acknowledged': 'Acknowledged',
  'drills.report.resolved': 'Resolved',
  'drills.report.after': 'after {duration} by {actor}',
  'drills.report.notYet': 'not yet',
  'drills.report.rootCause': 'Root cause',
  'drills.report.pages': 'Pages sent',
  'drills.report.missed': 'Missed',
  'drills.report.nothingMissed': 'nothing',
  'drills.report.miss.not-acknowledged-within-sla': 'not acknowledged within the SLA',
  'drills.report.miss.not-resolved': 'not resolved',
  'drills.report.miss.no-root-cause': 'resolved without a root cause',
  'drills.report.passed': 'Passed: every step acknowledged within the SLA and resolved with a root cause.',
  'drills.report.notPassed': 'Not passed yet: see what each step missed.',
  'drills.duration.seconds': '{s} s',
  'drills.duration.minutes': '{m} min {s} s',
  'drills.duration.hours': '{h} h {m} min',
} as const;

export type DrillsMessageId = keyof typeof DRILLS_EN;
