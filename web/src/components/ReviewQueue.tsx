import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { DECISION_LABELS, formatAgo, formatDateTime, LANGUAGE_NAMES } from '../format.ts';
import { POLL_MS, useResource } from '../hooks.ts';
import type { Decision, Finding, Review } from '../types.ts';
import { CopyText, FindingCard } from './CopyText.tsx';
import { EmptyState, ErrorNotice, LevelBadge, Loading, PageTitle } from './common.tsx';
import { DecisionForm, NOTE_FIELD_ID } from './DecisionForm.tsx';
import { isTyping, type Shortcut, ShortcutHelp } from './ShortcutHelp.tsx';

/**
 * What the findings ask of legal beyond a decision: an advisory is a claim the law allows only with the
 * proof it cites (green; verify the source before approving), a coverage finding says no rule pack covers
 * the copy's market and language, so nothing was checked automatically.
 */
export const OutcomeNotes = ({ findings, text }: { findings: readonly Finding[]; text: string }) => {
  const advisories = findings.filter((finding) => finding.outcome === 'advisory');
  const uncovered = findings.filter((finding) => finding.outcome === 'coverage');
  if (advisories.length === 0 && uncovered.length === 0) return null;
  return (
    <ul class="outcome-notes">
      {advisories.map((finding) => (
        <li key={`advisory-${finding.ruleId}`} class="outcome-advisory">
          <strong>Verify the source</strong> — <code>{finding.ruleId}</code>:{' '}
          {(finding.evidence ?? []).map((span) => `“${text.slice(span.start, span.end)}”`).join(', ')} is
          lawful only if the source it cites holds (advisory, green).
        </li>
      ))}
      {uncovered.map((finding) => (
        <li key={`coverage-${finding.language ?? ''}`} class="outcome-coverage">
          <strong>Not checked automatically — review by hand</strong>: {finding.message}
        </li>
      ))}
    </ul>
  );
};

const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j'], does: 'Next copy in the queue' },
  { keys: ['k'], does: 'Previous copy' },
  { keys: ['a'], does: 'Approve (then write the note)' },
  { keys: ['r'], does: 'Reject (then write the note)' },
  { keys: ['c'], does: 'Request changes (then write the note)' },
  { keys: ['Ctrl + Enter'], does: 'Submit the decision' },
  { keys: ['Esc'], does: 'Leave the form, back to the queue' },
  { keys: ['?'], does: 'Show this help' },
];

const CHOICE_KEYS: Readonly<Record<string, Decision>> = {
  a: 'approved',
  r: 'rejected',
  c: 'changes_requested',
};

// The queue item to focus after the render that selects it; a decision key typed before then wins.
let pendingItemFocus: number | undefined;
const focusItem = (reviewId: string): void => {
  if (pendingItemFocus !== undefined) cancelAnimationFrame(pendingItemFocus);
  pendingItemFocus = requestAnimationFrame(() => {
    pendingItemFocus = undefined;
    document.querySelector<HTMLElement>(`[data-review-id="${reviewId}"]`)?.focus();
  });
};
const focusNote = (): void => {
  if (pendingItemFocus !== undefined) cancelAnimationFrame(pendingItemFocus);
  pendingItemFocus = undefined;
  document.getElementById(NOTE_FIELD_ID)?.focus();
};

