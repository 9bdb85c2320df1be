import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { POLL_MS, useResource } from '../hooks.ts';
import { Rich, type T, useFormat, useT } from '../i18n/index.tsx';
import type { Decision, Finding, Review } from '../types.ts';
import { CopyText, FindingCard } from './CopyText.tsx';
import { EmptyState, ErrorNotice, LevelBadge, Loading, PageTitle, SelectField } from './common.tsx';
import { DecisionForm, NOTE_FIELD_ID } from './DecisionForm.tsx';
import { ExportButton } from './ExportButton.tsx';
import { isTyping, type Shortcut, ShortcutHelp } from './ShortcutHelp.tsx';

/**
 * What the findings ask of legal beyond a decision: an advisory is a claim the law allows only with the
 * proof it cites (green; verify the source before approving), a coverage finding says no rule pack covers
 * the copy's market and language, so nothing was checked automatically.
 */
export const OutcomeNotes = ({ findings, text }: { findings: readonly Finding[]; text: string }) => {
  const advisories = findings.filter((finding) => finding.outcome === 'advisory');
  const uncovered = findings.filter((finding) => finding.outcome === 'coverage');
  const t = useT();
  if (advisories.length === 0 && uncovered.length === 0) return null;
  return (
    <ul class="outcome-notes">
      {advisories.map((finding) => (
        <li key={`advisory-${finding.ruleId}`} class="outcome-advisory">
          <Rich
            id="core.queue.advisory"
            elements={{
              verify: <strong>{t('core.queue.verifySource')}</strong>,
              rule: <code>{finding.ruleId}</code>,
            }}
            values={{
              quoted: (finding.evidence ?? [])
                .map((span) => `“${text.slice(span.start, span.end)}”`)
                .join(t('core.queue.listSeparator')),
            }}
          />
        </li>
      ))}
      {uncovered.map((finding) => (
        <li key={`coverage-${finding.language ?? ''}`} class="outcome-coverage">
          <strong>{t('core.queue.notChecked')}</strong>
          {t('core.queue.notCheckedMessage', { message: finding.message })}
        </li>
      ))}
    </ul>
  );
};

const shortcutsOf = (t: T): readonly Shortcut[] => [
  { keys: ['j'], does: t('core.shortcut.next') },
  { keys: ['k'], does: t('core.shortcut.previous') },
  { keys: ['a'], does: t('core.shortcut.approve') },
  { keys: ['r'], does: t('core.shortcut.reject') },
  { keys: ['c'], does: t('core.shortcut.changes') },
  { keys: ['Ctrl + Enter'], does: t('core.shortcut.submit') },
  { keys: ['Esc'], does: t('core.shortcut.leave') },
  { keys: ['?'], does: t('core.shortcut.help') },
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
  const t = useT();
  const format = useFormat();
  const queue = useResource(() => api.reviews(), [api], { pollMs: POLL_MS });
  const reviews = queue.data?.items ?? [];
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [choice, setChoice] = useState<Decision | undefined>(undefined);
  const [help, setHelp] = useState(false);
  // Which reviews Export CSV writes: the queue as shown, or the copies legal decided one way.
  const [exportStatus, setExportStatus] = useState('pending');
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
      if (added > 0) announce(t('core.queue.newCopies', { n: added }));
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
    announce(t('core.queue.decided', { copyId: review.copy.copyId, decision }));
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
          <div class="title-actions">
            <SelectField
              inline
              label={t('casework.export.reviewStatus')}
              value={exportStatus}
              options={[
                ['pending', t('casework.export.pending')],
                ...(['approved', 'rejected', 'changes_requested'] as const).map(
                  (decision): [string, string] => [decision, format.decision(decision)],
                ),
              ]}
              onChange={setExportStatus}
            />
            <ExportButton
              path="/exports/reviews.csv"
              query={{ status: exportStatus }}
              fallbackName="reviews.csv"
              label={t('casework.export.csv')}
              accessibleLabel={t('casework.export.csvLabel', { what: t('casework.export.reviews') })}
            />
            <button type="button" class="button button-quiet" onClick={() => setHelp(true)}>
              {t('core.shortcut.title')} <kbd>?</kbd>
            </button>
          </div>
        }
      >
        {t('core.nav.reviews')}
      </PageTitle>
      <p class="lede">
        <Rich
          id="core.queue.lede"
          elements={{
            j: <kbd>j</kbd>,
            k: <kbd>k</kbd>,
            a: <kbd>a</kbd>,
            r: <kbd>r</kbd>,
            c: <kbd>c</kbd>,
          }}
        />
      </p>
      {queue.error !== undefined && (
        <ErrorNotice error={queue.error} context={t('core.queue.refreshFailed')} retry={queue.refresh} />
      )}
      {queue.loading && queue.data === undefined ? (
        <Loading what={t('core.queue.loadingWhat')} />
      ) : reviews.length === 0 && queue.data !== undefined ? (
        <EmptyState title={t('core.queue.emptyTitle')}>{t('core.queue.emptyBody')}</EmptyState>
      ) : (
        <div class="split">
          <nav class="queue" aria-label={t('core.queue.navLabel', { n: reviews.length })}>
            <h2 class="queue-title">
              {t('core.queue.waiting')} <span class="count">{reviews.length}</span>
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
                        {review.copy.brand} · {review.copy.market} · {format.copyLanguage(review.copy.lang)}
                      </span>
                    </span>
                    <span class="queue-text" lang={review.copy.lang}>
                      {review.copy.text}
                    </span>
                    <span class="queue-age">
                      {t('core.queue.waitingSince', { ago: format.ago(review.createdAt) })}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          {selected !== undefined && (
            <article class="review panel" aria-labelledby="review-title" key={selected.reviewId}>
              <header class="review-head">
                <h2 id="review-title">
                  <Rich id="core.queue.copyTitle" elements={{ id: <code>{selected.copy.copyId}</code> }} />
                </h2>
                <LevelBadge level={selected.level} />
              </header>
              <dl class="facts">
                <div>
                  <dt>{t('core.case.brand')}</dt>
                  <dd>{selected.copy.brand}</dd>
                </div>
                <div>
                  <dt>{t('core.case.market')}</dt>
                  <dd>{selected.copy.market}</dd>
                </div>
                <div>
                  <dt>{t('core.queue.category')}</dt>
                  <dd>{selected.copy.category}</dd>
                </div>
                {selected.copy.campaignId !== undefined && (
                  <div>
                    <dt>{t('core.case.campaign')}</dt>
                    <dd>{selected.copy.campaignId}</dd>
                  </div>
                )}
                <div>
                  <dt>{t('core.queue.round')}</dt>
                  <dd>{format.number(selected.round)}</dd>
                </div>
                <div>
                  <dt>{t('core.queue.received')}</dt>
                  <dd>{format.dateTime(selected.createdAt)}</dd>
                </div>
              </dl>
              <CopyText copy={selected.copy} findings={selected.findings} />
              <h3>
                {t('core.case.findings')} <span class="count">{selected.findings.length}</span>
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
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={shortcutsOf(t)} />
    </>
  );
};
