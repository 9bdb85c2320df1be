import type { RiskCase } from '#shared/domain/case.ts';
import type { Review } from '#shared/domain/review.ts';
import {
  attributesChanged,
  caseTexts,
  diffPostings,
  NO_CHANGES,
  type PostingChanges,
  postingAttributes,
  reviewTexts,
  termsOf,
} from '#shared/search/postings.ts';

/** What the indexer needs from the table: the current case and review, and writing postings. */
export interface SearchIndexWriter {
  /** The case as it is now (strongly consistent), or undefined. */
  currentCase(caseId: string): Promise<RiskCase | undefined>;
  /** Legal's review of the case as it is now (strongly consistent), or undefined. */
  currentReview(caseId: string): Promise<Review | undefined>;
  /** Puts and deletes postings; idempotent. */
  apply(changes: PostingChanges): Promise<void>;
}

/** One change of an indexed item, as the table stream reports it (old and new image). */
export type IndexedChange =
  | { readonly kind: 'case'; readonly caseId: string; readonly before?: RiskCase; readonly after?: RiskCase }
  | { readonly kind: 'review'; readonly caseId: string; readonly before?: Review; readonly after?: Review };

const merge = (changes: readonly PostingChanges[]): PostingChanges => ({
  put: changes.flatMap((change) => change.put),
  remove: changes.flatMap((change) => change.remove),
});

const sameTerms = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((term, index) => term === b[index]);

/**
 * Brings the index in line with one change of a case or a review: the terms the item lost are deleted,
 * the terms it gained are put. A review's postings carry its case's attributes, so a case whose filter
 * fields changed rewrites its review's postings too, and a review reads its case for them. Reading the
 * other item as it is now (not as the stream saw it) makes records handled in any order, or twice, end in
 * the same index.
 */
export const indexChange = async (
  change: IndexedChange,
  index: SearchIndexWriter,
): Promise<PostingChanges> => {
  // A crisis drill's case is no case of the library: search never finds it (shared/domain/drill.ts).
  if (change.kind === 'case' && (change.before?.drill ?? change.after?.drill) !== undefined)
    return NO_CHANGES;
  const changes =
    change.kind === 'case' ? await caseChanges(change, index) : await reviewChanges(change, index);
  if (changes.put.length > 0 || changes.remove.length > 0) await index.apply(changes);
  return changes;
};

const caseChanges = async (
  change: Extract<IndexedChange, { kind: 'case' }>,
  index: SearchIndexWriter,
): Promise<PostingChanges> => {
  const { before, after, caseId } = change;
  const beforeAttributes = before === undefined ? undefined : postingAttributes(before);
  const afterAttributes = after === undefined ? undefined : postingAttributes(after);
  const own = diffPostings(
    caseId,
    'case',
    before === undefined ? undefined : { terms: termsOf(caseTexts(before)), attributes: beforeAttributes },
    after === undefined ? undefined : { terms: termsOf(caseTexts(after)), attributes: afterAttributes },
  );
  // A new case, or new attributes: its review's postings carry them too, so they are rewritten with it.
  const rewritten =
    afterAttributes !== undefined &&
    (beforeAttributes === undefined || attributesChanged(beforeAttributes, afterAttributes));
  if (!rewritten) return own;
  const review = await index.currentReview(caseId);
  if (review === undefined) return own;
  const terms = termsOf(reviewTexts(review));
  const reviewed = diffPostings(
    caseId,
    'review',
    beforeAttributes === undefined ? undefined : { terms, attributes: beforeAttributes },
    { terms, attributes: afterAttributes },
  );
  return merge([own, reviewed]);
};

const reviewChanges = async (
  change: Extract<IndexedChange, { kind: 'review' }>,
  index: SearchIndexWriter,
): Promise<PostingChanges> => {
  const before = change.before === undefined ? [] : termsOf(reviewTexts(change.before));
  const after = change.after === undefined ? [] : termsOf(reviewTexts(change.after));
  if (sameTerms(before, after)) return NO_CHANGES;
  const current = await index.currentCase(change.caseId);
  const attributes = current === undefined ? undefined : postingAttributes(current);
  return diffPostings(
    change.caseId,
    'review',
    { terms: before, ...(attributes === undefined ? {} : { attributes }) },
    { terms: after, ...(attributes === undefined ? {} : { attributes }) },
  );
};

/**
 * Indexes the changes of one stream batch: each case's changes in stream order (a later change may put
 * back a term an earlier one deleted), different cases at the same time. Returns the position of the
 * first change that failed, from which the stream must deliver again (`batchItemFailures`), or undefined.
 * Changes after it that were indexed are indexed again on redelivery, in order, which changes nothing.
 */
export const indexBatch = async (
  changes: readonly (IndexedChange | undefined)[],
  index: SearchIndexWriter,
  onError: (change: IndexedChange, error: unknown) => void = () => {},
): Promise<number | undefined> => {
  const byCase = new Map<string, number[]>();
  for (const [position, change] of changes.entries()) {
    if (change === undefined) continue;
    byCase.set(change.caseId, [...(byCase.get(change.caseId) ?? []), position]);
  }
  const failed: number[] = [];
  await Promise.all(
    [...byCase.values()].map(async (positions) => {
      for (const position of positions) {
        const change = changes[position];
        if (change === undefined) continue;
        try {
          await indexChange(change, index);
        } catch (error) {
          onError(change, error);
          failed.push(position);
          return;
        }
      }
    }),
  );
  return failed.length === 0 ? undefined : Math.min(...failed);
};
