import type { DrillMiss, DrillReport } from '#shared/domain/drill.ts';

/** What a person reads for each miss of a drill step. */
const MISS_TEXT: Readonly<Record<DrillMiss, string>> = {
  'not-acknowledged-within-sla': 'not acknowledged within the SLA',
  'not-resolved': 'not resolved',
  'no-root-cause': 'resolved without a root cause',
};

/**
 * A duration as a person says it: seconds under a minute, then minutes, then hours and minutes.
 * @example duration(3_725) // '1 h 2 min'
 */
export const duration = (seconds: number): string => {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/** The actor as the audit trail writes it (`user:ana`), shown as the username. */
const who = (actor: string | undefined): string => actor?.replace(/^user:/, '') ?? '-';

/** The drill report as lines: one block per step, then the verdict. */
export const reportLines = (report: DrillReport): string[] => [
  `Drill ${report.drillId}${report.startedAt === undefined ? '' : `, started ${report.startedAt}`} (SLA ${report.slaHours} h)`,
  ...report.steps.flatMap((step, index) => [
    '',
    `Step ${index + 1}: ${step.level.toUpperCase()} ${step.riskType} — ${step.subject}  (${step.caseId}, ${step.status})`,
    `  acknowledged: ${
      step.secondsToAcknowledge === undefined
        ? 'not yet'
        : `after ${duration(step.secondsToAcknowledge)} by ${who(step.acknowledgedBy ?? step.resolvedBy)}`
    }`,
    `  resolved:     ${
      step.secondsToResolve === undefined
        ? 'not yet'
        : `after ${duration(step.secondsToResolve)} by ${who(step.resolvedBy)}`
    }`,
    ...(step.rootCause === undefined ? [] : [`  root cause:   ${step.rootCause}`]),
    `  pages sent:   ${step.escalations}`,
    `  missed:       ${step.missed.length === 0 ? 'nothing' : step.missed.map((miss) => MISS_TEXT[miss]).join('; ')}`,
  ]),
  '',
  report.passed
    ? 'Passed: every step acknowledged within the SLA and resolved with a root cause.'
    : 'Not passed yet: see what each step missed.',
];
