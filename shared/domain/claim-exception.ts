import { findingText, sentence } from '#shared/i18n/findings.ts';
import { isTextRef, type LocalizedText, type Text } from '#shared/i18n/texts.ts';
import type { Assessment } from './assess.ts';
import { assess } from './assess.ts';
import type { Finding } from './finding.ts';
import { baselineLevel, type RiskMatrix } from './risk-matrix.ts';
import { endOfDay, lastUtcDayBefore, spelledTimeZone } from './time-zones.ts';

/**
 * When an exception stops: legal's calendar date, the zone it is read in, and the instant that day ends
 * there. People read `expiresOn` ("until 1 March" shows 1 March in every reader's zone); the engine compares
 * `expiresAt`.
 */
export interface ExceptionExpiry {
  /** The last calendar day (`2027-03-01`) the exception is in force, inclusive. */
  readonly expiresOn: string;
  /** The IANA time zone `expiresOn` is read in: the granting reviewer's, else the copy's market's. */
  readonly timeZone: string;
  /** The first instant after `expiresOn` in `timeZone` (ISO, UTC): from then on it is expired. */
  readonly expiresAt: string;
}

/**
 * The expiry "until `date`" means in `timeZone`: in force to the end of that day there, summer time included.
 *
 * @example expiryOn('2027-03-01', 'Asia/Ho_Chi_Minh').expiresAt; // '2027-03-01T17:00:00.000Z'
 * @throws RangeError for a zone `Intl` does not know or a date that is not `YYYY-MM-DD`
 */
export const expiryOn = (date: string, timeZone: string): ExceptionExpiry => {
  const zone = spelledTimeZone(timeZone);
  return { expiresOn: date, timeZone: zone, expiresAt: endOfDay(date, zone) };
};

/**
 * The expiry of an instant (the deprecated `expiresAt` of the API, and exceptions stored before calendar
 * dates): the instant kept as given, its last day read in UTC (`2027-03-01T23:59:59Z` is 1 March).
 */
export const expiryAt = (instant: string): ExceptionExpiry => ({
  expiresOn: lastUtcDayBefore(instant),
  timeZone: 'UTC',
  expiresAt: new Date(instant).toISOString(),
});

/**
 * A documented, expiring exception legal grants for a substantiated claim (e.g. "第一" backed by a
 * market-share report): until it expires, that brand's copy using that claim is not flagged; the finding
 * stays visible and says which exception allows it.
 */
export interface ClaimException extends ExceptionExpiry {
  readonly exceptionId: string;
  readonly brand: string;
  /**
   * The market of the copy it was granted on: who sees it (a market-scoped reviewer sees their markets'
   * exceptions). The engine applies it to the brand's copy in every market. Absent on older exceptions.
   */
  readonly market?: string;
  /** The rule whose finding is allowed. */
  readonly ruleId: string;
  /** When set, only this phrase (as written in the evidence) is allowed, not every match of the rule. */
  readonly phrase?: string;
  /** What substantiates the claim: a report, study or certificate reference. */
  readonly evidence: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
  readonly reviewId: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
}

/** An exception as stored, perhaps before it had a calendar date (then its instant's UTC day). */
export const withExpiryDay = (
  stored: Omit<ClaimException, 'expiresOn' | 'timeZone'> & Partial<ExceptionExpiry>,
): ClaimException =>
  stored.expiresOn !== undefined && stored.timeZone !== undefined
    ? (stored as ClaimException)
    : { ...stored, ...expiryAt(stored.expiresAt) };

/** In force at `now`: not revoked and not yet expired. */
export const isActive = (exception: ClaimException, now: Date): boolean =>
  exception.revokedAt === undefined && Date.parse(exception.expiresAt) > now.getTime();

const fold = (text: string): string => text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, '');

const covers = (exception: ClaimException, brand: string, finding: Finding): boolean =>
  exception.brand === brand &&
  exception.ruleId === finding.ruleId &&
  (exception.phrase === undefined ||
    (finding.evidence ?? []).some((evidence) => fold(evidence.text) === fold(exception.phrase ?? '')));

/**
 * The covered finding's own message as a value of the "allowed" sentence: its text in every locale (a
 * catalogue sentence rendered in each, so the sentence needs no nesting), else its English message.
 */
const originalMessage = (finding: Finding): string | LocalizedText => {
  const text: Text | undefined = finding.texts?.message;
  if (text === undefined) return finding.message;
  if (!isTextRef(text)) return text;
  return { en: findingText('en', text), 'zh-CN': findingText('zh-CN', text), vi: findingText('vi', text) };
};

/**
 * Applies the brand's active exceptions to an ad-copy assessment: a covered finding drops to the lowest
 * level and names its exception; the assessment is re-graded from the findings still in force.
 * @example applyExceptions(matrix, assessment, 'Acme', exceptions, now).findings[0]?.exception
 */
export const applyExceptions = (
  matrix: RiskMatrix,
  assessment: Assessment,
  brand: string,
  exceptions: readonly ClaimException[],
  now: Date,
): Assessment => {
  const active = exceptions.filter((exception) => isActive(exception, now));
  if (active.length === 0) return assessment;
  const inForce: Finding[] = [];
  const findings = assessment.findings.map((finding) => {
    const exception = active.find((candidate) => covers(candidate, brand, finding));
    if (exception === undefined) {
      inForce.push(finding);
      return finding;
    }
    const message = sentence('exception.allowed', {
      id: exception.exceptionId,
      expiresOn: { date: exception.expiresOn },
      evidence: exception.evidence,
      message: originalMessage(finding),
    });
    return {
      ...finding,
      level: baselineLevel(matrix),
      message: findingText('en', message),
      texts: { ...finding.texts, message },
      exception: {
        id: exception.exceptionId,
        expiresOn: exception.expiresOn,
        expiresAt: exception.expiresAt,
      },
    };
  });
  return { ...assess(matrix, inForce, assessment.engine), findings };
};
