/**
 * The sentences of spend, sentiment and exception findings, in English: the source catalogue. Each is an
 * ICU MessageFormat string; `zh-CN.ts` and `vi.ts` must have exactly these ids with the same placeholders
 * (test/unit/i18n/catalogues.test.ts). Money and dates arrive already formatted for the locale.
 */
export const FINDINGS_EN = {
  'claim.violation': '{quoted}: {message}',
  'claim.advisory': '{quoted}: lawful only with the cited source — verify the source. {message}',
  'claim.missing': '{message}',
  'exception.allowed': 'Allowed by exception {id} until {expiresOn} ({evidence}): {message}',
} as const;

export type FindingMessageId = keyof typeof FINDINGS_EN;
