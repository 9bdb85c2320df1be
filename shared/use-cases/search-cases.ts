import { type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import type { Scope } from '#shared/auth/scope.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import type { Review } from '#shared/domain/review.ts';
import type { Page } from '#shared/ports.ts';
import { LAST_SEEN_LAG_MS } from '#shared/search/postings.ts';
import {
  type Candidate,
  caseMatches,
  decodeSearchCursor,
  encodeSearchCursor,
  newestFirst,
  positionOf,
  type SearchFilters,
  searchFingerprint,
  searchTermsOf,
} from '#shared/search/query.ts';
import { OWNER_ME } from './read-cases.ts';

/** Postings read per request of one term's list (DynamoDB `Limit`: postings read, before filters). */
export const POSTINGS_PER_READ = 2_500;
/**
 * The first read of each list is short: a rare word's list ends there, and then a common word beside it
 * has cost no more than this.
 */
export const FIRST_READ = 250;
/**
 * Postings read at most per term and search: a word in most cases (`budget` at 100,000 cases) is not read
 * to its end; the answer then says `partial` and suggests a filter or another word.
 */
export const MAX_POSTINGS_PER_TERM = 20_000;
/** Candidates checked at most per page (their cases read); beyond, the page ends early with a cursor. */
export const MAX_EXAMINED_PER_PAGE = 1_000;
/**
 * Candidates whose other terms and cases are read together: a page's worth, so a one-word search reads
 * the cases it shows and no more (a case item is several kilobytes), at most a BatchGetItem's 100 keys.
 */
const chunkSize = (limit: number): number => Math.min(50, Math.max(limit, 10));

/** One read of a term's postings: the cases found (filters and scope applied) and where to go on. */
export interface PostingRead {
  readonly postings: readonly Candidate[];
  /** How many postings the read went through (filters drop some). */
  readonly read: number;
  /** Opaque: where the next read starts; absent when the list is read to its end. */
  readonly next?: unknown;
}

/** What a search needs from the index and the table. */
export interface SearchIndexReader {
  /** Postings of `term` that pass `filters` and `scope`, from `start`, reading at most `limit`. */
  readPostings(
    term: string,
    filters: SearchFilters,
    scope: Scope,
    start: unknown,
    limit: number,
  ): Promise<PostingRead>;
  /** Which of `caseIds` have a posting of `term` (any source). */
  casesWithTerm(term: string, caseIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** The cases (and their reviews) as they are now, strongly consistent; missing ones absent. */
  loadCases(
    caseIds: readonly string[],
  ): Promise<ReadonlyMap<string, { readonly case: RiskCase; readonly review?: Review }>>;
}

export interface SearchRequest {
  readonly q: string;
  readonly filters: SearchFilters;
  /** The caller's scope: nothing it does not cover is read or shown. */
  readonly scope: Scope;
  readonly limit: number;
  readonly cursor?: string;
}

/** A page of search results; `partial` when a word was too common to read all its postings. */
export interface SearchPage extends Page<RiskCase> {
  readonly partial?: boolean;
  /** What to do about a partial answer, in English (the web app says it in the reader's language). */
  readonly hint?: string;
}

interface TermList {
  readonly term: string;
  /** Case id → newest `lastSeenAt` among its postings read so far. */
  readonly cases: Map<string, string>;
  read: number;
  next: unknown;
  complete: boolean;
}

/**
 * Reads every term's posting list a page at a time, all terms side by side, until one list is read to
 * its end (the shortest, which then drives) or every list reached its cap (the answer is then partial).
 */
const readLists = async (
  terms: readonly string[],
  filters: SearchFilters,
  scope: Scope,
  index: SearchIndexReader,
): Promise<TermList[]> => {
  const lists: TermList[] = terms.map((term) => ({
    term,
    cases: new Map(),
    read: 0,
    next: undefined,
    complete: false,
  }));
  // Postings follow `lastSeenAt` only a day at a time: widen `from` by as much, the case check is exact.
  const widened =
    filters.from === undefined
      ? filters
      : { ...filters, from: new Date(Date.parse(filters.from) - LAST_SEEN_LAG_MS).toISOString() };
  for (let round = 0; ; round += 1) {
    const live = lists.filter((list) => !list.complete && list.read < MAX_POSTINGS_PER_TERM);
    if (live.length === 0 || lists.some((list) => list.complete)) return lists;
    const limit = round === 0 ? FIRST_READ : POSTINGS_PER_READ;
    await Promise.all(
      live.map(async (list) => {
        const read = await index.readPostings(
          list.term,
          widened,
          scope,
          list.next,
          Math.min(limit, MAX_POSTINGS_PER_TERM - list.read),
        );
        for (const posting of read.postings) {
          const known = list.cases.get(posting.caseId);
          if (known === undefined || known < posting.lastSeenAt)
            list.cases.set(posting.caseId, posting.lastSeenAt);
        }
        list.read += read.read;
        list.next = read.next;
        list.complete = read.next === undefined;
      }),
    );
  }
};

/** The chunk's cases that hold every other term: from the lists read, else by asking the index. */
const holdingAll = async (
  chunk: readonly Candidate[],
  others: readonly TermList[],
  index: SearchIndexReader,
): Promise<string[]> => {
  let ids = chunk.map((candidate) => candidate.caseId);
  for (const other of others) {
    if (ids.length === 0) break;
    const unknown = other.complete ? [] : ids.filter((id) => !other.cases.has(id));
    const found = unknown.length === 0 ? new Set<string>() : await index.casesWithTerm(other.term, unknown);
    ids = ids.filter((id) => other.cases.has(id) || found.has(id));
  }
  return ids;
};

/**
 * Searches the case library: the cases the caller's scope covers whose texts hold every word of `q` and
 * that pass the filters, newest first (`lastSeenAt`), a page at a time. Reads the posting lists of the
 * query's terms (never the cases table as a whole): the shortest list drives, the others are intersected
 * with it, and each case shown is read and checked as it is now.
 *
 * @throws {ValidationError} for a query without words or with too many, or a cursor of another search.
 */
export const searchCases = async (request: SearchRequest, index: SearchIndexReader): Promise<SearchPage> => {
  const terms = searchTermsOf(request.q);
  const fingerprint = searchFingerprint(terms, request.filters, request.scope);
  const after = request.cursor === undefined ? undefined : decodeSearchCursor(request.cursor, fingerprint);
  const lists = await readLists(terms, request.filters, request.scope, index);
  const complete = lists.filter((list) => list.complete);
  const [driver] = (complete.length > 0 ? complete : lists).sort((a, b) => a.cases.size - b.cases.size);
  if (driver === undefined) return { items: [] };
  const others = lists.filter((list) => list !== driver);
  const candidates = [...driver.cases]
    .map(([caseId, lastSeenAt]) => ({ caseId, lastSeenAt }))
    .filter((candidate) => after === undefined || positionOf(candidate) < after)
    .sort(newestFirst);

  const items: RiskCase[] = [];
  let examined = 0;
  let resumeAfter: string | undefined;
  const chunk = chunkSize(request.limit);
  scan: for (let start = 0; start < candidates.length; start += chunk) {
    const batch = candidates.slice(start, start + chunk);
    const holders = new Set(await holdingAll(batch, others, index));
    const loaded = holders.size === 0 ? new Map() : await index.loadCases([...holders]);
    for (const [offset, candidate] of batch.entries()) {
      examined += 1;
      const found = holders.has(candidate.caseId) ? loaded.get(candidate.caseId) : undefined;
      if (
        found !== undefined &&
        caseMatches(found.case, found.review, terms, request.filters, request.scope)
      ) {
        items.push(found.case);
      }
      const more = start + offset + 1 < candidates.length;
      if (more && (items.length >= request.limit || examined >= MAX_EXAMINED_PER_PAGE)) {
        resumeAfter = positionOf(candidate);
        break scan;
      }
    }
  }

  const sorted = items.sort((a, b) => newestFirst(a, b));
  const partial = !driver.complete;
  return {
    items: sorted,
    ...(resumeAfter === undefined ? {} : { cursor: encodeSearchCursor(fingerprint, resumeAfter) }),
    ...(partial
      ? {
          partial: true,
          hint: `"${driver.term}" and the other words are in too many cases to search them all: add a filter (level, status, brand, campaign, dates) or a rarer word`,
        }
      : {}),
  };
};

/**
 * `GET /v1/cases?q=` for a person: their scope, and `owner=me` as their username, as the plain list does.
 *
 * @example searchCasesFor(principal, { q: 'supplier', status: 'resolved', limit: 20 }, searchIndex())
 */
export const searchCasesFor = (
  principal: Principal,
  query: SearchFilters & { readonly q: string; readonly limit: number; readonly cursor?: string | undefined },
  index: SearchIndexReader,
): Promise<SearchPage> => {
  const { q, limit, cursor, ...filters } = query;
  const owner =
    filters.owner === OWNER_ME && principal.kind === 'person' ? principal.username : filters.owner;
  return searchCases(
    {
      q,
      filters: { ...filters, ...(owner === undefined ? {} : { owner }) },
      scope: scopeOfPrincipal(principal),
      limit,
      ...(cursor === undefined ? {} : { cursor }),
    },
    index,
  );
};