/** Legal's queue of flagged ad copy, oldest first, reviewable with the keyboard alone. */
export const ReviewQueue = () => {
  const { api, announce } = useApp();
  const queue = useResource(() => api.reviews(), [api], { pollMs: POLL_MS });
  const reviews = queue.data?.items ?? [];
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [choice, setChoice] = useState<Decision | undefined>(undefined);
  const [help, setHelp] = useState(false);
  const [known, setKnown] = useState<ReadonlySet<string> | undefined>(undefined);

  const selectedIndex = Math.max(
    0,
    reviews.findIndex((review) => review.reviewId === selectedId),
  );
  const selected = reviews[selectedIndex];
  // What the key handler reads. Refs, not the render's values: keys typed faster than the page renders
  // (j j) must each move from where the one before left the selection.
  const reviewsNow = useRef(reviews);
  reviewsNow.current = reviews;
  const selectedNow = useRef(selectedId);
  const currentIndex = (): number =>
    Math.max(
      0,
      reviewsNow.current.findIndex((review) => review.reviewId === selectedNow.current),
    );

  // New copy arriving while legal works: say so, without moving anyone's focus.
  useEffect(() => {
    if (queue.data === undefined) return;
    const ids = new Set(queue.data.items.map((review) => review.reviewId));
    if (known !== undefined) {
      const added = [...ids].filter((id) => !known.has(id)).length;
      if (added > 0) announce(`${added} new ${added === 1 ? 'copy' : 'copies'} in the review queue`);
    }
    setKnown(ids);
  }, [queue.data]);

  const selectId = (reviewId: string | undefined): void => {
    selectedNow.current = reviewId;
    setSelectedId(reviewId);
  };

  const select = (index: number): void => {
    const all = reviewsNow.current;
    const review = all[Math.max(0, Math.min(all.length - 1, index))];
    if (review === undefined) return;
    if (review.reviewId !== all[currentIndex()]?.reviewId) setChoice(undefined);
    selectId(review.reviewId);
    focusItem(review.reviewId);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && isTyping(event.target) && selected !== undefined) {
        (event.target as HTMLElement).blur();
        focusItem(selected.reviewId);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
      } else if (event.key === 'j') {
        event.preventDefault();
        select(currentIndex() + 1);
      } else if (event.key === 'k') {
        event.preventDefault();
        select(currentIndex() - 1);
      } else {
        const decision = CHOICE_KEYS[event.key];
        if (decision === undefined || selected === undefined) return;
        event.preventDefault();
        setChoice(decision);
        // At once, not after the next render: the note field is always there, and the keys typed right
        // after the choice are the note ("Please add…" must not choose "a"pprove on the way).
        focusNote();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const onDecided = (review: Review, decision: Decision): void => {
    announce(`Copy ${review.copy.copyId} ${DECISION_LABELS[decision].toLowerCase()}. Next copy selected.`);
    const next = reviews[selectedIndex + 1] ?? reviews[selectedIndex - 1];
    setChoice(undefined);
    selectId(next?.reviewId);
    if (next !== undefined) focusItem(next.reviewId);
    void queue.refresh();
  };

  return (
    <>
      <PageTitle
        aside={
          <button type="button" class="button button-quiet" onClick={() => setHelp(true)}>
            Keyboard shortcuts <kbd>?</kbd>
          </button>
        }
      >
        Review queue
      </PageTitle>
      <p class="lede">
        Flagged ad copy, oldest first. <kbd>j</kbd> / <kbd>k</kbd> move through the queue; <kbd>a</kbd>{' '}
        approve, <kbd>r</kbd> reject, <kbd>c</kbd> request changes.
      </p>
      {queue.error !== undefined && (
        <ErrorNotice
          error={queue.error}
          context="The review queue could not be refreshed."
          retry={queue.refresh}
        />
      )}
      {queue.loading && queue.data === undefined ? (
        <Loading what="the review queue" />
      ) : reviews.length === 0 && queue.data !== undefined ? (
        <EmptyState title="Nothing to review.">
          New ad copy that breaks a rule appears here by itself within a few seconds.
        </EmptyState>
      ) : (
        <div class="split">
          <nav class="queue" aria-label={`Review queue, ${reviews.length} waiting`}>
            <h2 class="queue-title">
              Waiting <span class="count">{reviews.length}</span>
            </h2>
            <ol>
              {reviews.map((review, index) => (
                <li key={review.reviewId}>
                  <button
                    type="button"
                    class="queue-item"
                    data-review-id={review.reviewId}
                    aria-current={index === selectedIndex ? 'true' : undefined}
                    onClick={() => select(index)}
                  >
                    <span class="queue-item-head">
                      <LevelBadge level={review.level} short />
                      <span class="queue-meta">
                        {review.copy.brand} · {review.copy.market} · {LANGUAGE_NAMES[review.copy.lang]}
                      </span>
                    </span>
                    <span class="queue-text" lang={review.copy.lang}>
                      {review.copy.text}
                    </span>
                    <span class="queue-age">waiting since {formatAgo(review.createdAt)}</span>
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          {selected !== undefined && (
            <article class="review panel" aria-labelledby="review-title" key={selected.reviewId}>
              <header class="review-head">
                <h2 id="review-title">
                  Copy <code>{selected.copy.copyId}</code>
                </h2>
                <LevelBadge level={selected.level} />
              </header>
              <dl class="facts">
                <div>
                  <dt>Brand</dt>
                  <dd>{selected.copy.brand}</dd>
                </div>
                <div>
                  <dt>Market</dt>
                  <dd>{selected.copy.market}</dd>
                </div>
                <div>
                  <dt>Category</dt>
                  <dd>{selected.copy.category}</dd>
                </div>
                {selected.copy.campaignId !== undefined && (
                  <div>
                    <dt>Campaign</dt>
                    <dd>{selected.copy.campaignId}</dd>
                  </div>
                )}
                <div>
                  <dt>Round</dt>
                  <dd>{selected.round}</dd>
                </div>
                <div>
                  <dt>Received</dt>
                  <dd>{formatDateTime(selected.createdAt)}</dd>
                </div>
              </dl>
              <CopyText copy={selected.copy} findings={selected.findings} />
              <h3>
                Findings <span class="count">{selected.findings.length}</span>
              </h3>
              <OutcomeNotes findings={selected.findings} text={selected.copy.text} />
              <ol class="findings">
                {selected.findings.map((finding, index) => (
                  <FindingCard
                    key={`${finding.ruleId}-${index}`}
                    finding={finding}
                    index={index}
                    text={selected.copy.text}
                  />
                ))}
              </ol>
              <DecisionForm review={selected} choice={choice} onChoice={setChoice} onDecided={onDecided} />
            </article>
          )}
        </div>
      )}
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={SHORTCUTS} />
    </>
  );
};
