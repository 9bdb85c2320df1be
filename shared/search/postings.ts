import { brandKey, marketKey } from '#shared/auth/scope.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import type { Review } from '#shared/domain/review.ts';
import { localizeFinding } from '#shared/i18n/findings.ts';
import { LOCALES } from '#shared/i18n/locales.ts';
import { indexTerms } from './tokenise.ts';

/**
 * The inverted index of the case library (README "Search"): one posting per term and case and source item,
 * `SEARCH#<term>` / `<caseId>#<source>`, carrying what the list filters and the caller's scope test, so a
 * query filters postings without reading cases. Pure: what a case or review is indexed under, and what
 * changes in the index when it changes.
 */

/** The items of a case whose text is indexed: the case itself, and legal's review of its copy. */
export const SEARCH_SOURCES = ['case', 'review'] as const;
export type SearchSource = (typeof SEARCH_SOURCES)[number];

/**
 * At most this many distinct terms per source item (a 30,000-character resolution in Chinese would have
 * tens of thousands of pairs): the text people wrote comes first, so its words are the last to be cut.
 */
export const MAX_TERMS_PER_SOURCE = 4_000;

/** What a posting carries for filters and scopes: the case's, as the case list filters on them. */
export interface PostingAttributes {
  readonly level: string;
  readonly status: string;
  readonly riskType: string;
  /** `brandKey` of the subject's brand (scopes and the brand filter compare case-folded). */
  readonly brand?: string;
  /** `marketKey` of the subject's market (`UK` = `GB`). */
  readonly market?: string;
  readonly campaignId?: string;
  readonly owner?: string;
  /**
   * When the case was last seen, as of the last time its postings were written: rewriting every posting
   * of a case on each occurrence would cost its whole term list per event, so the postings follow
   * `lastSeenAt` only when it moves to another UTC day (`attributesChanged`). It may therefore be up to a
   * day behind the case: the query widens `from` by a day and checks the case itself.
   */
  readonly lastSeenAt: string;
}

export interface PostingKey {
  readonly term: string;
  readonly caseId: string;
  readonly source: SearchSource;
}

export type Posting = PostingKey & PostingAttributes;

/** What to write to the index for one change of a case or a review. */
export interface PostingChanges {
  readonly put: readonly Posting[];
  readonly remove: readonly PostingKey[];
}

export const NO_CHANGES: PostingChanges = { put: [], remove: [] };

/** How far a posting's `lastSeenAt` may lag the case's (see `PostingAttributes.lastSeenAt`). */
export const LAST_SEEN_LAG_MS = 24 * 3600 * 1000;

export const postingAttributes = (value: RiskCase): PostingAttributes => ({
  level: value.level,
  status: value.status,
  riskType: value.riskType,
  ...(value.subject.brand === undefined ? {} : { brand: brandKey(value.subject.brand) }),
  ...(value.subject.market === undefined ? {} : { market: marketKey(value.subject.market) }),
  ...(value.subject.campaignId === undefined ? {} : { campaignId: value.subject.campaignId }),
  ...(value.owner === undefined ? {} : { owner: value.owner }),
  lastSeenAt: value.lastSeenAt,
});

const FILTERED: readonly (keyof PostingAttributes)[] = [
  'level',
  'status',
  'riskType',
  'brand',
  'market',
  'campaignId',
  'owner',
];

/**
 * Whether a case's postings must be rewritten: a filter field changed, or `lastSeenAt` moved to another
 * UTC day (a new occurrence the same day leaves them as they are).
 */
export const attributesChanged = (before: PostingAttributes, after: PostingAttributes): boolean =>
  FILTERED.some((field) => before[field] !== after[field]) ||
  before.lastSeenAt.slice(0, 10) !== after.lastSeenAt.slice(0, 10);

/**
 * The texts of a case that search reads, people's words first: the resolution (the 5 whys, measures,
 * improvement plan, note), the acknowledgement note, the subject, then each finding's rule id, basis,
 * evidence and its message and suggestion in every locale.
 */
export const caseTexts = (value: RiskCase): string[] => {
  const texts: string[] = [];
  const { resolution, acknowledgement, subject } = value;
  if (resolution !== undefined) {
    texts.push(...resolution.whys, ...resolution.measures, resolution.improvementPlan);
    if (resolution.note !== undefined) texts.push(resolution.note);
  }
  if (acknowledgement?.note !== undefined) texts.push(acknowledgement.note);
  for (const field of [subject.label, subject.brand, subject.campaignId, subject.product, subject.channel]) {
    if (field !== undefined) texts.push(field);
  }
  for (const finding of value.findings) {
    texts.push(finding.ruleId);
    if (finding.basis !== undefined) texts.push(finding.basis);
    for (const evidence of finding.evidence ?? []) texts.push(evidence.text);
    for (const locale of LOCALES) {
      const localized = localizeFinding(finding, locale);
      texts.push(localized.message);
      if (localized.suggestion !== undefined) texts.push(localized.suggestion);
    }
  }
  return texts;
};

/** The text of a review that search reads: legal's decision note. */
export const reviewTexts = (value: Review): string[] =>
  value.decision === undefined ? [] : [value.decision.note];

/** The distinct terms of some texts, in order, at most `MAX_TERMS_PER_SOURCE`. */
export const termsOf = (texts: readonly string[]): string[] => {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const term of indexTerms(text)) {
      terms.add(term);
      if (terms.size >= MAX_TERMS_PER_SOURCE) return [...terms];
    }
  }
  return [...terms];
};

/** What one source item of a case is indexed under, before or after a change; undefined when absent. */
export interface IndexedSource {
  readonly terms: readonly string[];
  /** The case's attributes; undefined when the case is unknown (its postings are not written then). */
  readonly attributes?: PostingAttributes;
}

/**
 * The postings to write and delete when one source item of a case goes from `before` to `after`: terms it
 * lost are deleted, terms it gained are put, and every term is put again when the attributes changed
 * (`attributesChanged`). Applying the result twice changes nothing: a retried stream batch is harmless.
 *
 * @example diffPostings('c-1', 'case', { terms: ['a', 'b'], attributes }, { terms: ['b', 'c'], attributes })
 * // { put: [c], remove: [a] }
 */
export const diffPostings = (
  caseId: string,
  source: SearchSource,
  before: IndexedSource | undefined,
  after: IndexedSource | undefined,
): PostingChanges => {
  const old = new Set(before?.terms ?? []);
  const now = new Set(after?.terms ?? []);
  const remove = [...old]
    .filter((term) => !now.has(term) || after?.attributes === undefined)
    .map((term) => ({ term, caseId, source }));
  const attributes = after?.attributes;
  if (attributes === undefined) return { put: [], remove };
  const rewriteAll = before?.attributes === undefined || attributesChanged(before.attributes, attributes);
  const put = [...now]
    .filter((term) => rewriteAll || !old.has(term))
    .map((term) => ({ term, caseId, source, ...attributes }));
  return { put, remove };
};
