import type { RiskCase } from '#shared/domain/case.ts';
import { type ClaimException, isActive } from '#shared/domain/claim-exception.ts';
import type { Finding } from '#shared/domain/finding.ts';
import type { Review } from '#shared/domain/review.ts';
import { localizeFinding } from '#shared/i18n/findings.ts';
import type { Locale } from '#shared/i18n/locales.ts';
import { domainWord, subjectText } from '#shared/i18n/vocabulary.ts';
import type { Column } from './csv.ts';
import { exportText } from './labels.ts';

/**
 * The columns of the three CSV exports, as a legal or finance person reads them: ids first, then what the
 * record is about (level, matrix cell, risk type, brand, market, campaign, owner, status), then what people
 * did with it. Domain words and finding messages are in the reader's language; instants stay ISO-8601 UTC
 * (what a spreadsheet sorts and parses); lists are one item a line within their cell.
 */

const lines = (items: readonly string[] | undefined): string | undefined =>
  items === undefined || items.length === 0 ? undefined : items.join('\n');

const numbered = (items: readonly string[]): string | undefined =>
  lines(items.map((item, index) => `${index + 1}. ${item}`));

const message = (finding: Finding, locale: Locale): string => localizeFinding(finding, locale).message;

const cell = (locale: Locale, probability: string, impact: string): string =>
  `${domainWord(locale, 'grade', probability)} × ${domainWord(locale, 'grade', impact)}`;

export const CASE_COLUMNS: readonly Column<RiskCase>[] = [
  { header: 'column.caseId', value: (c) => c.caseId },
  { header: 'column.level', value: (c, locale) => domainWord(locale, 'level', c.level) },
  { header: 'column.cell', value: (c, locale) => cell(locale, c.probability, c.impact) },
  { header: 'column.riskType', value: (c, locale) => domainWord(locale, 'riskType', c.riskType) },
  { header: 'column.subject', value: (c, locale) => subjectText(locale, c.subject) },
  { header: 'column.brand', value: (c) => c.subject.brand },
  { header: 'column.market', value: (c) => c.subject.market },
  { header: 'column.campaign', value: (c) => c.subject.campaignId },
  { header: 'column.channel', value: (c) => c.subject.channel },
  { header: 'column.owner', value: (c) => c.owner },
  { header: 'column.status', value: (c, locale) => exportText(locale, `caseStatus.${c.status}`) },
  { header: 'column.occurrences', value: (c) => c.occurrences },
  { header: 'column.firstSeen', value: (c) => c.firstSeenAt },
  { header: 'column.lastSeen', value: (c) => c.lastSeenAt },
  { header: 'column.headlineRule', value: (c) => c.findings[0]?.ruleId },
  {
    header: 'column.headlineFinding',
    value: (c, locale) => (c.findings[0] === undefined ? undefined : message(c.findings[0], locale)),
  },
  { header: 'column.legalBasis', value: (c) => c.findings[0]?.basis },
  { header: 'column.acknowledgedBy', value: (c) => c.acknowledgement?.by },
  { header: 'column.acknowledgedAt', value: (c) => c.acknowledgement?.at },
  { header: 'column.acknowledgementNote', value: (c) => c.acknowledgement?.note },
  // The five whys run from the first answer to the root cause: the last one is the root cause.
  { header: 'column.rootCause', value: (c) => c.resolution?.whys.at(-1) },
  {
    header: 'column.whys',
    value: (c) => (c.resolution === undefined ? undefined : numbered(c.resolution.whys)),
  },
  { header: 'column.measures', value: (c) => lines(c.resolution?.measures) },
  { header: 'column.improvementPlan', value: (c) => c.resolution?.improvementPlan },
  { header: 'column.resolvedBy', value: (c) => c.resolution?.by },
  { header: 'column.resolvedAt', value: (c) => c.resolution?.at },
  // A crisis drill's case (only in an export that asks for them, `drill=only|include`): its drill id.
  { header: 'column.drill', value: (c) => c.drill?.drillId },
];

export const REVIEW_COLUMNS: readonly Column<Review>[] = [
  { header: 'column.reviewId', value: (r) => r.reviewId },
  { header: 'column.caseId', value: (r) => r.caseId },
  { header: 'column.status', value: (r, locale) => exportText(locale, `reviewStatus.${r.status}`) },
  { header: 'column.round', value: (r) => r.round },
  { header: 'column.level', value: (r, locale) => domainWord(locale, 'level', r.level) },
  { header: 'column.brand', value: (r) => r.copy.brand },
  { header: 'column.market', value: (r) => r.copy.market },
  { header: 'column.campaign', value: (r) => r.copy.campaignId },
  { header: 'column.copyId', value: (r) => r.copy.copyId },
  { header: 'column.language', value: (r) => r.copy.lang },
  { header: 'column.category', value: (r) => r.copy.category },
  { header: 'column.copyText', value: (r) => r.copy.text },
  {
    header: 'column.findings',
    value: (r, locale) =>
      lines(
        r.findings.map(
          (finding) =>
            `[${domainWord(locale, 'level', finding.level)}] ${finding.ruleId}: ${message(finding, locale)}`,
        ),
      ),
  },
  { header: 'column.ruleIds', value: (r) => lines(r.findings.map((finding) => finding.ruleId)) },
  {
    header: 'column.legalBasis',
    value: (r) => lines([...new Set(r.findings.flatMap((finding) => finding.basis ?? []))]),
  },
  { header: 'column.decidedBy', value: (r) => r.decision?.by },
  { header: 'column.decidedAt', value: (r) => r.decision?.at },
  { header: 'column.decisionNote', value: (r) => r.decision?.note },
  { header: 'column.exceptionId', value: (r) => r.decision?.exceptionId },
  { header: 'column.submittedAt', value: (r) => r.createdAt },
];

/** The state of an exception at `now`: revoked, expired, or in force. */
const exceptionState = (exception: ClaimException, now: Date) =>
  exception.revokedAt !== undefined ? 'revoked' : isActive(exception, now) ? 'active' : 'expired';

/** The exception export's columns; its state is read at `now` (the time of the export). */
export const exceptionColumns = (now: Date): readonly Column<ClaimException>[] => [
  { header: 'column.exceptionId', value: (e) => e.exceptionId },
  {
    header: 'column.state',
    value: (e, locale) => exportText(locale, `exceptionState.${exceptionState(e, now)}`),
  },
  { header: 'column.brand', value: (e) => e.brand },
  { header: 'column.ruleId', value: (e) => e.ruleId },
  { header: 'column.phrase', value: (e) => e.phrase },
  { header: 'column.evidence', value: (e) => e.evidence },
  { header: 'column.expiresOn', value: (e) => e.expiresOn },
  { header: 'column.timeZone', value: (e) => e.timeZone },
  { header: 'column.expiresAt', value: (e) => e.expiresAt },
  { header: 'column.grantedBy', value: (e) => e.grantedBy },
  { header: 'column.grantedAt', value: (e) => e.grantedAt },
  { header: 'column.reviewId', value: (e) => e.reviewId },
  { header: 'column.revokedBy', value: (e) => e.revokedBy },
  { header: 'column.revokedAt', value: (e) => e.revokedAt },
];
