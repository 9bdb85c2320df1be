/**
 * Guarded actions on the case page (ActionRequests) in English: the source catalogue of area `actions`.
 * `zh-CN.ts` and `vi.ts` must have exactly these ids. Usernames, notes and reasons are data.
 */
export const ACTIONS_EN = {
  'actions.title': 'Guarded actions',
  'actions.hint':
    'What this case asks of your automation (the actions policy). A manager approves or rejects; an approved action is sent to your endpoint, signed.',
  'actions.loading': 'actions',
  'actions.loadFailed': 'The actions could not be loaded.',
  'actions.kind.pause-campaign': 'Pause the campaign',
  'actions.kind.cap-budget': 'Cap the budget',
  'actions.kind.notify-webhook': 'Notify your automation',
  'actions.cap.amount': 'Cap at {amount, number}',
  'actions.cap.ratio': 'Cap at {ratio, number, percent} of plan',
  'actions.state.pending': 'Waiting for approval',
  'actions.state.approved': 'Approved, being sent',
  'actions.state.rejected': 'Rejected',
  'actions.state.executing': 'Being sent',
  'actions.state.succeeded': 'Carried out',
  'actions.state.failed': 'Failed',
  'actions.requested':
    'Requested {ago} at level {level} ({approval, select, automatic {approved by policy} other {manual approval}})',
  'actions.decided': '{state, select, rejected {Rejected} other {Approved}} by {actor}, {ago}',
  'actions.note': 'Note: {note}',
  'actions.outcome.succeeded':
    'Carried out after {attempts, plural, one {# attempt} other {# attempts}} (HTTP {status})',
  'actions.outcome.failed': 'Failed after {attempts, plural, one {# attempt} other {# attempts}}: {reason}',
  'actions.approve': 'Approve',
  'actions.reject': 'Reject',
  'actions.confirm.approve': 'Approve: {kind}?',
  'actions.confirm.reject': 'Reject: {kind}?',
  'actions.confirm.yes': 'Yes, confirm',
  'actions.confirm.no': 'Cancel',
  'actions.noteLabel': 'Note (optional)',
  'actions.deciding': 'Sending…',
  'actions.done.approved': 'Action approved: it is being sent to your automation.',
  'actions.done.rejected': 'Action rejected.',
  'actions.problem.conflict': 'Someone decided this action meanwhile; the list is up to date now.',
  'actions.problem.other': 'The decision was not saved: {detail}',
  'actions.policy.title': 'Actions by risk type',
  'actions.policy.help':
    "Each risk type's actions: kind (pause-campaign, cap-budget with amount or ratioOfPlan, notify-webhook), atLevel (yellow or red) and approval (manual or automatic).",
  'actions.policy.riskType': 'Risk type',
  'actions.policy.action': 'Action',
  'actions.policy.level': 'At level',
  'actions.policy.approval': 'Approval',
  'actions.policy.none': 'No actions: cases ask for nothing.',
  'actions.policy.document': 'The policy as JSON',
  'actions.policy.approval.manual': 'A manager approves',
  'actions.policy.approval.automatic': 'Automatic',
} as const;

export type ActionsMessageId = keyof typeof ACTIONS_EN;
