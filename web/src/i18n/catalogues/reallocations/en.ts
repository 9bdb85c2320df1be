/**
 * Budget re-allocations on the campaign page (ReallocationPanel) in English: the source catalogue of area
 * `reallocations`. `zh-CN.ts` and `vi.ts` must have exactly these ids. Campaign ids, usernames, reasons and
 * notes are data; money and dates arrive formatted for the locale.
 */
export const REALLOCATIONS_EN = {
  'reallocations.title': 'Budget re-allocations',
  'reallocations.hint':
    'Budget moves between campaigns with a reason and the approval of a second manager. Once approved, both plans change and spend is judged against the new plans.',
  'reallocations.empty': 'No re-allocations of this campaign yet.',
  'reallocations.loadFailed': 'The re-allocations could not be loaded.',
  'reallocations.loading': 're-allocations',
  'reallocations.column.state': 'State',
  'reallocations.column.move': 'Move',
  'reallocations.column.requested': 'Requested',
  'reallocations.column.decided': 'Decided',
  'reallocations.state.requested': 'Waiting for approval',
  'reallocations.state.approved': 'Approved',
  'reallocations.state.rejected': 'Rejected',
  'reallocations.direction.out': 'Out to {campaign}',
  'reallocations.direction.in': 'In from {campaign}',
  'reallocations.by': '{actor}, {when}',
  'reallocations.why': 'Why: {text}',
  'reallocations.applied': 'Plans: {from} → {fromAfter}; {to} → {toAfter}',
  'reallocations.notDecided': 'Not decided yet',
  'reallocations.yours': 'You requested it: another manager decides.',
  'reallocations.note': 'Note for the decision',
  'reallocations.noteHint': 'Why you approve or reject it (recorded).',
  'reallocations.approve': 'Approve',
  'reallocations.reject': 'Reject',
  'reallocations.deciding': 'Saving…',
  'reallocations.decided': 'Re-allocation decided: {state}.',
  'reallocations.noteMissing': 'Say why before you decide.',
  'reallocations.form.title': 'Request a re-allocation',
  'reallocations.form.direction': 'Direction',
  'reallocations.form.out': 'From this campaign to another',
  'reallocations.form.in': 'From another campaign to this one',
  'reallocations.form.other': 'Other campaign id',
  'reallocations.form.amount': 'Amount',
  'reallocations.form.currency': 'Currency',
  'reallocations.form.reason': 'Reason',
  'reallocations.form.reasonHint': 'Required: why the budget should move.',
  'reallocations.form.submit': 'Request',
  'reallocations.form.sending': 'Sending…',
  'reallocations.form.sent': 'Re-allocation requested: another manager decides it.',
  'reallocations.form.incomplete': 'Fill in the other campaign, an amount above 0, a currency and a reason.',
  'reallocations.problem.forbidden':
    'You requested this re-allocation: another manager approves or rejects it.',
  'reallocations.problem.conflict':
    'It was already decided, or the plans changed meanwhile: the list is reloaded.',
  'reallocations.problem.notFound': 'No such campaign in your scope.',
  'reallocations.problem.plans': 'The plans do not allow it: {detail}',
  'reallocations.problem.other': 'It could not be saved: {detail}',
} as const;

export type ReallocationsMessageId = keyof typeof REALLOCATIONS_EN;
