/**
 * Messages of the case work issue #16 added to the web app, in English: a case's owner and its reassignment
 * (OwnerControl), "my cases" (MineToggle), the library's server search (SearchBox, Library) and the export
 * buttons (ExportButton). The source catalogue of area `casework`; ids are `casework.<part>.<what>`, and
 * `zh-CN.ts` and `vi.ts` must have exactly these ids. Usernames, brands and file names are data.
 */
export const CASEWORK_EN = {
  // A case's owner (OwnerControl.tsx, CaseDetail.tsx, CaseList.tsx)
  'casework.owner.title': 'Owner',
  'casework.owner.none': 'Nobody owns this case yet.',
  'casework.owner.nobody': 'nobody',
  'casework.owner.row': 'Owner: {owner}',
  'casework.owner.reassignTitle': 'Reassign',
  'casework.owner.hint': 'The owner is paged first when the case escalates. Give the person’s username.',
  'casework.owner.field': 'New owner (username)',
  'casework.owner.suggestions': 'The brand’s owner and managers are suggested.',
  'casework.owner.note': 'Note (optional)',
  'casework.owner.notePlaceholder': 'e.g. Bao runs this launch',
  'casework.owner.needOwner': 'Give the username of the new owner.',
  'casework.owner.same': '{owner} already owns this case.',
  'casework.owner.submit': 'Reassign case',
  'casework.owner.failed': 'The case was not reassigned.',
  'casework.owner.done': 'Case reassigned to {owner}.',
  // "My cases" (MineToggle.tsx on the board and the library)
  'casework.mine.label': 'Whose cases',
  'casework.mine.all': 'All cases',
  'casework.mine.mine': 'My cases',
  'casework.mine.emptyTitle': 'You own no case here.',
  'casework.mine.emptyBody': 'Cases you own, or that a manager hands to you, appear here.',
  // The library's server search (SearchBox.tsx, Library.tsx)
  'casework.search.searching': 'Searching…',
  'casework.search.found': '{n, plural, one {# case matches} other {# cases match}} “{text}”',
  'casework.search.foundSoFar': '{n, plural, one {# case matches} other {# cases match}} “{text}” so far',
  'casework.search.partial':
    'Some of these words are so common that not every case containing them is listed: add a rarer word to narrow the search.',
  'casework.search.noMatch': 'No case matches “{text}”.',
  'casework.search.noMatchBody': 'Try other words, or change or clear the filters.',
  // Downloads (ExportButton.tsx)
  'casework.export.csv': 'Export CSV',
  'casework.export.csvLabel': 'Export {what} as CSV',
  'casework.export.reviewStatus': 'Reviews to export',
  'casework.export.pending': 'Waiting (the queue)',
  'casework.export.cases': 'the cases as filtered',
  'casework.export.reviews': 'the legal reviews',
  'casework.export.exceptions': 'the exceptions',
  'casework.export.evidencePack': 'Evidence pack (PDF)',
  'casework.export.evidencePackLabel': 'Download the evidence pack of copy {copyId} as PDF',
  'casework.export.preparing': 'Preparing…',
  'casework.export.progress': 'Downloading {percent}',
  'casework.export.failed': 'The file could not be downloaded.',
  'casework.export.done': '{file} downloaded.',
} as const;

export type CaseworkMessageId = keyof typeof CASEWORK_EN;
