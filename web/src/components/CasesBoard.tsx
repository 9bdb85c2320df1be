import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { POLL_MS, useResource } from '../hooks.ts';
import { navigate, useLocation, withQuery } from '../router.ts';
import type { Case } from '../types.ts';
import { CaseList } from './CaseList.tsx';
import { EmptyState, ErrorNotice, Loading, PageTitle, SelectField } from './common.tsx';
import { type Cell, HeatMap } from './HeatMap.tsx';

const byLastSeen = (a: Case, b: Case): number => b.lastSeenAt.localeCompare(a.lastSeenAt);

const LEVEL_CHOICES = [
  ['', 'Red and yellow'],
  ['red', 'Red only'],
  ['yellow', 'Yellow only'],
] as const;
const STATUS_CHOICES = [
  ['', 'Open and acknowledged'],
  ['open', 'Open (not acknowledged)'],
  ['acknowledged', 'Acknowledged'],
] as const;

/**
 * Managers' board: the risk-matrix heat map of unresolved cases and the list of open red and yellow cases,
 * newest first, refreshed every few seconds. The cell and level filters live in the URL, so a filtered view
 * can be shared.
 */
export const CasesBoard = () => {
  const { api, announce } = useApp();
  const location = useLocation();
  const board = useResource(
    async () => {
      const [open, acknowledged] = await Promise.all([api.allCases('open'), api.allCases('acknowledged')]);
      return [...open, ...acknowledged].sort(byLastSeen);
    },
    [api],
    { pollMs: POLL_MS },
  );
  const known = useRef<ReadonlySet<string> | undefined>(undefined);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (board.data === undefined) return;
    const ids = new Set(board.data.map((item) => item.caseId));
    const previous = known.current;
    known.current = ids;
    if (previous === undefined) return;
    const added = board.data.filter((item) => !previous.has(item.caseId));
    if (added.length === 0) return;
    setFresh(new Set(added.map((item) => item.caseId)));
    const red = added.filter((item) => item.level === 'red').length;
    announce(
      `${added.length} new ${added.length === 1 ? 'case' : 'cases'}${red > 0 ? `, ${red} red` : ''}: ${added
        .slice(0, 3)
        .map((item) => item.subject.label)
        .join('; ')}`,
    );
  }, [board.data]);

  const probability = location.query.get('p') ?? undefined;
  const impact = location.query.get('i') ?? undefined;
  const cell: Cell | undefined =
    probability !== undefined && impact !== undefined ? { probability, impact } : undefined;
  const level = location.query.get('level') ?? '';
  const status = location.query.get('status') ?? '';

  const all = board.data ?? [];
  const shown = all.filter(
    (item) =>
      (cell === undefined || (item.probability === cell.probability && item.impact === cell.impact)) &&
      (level === '' ? item.level === 'red' || item.level === 'yellow' : item.level === level) &&
      (status === '' || item.status === status),
  );
  const counts = {
    red: all.filter((item) => item.level === 'red').length,
    yellow: all.filter((item) => item.level === 'yellow').length,
    open: all.filter((item) => item.status === 'open').length,
  };

  const setFilter = (changes: Record<string, string | undefined>): void =>
    navigate(withQuery(location, changes), { replace: true });

  return (
    <>
      <PageTitle
        aside={
          <p class="summary">
            <span class="visually-hidden">Unresolved cases:</span>
            <span class="summary-item summary-red">
              <strong>{counts.red}</strong> red
            </span>
            <span class="summary-item summary-yellow">
              <strong>{counts.yellow}</strong> yellow
            </span>
            <span class="summary-item">
              <strong>{counts.open}</strong> not acknowledged
            </span>
          </p>
        }
      >
        Open cases
      </PageTitle>
      {board.error !== undefined && (
        <ErrorNotice
          error={board.error}
          context={
            board.data === undefined ? 'The cases could not be loaded.' : 'The cases could not be refreshed.'
          }
          retry={board.refresh}
        />
      )}
      {board.loading && board.data === undefined ? (
        <Loading what="cases" />
      ) : (
        <div class="board">
          <section class="panel board-matrix" aria-label="Risk matrix">
            <HeatMap
              cases={all}
              selected={cell}
              onSelect={(next) => setFilter({ p: next?.probability, i: next?.impact })}
            />
            <p class="legend">
              <span class="legend-item">
                <span class="swatch level-cell-red" aria-hidden="true" /> Red · urgent: respond now
              </span>
              <span class="legend-item">
                <span class="swatch level-cell-yellow" aria-hidden="true" /> Yellow · needs attention
              </span>
              <span class="legend-item">
                <span class="swatch level-cell-green" aria-hidden="true" /> Green · normal
              </span>
            </p>
          </section>
          <section class="board-list" aria-labelledby="list-title">
            <div class="list-toolbar">
              <h2 id="list-title">
                {cell === undefined
                  ? 'Red and yellow cases'
                  : `Cases at ${cell.probability} × ${cell.impact}`}{' '}
                <span class="count">{shown.length}</span>
              </h2>
              <div class="filters">
                <SelectField
                  inline
                  label="Level"
                  value={level}
                  options={LEVEL_CHOICES}
                  onChange={(value) => setFilter({ level: value })}
                />
                <SelectField
                  inline
                  label="Status"
                  value={status}
                  options={STATUS_CHOICES}
                  onChange={(value) => setFilter({ status: value })}
                />
                {cell !== undefined && (
                  <button
                    type="button"
                    class="button button-small button-quiet"
                    onClick={() => setFilter({ p: undefined, i: undefined })}
                  >
                    Clear cell filter
                  </button>
                )}
              </div>
            </div>
            {shown.length === 0 ? (
              <EmptyState
                title={all.length === 0 ? 'No open cases. All quiet.' : 'No case matches these filters.'}
              >
                {all.length === 0
                  ? 'Yellow and red events open a case here within seconds; this page refreshes by itself.'
                  : 'Clear the cell or level filter to see the others.'}
              </EmptyState>
            ) : (
              <CaseList cases={shown} fresh={fresh} label="Cases, newest first" />
            )}
          </section>
        </div>
      )}
    </>
  );
};
