import { createHash } from 'node:crypto';
import { brandKey, covers, marketKey, type Scope } from '#shared/auth/scope.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import type { Review } from '#shared/domain/review.ts';
import { ValidationError } from '#shared/errors.ts';
import type { CaseQuery } from '#shared/ports.ts';
import { caseTexts, reviewTexts, termsOf } from './postings.ts';
import { queryTerms } from './tokenise.ts';

/**
 * What a search asks and how its answer is checked, pure: the query's terms, the opaque cursor, and the
 * final check of a case against the query (postings are written from the table stream, so they may lag a
 * write by seconds: a case is shown only when the case itself, read strongly consistent, still matches).
 */

/** A query of more words than this is refused: each word is one more posting list to read. */
export const MAX_QUERY_TERMS = 12;

/** The list filters a search combines with its words (GET /v1/cases without `q`, `limit` and `cursor`). */
export type SearchFilters = Omit<CaseQuery, 'limit' | 'cursor' | 'scope'>;

/**
 * The terms of `q`, all required.
 *
 * @throws {ValidationError} when `q` has no word to search (only stop words or punctuation) or too many.
 */
export const searchTermsOf = (q: string): string[] => {
  const terms = queryTerms(q);
  if (terms.length === 0) {
    throw new ValidationError('The search has no word to look for', [
      { path: 'q', message: 'give at least one word (common words such as "the" are not indexed)' },
    ]);
  }
  if (terms.length > MAX_QUERY_TERMS) {
    throw new ValidationError('The search has too many words', [
      {
        path: 'q',
        message: `at most ${MAX_QUERY_TERMS} words (a Chinese phrase counts its character pairs)`,
      },
    ]);
  }
  return terms;
};

/** A candidate in the order results are listed: newest `lastSeenAt` first, then case id. */
export interface Candidate {
  readonly caseId: string;
  readonly lastSeenAt: string;
}

/** The position a candidate holds in the order (descending): `<lastSeenAt>#<caseId>`. */
export const positionOf = (candidate: Candidate): string => `${candidate.lastSeenAt}#${candidate.caseId}`;

export const newestFirst = (a: Candidate, b: Candidate): number => {
  const left = positionOf(a);
  const right = positionOf(b);
  return left < right ? 1 : left > right ? -1 : 0;
};

/** What a cursor is tied to: the terms and filters, so a cursor of another search is refused. */
export const searchFingerprint = (terms: readonly string[], filters: SearchFilters, scope: Scope): string =>
  createHash('sha256')
    .update(JSON.stringify([terms, Object.entries(filters).sort(), scope]))
    .digest('base64url')
    .slice(0, 16);

const invalidCursor = (message: string): ValidationError =>
  new ValidationError('The cursor is not valid for this search; start again without it', [
    { path: 'cursor', message },
  ]);

/** The cursor of a page: the last position examined, tied to the search. */
export const encodeSearchCursor = (fingerprint: string, after: string): string =>
  Buffer.from(JSON.stringify({ s: fingerprint, after }), 'utf8').toString('base64url');

/**
 * The position a cursor resumes after.
 *
 * @throws {ValidationError} for a cursor that is not one of this search's.
 */
export const decodeSearchCursor = (cursor: string, fingerprint: string): string => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor('a cursor is base64url text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('unknown or tampered cursor');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as { s?: unknown }).s !== 'string' ||
    typeof (parsed as { after?: unknown }).after !== 'string'
  ) {
    throw invalidCursor('unknown or tampered cursor');
  }
  const { s, after } = parsed as { s: string; after: string };
  if (s !== fingerprint) throw invalidCursor('the cursor belongs to another search; start again without it');
  if (!/^\d{4}-\d\d-\d\dT[\d:.]+Z#[A-Za-z0-9_-]{1,64}$/.test(after))
    throw invalidCursor('unknown or tampered cursor');
  return after;
};

const same = (wanted: string | undefined, actual: string | undefined, key = (v: string) => v): boolean =>
  wanted === undefined || (actual !== undefined && key(wanted) === key(actual));

/**
 * Whether a case, as it is now, answers the search: the caller's scope covers it, every filter holds, and
 * its texts (with its review's) hold every term.
 */
export const caseMatches = (
  value: RiskCase,
  review: Review | undefined,
  terms: readonly string[],
  filters: SearchFilters,
  scope: Scope,
): boolean => {
  const { subject } = value;
  if (!covers(scope, { brand: subject.brand, market: subject.market })) return false;
  if (
    !same(filters.level, value.level) ||
    !same(filters.status, value.status) ||
    !same(filters.riskType, value.riskType) ||
    !same(filters.brand, subject.brand, brandKey) ||
    !same(filters.market, subject.market, marketKey) ||
    !same(filters.campaignId, subject.campaignId) ||
    !same(filters.owner, value.owner)
  ) {
    return false;
  }
  if (filters.from !== undefined && value.lastSeenAt < filters.from) return false;
  if (filters.to !== undefined && value.lastSeenAt >= filters.to) return false;
  const indexed = new Set([
    ...termsOf(caseTexts(value)),
    ...(review === undefined ? [] : termsOf(reviewTexts(review))),
  ]);
  return terms.every((term) => indexed.has(term));
};
