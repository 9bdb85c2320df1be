/**
 * What the CLI's check report says around the findings, in English: the source catalogue (ICU
 * MessageFormat); `zh-CN.ts` and `vi.ts` have exactly these ids (test/cli/i18n.test.ts).
 */
export const CLI_EN = {
  'verdict.none': '{name}: {level} — no findings',
  'verdict.some':
    '{name}: {level} — {count, plural, one {# finding} other {# findings}} ({probability} probability × {impact} impact)',
  'finding.grades': '{probability} probability × {impact} impact',
  'finding.advisory': 'ADVISORY — verify the source',
  'finding.coverage': 'NOT CHECKED — no rule pack covers this market and language; review by hand',
  'finding.more': '… and {count, plural, one {# more match} other {# more matches}}',
  'finding.basis': 'basis     ',
  'finding.suggestion': 'suggestion',
  'finding.known': 'known',
  'finding.new': 'NEW',
  'finding.newOf': 'NEW ({count} of {total} matches)',
  'run.copies': '{count} copies checked: {attention, plural, one {# needs} other {# need}} attention',
  'rules.shipped': 'rules: shipped packs {rules} · matrix {matrix}',
  'rules.server': 'rules: in force on {url}: {rules} · matrix {matrix}',
} as const;

export type CliMessageId = keyof typeof CLI_EN;
