import type { AuditAction, CaseStatus, Decision, RiskType } from './types.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat(undefined, {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const formatDateTime = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
};

export const formatDate = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
};

/** "5 minutes ago", "in 3 days". */
export const formatAgo = (iso: string, now = Date.now()): string => {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (Number.isNaN(seconds)) return '';
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
};

/** `plannedBudget` → "Planned budget". */
export const humanize = (key: string): string => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * A finding's number as a person reads it: shares as percentages, overruns as signed percentages, other
 * ratios as multiples (README "Responses"; shared/domain/spend-rules.ts names them so).
 */
export const formatMetric = (
  key: string,
  value: number,
  siblings: Readonly<Record<string, number>> = {},
): string => {
  if (/overrun/i.test(key)) return signedPercent.format(value);
  // Spend and sentiment findings state how surprising their counts are; 0.00002 must not read "0".
  if (key === 'pValue') return value > 0 && value < 0.001 ? value.toExponential(1) : number.format(value);
  if (/share$/i.test(key)) return percent.format(value);
  if (/ratio$/i.test(key)) return `${number.format(value)}×`;
  // Sentiment findings state their line and change as shares too (shared/domain/sentiment-rules.ts).
  const aboutShares = Object.keys(siblings).some((name) => /share$/i.test(name));
  if (aboutShares && key === 'threshold') return percent.format(value);
  if (aboutShares && key === 'delta') return signedPercent.format(value);
  // Money and counts in the hundreds and more read better without cents.
  return Math.abs(value) >= 100 ? whole.format(value) : number.format(value);
};

export const RISK_TYPES: readonly RiskType[] = ['budget', 'channel', 'reputation', 'compliance'];

export const RISK_TYPE_LABELS: Readonly<Record<RiskType, string>> = {
  budget: 'Budget',
  channel: 'Channel',
  reputation: 'Reputation',
  compliance: 'Compliance',
};

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

/** What the buttons say: the decision as an action. */
export const DECISION_ACTIONS: Readonly<Record<Decision, string>> = {
  approved: 'Approve',
  rejected: 'Reject',
  changes_requested: 'Request changes',
};

export const DECISION_LABELS: Readonly<Record<Decision, string>> = {
  approved: 'Approved',
  rejected: 'Rejected',
  changes_requested: 'Changes requested',
};

export const LEVEL_LABELS: Readonly<Record<string, string>> = {
  red: 'Red · urgent',
  yellow: 'Yellow · needs attention',
  green: 'Green · normal',
};

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  zh: 'Chinese',
  vi: 'Vietnamese',
  en: 'English',
};

/** `user:ana@example.com` → "ana@example.com"; `system:sla` → "SLA check". */
export const formatActor = (actor: string): string => {
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  if (kind === 'user') return name;
  if (kind === 'client') return `${name} (pushing system)`;
  if (kind === 'system') return name === 'sla' ? 'SLA check' : `${name} (automatic)`;
  return actor;
};

export const AUDIT_LABELS: Readonly<Record<AuditAction, string>> = {
  opened: 'Opened',
  'level-rose': 'Level rose',
  reopened: 'Reopened',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  escalated: 'Escalated to managers',
  'review-decided': 'Legal review decided',
};
