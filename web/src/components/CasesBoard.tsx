import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { POLL_MS, useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { navigate, useLocation, withQuery } from '../router.ts';
import type { Case } from '../types.ts';
import { CaseList } from './CaseList.tsx';
import { EmptyState, ErrorNotice, Loading, PageTitle, SelectField } from './common.tsx';
import { type Cell, HeatMap } from './HeatMap.tsx';
import { ME, MineToggle, useMine } from './MineToggle.tsx';

const byLastSeen = (a: Case, b: Case): number => b.lastSeenAt.localeCompare(a.lastSeenAt);

/**
 * Managers' board: the risk-matrix heat map of unresolved cases and the list of open red and yellow cases,
 * newest first, refreshed every few seconds. The cell, level and status filters and "my cases" (`owner=me`:
 * the heat map and the list count only the caller's cases) live in the URL, so a filtered view can be shared.
 */
export const CasesBoard = () => {
  const { api, announce } = useApp();
  const t = useT();
  const format = useFormat();
  const location = useLocation();
  const mine = useMine();
  const board = useResource(
    async () => {
      const query = mine ? { owner: ME } : {};
      const [open, acknowledged] = await Promise.all([
        api.allCases('open', undefined, query),
        api.allCases('acknowledged', undefined, query),
      ]);
      return [...open, ...acknowledged].sort(byLastSeen);
    },
    [api, mine],
    { pollMs: POLL_MS },
  );
  const known = useRef<ReadonlySet<string> | undefined>(undefined);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());

  // Switching between all cases and mine is not news: start over.
  useEffect(() => {
    known.current = undefined;
    setFresh(new Set());
  }, [mine]);

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
      t('core.board.newCases', {
        n: added.length,
        red,
        subjects: added
          .slice(0, 3)
          .map((item) => format.subject(item.subject))
          .join('; '),
      }),
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
            <span class="visually-hidden">{t('core.board.unresolved')}</span>
            <span class="summary-item summary-red">
              <strong>{format.number(counts.red)}</strong> {t('core.board.countRed')}
            </span>
            <span class="summary-item summary-yellow">
              <strong>{format.number(counts.yellow)}</strong> {t('core.board.countYellow')}
            </span>
            <span class="summary-item">
              <strong>{format.number(counts.open)}</strong> {t('core.board.countOpen')}
            </span>
          </p>
        }
      >
        {t('core.board.title')}
      </PageTitle>
      {board.error !== undefined && (
        <ErrorNotice
          error={board.error}
          context={board.data === undefined ? t('core.board.loadFailed') : t('core.board.refreshFailed')}
          retry={board.refresh}
        />
      )}
      {board.loading && board.data === undefined ? (
        <Loading what={t('core.board.loadingWhat')} />
      ) : (
        <div class="board">
          <section class="panel board-matrix" aria-label={t('core.heatMap.label')}>
            <HeatMap
              cases={all}
              selected={cell}
              onSelect={(next) => setFilter({ p: next?.probability, i: next?.impact })}
            />
            <p class="legend">
              <span class="legend-item">
                <span class="swatch level-cell-red" aria-hidden="true" /> {t('core.board.legendRed')}
              </span>
              <span class="legend-item">
                <span class="swatch level-cell-yellow" aria-hidden="true" /> {format.level('yellow')}
              </span>
              <span class="legend-item">
                <span class="swatch level-cell-green" aria-hidden="true" /> {format.level('green')}
              </span>
            </p>
          </section>
          <section class="board-list" aria-labelledby="list-title">
            <div class="list-toolbar">
              <h2 id="list-title">
                {cell === undefined
                  ? t('core.board.listTitle')
                  : t('core.board.listTitleCell', {
                      probability: format.grade(cell.probability),
                      impact: format.grade(cell.impact),
                    })}{' '}
                <span class="count">{shown.length}</span>
              </h2>
              <div class="filters">
                <MineToggle />
                <SelectField
                  inline
                  label={t('core.board.level')}
                  value={level}
                  options={[
                    ['', t('core.board.levelRedYellow')],
                    ['red', t('core.board.levelRed')],
                    ['yellow', t('core.board.levelYellow')],
                  ]}
                  onChange={(value) => setFilter({ level: value })}
                />
                <SelectField
                  inline
                  label={t('core.board.status')}
                  value={status}
                  options={[
                    ['', t('core.board.statusUnresolved')],
                    ['open', t('core.board.statusOpen')],
                    ['acknowledged', format.status('acknowledged')],
                  ]}
                  onChange={(value) => setFilter({ status: value })}
                />
                {cell !== undefined && (
                  <button
                    type="button"
                    class="button button-small button-quiet"
                    onClick={() => setFilter({ p: undefined, i: undefined })}
                  >
                    {t('core.board.clearCell')}
                  </button>
                )}
              </div>
            </div>
            {shown.length === 0 ? (
              <EmptyState
                title={
                  all.length > 0
                    ? t('core.board.noMatchTitle')
                    : mine
                      ? t('casework.mine.emptyTitle')
                      : t('core.board.emptyTitle')
                }
              >
                {all.length > 0
                  ? t('core.board.noMatchBody')
                  : mine
                    ? t('casework.mine.emptyBody')
                    : t('core.board.emptyBody')}
              </EmptyState>
            ) : (
              <CaseList cases={shown} fresh={fresh} label={t('core.board.listLabel')} />
            )}
          </section>
        </div>
      )}
    </>
  );
};
