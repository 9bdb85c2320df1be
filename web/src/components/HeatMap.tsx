import type { ComponentChildren } from 'preact';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { useApp } from '../context.ts';
import type { Format } from '../format.ts';
import { useResource } from '../hooks.ts';
import { type T, useFormat, useT } from '../i18n/index.tsx';
import { asMatrix, levelTone, type MatrixDocument } from '../policy-edit.ts';
import type { Case } from '../types.ts';
import { ErrorNotice, Loading } from './common.tsx';

export interface Cell {
  readonly probability: string;
  readonly impact: string;
}

/** How often the heat map re-reads the matrix in force (a manager may publish a new one meanwhile). */
const MATRIX_POLL_MS = 60_000;

/**
 * The matrix in force (GET /v1/policies/matrix → `effective`): the shipped 3×3 until a manager publishes
 * another, then that one — 5×5 if so — with its version stamp.
 */
export const useMatrixInForce = () => {
  const { api } = useApp();
  const policy = useResource(() => api.policy('matrix'), [api], { pollMs: MATRIX_POLL_MS });
  // A server without the policies API (404) runs the shipped matrix: that one is in force there.
  const matrix =
    policy.error?.status === 404 && policy.data === undefined
      ? DEFAULT_MATRIX
      : asMatrix(policy.data?.effective ?? policy.data?.document);
  return { matrix, stamp: policy.data?.stamp, resource: policy };
};

/** Unresolved cases per cell: `counts[probability][impact]`. Cases outside the matrix are not counted. */
export const countByCell = (matrix: MatrixDocument, cases: readonly Case[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of cases) {
    if (matrix.cells[item.probability]?.[item.impact] === undefined) continue;
    const key = `${item.probability}|${item.impact}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

/**
 * The risk matrix in force as a heat map: probability rows (highest on top) × impact columns, each cell
 * coloured by its level and showing how many unresolved cases sit in it. A cell is a toggle button that
 * filters the case list to it.
 */
export const HeatMap = (props: {
  cases: readonly Case[];
  selected: Cell | undefined;
  onSelect: (cell: Cell | undefined) => void;
}) => {
  const t = useT();
  const inForce = useMatrixInForce();
  if (inForce.matrix === undefined) {
    return inForce.resource.error === undefined ? (
      <Loading what={t('core.heatMap.loadingWhat')} />
    ) : (
      <ErrorNotice
        error={inForce.resource.error}
        context={t('core.heatMap.loadFailed')}
        retry={inForce.resource.refresh}
      />
    );
  }
  return <HeatMapGrid {...props} matrix={inForce.matrix} stamp={inForce.stamp} />;
};

const defaultCellLabel =
  (t: T, format: Format): CellLabel =>
  ({ probability, impact, level, n }) =>
    t('core.heatMap.cell', {
      probability: format.grade(probability),
      impact: format.grade(impact),
      level: format.levelShort(level),
      n,
    });

/** A cell's accessible name from its labels and count (the brand page's weekly cells say "cases"). */
export type CellLabel = (cell: { probability: string; impact: string; level: string; n: number }) => string;

/**
 * The grid of one matrix. By default it counts `cases` per cell and its cells are toggle buttons; given
 * `counts` (per `probability|impact`, e.g. one week of the brand page) it shows those, and without
 * `onSelect` its cells are labelled pictures, not buttons.
 */
export const HeatMapGrid = ({
  cases,
  selected,
  onSelect,
  matrix,
  stamp,
  counts: given,
  caption,
  cellLabel,
  titleId = 'heatmap-title',
}: {
  cases: readonly Case[];
  selected: Cell | undefined;
  onSelect?: (cell: Cell | undefined) => void;
  matrix: MatrixDocument;
  stamp?: string | undefined;
  counts?: ReadonlyMap<string, number>;
  caption?: ComponentChildren;
  cellLabel?: CellLabel;
  titleId?: string;
}) => {
  const t = useT();
  const format = useFormat();
  const counts = given ?? countByCell(matrix, cases);
  const rows = [...matrix.probabilities].reverse();
  // Four or five impacts must still fit the board's matrix column: smaller cells and type.
  const dense = matrix.impacts.length > 3;
  return (
    <figure class={`heatmap${dense ? ' heatmap-dense' : ''}`} aria-labelledby={titleId}>
      <figcaption id={titleId} class="heatmap-title">
        {caption ?? (
          <>
            {t('core.heatMap.label')} <span class="muted">{t('core.heatMap.subtitle')}</span>
          </>
        )}
        {stamp !== undefined && stamp !== 'shipped' && <span class="muted"> · {stamp}</span>}
      </figcaption>
      <div
        class="heatmap-grid"
        data-testid="heatmap-grid"
        data-size={`${matrix.probabilities.length}x${matrix.impacts.length}`}
        style={{
          gridTemplateColumns: `auto repeat(${matrix.impacts.length}, minmax(${dense ? '3.2rem' : '5.5rem'}, 1fr))`,
        }}
      >
        <div class="heatmap-corner" aria-hidden="true">
          <span>{t('core.heatMap.probabilityAxis')}</span>
          <span>{t('core.heatMap.impactAxis')}</span>
        </div>
        {matrix.impacts.map((impact) => (
          <div key={impact} class="heatmap-axis heatmap-axis-x" aria-hidden="true">
            {format.grade(impact)}
          </div>
        ))}
        {rows.map((probability) => [
          <div key={`${probability}-label`} class="heatmap-axis heatmap-axis-y" aria-hidden="true">
            {format.grade(probability)}
          </div>,
          ...matrix.impacts.map((impact) => {
            const level = matrix.cells[probability]?.[impact] ?? '';
            const count = counts.get(`${probability}|${impact}`) ?? 0;
            const pressed = selected?.probability === probability && selected.impact === impact;
            const className = `heatmap-cell level-cell-${levelTone(matrix, level)}${count === 0 ? ' is-empty' : ''}`;
            const label = (cellLabel ?? defaultCellLabel(t, format))({
              probability,
              impact,
              level,
              n: count,
            });
            const content = (
              <>
                <span class="heatmap-count">{format.number(count)}</span>
                <span class="heatmap-level">{format.levelShort(level)}</span>
              </>
            );
            return onSelect === undefined ? (
              <div
                key={`${probability}-${impact}`}
                class={className}
                role="img"
                data-cell={`${probability}-${impact}`}
                aria-label={label}
              >
                {content}
              </div>
            ) : (
              <button
                key={`${probability}-${impact}`}
                type="button"
                class={className}
                aria-pressed={pressed}
                data-cell={`${probability}-${impact}`}
                aria-label={label}
                onClick={() => onSelect(pressed ? undefined : { probability, impact })}
              >
                {content}
              </button>
            );
          }),
        ])}
      </div>
    </figure>
  );
};
